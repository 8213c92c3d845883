from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "kompetencedialog.processes"
    verbose_name = _("Processes and plans")

    def ready(self) -> None:
        from kompetencedialog.processes import receivers  # noqa: F401  (connects the receivers)
