"""``{% field_row form.name %}``: a form field as a DKFDS form group, errors beside it."""

from django import forms, template

register = template.Library()

CLASSES = {
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.ClearableFileInput: "form-file-input",
    forms.FileInput: "form-file-input",
}


@register.inclusion_tag("organisations/_field.html")
def field_row(field, width: str = "l"):
    widget = field.field.widget
    css = next((c for kind, c in CLASSES.items() if isinstance(widget, kind)), "form-input")
    attrs = {"class": f"{css} input-width-{width}" if css == "form-input" else css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return {"field": field, "widget": field.as_widget(attrs=attrs)}
