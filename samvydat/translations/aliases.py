"""Retiring the cross-locale aliases earlier versions made (``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True``).

With the tree sync on, Wagtail made a live *alias* of every new page in every other language: the English
text, published in the Belarusian and Russian trees. Nothing appears in a language now until someone
publishes it there, so those aliases go:

* an alias in another locale than its original whose subtree holds only such aliases — nobody converted or
  translated anything in it — is deleted with its subtree (the parent's child count is corrected);
* an alias with real pages below it (a translation someone made under an aliased section or week) is
  converted into an ordinary page, keeping its place and live state so the translations under it stay
  where readers find them; editors translate its title afterwards (the status report lists it);
* aliases an editor converted are ordinary pages already and are not touched, nor are same-locale aliases.

``cross_locale_aliases_retire`` works with historical models (the data migration ``0003``) as well as with
the real ones (tests), using querysets only: no treebeard methods, no signals.
"""

from django.db.models import F

STEPLEN = 4  # Wagtail's (treebeard's) path step


def cross_locale_aliases_retire(apps, schema_editor=None) -> dict[str, list[int]]:
    """Delete untouched cross-locale aliases, convert those with real pages below; return the ids of each."""
    Page = apps.get_model("wagtailcore", "Page")
    aliases = dict(
        Page.objects.filter(alias_of__isnull=False)
        .exclude(locale_id=F("alias_of__locale_id"))
        .order_by("path")
        .values_list("path", "pk")
    )
    deleted_roots: list[str] = []
    converted: list[int] = []
    for path, pk in aliases.items():
        if any(path.startswith(root) for root in deleted_roots):
            continue
        subtree = Page.objects.filter(path__startswith=path).values_list("path", flat=True)
        if all(member in aliases for member in subtree):
            deleted_roots.append(path)
        else:
            converted.append(pk)
    deleted = list(
        Page.objects.filter(path__in=[p for p in aliases if any(p.startswith(r) for r in deleted_roots)]).values_list(
            "pk", flat=True
        )
    )
    if converted:
        Page.objects.filter(pk__in=converted).update(alias_of=None)
    for root in deleted_roots:
        Page.objects.filter(path__startswith=root).delete()
    for parent_path in {root[:-STEPLEN] for root in deleted_roots}:
        children = Page.objects.filter(path__startswith=parent_path, depth=len(parent_path) // STEPLEN + 1).count()
        Page.objects.filter(path=parent_path).update(numchild=children)
    return {"deleted": sorted(deleted), "converted": sorted(converted)}
