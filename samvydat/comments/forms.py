"""The reader's form: text and an optional display name, plus the anti-spam fields (no account, no email)."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH

TEXT_MIN_LENGTH = 2


def clean_text(value: str) -> str:
    """Normalise to NFC, drop control characters other than line breaks and tabs, trim."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return kept.strip()


class ReaderCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX_LENGTH}),
        max_length=TEXT_MAX_LENGTH,
        error_messages={"required": _("Please write something before sending.")},
    )
    display_name = forms.CharField(
        label=_("Name to show (optional)"),
        required=False,
        max_length=NAME_MAX_LENGTH,
        help_text=_("Any name you like, or nothing. Do not use your real name if that is not safe for you."),
    )
    # Anti-spam: the signed token, the browser's proof of work, and a field people leave empty.
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    work = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    website = forms.CharField(
        label=_("Leave this empty"), required=False, max_length=200, widget=forms.TextInput(attrs={"tabindex": "-1"})
    )

    def __init__(self, *args, question: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if question:
            self.fields["text"].label = _("Your question to the experts")

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if len(text) < TEXT_MIN_LENGTH:
            raise forms.ValidationError(_("Please write something before sending."))
        return text

    def clean_display_name(self):
        return " ".join(clean_text(self.cleaned_data["display_name"]).split())
