"""A real Doxis4-like REST server on 127.0.0.1 for the drift tests (not a mocked client): it
serves the documented answer shapes and can misbehave on request. Holds no tests itself."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

BASE = "/restws/publicws/rest/api/v1"
TOKEN = "eyJ0ZXN0IjoidG9rZW4ifQ.payload.signature"


@dataclass
class Behaviour:
    """What the server answers. `answers`: endpoint → JSON data; `status`: endpoint → forced
    HTTP status; `raw`: endpoint → raw body bytes; `delay`: seconds before every answer;
    `busy`: endpoint → how many of its first requests get 503 (as a server under load)."""

    organization: str
    user: str
    password: str
    answers: dict[str, Any]
    status: dict[str, int] = field(default_factory=dict)
    raw: dict[str, bytes] = field(default_factory=dict)
    delay: float = 0.0
    busy: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, body


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self, method: str) -> None:
        b = self.server.behaviour
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        b.requests.append((method, self.path, body))
        time.sleep(b.delay)
        if not self.path.startswith(BASE + "/"):
            self._send(404, b'{"errorCode":"NOTFOUND"}')
            return
        endpoint = self.path[len(BASE) + 1 :]
        if b.busy.get(endpoint, 0) > 0:
            b.busy[endpoint] -= 1
            self._send(503, b'{"errorCode":"BUSY","message":"try again"}')
            return
        if endpoint in b.status:
            self._send(b.status[endpoint], b'{"errorCode":"SEDNA0104","message":"failure"}')
            return
        if endpoint in b.raw:
            self._send(200, b.raw[endpoint])
            return
        if method == "POST" and endpoint == "login":
            data = json.loads(body)
            ok = (data.get("customerName"), data.get("userName"), data.get("password")) == (
                b.organization,
                b.user,
                b.password,
            )
            if ok:
                self._send(200, json.dumps(TOKEN).encode())
            else:
                self._send(401, b'{"errorCode":"SECU0050","message":"login failed"}')
            return
        if method == "POST" and endpoint == "logout":
            self._send(200, b"{}")
            return
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, b'{"errorCode":"SEDNA0204","message":"no session"}')
            return
        if method == "GET" and endpoint in b.answers:
            self._send(200, json.dumps(b.answers[endpoint]).encode())
            return
        self._send(404, b'{"errorCode":"NOTFOUND"}')

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    behaviour: Behaviour


@contextmanager
def serve(behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Run the server in a thread; yields its base URL (http or https on 127.0.0.1)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.behaviour = behaviour
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    # serve_forever looks for shutdown() every poll_interval (0.5 s by default): each test
    # would wait that long for its server to stop.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def self_signed(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A TLS context with a fresh self-signed certificate for 127.0.0.1, and the certificate's
    PEM file (to pass as --ca-bundle)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CSB")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "csb.pem", folder / "csb.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file


def _uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test-csb:{kind}:{name}"))


def answers_for(inventory: Any) -> dict[str, Any]:
    """The answers an installation that holds exactly `inventory` gives (documented shapes)."""
    descriptors = [
        {
            "uuid": _uuid("descriptor", d.name),
            "name": d.name,
            "shortName": d.short_name,
            "attributeDataType": d.data_type,
            "length": d.length,
            "multivalueType": "LIST" if d.multivalue else "NONE",
            "defaultValue": None,
        }
        for d in inventory.descriptors
    ]
    document_types = [
        {
            "uuid": _uuid("class", c.name),
            "name": c.name,
            "allowedAttributeDefinitions": [
                {
                    "attributeDefinitionUUID": _uuid("descriptor", a.descriptor),
                    "mandatory": a.mandatory,
                    "readonly": a.readonly,
                }
                for a in c.assignments
            ],
            "allowedMimeTypes": [],
        }
        for c in inventory.classes
        if not c.record
    ]
    records = [
        {"uuid": _uuid("class", c.name), "name": c.name, "schemaMetaType": "RECORD"}
        for c in inventory.classes
        if c.record
    ]
    groups = [{"uuid": _uuid("group", g), "name": g} for g in inventory.groups]
    groups.append({"uuid": _uuid("group", "everybody"), "name": "everybody"})
    return {
        "attributeDefinitions": descriptors,
        "documentTypes": document_types,
        "informationObjectTypes": [
            *records,
            {"uuid": _uuid("class", "Dokument"), "name": "Dokument", "schemaMetaType": "DOCUMENT"},
        ],
        "groups": groups,
        "roles": [{"uuid": _uuid("role", "admins"), "name": "admins"}],
    }
