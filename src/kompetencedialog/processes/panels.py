"""Panels that apps above processes add to the process and plan pages.

Processes know nothing of follow-up or live meetings; those apps register a template here in
their ``AppConfig.ready()``, and the pages include every registered panel with ``process`` set.
"""

PROCESS_PANELS: list[str] = []
PLAN_PANELS: list[str] = []


def register_process_panel(template_name: str) -> None:
    if template_name not in PROCESS_PANELS:
        PROCESS_PANELS.append(template_name)


def register_plan_panel(template_name: str) -> None:
    if template_name not in PLAN_PANELS:
        PLAN_PANELS.append(template_name)
