"""People pickers that scale to the import limit (20,000 people in one institution).

A form field (``PeopleField`` for several people, ``PersonField`` for one) renders as a picker:
the chosen people as checked boxes, a search box and at most ``MATCHES`` matches. With JavaScript,
htmx searches as the person types (``search_people`` below); without it, the picker's "Søg" button
submits the form, and ``PickerFormMixin`` makes the view show the page again with the matches and
everything entered, storing nothing. A group of at most ``SHOW_EVERYONE_UP_TO`` people is shown
whole: ticking a name in a short list is quicker than searching for it, and the page stays small.

Which people a picker offers is a *source*, registered by the app that owns the rule (in its
``AppConfig.ready``). The search endpoint asks the source, and the form's field is limited to the
same people, so the search never shows someone the form would refuse, and a posted id outside the
source is refused however it was sent.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kompetencedialog.core.fields import ModelChoiceField, ModelMultipleChoiceField
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Organisation, User

#: The most matches a search shows; more means "write more of the name".
MATCHES = 20
#: Up to this many people, a picker lists everyone instead of asking for a search.
SHOW_EVERYONE_UP_TO = 30
#: Suffixes of a picker's own inputs: the search text and the no-JavaScript "Søg" button.
QUERY_SUFFIX = "__q"
SEARCH_SUFFIX = "__search"
#: The most people one picker takes at a time (more are "everyone", or a list to import).
MAX_CHOSEN = 1000
#: Longest search text we look for; a name or an e-mail address is shorter.
QUERY_MAX = 100
#: An id the database can hold (SQLite and PostgreSQL bigint): anything else is no one.
_ID = re.compile(r"^\d{1,18}$")
#: Names and ids the search endpoint writes back into the page: plain ones only.
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


# --- sources ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleSource:
    #: (the caller, the organisation) → the people the caller may pick there.
    people: Callable[[Any, Organisation], QuerySet[User]]
    #: Roles the caller needs on the organisation; None: anyone who sees it.
    roles: frozenset[str] | None


_sources: dict[str, PeopleSource] = {}


def register_people_source(
    name: str,
    people: Callable[[Any, Organisation], QuerySet[User]],
    *,
    roles: Iterable[str] | None,
) -> None:
    """Let pickers named ``name`` offer ``people(caller, organisation)``; the app that owns the
    rule calls this from its ``AppConfig.ready``."""
    _sources[name] = PeopleSource(people, None if roles is None else frozenset(roles))


def people_for(user, source: str, organisation: Organisation) -> QuerySet[User]:
    """The people ``user`` may pick in ``organisation`` from ``source``; 403 without the role."""
    try:
        registered = _sources[source]
    except KeyError:
        raise Http404 from None
    if registered.roles is not None and not access.has_role(user, organisation, registered.roles):
        raise PermissionDenied
    return registered.people(user, organisation)


def matching(people: QuerySet[User], text: str) -> QuerySet[User]:
    """The people whose name or e-mail address holds every word of ``text``."""
    for word in text.split()[:5]:
        people = people.filter(Q(name__icontains=word) | Q(email__icontains=word))
    return people


def posted_ids(values) -> list[int]:
    """The ids among posted values; anything that is not an id (or too big for one) is dropped."""
    if values is None:
        return []
    if isinstance(values, str | int):
        values = [values]
    return [int(value) for value in values if _ID.match(str(value))]


#: Danish alphabetical order puts æ, ø, å after z, in that order.
_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def alphabetical(person: User) -> tuple[str, str]:
    """A sort key for people by name, then e-mail, in Danish alphabetical order."""
    return (person.name.casefold().translate(_AFTER_Z), person.email.casefold())


# --- widget and fields ------------------------------------------------------------------------


class PeoplePicker(forms.Widget):
    """The picker; its field gives it the people to offer (``people``) and where they come from."""

    template_name = "organisations/widgets/people_picker.html"
    #: Lets page templates render the picker as a fieldset with its own legend.
    is_people_picker = True

    def __init__(self, *, source: str, multiple: bool, attrs=None) -> None:
        super().__init__(attrs)
        self.source = source
        self.allow_multiple_selected = multiple
        self.people: QuerySet[User] = User.objects.none()
        self.organisation_id: int | None = None
        #: The name of the form field that chooses the organisation, when the form has one.
        self.organisation_field = ""
        #: A single choice that may stay empty offers "Nobody chosen".
        self.optional = False
        self.search_text = ""

    def value_from_datadict(self, data, files, name):
        self.search_text = str(data.get(name + QUERY_SUFFIX) or "").strip()[:QUERY_MAX]
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", data.get)
            return getter(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        # An unticked checkbox sends nothing: for several people, nothing posted means nobody.
        return False if self.allow_multiple_selected else name not in data

    def format_value(self, value) -> list[str]:
        return [str(pk) for pk in posted_ids(value)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["picker"] = self.picker_context(name, id_, value)
        return context

    def picker_context(self, name: str, id_: str, value) -> dict:
        """What the template needs, in two queries: the chosen people, then everyone or matches."""
        ids = posted_ids(value)[:MAX_CHOSEN]
        chosen = list(self.people.filter(pk__in=ids)) if ids else []
        everyone = None
        matches: list[User] = []
        if self.search_text:
            found = matching(self.people, self.search_text).exclude(pk__in=ids)
            matches = list(found[: MATCHES + 1])
        else:
            # Unordered, so the database stops after a few rows instead of sorting thousands.
            first = list(self.people.order_by()[: SHOW_EVERYONE_UP_TO + 1])
            if len(first) <= SHOW_EVERYONE_UP_TO:
                everyone = sorted(first, key=alphabetical)
        chosen_ids = {person.pk for person in chosen}
        if not self.allow_multiple_selected and len(chosen) > 1:
            chosen = chosen[:1]
        settings = {
            "source": self.source,
            "field": name,
            "id": id_,
            "multiple": "1" if self.allow_multiple_selected else "",
            "optional": "1" if self.optional else "",
        }
        if self.organisation_field:
            settings["org_from"] = self.organisation_field
        else:
            settings["org"] = str(self.organisation_id or "")
        return {
            "id": id_,
            "name": name,
            "multiple": self.allow_multiple_selected,
            "input_type": "checkbox" if self.allow_multiple_selected else "radio",
            "optional": self.optional and not self.allow_multiple_selected,
            "chosen": chosen,
            "chosen_ids": chosen_ids,
            "everyone": everyone,
            "matches": matches[:MATCHES],
            "more": len(matches) > MATCHES,
            "search_text": self.search_text,
            "query_name": name + QUERY_SUFFIX,
            "search_name": name + SEARCH_SUFFIX,
            "url": reverse("organisations:search_people"),
            "settings": json.dumps(settings),
            "include": f"#{id_}"
            + (f", [name='{self.organisation_field}']" if self.organisation_field else ""),
            "max": MATCHES,
        }


class _PeopleChoice:
    """What both fields share: the picker widget, and being limited to one source's people."""

    def __init__(self, *, source: str, multiple: bool, **kwargs) -> None:
        kwargs.setdefault("widget", PeoplePicker(source=source, multiple=multiple))
        super().__init__(User.objects.none(), **kwargs)
        self.widget.optional = not self.required and getattr(self, "empty_label", None) is not None

    def limit_to(
        self,
        people: QuerySet[User],
        *,
        organisation: Organisation | None,
        organisation_field: str = "",
    ) -> None:
        """Offer and accept only ``people``, the source's people in ``organisation``.

        ``organisation_field`` names the form's field that chooses the organisation, so a search
        follows what is chosen there.
        """
        self.queryset = people
        self.widget.people = people
        self.widget.organisation_id = organisation.pk if organisation else None
        self.widget.organisation_field = organisation_field

    def _refuse(self, value) -> None:
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class PeopleField(_PeopleChoice, ModelMultipleChoiceField):
    def __init__(self, *, source: str, **kwargs) -> None:
        super().__init__(source=source, multiple=True, **kwargs)

    def clean(self, value):
        # Not an id (a word, a 40-digit number) is no one; more than MAX_CHOSEN is not a choice.
        if isinstance(value, list | tuple) and (
            len(value) > MAX_CHOSEN or len(posted_ids(value)) != len(value)
        ):
            self._refuse(value)
        return super().clean(value)


class PersonField(_PeopleChoice, ModelChoiceField):
    def __init__(self, *, source: str, **kwargs) -> None:
        super().__init__(source=source, multiple=False, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not _ID.match(str(value)):
            self._refuse(value)
        return super().to_python(value)


class PickerFormMixin:
    """For forms with a picker: the no-JavaScript "Søg" button shows the form again.

    The button submits the whole form (so nothing typed is lost); such a submission is never
    valid and shows no errors, and the view renders the page again with the picker's matches.
    """

    @property
    def searching_people(self) -> bool:
        return self.is_bound and any(
            self.add_prefix(name) + SEARCH_SUFFIX in self.data
            for name, field in self.fields.items()
            if isinstance(field.widget, PeoplePicker)
        )

    def full_clean(self) -> None:
        if self.searching_people:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.searching_people and super().is_valid()


# --- the search endpoint ----------------------------------------------------------------------


@require_GET
@login_required
def search_people(request: HttpRequest) -> HttpResponse:
    """The picker's matches for htmx: only people the caller may pick in the organisation.

    404 for an organisation the caller does not see, 403 without the role the source asks for.
    """
    params = request.GET
    organisation = access.get_visible_organisation(
        request.user, params.get(params.get("org_from", "") or "org", "")
    )
    source = params.get("source", "")
    people = people_for(request.user, source, organisation)
    name, id_ = params.get("field", ""), params.get("id", "")
    if not _NAME.match(name):
        raise Http404
    if not _NAME.match(id_):
        id_ = f"id_{name}"
    widget = PeoplePicker(source=source, multiple=bool(params.get("multiple")))
    widget.people = people
    widget.organisation_id = organisation.pk
    if params.get("org_from") and _NAME.match(params["org_from"]):
        widget.organisation_field = params["org_from"]
    widget.optional = bool(params.get("optional"))
    value = widget.value_from_datadict(params, {}, name)
    context = {"picker": widget.picker_context(name, id_, value)}
    return render(request, "organisations/widgets/people_picker.html#response", context)
