from django import template

from kompetencedialog.courses.models import Enrolment
from kompetencedialog.lib.textblocks import blocks

register = template.Library()

register.filter("blocks", blocks)


@register.simple_tag
def course_enrolments(process) -> list[Enrolment]:
    """The enrolments that became interventions in the process, for its page's panel."""
    return list(
        Enrolment.objects.filter(intervention__process=process)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("run__course", "person")
        .order_by("run__starts_on")
    )
