"""Template helpers: a section's text as paragraphs and lists, and the process page's panel."""

import re

from django import template
from django.utils.html import format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines

from kompetencedialog.examples import selectors

register = template.Library()

_BULLET = re.compile(r"^\s*[•\-*]\s+")


def _inline(text: str) -> str:
    """The line escaped, with web and e-mail addresses as links."""
    return urlize(text, nofollow=True, autoescape=True)


@register.filter
def paragraphs(text: str) -> SafeString:
    """Blank lines part paragraphs; a block of lines that begin with •, - or * is a list."""
    html = []
    for block in re.split(r"\n\s*\n", normalize_newlines(text or "").strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            items = format_html_join(
                "", "<li>{}</li>", ((mark_safe(_inline(_BULLET.sub("", line))),) for line in lines)
            )
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return mark_safe("".join(html))


@register.filter
def summary(text: str) -> str:
    """The section as one line for the library: no list marks, no lead-in lines ("Kontekst:")."""
    lines = (_BULLET.sub("", line).strip() for line in normalize_newlines(text or "").split("\n"))
    return " · ".join(line for line in lines if line and not line.endswith(":"))


@register.simple_tag(takes_context=True)
def process_examples(context, process) -> list:
    """The examples drafted from the process that the person may read."""
    return list(selectors.from_process(context["request"].user, process))
