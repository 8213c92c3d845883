"""The plan as PDF (WeasyPrint) and DOCX (python-docx), both fed by ``selectors.plan_for``."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kompetencedialog.lib.text import clean_texts, transliterate_danish
from kompetencedialog.processes.selectors import danish_date, logo_data_uri

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PHASE_HEX = {"blue": "1B5FAA", "orange": "A84A00", "green": "2B7A3D"}


def filename(process, extension: str, *, version=None) -> str:
    """The file's name; a sent version's is named by the title it was sent with."""
    title = version.content.get("process", {}).get("title", "") if version else process.title
    stem = slugify(transliterate_danish(title)) or "plan"
    suffix = f"-version-{version.number}" if version else ""
    return f"kompetenceudviklingsplan-{stem}{suffix}.{extension}"


def _phase_groups(plan: dict) -> list[dict]:
    """The plan's sections grouped by phase, for headings in the documents."""
    titles = {
        "investigate": _("Investigation: what are our needs?"),
        "intervene": _("Competence intervention: what does it call for?"),
        "plan": _("Planning: how do we get started?"),
    }
    groups: list[dict] = []
    for section in plan["sections"]:
        if not groups or groups[-1]["phase"] != section["phase"]:
            groups.append(
                {
                    "phase": section["phase"],
                    "colour": section["colour"],
                    "title": titles.get(section["phase"], ""),
                    "sections": [],
                }
            )
        groups[-1]["sections"].append(section)
    return groups


def plan_pdf(process, plan: dict, *, version=None) -> bytes:
    from weasyprint import HTML

    plan = clean_texts(plan)
    html = render_to_string(
        "processes/plan_pdf.html",
        {
            "plan": plan,
            "groups": _phase_groups(plan),
            "version": version,
            "logo": logo_data_uri(process),
        },
    )
    return HTML(string=html, base_url="/").write_pdf()


def plan_docx(process, plan: dict, *, version=None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    # python-docx refuses characters XML cannot hold; text stored before it was cleaned at the
    # door may still have them.
    plan = clean_texts(plan)
    document = Document()
    document.core_properties.title = plan["process"]["title"]
    document.core_properties.language = "da-DK"
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(11)

    info = plan["process"]
    document.add_paragraph(info["municipality"]).runs[0].bold = True
    document.add_paragraph(info["organisation"])
    document.add_heading(_("Competence development plan"), level=0)
    document.add_heading(info["title"], level=1)
    if info["challenge"]:
        document.add_paragraph(info["challenge"])
    dateline = plan["date"]
    if version is not None:
        dateline = _("Version %(number)d, sent %(date)s") % {
            "number": version.number,
            "date": danish_date(timezone.localtime(version.sent_at).date()),
        }
    document.add_paragraph(dateline)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for group in _phase_groups(plan):
        heading = document.add_heading(group["title"], level=1)
        for run in heading.runs:
            run.font.color.rgb = RGBColor.from_string(PHASE_HEX[group["colour"]])
        for section in group["sections"]:
            document.add_heading(section["title"], level=2)
            if not section["items"]:
                document.add_paragraph(_("Nothing yet.")).runs[0].italic = True
                continue
            for item in section["items"]:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(item["text"]).bold = True
                if item.get("description"):
                    document.add_paragraph(item["description"])
                for label, value in item["fields"]:
                    line = document.add_paragraph(style="List Bullet 2")
                    line.add_run(f"{label}: ").italic = True
                    line.add_run(value)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
