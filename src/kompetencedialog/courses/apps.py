from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "kompetencedialog.courses"
    verbose_name = _("Learning days and courses")

    def ready(self) -> None:
        from kompetencedialog.courses.access import enrollable_people
        from kompetencedialog.organisations.pickers import register_people_source
        from kompetencedialog.processes.panels import register_process_panel

        # Whom a person may enrol on a course the organisation offers: themselves, and a leader
        # the people they lead (the rule itself asks for no role).
        register_people_source("enrol", enrollable_people, roles=None)

        register_process_panel("courses/_process_panel.html")
