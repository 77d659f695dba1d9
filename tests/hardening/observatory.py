"""The Mozilla HTTP Observatory's header tests and score modifiers, as published in its "Tests & Scoring" page
(MDN, 2024): a baseline of 100, penalties first, bonuses only if the score is then ≥ 90; 100 or more is A+.

One departure, on evidence: the published table gives ``corp-not-implemented`` +5, while the Observatory's own
results report it with modifier 0; 0 is used here (it only matters for responses without the header).
``hsts-preloaded`` (+5) needs the browsers' preload list, which a test cannot consult: it is never awarded.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

SIX_MONTHS = 15_768_000
PRIVATE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER = {"origin", "origin-when-cross-origin", "unsafe-url"}
ALL_REFERRER = PRIVATE_REFERRER | UNSAFE_REFERRER | {"no-referrer-when-downgrade"}
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}


@dataclass
class Scorecard:
    results: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, test: str, result: str, modifier: int) -> None:
        self.results[test] = (result, modifier)

    @property
    def score(self) -> int:
        penalties = sum(modifier for _, modifier in self.results.values() if modifier < 0)
        bonuses = sum(modifier for _, modifier in self.results.values() if modifier > 0)
        score = max(0, 100 + penalties)
        return score + bonuses if score >= 90 else score

    def __str__(self) -> str:
        lines = [f"{test:<24} {result:<60} {modifier:+d}" for test, (result, modifier) in self.results.items()]
        return "\n".join([*lines, f"score {self.score}"])


def parse_csp(value: str) -> dict[str, list[str]] | None:
    directives: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.strip().split()
        if not words:
            continue
        name = words[0].lower()
        if not re.fullmatch(r"[a-z-]+", name) or name in directives:
            return None
        directives[name] = words[1:]
    return directives or None


def csp_result(value: str | None) -> tuple[str, int]:
    if not value:
        return "csp-not-implemented", -25
    policy = parse_csp(value)
    if policy is None:
        return "csp-header-invalid", -25
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    style = policy.get("style-src", default)
    has_nonce_or_hash = script is not None and any(
        source.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) or source == "'strict-dynamic'"
        for source in script
    )
    if (
        script is None
        or objects is None
        or ("'unsafe-inline'" in script and not has_nonce_or_hash)
        or BROAD_SOURCES & set(script)
        or BROAD_SOURCES & set(objects)
    ):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    active = [s for name, sources in policy.items() if name not in {"img-src", "media-src"} for s in sources]
    passive = [s for name in ("img-src", "media-src") for s in policy.get(name, [])]
    if any(source == "http:" or source.startswith("http://") for source in active):
        return "csp-implemented-with-insecure-scheme", -20
    if any(source == "http:" or source.startswith("http://") for source in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if style is not None and ({"'unsafe-inline'"} | BROAD_SOURCES) & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_result(set_cookie_headers: list[str], hsts: bool) -> tuple[str, int]:
    if not set_cookie_headers:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    all_samesite = True
    for header in set_cookie_headers:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            session = "sess" in name.lower() or name.lower() in {"sessionid", "phpsessid", "jsessionid"}
            anticsrf = "csrf" in name.lower() or "xsrf" in name.lower()
            samesite = morsel["samesite"].lower()
            if not morsel["secure"]:
                found = (
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if session and hsts
                    else ("cookies-session-without-secure-flag", -40)
                    if session
                    else ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20)
                )
            elif session and not morsel["httponly"]:
                found = ("cookies-session-without-httponly-flag", -30)
            elif samesite and samesite not in {"strict", "lax"}:
                found = ("cookies-samesite-flag-invalid", -20)
            elif anticsrf and not samesite:
                found = ("cookies-anticsrf-without-samesite-flag", -20)
            else:
                found = worst
            all_samesite = all_samesite and bool(samesite)
            worst = min(worst, found, key=lambda item: item[1])
    if worst[1] == 5 and not all_samesite:
        return "cookies-secure-with-httponly-sessions", 0
    return worst


def cors_result(allow_origin: str | None, allow_credentials: str | None, probe_origin: str) -> tuple[str, int]:
    if not allow_origin:
        return "cross-origin-resource-sharing-not-implemented", 0
    if allow_origin.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    if allow_origin.strip() == probe_origin and (allow_credentials or "").lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def redirection_result(status: int, location: str | None, host: str) -> tuple[str, int]:
    if status not in {301, 302, 303, 307, 308} or not location:
        return "redirection-missing", -20
    target = urlsplit(location)
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer_result(value: str | None) -> tuple[str, int]:
    if value is None:
        return "referrer-policy-not-implemented", 0
    policies = [part.strip().lower() for part in value.split(",") if part.strip()]
    valid = [policy for policy in policies if policy in ALL_REFERRER]
    if not valid:
        return "referrer-policy-header-invalid", -5
    effective = valid[-1]  # browsers use the last policy they understand
    if effective in PRIVATE_REFERRER:
        return "referrer-policy-private", 5
    if effective in UNSAFE_REFERRER:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-no-referrer-when-downgrade", 0


def hsts_result(value: str | None) -> tuple[str, int]:
    if not value:
        return "hsts-not-implemented", -20
    found = re.search(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:;|$)", value, re.I)
    if not found:
        return "hsts-header-invalid", -20
    if int(found.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def sri_result(content_type: str, html: str, host: str) -> tuple[str, int]:
    if "html" not in content_type:
        return "sri-not-implemented-response-not-html", 0
    parser = _Scripts()
    parser.feed(html)
    with_src = [script for script in parser.scripts if script.get("src")]
    if not with_src:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [s for s in with_src if urlsplit(s["src"]).netloc not in ("", host)]
    insecure = [s for s in external if not s["src"].startswith(("https:", "//"))]
    has_integrity = any(s.get("integrity") for s in with_src)
    if has_integrity:
        if insecure:
            return "sri-implemented-but-external-scripts-not-loaded-securely", -20
        return (
            "sri-implemented-and-all-scripts-loaded-securely"
            if not external
            else "sri-implemented-and-external-scripts-loaded-securely"
        ), 5
    if insecure:
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if external:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def content_type_options_result(value: str | None) -> tuple[str, int]:
    if value is None:
        return "x-content-type-options-not-implemented", -5
    if value.strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def frame_options_result(value: str | None, csp: str | None) -> tuple[str, int]:
    policy = parse_csp(csp) if csp else None
    ancestors = (policy or {}).get("frame-ancestors")
    if ancestors and "*" not in ancestors:
        return "x-frame-options-implemented-via-csp", 5
    if value is None:
        return "x-frame-options-not-implemented", -20
    normalised = value.strip().lower()
    if normalised in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if normalised.startswith("allow-from "):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def corp_result(value: str | None) -> tuple[str, int]:
    if value is None:
        return "corp-not-implemented", 0
    normalised = value.strip().lower()
    if normalised == "same-origin":
        return "corp-implemented-with-same-origin", 0
    if normalised == "same-site":
        return "corp-implemented-with-same-site", 0
    if normalised == "cross-origin":
        return "corp-implemented-with-cross-origin", -20
    return "corp-header-invalid", -20


def scorecard(*, https_response, http_response, host: str, probe_origin: str) -> Scorecard:
    """Score a page from its HTTPS response (fetched with ``Origin: probe_origin``) and the plain-HTTP answer."""
    headers = https_response.headers
    csp = headers.get("Content-Security-Policy")
    hsts = headers.get("Strict-Transport-Security")
    card = Scorecard()
    card.add("content-security-policy", *csp_result(csp))
    set_cookies = [morsel.output(header="").strip() for morsel in https_response.cookies.values()]
    card.add("cookies", *cookies_result(set_cookies, hsts=hsts_result(hsts)[1] == 0))
    card.add(
        "cors",
        *cors_result(
            headers.get("Access-Control-Allow-Origin"), headers.get("Access-Control-Allow-Credentials"), probe_origin
        ),
    )
    card.add("redirection", *redirection_result(http_response.status_code, http_response.get("Location"), host))
    card.add("referrer-policy", *referrer_result(headers.get("Referrer-Policy")))
    card.add("strict-transport-security", *hsts_result(hsts))
    body = https_response.content.decode("utf-8", "replace") if not https_response.streaming else ""
    card.add("subresource-integrity", *sri_result(headers.get("Content-Type", ""), body, host))
    card.add("x-content-type-options", *content_type_options_result(headers.get("X-Content-Type-Options")))
    card.add("x-frame-options", *frame_options_result(headers.get("X-Frame-Options"), csp))
    card.add("cross-origin-resource-policy", *corp_result(headers.get("Cross-Origin-Resource-Policy")))
    return card
