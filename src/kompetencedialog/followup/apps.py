from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "kompetencedialog.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from kompetencedialog.core import periodic
        from kompetencedialog.followup import reminders
        from kompetencedialog.followup.forms import colleagues
        from kompetencedialog.organisations.access import PROCESS_WRITE_ROLES
        from kompetencedialog.organisations.pickers import register_people_source
        from kompetencedialog.processes.panels import register_plan_panel, register_process_panel

        periodic.register(reminders.schedule)
        # The person a MUS development point is for, picked by the process's leaders.
        register_people_source(
            "colleagues",
            lambda _caller, organisation: colleagues(organisation),
            roles=PROCESS_WRITE_ROLES,
        )
        register_process_panel("followup/_process_panel.html")
        register_plan_panel("followup/_plan_followup.html")
