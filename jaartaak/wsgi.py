"""WSGI entry point for production servers: ``gunicorn 'jaartaak.wsgi:app'``."""

from jaartaak.app import create_app
from jaartaak.heap import freeze_loaded

app = create_app()
freeze_loaded()  # the loaded app lives as long as the worker: out of the collector's passes
