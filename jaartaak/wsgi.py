"""WSGI entry point for production servers: ``gunicorn 'jaartaak.wsgi:app'``."""

from jaartaak.app import create_app

app = create_app()
