"""Remove an editor's authenticator app and recovery codes (a lost phone): they enrol again at their next login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samvydat.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = "Reset a user's two-factor authentication; they set up a new authenticator app at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        second_factor_reset(user=user)
        self.stdout.write(f"Two-factor authentication reset for {username}: they enrol again at their next sign-in.")
