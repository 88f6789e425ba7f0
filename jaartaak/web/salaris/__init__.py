"""Salarisadministratie and HR (role salarisadministratie): one module per part.

Importing the modules registers their views on :data:`bp`.
"""

from jaartaak.web.salaris import feiten, maand, regeling  # noqa: F401
from jaartaak.web.salaris.blueprint import bp

__all__ = ["bp"]
