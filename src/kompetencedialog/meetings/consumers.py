"""The live protocol at ``/ws/meetings/{code}/``: authenticate, validate, call a service.

Anyone with the code joins as a participant; a logged-in person who may change the process is a
facilitator (unless the page asks for the projector's view, which never shows hidden texts).
Every bad message gets ``{"type": "error", "detail": …}`` back on this connection only.
"""

import json
import logging
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from kompetencedialog.core.clients import scope_client_address
from kompetencedialog.lib.text import clean_texts
from kompetencedialog.meetings import services
from kompetencedialog.meetings.access import get_process_to_facilitate
from kompetencedialog.meetings.models import Meeting, Participant
from kompetencedialog.meetings.services import MeetingError

logger = logging.getLogger(__name__)

SESSION_KEY = "meetings.participant.{}"
MAX_MESSAGE = 16_000


class MeetingConsumer(AsyncWebsocketConsumer):
    meeting: Meeting
    participant: Participant | None = None
    facilitator = False

    async def connect(self) -> None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.as_projector = query.get("view", [""])[0] == "projector"
        token = query.get("participant", [""])[0]
        self.address = scope_client_address(self.scope)
        try:
            await self._identify(self.scope["url_route"]["kwargs"]["code"], token)
        except MeetingError as error:
            # Accepted first, then closed: a refusal before the handshake reaches the browser
            # as a bare 403 and code 1006, and the phone could not tell "gone" from "offline".
            # Every code answers the same way, so the handshake tells a guesser nothing.
            await self.accept()
            await self.close(code=4429 if error.code == "throttled" else 4404)
            return
        self.groups_joined = [services.group_name(self.meeting.pk, "participants")]
        if self.facilitator:
            self.groups_joined = [services.group_name(self.meeting.pk, "facilitators")]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send(text_data=json.dumps(await self._state(), ensure_ascii=False))

    async def dispatch(self, message: dict) -> None:
        """Channels' dispatch without its database clean-up before every message.

        ``AsyncConsumer.dispatch`` awaits ``aclose_old_connections()`` before each handler: a hop
        to the one sync thread and back. Every broadcast is a message to every receiver, so at
        120 contributions a second to 30 phones that was 3,600 hops a second queued on the same
        thread that stores the contributions, and the broadcasts fell seconds behind. Only the
        handlers that use the database need the clean-up, and they all run through
        ``database_sync_to_async``, which closes old connections before and after each call.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def disconnect(self, code) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    @database_sync_to_async
    def _identify(self, code: str, token: str) -> None:
        self.meeting = services.get_open_meeting(code, address=self.address)
        user = self.scope.get("user")
        if user is not None and user.is_authenticated and not self.as_projector:
            try:
                process = get_process_to_facilitate(user, self.meeting.process_id)
            except (Http404, PermissionDenied):
                process = None
            self.facilitator = process is not None
        session = self.scope.get("session")
        if not token and session is not None:
            token = session.get(SESSION_KEY.format(self.meeting.pk), "")
        if token:
            self.participant = Participant.objects.filter(meeting=self.meeting, token=token).first()

    @database_sync_to_async
    def _still_facilitator(self) -> bool:
        return self._may_facilitate()

    def _may_facilitate(self) -> bool:
        """Rights are read again for every facilitator message: a leader who removes someone's
        appointment (or role) takes the meeting out of their hands at once, not at reconnect."""
        try:
            get_process_to_facilitate(self.scope.get("user"), self.meeting.process_id)
        except (Http404, PermissionDenied):
            return False
        return True

    @database_sync_to_async
    def _state(self) -> dict:
        meeting = Meeting.objects.select_related("process").get(pk=self.meeting.pk)
        return services.state(meeting, facilitator=self.facilitator, participant=self.participant)

    # --- receiving --------------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if text_data is None or len(text_data) > MAX_MESSAGE:
            await self._error(_("Send one JSON object of at most 16,000 characters."))
            return
        try:
            message = clean_texts(json.loads(text_data))
        except ValueError:
            await self._error(_("The message is not valid JSON."))
            return
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self._error(_("The message must be a JSON object with a type."))
            return
        kind = message["type"]
        handler = PARTICIPANT_MESSAGES.get(kind)
        if handler is None and self.facilitator:
            handler = FACILITATOR_MESSAGES.get(kind)
            if handler is not None and not await self._still_facilitator():
                await self._step_down()
                await self._error(_("You no longer run this meeting."), "forbidden")
                return
        if handler is None:
            await self._error(_("Unknown message type."), "unknown_type")
            return
        try:
            reply = await database_sync_to_async(self._handle)(handler, message)
        except MeetingError as error:
            await self._error(error.detail, error.code)
            return
        except (Http404, PermissionDenied, Meeting.DoesNotExist):
            await self._error(_("Not found."), "not_found")
            return
        except Exception:
            # A bug must cost one reply, never the connection or the other participants.
            logger.exception("Live meeting message failed: %s", kind)
            await self._error(_("Something went wrong. Try again."), "server_error")
            return
        if reply is not None:
            await self.send(text_data=json.dumps(reply, ensure_ascii=False))

    def _handle(self, handler, message: dict) -> dict | None:
        services.touch(self.meeting)
        return handler(self, message)

    async def _step_down(self) -> None:
        """No longer a facilitator: hear what participants hear, and nothing more."""
        self.facilitator = False
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = [services.group_name(self.meeting.pk, "participants")]
        await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)

    async def _error(self, detail: str, code: str = "invalid") -> None:
        await self.send(text_data=json.dumps({"type": "error", "detail": detail, "code": code}))

    async def meeting_recheck(self, event: dict) -> None:
        """Someone's appointment was withdrawn: whoever lost the right steps down at once."""
        if self.facilitator and not await self._still_facilitator():
            await self._step_down()
            await self._error(_("You no longer run this meeting."), "forbidden")

    async def meeting_message(self, event: dict) -> None:
        """A broadcast from a service, already encoded once for every receiver."""
        await self.send(text_data=event["text"])

    # --- handlers (run in a worker thread; each calls one service) --------------------------

    def _participant(self, message: dict) -> Participant:
        if self.participant is None:
            name = message.get("name") if isinstance(message.get("name"), str) else ""
            self.participant = services.join_meeting(
                meeting=self.meeting,
                user=self.scope.get("user"),
                display_name=name,
                address=self.address,
            )
        return self.participant

    def contribute(self, message: dict) -> dict | None:
        result = services.contribute(
            meeting_id=self.meeting.pk,
            participant=self._participant(message),
            question=message.get("question"),
            text=message.get("text"),
            client_id=message.get("client_id"),
            address=self.address,
        )
        contribution = result.contribution
        data = services.contribution_data(contribution, self.meeting)
        if not result.created and contribution.status == "visible":
            return {"type": "contribution", **data}
        if contribution.status != "visible":
            # Not broadcast yet: tell the sender it is safely stored.
            return {"type": "received", **data}
        return None

    def vote(self, message: dict) -> dict:
        mine = services.cast_vote(
            meeting_id=self.meeting.pk,
            participant=self._participant(message),
            target=message.get("target", "contribution"),
            target_id=message.get("id"),
            dots=message.get("dots"),
        )
        return {"type": "votes", "my_votes": mine}

    def report(self, message: dict) -> dict | None:
        """A group chooses a point of its board to report back (the facilitator: any group's)."""
        as_facilitator = self.facilitator and self._may_facilitate()
        contribution = services.mark_reported(
            meeting_id=self.meeting.pk,
            participant=None if as_facilitator else self._participant(message),
            contribution_id=message.get("id"),
            reported=message.get("reported", True),
        )
        if contribution.status != "visible":  # not broadcast to the room: answer the sender
            return {"type": "reported", "id": contribution.pk, "reported": contribution.reported}
        return None

    def ping(self, message: dict) -> dict:
        return {"type": "pong"}

    def _by(self):
        return self.scope.get("user")

    def move(self, message: dict) -> None:
        step = {"next": 1, "previous": -1}.get(message["type"], 0)
        question = message.get("question") if message["type"] == "goto" else None
        services.move_question(meeting=self.meeting, by=self._by(), step=step, question=question)

    def reveal(self, message: dict) -> None:
        services.reveal(meeting=self.meeting, by=self._by(), question=message.get("question"))

    def approve(self, message: dict) -> None:
        services.approve(
            meeting=self.meeting, by=self._by(), contribution_ids=message.get("contributions")
        )

    def remove(self, message: dict) -> None:
        services.remove(
            meeting=self.meeting, by=self._by(), contribution_ids=message.get("contributions")
        )

    def lock(self, message: dict) -> None:
        services.update_meeting(
            meeting=self.meeting, by=self._by(), locked=message["type"] == "lock"
        )

    def change_settings(self, message: dict) -> None:
        changes = message.get("settings")
        if not isinstance(changes, dict):
            raise MeetingError(_("Send the settings as an object."))
        services.update_meeting(meeting=self.meeting, by=self._by(), **changes)

    def timer(self, message: dict) -> None:
        services.set_timer(meeting=self.meeting, by=self._by(), seconds=message.get("seconds"))

    def set_groups(self, message: dict) -> None:
        services.set_groups(meeting=self.meeting, by=self._by(), groups=message.get("groups"))

    def report_back(self, message: dict) -> None:
        services.report_back(meeting=self.meeting, by=self._by(), group=message.get("group"))

    def theme_create(self, message: dict) -> None:
        services.create_theme(
            meeting=self.meeting,
            by=self._by(),
            title=message.get("title"),
            contribution_ids=message.get("contributions") or [],
        )

    def theme_assign(self, message: dict) -> None:
        services.assign_theme(
            meeting=self.meeting,
            by=self._by(),
            theme_id=message.get("theme"),
            contribution_ids=message.get("contributions"),
        )

    def theme_rename(self, message: dict) -> None:
        services.rename_theme(
            meeting=self.meeting,
            by=self._by(),
            theme_id=message.get("theme"),
            title=message.get("title"),
        )

    def theme_delete(self, message: dict) -> None:
        services.delete_theme(meeting=self.meeting, by=self._by(), theme_id=message.get("theme"))

    def merge(self, message: dict) -> None:
        services.merge(
            meeting=self.meeting,
            by=self._by(),
            into=message.get("into"),
            contribution_ids=message.get("contributions"),
        )

    def voting(self, message: dict) -> None:
        state = {
            "vote_start": "open",
            "vote_stop": "stopped",
            "vote_reveal": "revealed",
            "vote_close": "closed",
        }[message["type"]]
        services.set_voting(
            meeting=self.meeting, by=self._by(), voting=state, dots=message.get("dots")
        )

    def promote(self, message: dict) -> None:
        fields = {}
        for name in ("competence_status", "format", "due", "owner_name", "status"):
            if isinstance(message.get(name), str):
                fields[name] = message[name]
        text = message.get("text")
        services.promote(
            meeting=self.meeting,
            by=self._by(),
            kind=message.get("kind"),
            contribution_ids=message.get("contributions") or [],
            theme_id=message.get("theme"),
            text=text if isinstance(text, str) else None,
            **fields,
        )

    def end(self, message: dict) -> None:
        services.end_meeting(
            meeting=self.meeting, by=self._by(), send_email=bool(message.get("email"))
        )


PARTICIPANT_MESSAGES = {
    "contribute": MeetingConsumer.contribute,
    "vote": MeetingConsumer.vote,
    "report": MeetingConsumer.report,
    "ping": MeetingConsumer.ping,
}
FACILITATOR_MESSAGES = {
    "next": MeetingConsumer.move,
    "previous": MeetingConsumer.move,
    "goto": MeetingConsumer.move,
    "reveal": MeetingConsumer.reveal,
    "approve": MeetingConsumer.approve,
    "remove": MeetingConsumer.remove,
    "lock": MeetingConsumer.lock,
    "unlock": MeetingConsumer.lock,
    "settings": MeetingConsumer.change_settings,
    "timer": MeetingConsumer.timer,
    "groups": MeetingConsumer.set_groups,
    "report_back": MeetingConsumer.report_back,
    "theme_create": MeetingConsumer.theme_create,
    "theme_assign": MeetingConsumer.theme_assign,
    "theme_rename": MeetingConsumer.theme_rename,
    "theme_delete": MeetingConsumer.theme_delete,
    "merge": MeetingConsumer.merge,
    "vote_start": MeetingConsumer.voting,
    "vote_stop": MeetingConsumer.voting,
    "vote_reveal": MeetingConsumer.voting,
    "vote_close": MeetingConsumer.voting,
    "promote": MeetingConsumer.promote,
    "end": MeetingConsumer.end,
}
