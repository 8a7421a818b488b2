"""``ciclope site … --serve``: the built site on http://127.0.0.1:PORT only (never on other interfaces)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def server(folder: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(folder))
    return ThreadingHTTPServer((HOST, port), handler)


def serve(folder: Path, port: int) -> None:
    httpd = server(folder, port)
    print(f"Sito su http://{HOST}:{httpd.server_address[1]}/ (Ctrl-C per fermare)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
