"""Create the first editor account (``make admin``): username, first and last name, e-mail and password.

Django's ``createsuperuser`` asks only for the username, e-mail and password; Wagtail's account page then refuses
to save anything until the first and last name are filled in. This asks for everything the account needs, checks
the password against the site's validators, and says what happens at the first sign-in (two-factor set-up).
Without a terminal: ``--noinput`` with ``--username``, ``--first-name``, ``--last-name``, ``--email`` and the
password in the environment variable ``DJANGO_SUPERUSER_PASSWORD`` (as for Django's command).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

FIELDS = (
    ("username", "Username"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "E-mail address"),
)


class Command(BaseCommand):
    help = "Create an editor account with every permission (asks for the name, e-mail address and password)."

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--first-name", dest="first_name")
        parser.add_argument("--last-name", dest="last_name")
        parser.add_argument("--email")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, interactive, **options):
        values = {name: (options.get(name) or "").strip() for name, _label in FIELDS}
        for name, label in FIELDS:
            asked = bool(values[name])  # a value given as an option that is refused is said, then asked again
            while interactive and (problem := self._problem(name, values[name])) is not None:
                if asked:
                    self.stderr.write(f"Error: {problem}")
                values[name], asked = input(f"{label}: ").strip(), True
            problem = self._problem(name, values[name])
            if problem:
                raise CommandError(f"{label}: {problem}")
        user = get_user_model()(**values, is_staff=True, is_superuser=True)
        password = self._password(user, interactive)
        user.set_password(password)
        user.save()
        self.stdout.write(
            f"Editor account {user.username!r} ({user.first_name} {user.last_name}) created. At the first sign-in "
            "at /admin/ you will set up an authenticator app (two-factor authentication)."
        )

    def _problem(self, name: str, value: str) -> str | None:
        if not value:
            return "this cannot be empty."
        if name == "email":
            try:
                validate_email(value)
            except ValidationError:
                return f"{value!r} is not an e-mail address."
        if name == "username" and get_user_model().objects.filter(username=value).exists():
            return f"there is already an account named {value!r}."
        return None

    def _password(self, user, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
            if not password:
                raise CommandError("Without --noinput's terminal, give the password in DJANGO_SUPERUSER_PASSWORD.")
            self._check(password, user)
            return password
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("Error: the two passwords differ.")
                continue
            try:
                self._check(password, user)
            except CommandError as error:
                self.stderr.write(f"Error: {error}")
                continue
            return password

    def _check(self, password: str, user) -> None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
