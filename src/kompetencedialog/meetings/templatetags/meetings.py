from django import template

from kompetencedialog.meetings import access
from kompetencedialog.meetings.models import Meeting

register = template.Library()


@register.simple_tag
def recent_meetings(process, count: int = 5) -> list[Meeting]:
    """The process's latest live meetings, newest first (one query)."""
    return list(process.meetings.order_by("-created")[:count])


@register.simple_tag(takes_context=True)
def may_facilitate(context, process) -> bool:
    """Whether the person looking at the page may open and run the process's meetings."""
    return access.may_facilitate(context["request"].user, process)


@register.simple_tag
def facilitators_of(process) -> list[str]:
    """The names of the people appointed to run the process's meetings (one query)."""
    return [str(f.user) for f in process.facilitators.select_related("user").order_by("user__name")]
