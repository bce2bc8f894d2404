"""The web application: `create_app(folder, token)` builds the FastAPI app over one work folder, with the
token guard, the pages (`pages_*`), the JSON API (`api`), the templates and the static files shipped in this
package (htmx, CSS, the table script: nothing is loaded from outside)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from penempatan import __version__
from penempatan.errors import InputError, OutputError, Problem
from penempatan.usecases.stop import Stop
from penempatan.web import access, api, pages_files, pages_input, pages_plan
from penempatan.web.rendering import render
from penempatan.web.service import Service
from penempatan.web.store import Refused, Store
from penempatan.web.tasks import Failed, TaskQueue, failure_text, problem_json

HERE = Path(__file__).resolve().parent
TASKS_FOLDER = ".tugas"
"""Where the task records are kept in the work folder (`TaskQueue`)."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.service.warm()
    yield
    app.state.service.tasks.close()


def create_app(folder: Path, token: str, hosts: Iterable[str] | None = None) -> FastAPI:
    """The app over work folder `folder`, answering only requests with `token` (and, when `hosts` is given,
    only under those host names)."""
    # /docs and /redoc would load Swagger UI from a CDN: off; the API is documented in the README, and its
    # OpenAPI description is at /openapi.json (with the token, like everything else).
    app = FastAPI(title="penempatan", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan)
    app.state.service = Service(Store(folder), TaskQueue(folder / TASKS_FOLDER))
    app.state.csrf = access.csrf_token(token)
    app.middleware("http")(access.guard(token, hosts))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    for module in (api, pages_input, pages_plan, pages_files):
        app.include_router(module.router)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        where = {"bidang": exc.field, "nilai": exc.value} if exc.field else {}
        return _refusal(request, exc.message, exc.status, [], where)

    @app.exception_handler(Failed)
    @app.exception_handler(Stop)
    @app.exception_handler(InputError)
    @app.exception_handler(OutputError)
    async def failed(request: Request, exc: Exception) -> Response:
        """What the CLI would say and exit 2 for (a saved plan that no longer matches, bad input), and a job
        stopped in its child process: 422."""
        message, problems = failure_text(exc)
        return _refusal(request, message, 422, problems)

    return app


def _refusal(request: Request, message: str, status: int, problems: list[Problem],
             where: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"galat": message, **(where or {}), "masalah": [problem_json(p) for p in problems]},
                            status_code=status)
    return render(request, "galat.html", {"pesan": message, "masalah": problems}, status_code=status)
