"""Admin: the "Translation digest" panel of a translator's account settings (opt out of the daily mail)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .digest_models import DigestPreference
from .permissions import translator_languages


class DigestPreferenceForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["send_digest"]


@hooks.register("register_account_settings_panel")
class DigestPreferencePanel(BaseSettingsPanel):
    name = "translation_digest"
    title = _("Translation digest")
    tab = notifications_tab
    order = 200
    form_class = DigestPreferenceForm

    def is_active(self):
        return bool(translator_languages(self.user))

    def get_form(self):
        instance = DigestPreference.objects.filter(user=self.user).first() or DigestPreference(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)
