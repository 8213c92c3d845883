"""List responses of the contract: ``items``, ``count`` and ``next`` (a URL or null)."""

from django.db.models import QuerySet
from ninja import Schema

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Page(Schema):
    count: int
    next: str | None


def paginate(request, queryset: QuerySet, serialise) -> dict:
    """One page of ``queryset``, each object passed through ``serialise``.

    ``?offset=`` and ``?limit=`` choose the page; ``next`` carries the URL of the following one.
    """
    try:
        offset = max(int(request.GET.get("offset", 0)), 0)
        limit = min(max(int(request.GET.get("limit", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
    except ValueError:
        offset, limit = 0, PAGE_SIZE
    count = queryset.count()
    items = [serialise(obj) for obj in queryset[offset : offset + limit]]
    next_url = None
    if offset + limit < count:
        query = request.GET.copy()
        query["offset"] = offset + limit
        query["limit"] = limit
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"items": items, "count": count, "next": next_url}
