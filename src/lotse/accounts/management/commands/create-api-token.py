"""`lotse create-api-token USERNAME [--name NAME]`: print a new personal API token.

Only the token goes to standard output, so that a script can capture it
(`TOKEN=$(lotse create-api-token aylin)`); everything else goes to standard error.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import User
from lotse.accounts.tokens import ApiTokenError, api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="login name of the user the token acts for")
        parser.add_argument(
            "--name", default="command line", help="what the token is for (shown in lists)"
        )

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is not active.")
        if user.is_demo and not settings.DEMO:
            self.stderr.write(
                "Warning: this is a demo account; its tokens work only while demo mode is on."
            )
        try:
            _token, raw = api_token_create(user=user, name=name, actor=None)
        except ApiTokenError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(raw)
