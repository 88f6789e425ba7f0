"""Alembic migrations of the jaartaak database (run with ``jaartaak db upgrade``)."""
