"""The browser editor's second factor: enrol through the real pages, then codes computed from the device's key.

Used by ``editor_visit`` (tests/browser/conftest.py). The TOTP codes are computed with django-otp's own ``TOTP`` from
the key the enrolment page shows, exactly as a phone app would. django-otp refuses a time step that was already
used, so when the current step is spent (two sign-ins within 30 seconds) the next one uses a recovery code instead
of sleeping.
"""

import base64
import time
from dataclasses import dataclass, field

from django_otp.oath import TOTP

STEP_SECONDS = 30
THROTTLE_DEADLINE_SECONDS = 10
TOLERANCE_STEPS = 1  # django-otp's default: the server accepts the previous, current and next step


@dataclass
class SecondFactor:
    key: bytes | None = None
    recovery_codes: list[str] = field(default_factory=list)
    last_step: int = -1
    storage_state: dict | None = None  # a verified session, reused by later contexts


def key_from_secret(text: str) -> bytes:
    compact = "".join(text.split()).upper()
    return base64.b32decode(compact + "=" * (-len(compact) % 8))


def totp_code(key: bytes, step: int) -> str:
    totp = TOTP(key, step=STEP_SECONDS, t0=0, digits=6, drift=0)
    totp.time = step * STEP_SECONDS + 1
    return f"{totp.token():06d}"


def current_step() -> int:
    return int(time.time()) // STEP_SECONDS


def enrol(page, state: SecondFactor, *, throttled: bool = False) -> None:
    """On the enrolment page: read the key, confirm a code, keep the recovery codes, continue to the admin.

    ``throttled``: a wrong code was just entered, so django-otp refuses codes for a second or two; keep submitting
    the right one until it is accepted (a deadline, not a fixed sleep).
    """
    state.key = key_from_secret(page.text_content("#two-factor-secret"))
    deadline = time.monotonic() + (THROTTLE_DEADLINE_SECONDS if throttled else 0)
    while True:
        state.last_step = current_step()
        page.fill("input[name=code]", totp_code(state.key, state.last_step))
        with page.expect_navigation():
            page.click("form.login-form button[type=submit]")
        if "/admin/2fa/recovery-codes/" in page.url or time.monotonic() > deadline:
            break
    page.wait_for_url("**/admin/2fa/recovery-codes/**")
    state.recovery_codes = [code.strip() for code in page.locator("#recovery-codes li").all_text_contents()]
    page.click("#recovery-codes-continue")
    page.wait_for_url(lambda url: "/admin/2fa/" not in url)


def next_code(state: SecondFactor) -> str:
    """A TOTP code for an unused time step the server still accepts, or else a recovery code."""
    step = max(current_step(), state.last_step + 1)
    if step <= current_step() + TOLERANCE_STEPS:
        state.last_step = step
        return totp_code(state.key, step)
    return state.recovery_codes.pop()


def verify(page, state: SecondFactor) -> None:
    page.fill("input[name=code]", next_code(state))
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(lambda url: "/admin/2fa/" not in url)


def pass_second_factor(page, state: SecondFactor) -> None:
    """After the password form: enrol (first sign-in) or enter a code."""
    page.wait_for_url("**/admin/**")
    if "/admin/2fa/enrol/" in page.url:
        enrol(page, state)
    elif "/admin/2fa/verify/" in page.url:
        verify(page, state)
