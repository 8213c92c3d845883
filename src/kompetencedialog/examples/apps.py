from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamplesConfig(AppConfig):
    name = "kompetencedialog.examples"
    verbose_name = _("Practice examples")

    def ready(self) -> None:
        from kompetencedialog.processes.panels import register_process_panel

        register_process_panel("examples/_process_panel.html")
