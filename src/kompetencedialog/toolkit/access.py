"""Who may open a notebook and take notes in it, and who may add an organisation's own questions.

A practice notebook belongs to its owner alone. A process's notebook belongs to the process's
organisation: everyone with a role there may read it; leaders, the administration, staff and
union representatives may take notes (the note-taker is often a colleague). Outside, it does
not exist (404); inside without the right to write, it is forbidden (403).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kompetencedialog.organisations.access import PROCESS_WRITE_ROLES, has_role, roles_on
from kompetencedialog.organisations.models import Membership, Organisation
from kompetencedialog.processes.visibility import is_inside_organisation
from kompetencedialog.toolkit.models import Notebook

Role = Membership.Role

NOTE_WRITE_ROLES = PROCESS_WRITE_ROLES | {Role.STAFF, Role.UNION_REP}
#: Roles that may add an organisation's own questions and cards to the dialogue tool.
OWN_CONTENT_ROLES = frozenset({Role.ADMIN, Role.LEADER})


def get_notebook_for(user, notebook_id, *, write: bool = False) -> Notebook:
    if not user.is_authenticated:
        raise Http404
    try:
        notebook = Notebook.objects.select_related("toolkit", "organisation").get(pk=notebook_id)
    except (Notebook.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if notebook.owner_id is not None and notebook.owner_id == user.pk:
        return notebook
    if notebook.organisation is None:
        raise Http404
    if user.is_superuser:
        return notebook
    roles = roles_on(user, notebook.organisation)
    if not roles:
        raise Http404
    if not is_inside_organisation(user, notebook.organisation):
        # The notes are the organisation's own; those above it read them only as a sent plan.
        raise PermissionDenied
    if write and not may_write_notebook(user, notebook):
        raise PermissionDenied
    return notebook


def may_write_notebook(user, notebook: Notebook) -> bool:
    """For a notebook the person may already see: may they also take notes in it?"""
    if notebook.owner_id is not None and notebook.owner_id == user.pk:
        return True
    return notebook.organisation is not None and has_role(
        user, notebook.organisation, NOTE_WRITE_ROLES
    )


def may_manage_own_content(user, organisation: Organisation) -> bool:
    return has_role(user, organisation, OWN_CONTENT_ROLES)
