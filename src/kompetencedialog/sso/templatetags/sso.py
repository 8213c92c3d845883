"""``{% login_step as login %}``: which step of the log-in page to show."""

from django import template

from kompetencedialog.organisations.models import User
from kompetencedialog.sso.services import passwords_disabled_for, provider_for_email

register = template.Library()


@register.simple_tag(takes_context=True)
def login_step(context) -> dict:
    request = context["request"]
    form = context.get("form")
    email = ""
    if form is not None and hasattr(form, "fields") and "username" in form.fields:
        email = form["username"].value() or ""
    email = (email or request.GET.get("email", "")).strip().lower()
    if context.get("email_form") is not None or not email or "@" not in email:
        return {"step": "email", "email": email}
    idp = provider_for_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if passwords_disabled_for(email, user):
        return {
            "step": "disabled",
            "email": email,
            "provider": idp if idp and idp.enabled else None,
        }
    return {"step": "password", "email": email}
