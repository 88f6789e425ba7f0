"""A plugin whose hook name lacks its final "s": without check_pending it would do nothing."""

from jaartaak import hookimpl


@hookimpl
def jaartaak_register_scheme():
    return []
