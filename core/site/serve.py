"""``ciclope site … --serve``: the built site on http://127.0.0.1:PORT only (never on other interfaces)."""

from __future__ import annotations

import functools
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ciclope.core import syserrors
from ciclope.core.problems import CiclopeError, Problem

HOST = "127.0.0.1"


NOT_FOUND = (
    '<!doctype html><html lang="it"><meta charset="utf-8"><title>Pagina non trovata</title>'
    "<h1>Pagina non trovata</h1><p>Questa pagina non è nel sito. <a href=\"/\">Torna all'indice</a>.</p></html>"
)
ERROR_PAGE = (
    '<!doctype html><html lang="it"><meta charset="utf-8"><title>{title}</title><h1>{title}</h1><p>{text}</p></html>'
)
ERRORS = {
    400: ("Richiesta non valida", "Il browser ha inviato una richiesta che il sito non comprende."),
    403: (
        "Accesso non consentito",
        "Il sito è servito solo a questo computer, all'indirizzo http://127.0.0.1 o http://localhost: "
        "una pagina di un altro nome non può leggerlo.",
    ),
    405: ("Operazione non ammessa", "Il sito si può solo consultare."),
    501: ("Operazione non ammessa", "Il sito si può solo consultare."),
}
ERROR_OTHER = ("Errore", "La richiesta non è andata a buon fine.")
# The names this computer's browser uses for the server: a page of another site that makes its own name
# point to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


def local_host(header: str | None) -> bool:
    """Whether a Host header names this server as the operator's browser does (a port or none)."""
    if not header:
        return False
    name, _, port = header.strip().rpartition(":") if ":" in header else (header.strip(), "", "")
    return name.lower().rstrip(".") in LOCAL_HOSTS and (not port or port.isdigit())


class QuietHandler(SimpleHTTPRequestHandler):
    """The site's files only: a folder without index.html is not listed (Python's listing is in English
    and shows every file name), a missing page is an Italian page, a request naming another host is
    refused, no link inside the folder is followed, and nothing a request sends prints a traceback."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def list_directory(self, path):  # noqa: ARG002 - the base class's signature
        self.send_not_found()
        return None

    def send_head(self):
        if not local_host(self.headers.get("Host")):
            self.send_error(403)
            return None
        try:
            path = self.translate_path(self.path)
        except ValueError:  # a NUL or an undecodable name
            self.send_not_found()
            return None
        if not _plain_inside(path, self.directory):
            self.send_not_found()
            return None
        try:
            return super().send_head()
        except (OSError, ValueError):
            self.send_not_found()
            return None

    def send_error(self, code, message=None, explain=None):  # noqa: ARG002 - the base class's signature
        if code == 404:
            self.send_not_found()
            return
        title, text = ERRORS.get(code, ERROR_OTHER)
        self.close_connection = True
        self._send_page(code, ERROR_PAGE.format(title=title, text=text))

    def send_not_found(self) -> None:
        self._send_page(404, NOT_FOUND)

    def _send_page(self, code: int, page: str) -> None:
        body = page.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _plain_inside(path: str, root: str) -> bool:
    """Whether ``path`` is inside ``root`` through no link (a link planted in the site is never followed)."""

    try:
        base = os.path.abspath(root)
        relative = os.path.relpath(os.path.abspath(path), base)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return False
        expected = os.path.normpath(os.path.join(os.path.realpath(base), relative))
        return os.path.realpath(os.path.join(base, relative)) == expected
    except (OSError, ValueError):
        return False


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # noqa: ARG002 - the base class's signature
        """A connection that fails (a client gone, a malformed request) is the client's: never a traceback."""


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
        return QuietServer((HOST, port), handler)
    except OSError as exc:
        raise CiclopeError(
            [
                Problem(
                    rule="site.port",
                    column="--port",
                    message=f"non posso usare la porta {port} su {HOST}: {syserrors.said(exc)} "
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
