"""Content kept in Danish with an English translation beside it."""

from django.utils.translation import get_language


class Localised:
    """Reads ``<name>_en`` when English is active and it is filled in; Danish otherwise.

    ``title_i18n = Localised("title")`` on a model gives ``obj.title_i18n``.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if (get_language() or "da").startswith("en"):
            value = getattr(obj, f"{self.name}_en", None)
            if value:
                return value
        return getattr(obj, self.name)
