"""jaartaak: jaartaak and persoonlijk budget planning for Dutch secondary schools (CAO VO)."""

from importlib.metadata import PackageNotFoundError, version

from jaartaak.hookspecs import hookimpl  # plugins write `from jaartaak import hookimpl`

try:
    __version__ = version("jaartaak")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"


def create_app(test_config=None, **kwargs):
    """Build the Flask application; see :func:`jaartaak.app.create_app`."""
    from jaartaak.app import create_app as factory

    return factory(test_config, **kwargs)


__all__ = ["__version__", "create_app", "hookimpl"]
