"""Security headers added to every HTTP response."""

from litestar.datastructures import MutableScopeHeaders
from litestar.types import BeforeMessageSendHookHandler, Message, Scope

__all__ = ("security_headers_hook",)

# JSON API responses: nothing may load, nothing may frame them.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The Swagger UI docs page (docs.py) loads its files from this app, starts itself with an
# inline script that holds the schema, and styles inline; nothing comes from another origin.
DOCS_CSP = (
    "default-src 'none'; "
    "script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; "
    "img-src 'self' data:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
HSTS = "max-age=63072000; includeSubDomains"


def security_headers_hook(*, docs_path: str, hsts: bool) -> BeforeMessageSendHookHandler:
    """A ``before_send`` hook; ``hsts`` only where the service is reached over HTTPS."""
    static = {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
    }
    if hsts:
        static["strict-transport-security"] = HSTS

    async def add_security_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        # the names the handler set, read once (each lookup by name would scan them all)
        present = {name.decode("latin-1").lower() for name, _ in headers.headers}
        for name, value in static.items():
            if name not in present:
                headers.add(name, value)
        if "content-security-policy" not in present:
            is_docs = scope["path"] == docs_path or scope["path"].startswith(f"{docs_path}/")
            headers.add("content-security-policy", DOCS_CSP if is_docs else API_CSP)

    return add_security_headers
