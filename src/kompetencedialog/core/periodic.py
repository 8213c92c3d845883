"""Jobs the worker runs every few minutes, each registered by the app that owns it in its
``AppConfig.ready()``; each job is safe to run any number of times."""

from collections.abc import Callable

JOBS: list[Callable[[], object]] = []


def register(job: Callable[[], object]) -> None:
    if job not in JOBS:
        JOBS.append(job)
