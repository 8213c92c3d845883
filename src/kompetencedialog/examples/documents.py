"""A practice example as PDF (WeasyPrint), from the same partial the page shows."""

from django.template.loader import render_to_string


def example_pdf(example, areas) -> bytes:
    from weasyprint import HTML

    html = render_to_string("examples/example_pdf.html", {"example": example, "areas": areas})
    return HTML(string=html, base_url="/").write_pdf()
