"""``ciclope site … --serve``: the built site on http://127.0.0.1:PORT only (never on other interfaces)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..problems import CiclopeError, Problem

HOST = "127.0.0.1"


NOT_FOUND = (
    '<!doctype html><html lang="it"><meta charset="utf-8"><title>Pagina non trovata</title>'
    "<h1>Pagina non trovata</h1><p>Questa pagina non è nel sito. <a href=\"/\">Torna all'indice</a>.</p></html>"
)


class QuietHandler(SimpleHTTPRequestHandler):
    """The site's files only: a folder without index.html is not listed (Python's listing is in English
    and shows every file name), and a missing page is an Italian page."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def list_directory(self, path):  # noqa: ARG002 - the base class's signature
        self.send_not_found()
        return None

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self.send_not_found()
            return
        super().send_error(code, message, explain)

    def send_not_found(self) -> None:
        body = NOT_FOUND.encode("utf-8")
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def check_port(port: int) -> None:
    """A TCP port ciclope can listen on, or a CiclopeError saying which are."""
    if not 0 <= port <= 65535:
        raise CiclopeError(
            [
                Problem(
                    rule="site.port",
                    column="--port",
                    message=f"porta {port} non valida: indica un numero tra 1024 e 65535 (0: una porta libera qualsiasi)",
                )
            ]
        )


def server(folder: Path, port: int) -> ThreadingHTTPServer:
    check_port(port)
    handler = functools.partial(QuietHandler, directory=str(folder))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise CiclopeError(
            [
                Problem(
                    rule="site.port",
                    column="--port",
                    message=f"non posso usare la porta {port} su {HOST}: {exc.strerror or exc} "
                    "(già occupata? indica un'altra porta con --port)",
                )
            ]
        ) from None


def serve(folder: Path, port: int) -> None:
    httpd = server(folder, port)
    print(f"Sito su http://{HOST}:{httpd.server_address[1]}/ (Ctrl-C per fermare)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
