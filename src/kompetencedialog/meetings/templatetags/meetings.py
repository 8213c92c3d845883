from django import template

from kompetencedialog.meetings.models import Meeting

register = template.Library()


@register.simple_tag
def recent_meetings(process, count: int = 5) -> list[Meeting]:
    """The process's latest live meetings, newest first (one query)."""
    return list(process.meetings.order_by("-created")[:count])
