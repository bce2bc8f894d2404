"""Who may talk to the server, and who may change anything (README, "Access").

Reading (GET, HEAD) needs the access token printed at start (as Jupyter does): in the `X-Token` header, the
`token` query parameter, or the cookie set on the first page opened with it. The cookie's name carries the
server's port (`penempatan_token_8765`), since browsers send a cookie to every port of 127.0.0.1.

Writing (every other method, pages and API alike) needs more than the cookie, because another page on
127.0.0.1 (another port is the same *site*, so even a SameSite=Strict cookie goes along) can make the browser
post to this server:
- the token in the `X-Token` header, or the page's CSRF token (`csrf_token`, derived from the access token) in
  the `X-CSRF-Token` header (htmx sends it: `hx-headers` on <body>) or the `csrf` query parameter of a plain
  form's action; and
- a request from this origin: an `Origin` equal to the server's own, or, when the browser sends none or
  `null` (a plain form under `Referrer-Policy: no-referrer`), `Sec-Fetch-Site: same-origin` or `none`. A client
  that sends neither header is no browser (a script with the token); it passes on the token alone.

Everything else gets 403, and only under the host names of 127.0.0.1, so a web page elsewhere cannot reach the
data through DNS tricks. Every response also forbids framing and loading from anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
from collections.abc import Awaitable, Callable, Iterable

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

HEADER = "X-Token"
QUERY = "token"
COOKIE = "penempatan_token"
"""The cookie's name without its port: `cookie_name` gives the one a server sets and reads."""
CSRF_HEADER = "X-CSRF-Token"
CSRF_QUERY = "csrf"
READS = frozenset({"GET", "HEAD"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_REFUSED = ("Akses ditolak: alamat ini memerlukan token akses. Buka alamat lengkap yang dicetak oleh "
            "`penempatan web` (http://127.0.0.1:PORT/?token=…).")
_OTHER_PAGE = ("Perubahan ditolak: permintaan ini tidak datang dari halaman penempatan sendiri ({why}). "
               "Ubah data hanya lewat halaman yang dibuka dari alamat yang dicetak oleh `penempatan web`.")

Next = Callable[[Request], Awaitable[Response]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(token: str) -> str:
    """The token the pages put in their forms and htmx headers: derived from the access token, so it cannot be
    used to read anything, and the same for every page while the server runs."""
    digest = hmac.new(token.encode(), b"penempatan csrf", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def cookie_name(request: Request) -> str:
    """`penempatan_token_PORT`, PORT being the one the server listens on."""
    server = request.scope.get("server")
    port = server[1] if server and server[1] is not None else request.url.port or 80
    return f"{COOKIE}_{port}"


def _same(given: str | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def foreign(request: Request) -> str:
    """Why a request does not come from this server's own pages ('' when it does, or when no browser sent it)."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.url.netloc}".lower()
    if origin and origin != "null":
        return "" if origin.lower() == own else f"asal {origin}"
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site {site}"
    return ""


def guard(token: str, hosts: Iterable[str] | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """The middleware: 403 without the token (or under another host name), 403 for a write without the token
    in a header (or the CSRF token) or from another origin; the port's cookie set when the token came in the
    address; security headers on every response."""
    allowed = None if hosts is None else {h.lower() for h in hosts}
    csrf = csrf_token(token)

    async def middleware(request: Request, call_next: Next) -> Response:
        cookie = cookie_name(request)
        host_ok = allowed is None or (request.url.hostname or "").lower() in allowed
        if request.method in READS:
            given = (request.headers.get(HEADER) or request.query_params.get(QUERY) or request.cookies.get(cookie))
            refusal = "" if host_ok and _same(given, token) else _REFUSED
        elif not host_ok:
            refusal = _REFUSED
        elif not (_same(request.headers.get(HEADER), token) or _same(request.headers.get(CSRF_HEADER), csrf)
                  or _same(request.query_params.get(CSRF_QUERY), csrf)):
            refusal = _OTHER_PAGE.format(why="tanpa token di header atau formulir")
        else:
            why = foreign(request)
            refusal = _OTHER_PAGE.format(why=why) if why else ""
        if refusal:
            return _secure(_refuse(request, refusal))
        response = await call_next(request)
        if (request.method in READS and _same(request.query_params.get(QUERY), token)
                and not _same(request.cookies.get(cookie), token)):
            response.set_cookie(cookie, token, httponly=True, samesite="strict", path="/")
        return _secure(response)

    return middleware


def _refuse(request: Request, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.headers.get(HEADER) is not None:
        return JSONResponse({"galat": message}, status_code=403)
    return HTMLResponse(f"<!DOCTYPE html><html lang=\"id\"><meta charset=\"utf-8\"><title>Akses ditolak</title>"
                        f"<p>{html.escape(message)}</p></html>", status_code=403)


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response
