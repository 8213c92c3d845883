from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kompetencedialog.meetings"
    verbose_name = _("Live meetings")

    def ready(self) -> None:
        from kompetencedialog.core import periodic
        from kompetencedialog.meetings import receivers  # noqa: F401  (connects the receivers)
        from kompetencedialog.meetings.access import people_who_see
        from kompetencedialog.meetings.services import end_idle_meetings
        from kompetencedialog.organisations.access import PROCESS_WRITE_ROLES
        from kompetencedialog.organisations.pickers import register_people_source
        from kompetencedialog.processes.panels import register_process_panel

        register_process_panel("meetings/_process_panel.html")
        periodic.register(end_idle_meetings)
        # Whom a process's leaders may appoint to run its meetings.
        register_people_source(
            "facilitators",
            lambda _caller, organisation: people_who_see(organisation),
            roles=PROCESS_WRITE_ROLES,
        )
