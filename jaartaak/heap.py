"""What a long-running process loaded at its start, kept out of the garbage collector's way.

A gunicorn worker (:mod:`jaartaak.wsgi`) and ``jaartaak worker`` keep what they load at start
for as long as they run: modules, SQLAlchemy's mappers, the plugins, some 100,000 objects that
the garbage collector would walk through again in every full pass. :func:`freeze_loaded` moves
them out of its sight (``gc.freeze``, as CPython's documentation advises for servers), so a
full pass costs what a request or job holds, not the whole application.

It matters when much is held at once. Recomputing a board of 10,000 employees
(bench/bench_board.py) takes about an eighth less CPU with it, and its time then grows in
proportion to the board: without it, the passes over the loaded application made the board
cost 11x the time of a tenth of it.
"""

from __future__ import annotations

import gc


def freeze_loaded() -> None:
    """Call once the application is loaded, before the process starts serving or working."""
    gc.collect()  # garbage of the start is freed first, not kept for good
    gc.freeze()
