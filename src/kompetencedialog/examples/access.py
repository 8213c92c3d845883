"""Who may read and change practice examples.

The rule that lets people see another organisation's data: a *published* practice example is
written to be shared, so everyone who is logged in reads the published examples of every
municipality. A draft belongs to its organisation: it exists only for people with a role in
that organisation's subtree (404 for everyone else), like every other object. Only the
leaders, the administration and admins of the owning organisation (``PROCESS_WRITE_ROLES``)
write, publish and unpublish; a reader elsewhere gets 403 for a published example.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.organisations import access


def examples_for(user) -> QuerySet[PracticeExample]:
    """Every published example, and the drafts of the person's organisations."""
    if not user.is_authenticated:
        return PracticeExample.objects.none()
    published = PracticeExample.objects.filter(status=PracticeExample.Status.PUBLISHED)
    return published | access.scope(PracticeExample.objects.all(), user)


def may_write(user, example: PracticeExample) -> bool:
    return access.has_role(user, example.organisation, access.PROCESS_WRITE_ROLES)


def get_example_for(user, pk, *, write: bool = False) -> PracticeExample:
    """An example the person may read; ``write`` asks for a leader role on its organisation."""
    try:
        example = examples_for(user).select_related("organisation", "process").get(pk=pk)
    except (PracticeExample.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not may_write(user, example):
        raise PermissionDenied
    return example
