from django.core.management.base import BaseCommand, CommandError

from kompetencedialog.core.audit import log_action
from kompetencedialog.organisations.models import AccessToken, User


class Command(BaseCommand):
    help = "Manage personal API tokens: `token create EMAIL [--name NAME]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Create a token; it is printed alone on the last line."
        )
        create.add_argument("email")
        create.add_argument("--name", default="Kommandolinje")

    def handle(self, *args, action: str, email: str, name: str, **options):
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No person with the e-mail {email}.") from None
        token, key = AccessToken.issue(user, name)
        log_action(None, "token.created", token, {"user": user.email, "name": name})
        self.stdout.write(f"Token '{name}' for {user.email} (shown only once):")
        self.stdout.write(key)
