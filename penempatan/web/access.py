"""Who may talk to the server: only a request carrying the access token printed at start (as Jupyter does),
in the `X-Token` header, the `token` query parameter or the cookie set on the first page opened with it; and
only under the host names of 127.0.0.1, so a web page elsewhere cannot reach the data through DNS tricks.
Everything else gets 403. Every response also forbids framing and loading from anywhere else."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

HEADER = "X-Token"
QUERY = "token"
COOKIE = "penempatan_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_REFUSED = ("Akses ditolak: alamat ini memerlukan token akses. Buka alamat lengkap yang dicetak oleh "
            "`penempatan web` (http://127.0.0.1:PORT/?token=…).")

Next = Callable[[Request], Awaitable[Response]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def guard(token: str, hosts: Iterable[str] | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """The middleware: 403 without the token (or under another host name), the cookie set when the token came
    in the address, security headers on every response."""
    allowed = None if hosts is None else {h.lower() for h in hosts}

    async def middleware(request: Request, call_next: Next) -> Response:
        given = (request.headers.get(HEADER) or request.query_params.get(QUERY)
                 or request.cookies.get(COOKIE) or "")
        host_ok = allowed is None or (request.url.hostname or "").lower() in allowed
        if not host_ok or not secrets.compare_digest(given.encode(), token.encode()):
            response: Response
            if request.url.path.startswith("/api/") or request.headers.get(HEADER) is not None:
                response = JSONResponse({"galat": _REFUSED}, status_code=403)
            else:
                response = HTMLResponse(f"<!DOCTYPE html><html lang=\"id\"><meta charset=\"utf-8\"><title>Akses "
                                        f"ditolak</title><p>{_REFUSED}</p></html>", status_code=403)
            return _secure(response)
        response = await call_next(request)
        if request.query_params.get(QUERY) and request.cookies.get(COOKIE) != token:
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return _secure(response)

    return middleware


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response
