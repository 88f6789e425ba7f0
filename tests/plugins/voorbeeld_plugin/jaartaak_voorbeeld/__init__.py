"""jaartaak-voorbeeld: the example scheme plugin, a complete plugin in two small modules.

The entry point ``voorbeeld = "jaartaak_voorbeeld"`` (group ``jaartaak``, see pyproject.toml)
makes jaartaak register this module as a plugin; the hook below hands over the scheme.
"""

from jaartaak import hookimpl
from jaartaak_voorbeeld.scheme import VoorbeeldScheme


@hookimpl
def jaartaak_register_schemes():
    return [VoorbeeldScheme()]
