from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

AUDIT_ACTIONS = [
    ("samvydat.login", _("Sign-in"), _("Signed in")),
    ("samvydat.login_failed", _("Failed sign-in"), _("Failed sign-in (wrong password)")),
    ("samvydat.lockout", _("Account locked"), _("Account locked after repeated failed sign-ins")),
    ("samvydat.two_factor.enrol", _("Two-factor set up"), _("Set up two-factor authentication")),
    ("samvydat.two_factor.recovery_code_used", _("Recovery code used"), _("Signed in with a recovery code")),
    ("samvydat.two_factor.recovery_codes", _("New recovery codes"), _("Made new recovery codes")),
    ("samvydat.two_factor.reset", _("Two-factor reset"), _("Two-factor authentication reset")),
]


@hooks.register("register_log_actions")
def register_account_actions(actions):
    for action, label, message in AUDIT_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("samvydat_accounts:status"),
        "label": _("Two-factor authentication"),
        "help_text": _("Your authenticator app and recovery codes."),
    }
