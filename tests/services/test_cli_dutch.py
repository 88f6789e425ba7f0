"""The ``jaartaak`` command speaks Dutch: click's own messages too, and a taken demo port.

The commands run as the real program (``python -m jaartaak``) in a subprocess: the Dutch
catalog is chosen by ``main()`` and the environment, which an in-process CliRunner skips.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import signal
import socket
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

from jaartaak.cli import dutch
from jaartaak.models import Role

from support import start_demo


def run_jaartaak(tmp_path, *args: str, input: str | None = None, **extra_env: str):
    """Run ``jaartaak`` as a user would, without the host's language or JAARTAAK_* settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("JAARTAAK_") and key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    env.update(LANG="C.UTF-8", JAARTAAK_INSTANCE_PATH=str(tmp_path / "instance"), **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "jaartaak", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_unknown_command(tmp_path):
    result = run_jaartaak(tmp_path, "nonsense")
    assert result.returncode == 2
    usage, *rest = result.stderr.splitlines()
    assert usage.startswith("Gebruik: jaartaak "), result.stderr
    assert rest == ["Typ 'jaartaak --help' voor hulp.", "", "Fout: Onbekend commando 'nonsense'."]


def test_a_misspelt_command_gets_a_suggestion(tmp_path):
    result = run_jaartaak(tmp_path, "create-use")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Fout: Onbekend commando 'create-use'. Bedoelde u 'create-user'?"
    )


def test_an_invalid_choice(tmp_path):
    result = run_jaartaak(
        tmp_path, "create-user", "x", "--role", "foo", "--password", "lang-genoeg-wachtwoord"
    )
    assert result.returncode == 2
    choices = ", ".join(repr(role.value) for role in Role)
    assert result.stderr.splitlines() == [
        "Gebruik: jaartaak create-user [OPTIONS] USERNAME",
        "Typ 'jaartaak create-user --help' voor hulp.",
        "",
        f"Fout: Ongeldige waarde voor '--role': 'foo' is geen geldige keuze (kies uit {choices}).",
    ]


def test_the_help_page_headings(tmp_path):
    result = run_jaartaak(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Gebruik: jaartaak ")
    assert "Opties:" in lines
    assert "Commando's:" in lines
    assert re.search(r"^  --help +Toon deze hulp en stop\.$", result.stdout, re.MULTILINE)
    for english in ("Usage:", "Options:", "Commands:", "Show this message and exit."):
        assert english not in result.stdout


def test_the_password_confirmation(tmp_path):
    result = run_jaartaak(
        tmp_path, "create-user", "anna", input="lang-genoeg-wachtwoord\niets-heel-anders\n"
    )
    assert result.returncode == 1  # after the mismatch it asks again and input has ended
    assert "Wachtwoord: " in result.stderr  # the prompts go where getpass writes them
    assert "Herhaal ter bevestiging: " in result.stderr
    assert result.stdout == "Fout: De twee ingevoerde waarden zijn niet gelijk.\n\n"
    assert result.stderr.rstrip().endswith("Afgebroken!")


def test_a_user_who_chose_english_keeps_it(tmp_path):
    result = run_jaartaak(tmp_path, "nonsense", LANGUAGE="en")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("Usage: jaartaak ")
    assert result.stderr.splitlines()[1:] == [
        "Try 'jaartaak --help' for help.",
        "",
        "Error: No such command 'nonsense'.",
    ]


def test_the_demo_refuses_a_port_in_use_before_starting_anything(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        demo = start_demo(
            tmp_path / "instance", port, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            stdout, stderr = demo.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(demo.pid, signal.SIGKILL)  # it started a server (and a worker) after all
            demo.communicate()
            raise
    assert demo.returncode == 1
    assert stderr.strip() == (
        f"Fout: Poort {port} is al in gebruik. "
        f"Kies een andere poort, bijvoorbeeld: JAARTAAK_PORT={port + 1} make run"
    )
    assert "draait op" not in stdout + stderr
    assert stdout == ""  # not even the demo logins: nothing was seeded
    assert not (tmp_path / "instance" / "demo-logins.json").exists()


# The catalog itself


def read_catalog():
    with dutch.CATALOG.open("rb") as source:
        return read_po(source, locale="nl")


def click_msgids() -> set[str]:
    """Every literal string click passes to ``_()`` or ``ngettext()`` in its modules.

    Plus "required": click writes ``extra["required"] = "required"`` and translates it as
    ``_(extra["required"])``, so it is checked in the source text instead.
    """
    found = set()
    core = (Path(click.__file__).parent / "core.py").read_text(encoding="utf-8")
    if 'extra["required"] = "required"' in core and '_(extra["required"])' in core:
        found.add("required")
    for module in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "ngettext"}
            ):
                found.update(
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
    return found


def fields(text: str) -> set[str]:
    """The ``{name}`` and ``%(name)s`` placeholders of a message."""
    braces = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return braces | set(re.findall(r"%\((\w+)\)", text))


def test_every_msgid_is_one_of_clicks_own_and_keeps_its_placeholders():
    known = click_msgids()
    messages = [message for message in read_catalog() if message.id]
    assert len(messages) > 40
    for message in messages:
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for msgid in ids:
            assert msgid in known, f"click no longer has {msgid!r}"
        assert all(strings) and not message.fuzzy, message.id
        wanted = set().union(*(fields(msgid) for msgid in ids))
        for translation in strings:
            assert fields(translation) <= wanted, translation
        # The plural form must keep the count, or "3 values" would lose its number.
        assert fields(strings[-1]) == fields(ids[-1]), strings[-1]


def test_the_compiled_catalog_translates_singular_and_plural(tmp_path):
    dutch.compile_catalog(tmp_path)
    catalog = gettext.translation(dutch.DOMAIN, tmp_path, languages=["nl_NL"])
    assert catalog.gettext("Usage:") == "Gebruik:"
    assert catalog.gettext("Commands") == "Commando's"
    one = catalog.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    many = catalog.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2)
    assert one == "{value!r} is geen geldige keuze (alleen {choice} kan)."
    assert many == "{value!r} is geen geldige keuze (kies uit {choices})."


@pytest.mark.parametrize("language", ["en", "de", "C"])
def test_other_languages_get_no_dutch(tmp_path, language):
    dutch.compile_catalog(tmp_path)
    with pytest.raises(OSError):
        gettext.translation(dutch.DOMAIN, tmp_path, languages=[language])
