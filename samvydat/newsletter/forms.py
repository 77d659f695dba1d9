from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .addresses import MAX_LENGTH, InvalidAddress, address_normalise


class SubscribeForm(forms.Form):
    # max_length is generous on purpose: the clean method says *why* a long address is refused.
    email = forms.CharField(label=_("Email address"), max_length=1000, strip=True)
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "maxlength": MAX_LENGTH})

    def clean_email(self):
        try:
            return address_normalise(self.cleaned_data["email"])
        except InvalidAddress as error:
            raise forms.ValidationError(error.message) from None


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
