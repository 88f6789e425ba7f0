"""Dutch for click's own messages: "Gebruik:", "Opties", "Fout: Onbekend commando 'x'." …

Our own refusals are Dutch already; what was left English is what click itself prints (usage
lines, help headings, errors about unknown commands or bad values, the password prompt's
confirmation). Why it is done this way:

* click translates those messages itself, with the standard library's ``gettext.gettext`` and
  ``ngettext``: the global default domain ``"messages"``. Binding that domain to a Dutch
  catalog is the hook click offers, so click is not patched and upgrades cannot break a patch.
* The catalog is ``click_nl.po`` next to this module: a .po file is the standard, reviewable
  form of a translation (``msgid_plural``/``msgstr[n]`` for click's ngettext plurals, and
  tools such as ``msgfmt --check`` or Poedit read it), not code. Being inside the package it
  ships with the wheel, so a non-editable install has it too.
* gettext only reads compiled .mo files from a directory, and compiled files are not
  committed. So the .po is compiled with Babel (already a dependency; it takes milliseconds)
  into a private temporary directory (mode 0700, not a shared cache another user could fill)
  that lives as long as the process and is removed when it exits. If that fails (no writable
  temporary directory), click simply stays English: a translation is no reason to refuse.
* gettext picks the language on every call from LANGUAGE, LC_ALL, LC_MESSAGES or LANG (the
  first that is set). ``main()`` sets LANGUAGE to ``nl`` unless the user set it, so
  ``LANGUAGE=en jaartaak …`` still gives click's English.
"""

from __future__ import annotations

import atexit
import gettext
import os
import shutil
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CATALOG = Path(__file__).with_name("click_nl.po")
DOMAIN = "messages"  # click calls gettext.gettext(), which uses the default domain
LANGUAGE = "nl"

_locale_dir: str | None = None


def compile_catalog(locale_dir: Path) -> Path:
    """Write the catalog as ``<locale_dir>/nl/LC_MESSAGES/messages.mo``, where gettext looks."""
    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale=LANGUAGE)
    target = locale_dir / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as output:
        write_mo(output, catalog)
    return target


def install() -> None:
    """Let click's messages in this process come from the Dutch catalog (when Dutch is chosen)."""
    global _locale_dir
    if _locale_dir is None:
        try:
            locale_dir = tempfile.mkdtemp(prefix="jaartaak-locale-")
            atexit.register(_remove, locale_dir, os.getpid())
            compile_catalog(Path(locale_dir))
        except OSError:
            return
        _locale_dir = locale_dir
    gettext.bindtextdomain(DOMAIN, _locale_dir)


def _remove(locale_dir: str, owner: int) -> None:
    # Only the process that made it: a forked child (a worker process) exits before its parent.
    if os.getpid() == owner:
        shutil.rmtree(locale_dir, ignore_errors=True)
