"""The taakbrief as HTML and PDF: the template, WeasyPrint with a closed URL fetcher, a pool.

The template is rendered with the app's Jinja environment (passed in, so this module needs no
Flask): the brief then formats amounts with the same filters and macros as the page does.

WeasyPrint fetches every URL a document names (images, stylesheets, fonts in ``@font-face``).
A brief holds text that users typed (names, task names, an objection), so the fetcher refuses
everything except ``data:`` URIs: no ``file:`` (server files such as /etc/passwd or the
instance folder) and no network (http, https, ftp: requests from the server to wherever a
user points). The stylesheet is inline in the template and charts are inline SVG, so nothing
legitimate is lost.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from jinja2 import Environment

from jaartaak.services.charts import jaartaak_bar_svg

TEMPLATE = "taakbrief/pdf.html"
K = TypeVar("K")


class RefusedURL(ValueError):
    """A URL the taakbrief may not fetch; WeasyPrint logs it and leaves the resource out."""


@cache
def _data_only_fetcher_class() -> type:
    """Defined on first use: WeasyPrint takes a second to import, and only PDFs need it."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            if not url.lower().startswith("data:"):
                raise RefusedURL(
                    f"taakbrief: URL geweigerd (alleen data:-URI's zijn toegestaan): {url}"
                )
            return super().fetch(url, headers)

    return DataOnlyFetcher


def url_fetcher():
    """WeasyPrint's fetcher for ``data:`` URIs only; any other URL is refused unread."""
    return _data_only_fetcher_class()(allowed_protocols={"data"}, allow_redirects=False)


def html(
    environment: Environment,
    data: dict[str, Any],
    versie: int,
    gepubliceerd_op: datetime,
) -> str:
    """The brief's HTML: its data, the version and publish moment, and the chart of its totals."""
    template = environment.get_template(TEMPLATE)
    return template.render(
        brief=data,
        versie=versie,
        gepubliceerd_op=gepubliceerd_op,
        bar_svg=jaartaak_bar_svg(data["totalen"]),
    )


def pdf(document: str) -> bytes:
    """PDF bytes of the HTML, fetching nothing but ``data:`` URIs."""
    from weasyprint import HTML

    return HTML(string=document, url_fetcher=url_fetcher()).write_pdf()


def workers() -> int:
    """One PDF process per core: rendering is CPU work in one thread per process."""
    return max(1, os.cpu_count() or 1)


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Let this process start the pool, also when it is one of huey's daemonic workers.

    multiprocessing refuses children to a daemonic process because they would outlive it; the
    pool is shut down and joined before this block ends, so none does. Without this a bulk
    publish would run in the tests (immediate mode) but fail under ``jaartaak worker``.
    """
    config = multiprocessing.current_process()._config
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        if daemon is not None:
            config["daemon"] = daemon
        else:
            config.pop("daemon", None)


def pdfs(documents: Iterable[tuple[K, str]]) -> Iterator[tuple[K, bytes]]:
    """Render (key, HTML) pairs on every core; yields (key, PDF) as each one is done.

    The caller stores each result while the others render, so progress shows as it happens.
    With one document (or one core) no pool is started: its start-up would cost more.
    """
    items = list(documents)
    if len(items) <= 1 or workers() == 1:
        for key, document in items:
            yield key, pdf(document)
        return
    import weasyprint  # noqa: F401  (imported once here, the forked workers inherit it)

    with _children_allowed():
        pool = ProcessPoolExecutor(max_workers=workers())
        try:
            futures = {pool.submit(pdf, document): key for key, document in items}
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
