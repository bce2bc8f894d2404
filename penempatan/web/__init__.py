"""`penempatan web`: the local app (issue 15). FastAPI + Jinja2 templates + htmx, served by uvicorn on 127.0.0.1
with an access token; every page and API route is a view of the functions the CLI calls (`usecases.jobs`, the
explainer's rows, the letters, `excel.write_answers`), never a second copy of their logic.

Modules: `app` (the app factory), `access` (token, host, security headers), `store` (the work folder),
`tasks` (the one-worker queue), `service` (what the routes do, through `usecases.jobs`), `plan` (one plan's rows),
`explanation` (explain one person or post as data), `answers` (the answers as typed, signed with who and when),
`scenario_form` (the parameter form as a scenario file, the shipped and uploaded scenarios),
`rendering` (the Jinja2 templates and filters), `server` (uvicorn on 127.0.0.1), `api` (JSON), `pages_input`,
`pages_plan`, `pages_files` (HTML); `templates/` and `static/` ship inside the package (htmx 2.0.11, 0BSD).
"""

from penempatan.web.app import create_app

__all__ = ["create_app"]
