"""The wheel carries templates, static files and migrations; a non-editable install serves pages.

A fresh virtual environment gets the built wheel; its dependencies are borrowed from the test
environment through a .pth line (which does not process the editable install's own .pth file),
so the only jaartaak it can import is the installed one.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    return next(out.glob("jaartaak-*.whl"))


def test_the_wheel_ships_templates_static_files_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "jaartaak/templates/base.html",
        "jaartaak/templates/auth/login.html",
        "jaartaak/static/style.css",
        "jaartaak/migrations/env.py",
        "jaartaak/migrations/script.py.mako",
        "jaartaak/migrations/versions/0001_foundation.py",
        "jaartaak/cli/click_nl.po",
    ):
        assert required in names


def test_a_non_editable_install_serves_the_login_page(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "_borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )

    script = textwrap.dedent(f"""
        import jaartaak
        from jaartaak.app import create_app
        from jaartaak.db import migrate
        assert jaartaak.__file__.startswith({str(venv)!r}), jaartaak.__file__
        app = create_app({{"TESTING": True, "INSTANCE_PATH": {str(tmp_path / "instance")!r},
                           "SECRET_KEY": "x" * 40}})
        assert app.template_folder.startswith({str(venv)!r}), app.template_folder
        migrate.upgrade(app.extensions["jaartaak"].database.engine)
        client = app.test_client()
        page = client.get("/inloggen").get_data(as_text=True)
        assert "<h1>Inloggen</h1>" in page, page
        assert client.get("/static/style.css").status_code == 200
        print("ok", jaartaak.__file__)
    """)
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
