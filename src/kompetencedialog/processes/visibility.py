"""Who reads what of a process: the one rule behind every page, file, API answer and overview.

A process belongs to its institution (PRODUCT.md, "Who sees what"). The people *inside* it are
the members of the organisation it belongs to, or of something within that organisation when it
is an institution (its teams): they work in it and see all of it, drafts included. Everyone else
who can reach it through the organisation tree is *above* it (an area, the administration, the
municipality's admins):

- until the leader sends a plan, they see only that the process exists, its organisation and
  its phase (under a neutral label, never its title);
- once a plan is sent, the leader's choice (``Process.plan_visibility``) decides: ``full`` shows
  the latest *sent* version of the plan, never the draft; ``numbers`` shows only the figures
  (counts by competence area and format, amounts), never a text.

The overview's figures of a process count once it has sent a plan. They are summed from the
process's outcomes as they stand (a sent version is a snapshot of texts and display labels, not of
the areas, formats and amounts the overview groups by), so a process that has sent once counts
with its current figures; its texts still reach no one above it.

Another municipality sees nothing at all: that is ``organisations.access.scope``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.processes.models import PlanVersion, Process

#: Memberships on these kinds reach everything below them as insiders (an institution's teams
#: belong to the institution); on the kinds above, only the organisation's own processes.
_WHOLE_SUBTREE_KINDS = (Organisation.Kind.INSTITUTION, Organisation.Kind.TEAM)


def _inside_paths(user) -> tuple[set[str], set[str]]:
    """(paths whose whole subtree the person is inside, paths they are inside only exactly)."""
    subtree: set[str] = set()
    exact: set[str] = set()
    for path, _role, kind in access.memberships_with_kinds(user):
        (subtree if kind in _WHOLE_SUBTREE_KINDS else exact).add(path)
    return subtree, exact


def is_inside_organisation(user, organisation: Organisation) -> bool:
    """Whether the person works in the organisation itself (not only somewhere above it)."""
    if user is None or not user.is_authenticated:
        return False
    path = organisation.path
    subtree, exact = _inside_paths(user)
    return path in exact or any(path.startswith(p) for p in subtree)


def is_inside(user, process: Process) -> bool:
    """Whether the person works in the process's own organisation (and sees its drafts)."""
    return is_inside_organisation(user, process.organisation)


def require_inside(user, process: Process) -> None:
    """403 for someone above the process: its working texts (notes, meetings, follow-up) are
    the institution's own. Call it after the lookup that answers 404 outside."""
    if not is_inside(user, process):
        raise PermissionDenied


def inside_q(user, prefix: str = "") -> Q:
    """``is_inside`` as a condition on processes (``prefix`` "") or on rows pointing at one."""
    return _paths_q(user, f"{prefix}organisation__path")


def inside_organisations_q(user) -> Q:
    """``is_inside_organisation`` as a condition on organisations."""
    return _paths_q(user, "path")


def _paths_q(user, field: str) -> Q:
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    subtree, exact = _inside_paths(user)
    condition = Q(**{f"{field}__in": sorted(exact)}) if exact else Q(pk__in=[])
    for path in sorted(subtree):
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def sent_q(prefix: str = "") -> Q:
    """Processes that have sent a plan at least once."""
    return Q(Exists(PlanVersion.objects.filter(process=OuterRef(f"{prefix}pk"))))


def figures_q(user, prefix: str = "") -> Q:
    """Processes whose figures the person may count: inside, or sent at least once."""
    return inside_q(user, prefix) | sent_q(prefix)


def readable_q(user, prefix: str = "") -> Q:
    """Processes whose texts the person may read: inside, or sent with the plan shared in full."""
    return inside_q(user, prefix) | (
        sent_q(prefix) & Q(**{f"{prefix}plan_visibility": Process.PlanVisibility.FULL})
    )


def latest_sent(process: Process) -> PlanVersion | None:
    return process.plan_versions.select_related("sent_by").order_by("-number").first()


def may_read_plan(user, process: Process, latest: PlanVersion | None = None) -> bool:
    """Whether the person may read the process's plan (for those above: the sent one)."""
    if is_inside(user, process):
        return True
    if process.plan_visibility != Process.PlanVisibility.FULL:
        return False
    return (latest or latest_sent(process)) is not None


def may_see_figures(user, process: Process, latest: PlanVersion | None = None) -> bool:
    return is_inside(user, process) or (latest or latest_sent(process)) is not None
