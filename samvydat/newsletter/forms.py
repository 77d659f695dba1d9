from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .addresses import MAX_LENGTH, InvalidAddress, address_normalise


class LanguageSelect(forms.Select):
    """The site's languages, each name marked as written in its own language (``<option lang="be">``), so a
    screen reader says "Беларуская" in Belarusian on an English page."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class SubscribeForm(forms.Form):
    # max_length is generous on purpose: the clean method says *why* a long address is refused.
    email = forms.CharField(label=_("Email address"), max_length=1000, strip=True)
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=settings.LANGUAGES, widget=LanguageSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "maxlength": MAX_LENGTH})

    def clean_email(self):
        try:
            return address_normalise(self.cleaned_data["email"])
        except InvalidAddress as error:
            raise forms.ValidationError(error.message) from None


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=settings.LANGUAGES, widget=LanguageSelect
    )
