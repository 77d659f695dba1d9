"""Actions of the weekly service."""


def trend_dashboards_ensure(*, verbosity: int = 1, apps=None, **_signal_kwargs) -> int:
    """Give every language of an existing site its trend dashboard; return how many homes lacked one.

    New sites get the dashboard with the rest of the site skeleton (``core.services.site_skeleton_ensure``); this
    runs after ``migrate`` (``post_migrate``, as Django creates permissions) for sites set up before the dashboard
    existed. It does nothing on an empty database, or when the migrations applied do not include the dashboard.
    """
    if apps is not None:
        try:
            apps.get_model("weekly", "TrendDashboardPage")
            apps.get_model("core", "HomePage")
        except LookupError:
            return 0
    from samvydat.core.models import HomePage
    from samvydat.core.services import site_skeleton_ensure

    from .models import TrendDashboardPage

    homes = list(HomePage.objects.all())
    missing = [home for home in homes if not TrendDashboardPage.objects.child_of(home).exists()]
    if missing:
        site_skeleton_ensure()
        if verbosity:
            print(f"Added the trend dashboard to {len(missing)} home page(s).")
    return len(missing)
