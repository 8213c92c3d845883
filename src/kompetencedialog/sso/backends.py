"""Password log-in that respects an organisation's choice to allow single sign-on only."""

from django.contrib.auth.backends import ModelBackend

from kompetencedialog.sso.services import passwords_disabled_for


class PasswordBackend(ModelBackend):
    """Django's own backend, except that it refuses passwords where they are switched off.

    Sessions (``get_user``) are untouched, so people who logged in through single sign-on stay in.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and passwords_disabled_for(user.email, user):
            return None
        return user
