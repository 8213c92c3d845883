from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "kompetencedialog.toolkit"
    verbose_name = _("Dialogue tool")

    def ready(self) -> None:
        from kompetencedialog.toolkit import receivers  # noqa: F401  (connects the receivers)
