"""The production processes keep what they loaded at start out of the garbage collector's
passes (jaartaak/heap.py): without it a board's recompute grows faster than the board."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_wsgi_app_freezes_what_it_loaded(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAARTAAK_")}
    env.update(
        JAARTAAK_INSTANCE_PATH=str(tmp_path / "instance"),
        JAARTAAK_DATABASE_URL=f"sqlite:///{tmp_path / 'jaartaak.db'}",
    )
    code = "import gc\nimport jaartaak.wsgi\nprint(gc.get_freeze_count())"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert int(done.stdout) > 10_000  # the modules, mappers and plugins of the loaded app
