"""jaartaak-ggz: the CAO GGZ balansbudget as a jaartaak scheme (``ggz-balansbudget``).

The entry point ``ggz = "jaartaak_ggz"`` (group ``jaartaak``, see pyproject.toml) makes jaartaak
register this module as a plugin; the hook below hands over the scheme.
"""

from jaartaak import hookimpl
from jaartaak_ggz.scheme import GgzBalansbudget


@hookimpl
def jaartaak_register_schemes():
    return [GgzBalansbudget()]
