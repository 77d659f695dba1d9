from django.conf import settings
from django.core.management.base import BaseCommand

from samvydat.core.models import HomePage
from samvydat.packages.services import package_import
from samvydat.pdfs.signals import pdfs_paused

DEMO_PACKAGE = settings.BASE_DIR / "demo"


class Command(BaseCommand):
    help = "Load the demo content package into an empty database (does nothing if the site has content)."

    def handle(self, **options):
        if HomePage.objects.exists():
            self.stdout.write("The site already has content; the demo package was not loaded.")
            return
        # The demo's PDFs are made on first download rather than all at once here.
        with pdfs_paused():
            report = package_import(path=DEMO_PACKAGE)
        self.stdout.write(f"Loaded the demo content: {report.items} items.")
        # On a real site editors confirm whom a page writes about; the demo shows every suggestion confirmed.
        from samvydat.people.models import Mention, MentionState
        from samvydat.people.services import mentions_suggest

        mentions_suggest()
        confirmed = Mention.objects.filter(state=MentionState.SUGGESTED).update(state=MentionState.CONFIRMED)
        self.stdout.write(f"People written about: {confirmed} mentions found and confirmed for the demo.")
