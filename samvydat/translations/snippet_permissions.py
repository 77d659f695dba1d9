"""Translators change, and create, only the snippets (people, organisations, topics) of their own languages.

A "Translators (be)" member holds the model permission ``change_person`` (roles.py), which Wagtail's snippet views
check for the model only: without this, a Belarusian translator could rename the English person, organisation or
topic, live on every English page. Editors, Moderators and superusers are not limited; a user in no translators'
group keeps plain model permissions.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets

from .permissions import is_editor, translator_languages

#: Actions limited to the translator's languages (viewing and creating a translation are not).
LIMITED_ACTIONS = frozenset({"change", "delete", "publish", "lock", "unlock"})


def languages_limited_to(user) -> list[str] | None:
    """The languages whose snippets ``user`` may change, or None when no language limit applies."""
    if not user.is_authenticated or is_editor(user):
        return None
    return translator_languages(user) or None


class TranslatorLanguagePolicy(ModelPermissionPolicy):
    """Django's model permissions, and for translators only the instances in their languages."""

    def _within_languages(self, user, action, instance) -> bool:
        languages = languages_limited_to(user)
        return languages is None or action not in LIMITED_ACTIONS or instance.locale.language_code in languages

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._within_languages(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        languages = languages_limited_to(user)
        if languages is None or not set(actions) <= LIMITED_ACTIONS:
            return instances
        return instances.filter(locale__language_code__in=languages)


class _InstanceChecked:
    """The view's object must be one the user may act on (Wagtail checks only the model permission)."""

    instance_permission = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_permission, instance):
            raise PermissionDenied
        return instance


class EditView(_InstanceChecked, snippets.EditView):
    pass


class DeleteView(_InstanceChecked, snippets.DeleteView):
    instance_permission = "delete"


class _CreatedInOwnLanguages:
    """A translator creates people, organisations and topics only in their own languages: the add form opens in
    their language, the form's other-language links are not offered, and a request for another language — a forged
    ``?locale=``, a POST without one (the default language), a copy of another language's snippet — is refused."""

    opens_in_own_language = True  # a plain "Add" link opens the form in the translator's language

    def creation_locale(self):
        return self.locale

    def dispatch(self, request, *args, **kwargs):
        languages = languages_limited_to(request.user)
        if languages is not None and self.i18n_enabled:
            locale = self.creation_locale()
            if locale is None or locale.language_code not in languages:
                if self.opens_in_own_language and request.method == "GET" and not request.GET.get("locale"):
                    own = Locale.objects.filter(language_code__in=languages).order_by("pk").first()
                    if own is not None:
                        return redirect(self._set_locale_query_param(self.add_url, own))
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_translations(self):
        languages = languages_limited_to(self.request.user)
        translations = super().get_translations()
        if languages is None:
            return translations
        return [item for item in translations if item["locale"].language_code in languages]


class CreateView(_CreatedInOwnLanguages, snippets.CreateView):
    pass


class CopyView(_CreatedInOwnLanguages, snippets.CopyView):
    opens_in_own_language = False

    def creation_locale(self):
        return self.get_object().locale  # the copy is made in the copied snippet's language


class IndexView(snippets.IndexView):
    """No edit or delete link on the rows the user may not change."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class TranslatorLanguageSnippetViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose translators edit only their languages' instances, and whose edit form of a
    translation shows the original's values beside it (source_panel.py)."""

    edit_template_name = "translations/snippet_edit.html"
    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def register_permissions(self):
        register_permission_policy(self.model, TranslatorLanguagePolicy(self.model), exact_class=True)
        super().register_permissions()
