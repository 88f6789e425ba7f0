"""The WSGI app of the HTTP benchmark: the real jaartaak app plus one trivial baseline route.

``gunicorn 'http_app:build_app()'`` (with ``bench/`` on the path) serves exactly what
``gunicorn 'jaartaak.wsgi:app'`` serves, configured the production way (``JAARTAAK_*``
environment variables, see docs/configuratie.md), plus :data:`TRIVIAL_PATH`: a plain Flask
route that renders a 200-row table with Jinja, without login or database. The budget page is
measured against that route in the same gunicorn process, so whatever the server, the load
tool and the machine cost is in both figures and the ratio shows what jaartaak itself adds.

The production code has no such route: it exists only in this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template

from jaartaak.app import create_app

TRIVIAL_PATH = "/bench/triviaal"
#: The folder where each worker leaves a file once its app is built (see :func:`build_app`).
READY_DIR_ENV = "BENCH_HTTP_READY_DIR"
TRIVIAL_ROWS = 200

TRIVIAL_TEMPLATE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Triviale tabel</title></head>
<body>
<table>
<thead><tr><th>Nr</th><th>Naam</th><th>Uren</th></tr></thead>
<tbody>
{% for row in rows %}<tr><td>{{ row.nr }}</td><td>{{ row.naam }}</td><td>{{ row.uren }}</td></tr>
{% endfor %}</tbody>
</table>
</body>
</html>
"""

#: The rows are built once: the route measures routing, rendering and the response, nothing else.
ROWS = tuple(
    {"nr": n, "naam": f"Rij {n}", "uren": f"{(n * 7) % 40}.00"} for n in range(1, TRIVIAL_ROWS + 1)
)


def add_trivial_route(application: Flask) -> None:
    """The baseline route. Its template is compiled once, as Flask caches a template file, so
    the baseline is not slowed by compiling Jinja on every request (render_template_string
    would do that and flatter the ratio)."""
    template = application.jinja_env.from_string(TRIVIAL_TEMPLATE)

    def trivial_table() -> str:
        return render_template(template, rows=ROWS)

    application.add_url_rule(TRIVIAL_PATH, "bench_triviaal", trivial_table)


def build_app() -> Flask:
    """The production app (settings from the environment) with the baseline route added.

    gunicorn builds it in each worker after the fork; the file it leaves in
    ``BENCH_HTTP_READY_DIR`` tells the benchmark that this worker serves, so the measurement
    does not start while a worker is still booting and the other one takes all the load.
    """
    application = create_app()
    add_trivial_route(application)
    ready = os.environ.get(READY_DIR_ENV)
    if ready:
        (Path(ready) / f"worker-{os.getpid()}").touch()
    return application
