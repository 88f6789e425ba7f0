"""The taakbrief's WeasyPrint fetcher reads data: URIs only: no server files, no network."""

from __future__ import annotations

import io
import multiprocessing
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader

from jaartaak.services import taakbrief_pdf
from jaartaak.services.taakbrief_pdf import RefusedURL, url_fetcher

MARKER = "GEHEIM-UIT-BESTAND"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/style.css",
        "ftp://example.com/x.png",
        "/etc/passwd",
        "x.png",
    ],
)
def test_the_fetcher_refuses_files_and_external_urls(url):
    with pytest.raises(RefusedURL, match="alleen data:-URI's"):
        url_fetcher()(url)


def test_the_fetcher_reads_data_uris():
    fetched = url_fetcher()("data:text/plain;charset=utf-8,hallo")
    assert fetched.read() == b"hallo"


@pytest.fixture
def web_server():
    """A real HTTP server on localhost that records every path asked of it."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b'body::after { content: "VAN-HET-NETWERK"; }')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def _document(tmp_path, base: str) -> str:
    secret = tmp_path / "geheim.css"
    secret.write_text(f'body::before {{ content: "{MARKER}"; }}', encoding="utf-8")
    return (
        f'<html><head><link rel="stylesheet" href="{secret.as_uri()}">'
        f'<link rel="stylesheet" href="{base}/stijl.css"></head>'
        '<body><p>Taakbrief</p><img src="file:///etc/passwd">'
        f'<img src="{base}/x.png"></body></html>'
    )


def test_rendering_a_document_that_names_files_and_urls_reads_none(tmp_path, web_server):
    base, asked = web_server
    text = pdf_text(taakbrief_pdf.pdf(_document(tmp_path, base)))
    assert "Taakbrief" in text
    assert MARKER not in text and "VAN-HET-NETWERK" not in text
    assert asked == []


def test_without_the_fetcher_weasyprint_would_read_them(tmp_path, web_server):
    """The check above is meaningful: WeasyPrint's own fetcher does read both."""
    from weasyprint import HTML

    base, asked = web_server
    text = pdf_text(HTML(string=_document(tmp_path, base)).write_pdf())
    assert MARKER in text and "VAN-HET-NETWERK" in text
    assert "/stijl.css" in asked


def test_pdfs_render_on_a_pool_also_from_a_daemonic_worker_process():
    """huey's process workers are daemonic; the pool must start there too."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_render_three, args=(queue,), daemon=True)
    worker.start()
    outcome = queue.get(timeout=120)
    worker.join(timeout=30)
    assert outcome == ("ok", [1, 2, 3], True)


def _render_three(queue) -> None:
    try:
        done = list(taakbrief_pdf.pdfs([(n, f"<p>Brief {n}</p>") for n in (1, 2, 3)]))
        keys = sorted(key for key, _pdf in done)
        assert all(pdf_text(data).strip() == f"Brief {key}" for key, data in done)
        queue.put(("ok", keys, multiprocessing.current_process().daemon))
    except Exception as error:  # reported to the test, which shows it
        queue.put(("fout", repr(error), None))
