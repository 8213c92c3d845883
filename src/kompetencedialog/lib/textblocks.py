"""Plain text as paragraphs and bullet lists: a line starting with "-" or "•" is a bullet."""

BULLETS = ("- ", "• ", "-\t", "•\t")


def blocks(text: str) -> list[tuple[str, str | list[str]]]:
    """``[("p", paragraph), ("ul", [item, …]), …]`` in the order they appear."""
    result: list[tuple[str, str | list[str]]] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(BULLETS):
            item = line[2:].strip()
            if result and result[-1][0] == "ul":
                result[-1][1].append(item)  # type: ignore[union-attr]
            else:
                result.append(("ul", [item]))
        else:
            result.append(("p", line))
    return result
