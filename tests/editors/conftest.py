import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django_otp.oath import TOTP

PASSWORD = "a-long-editor-password-123"


def code_for(device, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for ``device`` now (or ``steps_ahead`` 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()  # the sign-in limits (accounts.signin, security.ratelimit)
    yield
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor-2fa", "editor-2fa@example.org", PASSWORD)


@pytest.fixture
def sign_in(client):
    """Post the admin's real login form (password only) and return the response."""

    def post(username, password=PASSWORD):
        return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})

    return post
