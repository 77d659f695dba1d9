"""Lift the suppression of one address (its owner asked to receive the newsletter again): docs/newsletter.md."""

from django.core.management.base import BaseCommand, CommandError

from samvydat.newsletter.addresses import InvalidAddress
from samvydat.newsletter.services import suppression_lift


class Command(BaseCommand):
    help = "Let an address that bounced (and was suppressed) subscribe again. It still has to confirm."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address: str, **options):
        try:
            lifted = suppression_lift(email=address)
        except InvalidAddress as error:
            raise CommandError(str(error.message)) from None
        # The address is not repeated: the operator's terminal and its scroll-back are logs too.
        self.stdout.write("Suppression lifted." if lifted else "This address was not suppressed.")
