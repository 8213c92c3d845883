from django.utils.functional import SimpleLazyObject

from kompetencedialog.overview.access import may_see_an_overview


def navigation(request) -> dict:
    """What the main menu offers the person (from the memberships the request already read)."""
    return {"shows_overview": SimpleLazyObject(lambda: may_see_an_overview(request.user))}
