from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from . import signin


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )


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
