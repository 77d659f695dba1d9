"""The "Send us information" form: a text, optional files, optional contact details, and the anti-spam fields."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samvydat.comments.forms import clean_text

from .cleaning import ACCEPTED_EXTENSIONS
from .models import SubmissionKind

TEXT_MAX_LENGTH = 20_000
CONTACT_MAX_LENGTH = 500


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        choices=SubmissionKind.choices,
        initial=SubmissionKind.INFORMATION,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX_LENGTH}),
        max_length=TEXT_MAX_LENGTH,
        error_messages={"required": _("Please write a few words about what you are sending.")},
    )
    files = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
    )
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"),
        required=False,
        max_length=CONTACT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": CONTACT_MAX_LENGTH}),
        help_text=_("Only if you want an answer and it is safe for you. It is encrypted like everything else."),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    work = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    website = forms.CharField(
        label=_("Leave this empty"), required=False, max_length=200, widget=forms.TextInput(attrs={"tabindex": "-1"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Images (JPEG, PNG, WebP), PDFs or documents (DOCX, ODT); at most %(count)s files of %(mb)s MB each."
        ) % {"count": settings.SUBMISSIONS_MAX_FILES, "mb": settings.SUBMISSIONS_MAX_FILE_BYTES // (1024 * 1024)}

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if len(text) < 2:
            raise forms.ValidationError(_("Please write a few words about what you are sending."))
        return text

    def clean_contact(self):
        return clean_text(self.cleaned_data["contact"])

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.SUBMISSIONS_MAX_FILES:
            raise forms.ValidationError(
                _("Please send at most %(count)s files at once."), params={"count": settings.SUBMISSIONS_MAX_FILES}
            )
        return files
