"""The Content-Security-Policy of the public site and of the Wagtail admin, and the other fixed security headers.

Public pages: everything from this host only, no inline script or style at all, no plugins, no framing. The
JSON-LD in ``includes/meta.html`` is a ``<script type="application/ld+json">`` *data block*: browsers never execute
it, so ``script-src`` does not apply to it and it needs no nonce. Public pages deliberately use no nonce: they are
served from a shared full-page cache, and a nonce repeated across readers would be no nonce at all (the page cache
refuses any response that used one, see ``samvydat.pagecache``).

The admin (``/admin/``) is used by editors only and is never cached. Wagtail 8's admin runs from its own static
files except for its date, time and date-time pickers and its InlinePanel and MultipleChooserPanel, whose templates
end in an inline ``<script>``. samvydat overrides those templates: the pickers start from a static file
(``security/templates/wagtailadmin/widgets/``, ``security/static/security/admin-widgets.js``, added by
``wagtail_hooks.py``), the panels from ``security/static/security/admin-panels.js`` placed where Wagtail's inline
script was, reading its options from a JSON data block (``security/templates/wagtailadmin/panels/``). Avatars from gravatar.com are
switched off (``WAGTAIL_GRAVATAR_PROVIDER_URL = None``). Wagtail's widgets write ``style=""`` attributes and set
element styles from script (Draftail, the page explorer, tooltips), so the admin's policy alone allows inline
*styles*. Scripts stay strict: ``'self'`` plus the per-request nonce, never ``'unsafe-inline'`` or ``'unsafe-eval'``.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

#: The extensions of documents editors may upload (``WAGTAILDOCS_EXTENSIONS``), and the type each is served as
#: (``security.documents``). None of these types is run by a browser.
DOCUMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "csv": "text/csv",
    "epub": "application/epub+zip",
    "zip": "application/zip",
}
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

PUBLIC_DIRECTIVES = {
    "default-src": [NONE],
    "script-src": [SELF, NONCE],  # NONCE appears in the header only on responses that used one
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "manifest-src": [SELF],
    # Only the video players of ``core.blocks.video_embed_url``, and only once a reader presses "Play".
    "frame-src": VIDEO_PLAYERS,
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

#: The policy of static mirror pages (``samvydat.mirror``): sent by ``deploy/nginx/mirror.conf`` (with
#: ``frame-ancestors 'none'``, which a ``<meta>`` cannot carry) and written into every mirror page as a ``<meta
#: http-equiv>``, so a copy opened from disk or served by a host that adds no headers is held to it too. The
#: mirror's own files only; Pagefind's search runs WebAssembly (``'wasm-unsafe-eval'``).
MIRROR_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
#: The same in the pages themselves, with ``file:`` beside ``'self'``: browsers differ on whether ``'self'`` of a
#: page opened from disk covers the files beside it (Chromium: yes; Firefox and Tor Browser treat each file as its
#: own origin). A page served over HTTP(S) can never load a ``file:`` address, so this widens nothing there.
MIRROR_META_POLICY = MIRROR_POLICY.replace("'self'", "'self' file:")

ADMIN_DIRECTIVES = {
    **PUBLIC_DIRECTIVES,
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "worker-src": [SELF, "blob:"],
    "frame-src": [SELF, *VIDEO_PLAYERS],  # the live preview panel is an iframe of our own preview URL
    "base-uri": [SELF],
}

# Everything a reader's browser could be asked to use and that samvydat never needs; the video players may go
# full screen or picture-in-picture.
_PLAYERS = " ".join(f'"{origin}"' for origin in VIDEO_PLAYERS)
PERMISSIONS_POLICY = ", ".join(
    [f"fullscreen=(self {_PLAYERS})", f"picture-in-picture=(self {_PLAYERS})"]
    + [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "sync-xhr",
            "usb",
            "browsing-topics",
            "interest-cohort",
        )
    ]
)
