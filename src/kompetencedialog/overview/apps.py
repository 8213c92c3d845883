from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "kompetencedialog.overview"
    verbose_name = _("Overview")
