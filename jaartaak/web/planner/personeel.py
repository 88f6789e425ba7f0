"""(being written)"""

from jaartaak.web.planner.blueprint import bp  # noqa: F401
