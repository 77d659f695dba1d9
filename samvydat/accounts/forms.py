import logging

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from samvydat.security import ratelimit

from . import signin

logger = logging.getLogger(__name__)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )


class RateLimitedPasswordResetForm(PasswordResetForm):
    """The admin's "forgot password" form, sending at most a few mails per mailbox and per hour on the whole site.

    A flood of requests would otherwise fill an editor's mailbox (hiding a real reset among hundreds), spend the
    mail server's reputation and let anyone measure which addresses exist by timing. Over a limit the mail is
    simply not sent; the page says the same as always (Django never tells whether an address is known), and the
    counters hold only HMACs of the addresses (``security.ratelimit``).
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        per_address, window = settings.PASSWORD_RESET_MAILS_PER_ADDRESS
        site_wide, site_window = settings.PASSWORD_RESET_MAILS_PER_SITE
        allowed = ratelimit.limit_hit(
            scope="password-reset-mail", key=to_email.strip().casefold(), limit=per_address, window_seconds=window
        ) and ratelimit.limit_hit(scope="password-reset-mail", limit=site_wide, window_seconds=site_window)
        if not allowed:
            logger.warning("password reset mail not sent: the limit of reset mails is reached")
            return
        super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing an attempt over the limits before any password is hashed (``signin``).

    ``WAGTAILADMIN_USER_LOGIN_FORM`` points here. The refusal is a form error: the same page, a clear message.
    """

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()  # an incomplete form hashes nothing
        refusal = signin.signin_attempt_refusal(username=username)
        if refusal:
            raise forms.ValidationError(refusal, code="throttled")
        with signin.hashing_slot() as free:
            if not free:
                raise forms.ValidationError(signin.BUSY, code="busy")
            return super().clean()
