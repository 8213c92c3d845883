"""The ``kompetencedialog`` command: Django's management commands under the project's name.

``kompetencedialog serve``, ``kompetencedialog demo``, ``kompetencedialog token create EMAIL`` …
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetencedialog.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kompetencedialog", *sys.argv[1:]])


if __name__ == "__main__":
    main()
