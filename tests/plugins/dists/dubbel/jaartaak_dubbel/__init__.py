"""A fork of the example plugin that ships the same scheme id under another name."""

from jaartaak_voorbeeld.scheme import VoorbeeldScheme

from jaartaak import hookimpl


@hookimpl
def jaartaak_register_schemes():
    return [VoorbeeldScheme()]
