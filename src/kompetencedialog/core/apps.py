from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kompetencedialog.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from kompetencedialog.core.forms import clean_text_in_every_form

        clean_text_in_every_form()
