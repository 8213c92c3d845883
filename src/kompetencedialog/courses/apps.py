from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "kompetencedialog.courses"
    verbose_name = _("Learning days and courses")

    def ready(self) -> None:
        from kompetencedialog.processes.panels import register_process_panel

        register_process_panel("courses/_process_panel.html")
