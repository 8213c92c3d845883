from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "kompetencedialog.processes"
    verbose_name = _("Processes and plans")

    def ready(self) -> None:
        from kompetencedialog.organisations.access import PROCESS_WRITE_ROLES
        from kompetencedialog.organisations.pickers import register_people_source
        from kompetencedialog.processes import receivers  # noqa: F401  (connects the receivers)
        from kompetencedialog.processes.forms import people_of

        # A process's participants and the owners of its outcomes, picked by its leaders.
        register_people_source(
            "process",
            lambda _caller, organisation: people_of(organisation),
            roles=PROCESS_WRITE_ROLES,
        )
