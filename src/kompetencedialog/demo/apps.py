from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kompetencedialog.demo"
    verbose_name = "Demo data"
