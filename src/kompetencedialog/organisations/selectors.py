"""Reads for pages: everything a page needs in a fixed number of queries."""

from dataclasses import dataclass, field

from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Organisation


@dataclass
class Node:
    organisation: Organisation
    #: The person may open it (it is in one of their subtrees), not just see its name.
    may_open: bool
    may_manage: bool
    children: list["Node"] = field(default_factory=list)


def organisation_tree(user) -> list[Node]:
    """The person's organisations as a tree: two queries (memberships, organisations)."""
    held = access.memberships(user)
    admin_paths = [path for path, role in held if role in access.ORGANISATION_ADMIN_ROLES]
    member_paths = [path for path, _role in held]
    superuser = user.is_superuser
    nodes: dict[int, Node] = {}
    organisations = access.visible_organisations(user).order_by("path")
    if superuser:
        # The whole country would be tens of thousands of rows: owners and areas; the rest is a
        # click away on each organisation's page.
        organisations = organisations.filter(depth__lte=1)
    for organisation in organisations:
        path = organisation.path
        nodes[organisation.pk] = Node(
            organisation=organisation,
            may_open=superuser or any(path.startswith(p) for p in member_paths),
            may_manage=superuser or any(path.startswith(p) for p in admin_paths),
        )
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.organisation.parent_id)
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: child.organisation.name.lower())
    roots.sort(key=lambda node: node.organisation.name.lower())
    return roots
