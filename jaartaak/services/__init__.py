"""Use cases: they load facts from the database, call the domain, and store what follows.

Services take a SQLAlchemy session as their first argument and know nothing of Flask, so the
web layer, the CLI and background jobs share them.
"""
