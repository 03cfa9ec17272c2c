"""The rule playground: a local page (standard-library ``http.server``) over :class:`Playground`.

It binds to 127.0.0.1 and a random free port unless told otherwise, refuses any other address unless the caller
says so (the CLI's ``--host``), answers only requests addressed to that loopback host (a web page elsewhere cannot
reach it by DNS rebinding), and the page builds every document character with ``textContent`` under a strict
Content-Security-Policy: a document holding ``<script>`` is shown, never run.
"""

from __future__ import annotations

import ipaddress
import json
import sys
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError
from cleantext.evidence.patterns import builtin_pattern_files
from cleantext.report.playground import MAX_DOCUMENT_BYTES, MAX_TOML_BYTES, Playground, PlaygroundInputError
from cleantext.text.decode import decode

_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# JSON may write a character as a 6-byte escape: the body cap leaves room for that; the document cap is exact.
_MAX_BODY = 6 * (MAX_DOCUMENT_BYTES + MAX_TOML_BYTES) + 10_000
_SUFFIXES = (".txt", ".md", ".text", ".markdown")


def is_loopback(host: str) -> bool:
    """Is ``host`` a loopback name or address?"""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def document_files(paths: Sequence[str | Path]) -> list[Path]:
    """The documents a playground offers to open: the files given, and text files under the folders given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _SUFFIXES))
        elif p.is_file():
            out.append(p)
    return out


def page_html() -> str:
    return resources.files("cleantext.report").joinpath("playground.html").read_text(encoding="utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: PlaygroundServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", _CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _host_ok(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if is_loopback(host):
            return True
        self._json(HTTPStatus.MISDIRECTED_REQUEST, {"error": "this playground answers only on loopback"})
        return False

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlparse(self.path)
        query = parse_qs(url.query)
        pg = self.server
        if url.path == "/":
            self._send(HTTPStatus.OK, page_html().encode("utf-8"), "text/html; charset=utf-8")
        elif url.path == "/api/files":
            self._json(HTTPStatus.OK, {"files": [str(f) for f in pg.files],
                                       "patterns": [f.name for f in pg.pattern_files],
                                       "max_bytes": MAX_DOCUMENT_BYTES})
        elif url.path == "/api/file":
            self._open(pg.files, query, document=True)
        elif url.path == "/api/patternfile":
            self._open(pg.pattern_files, query, document=False)
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {url.path}"})

    def _open(self, files: Sequence[Path], query: dict[str, list[str]], document: bool) -> None:
        try:
            f = files[int(query.get("i", ["-1"])[0])]
        except (ValueError, IndexError):
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such file"})
            return
        try:
            data = f.read_bytes()
            if document and len(data) > MAX_DOCUMENT_BYTES:
                raise PlaygroundInputError(f"{f.name} is over {MAX_DOCUMENT_BYTES // 1000} kB: clean it with "
                                           "`cleantext clean`")
            text = decode(data)[0] if document else data.decode("utf-8")
        except (OSError, CleantextError, PlaygroundInputError, UnicodeDecodeError) as err:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": f"{f.name}: {err}"})
            return
        self._json(HTTPStatus.OK, {"name": f.name, "text": text})

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > _MAX_BODY:
            self.close_connection = True
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                       {"error": f"the request is over the playground's cap ({MAX_DOCUMENT_BYTES // 1000} kB a "
                                 "document): clean large files with `cleantext clean`"})
            return
        try:
            req = json.loads(self.rfile.read(length).decode("utf-8"))
            if not isinstance(req, dict):
                raise ValueError("expected a JSON object")
        except (ValueError, UnicodeDecodeError) as err:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {err}"})
            return
        try:
            if self.path == "/api/clean":
                disable = req.get("disable") or []
                if not isinstance(disable, list):
                    raise PlaygroundInputError("disable must be a list of rule ids or 'category.' prefixes")
                self._json(HTTPStatus.OK, self.server.playground.clean(str(req.get("text", "")), disable,
                                                                        req.get("toml") or None))
            elif self.path == "/api/check":
                self._json(HTTPStatus.OK, self.server.playground.check(str(req.get("toml", ""))))
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: {self.path}"})
        except PlaygroundInputError as err:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": str(err)})
        except CleantextError as err:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(err)})


class PlaygroundServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is where it listens."""

    daemon_threads = True

    def __init__(self, playground: Playground, files: Sequence[Path], host: str, port: int,
                 loopback_only: bool) -> None:
        self.playground = playground
        self.files = list(files)
        self.pattern_files = builtin_pattern_files()
        self.loopback_only = loopback_only
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else address  # bytes only for a Unix socket
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"


def make_server(paths: Sequence[str | Path] = (), *, host: str = "127.0.0.1", port: int = 0,
                allow_remote: bool = False, cleaner: Cleaner | None = None) -> PlaygroundServer:
    """A playground server, not yet serving. A host that is not loopback is refused unless ``allow_remote``."""
    if not allow_remote and not is_loopback(host):
        raise ValueError(f"refusing to serve on {host}: the playground binds to loopback only (pass --host to "
                         "choose another address on purpose)")
    return PlaygroundServer(Playground(cleaner or Cleaner()), document_files(paths), host, port,
                            loopback_only=is_loopback(host))


def serve(paths: Sequence[str | Path] = (), *, host: str = "127.0.0.1", port: int = 0, allow_remote: bool = False,
          cleaner: Cleaner | None = None) -> None:
    """Serve until interrupted, printing the address first."""
    server = make_server(paths, host=host, port=port, allow_remote=allow_remote, cleaner=cleaner)
    print(f"cleantext playground on {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
