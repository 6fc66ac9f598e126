"""TLS at the network edge, for tests: a throwaway certificate authority, server certificates
it signs, and an HTTPS site for a public host name reached through a local CONNECT proxy.

`https_sites(folder, {"login.botframework.com": {"/v1/.well-known/keys": jwks}})` yields the proxy
URL and the CA file: a process with `https_proxy` set to the one and `SSL_CERT_FILE` to the
other talks to the fake exactly as it would to the real host (CONNECT, TLS with the host's
name, then HTTP), with no change to the code under test.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.http_fakes import JsonHandler, serve_in_thread


@dataclass(frozen=True)
class ServerCert:
    ca_file: Path  # the CA that signed it (PEM): what a client must trust
    cert_file: Path
    key_file: Path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )


def make_server_cert(folder: Path, *hosts: str) -> ServerCert:
    """A fresh CA and a certificate for `hosts` (DNS names; "127.0.0.1" as an IP) it signs."""
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Testi-CA"))
        .issuer_name(_name("Testi-CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    alt: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    out = ServerCert(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    out.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    out.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    out.key_file.write_bytes(_pem_key(key))
    return out


@dataclass
class HttpsSite:
    proxy_url: str  # http://127.0.0.1:<port>, for `https_proxy`
    ca_file: Path  # for `SSL_CERT_FILE`
    requests: list[str]  # "host/path" of every request the site answered


@contextmanager
def https_sites(folder: Path, sites: Mapping[str, Mapping[str, Any]]) -> Iterator[HttpsSite]:
    """`https://<host><path>` answers `sites[host][path]` as JSON to GET and POST (404 for
    other paths), reached through a CONNECT proxy on loopback; other hosts are refused
    (502), so nothing leaves the machine."""
    cert = make_server_cert(folder, *sites)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert.cert_file, cert.key_file)
    seen: list[str] = []

    class Site(JsonHandler):
        host = ""

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.do_GET()

        def do_GET(self) -> None:
            seen.append(self.host + self.path)
            doc = sites[self.host].get(self.path.split("?")[0])
            self.send_json(200 if doc is not None else 404, doc, {"Connection": "close"})

    class Proxy(JsonHandler):  # for its quiet log; it answers CONNECT, not JSON
        def do_CONNECT(self) -> None:
            host = self.path.split(":")[0]
            if host not in sites:
                self.send_error(502)
                return
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            with tls.wrap_socket(self.connection, server_side=True) as conn:
                handler = type("HostSite", (Site,), {"host": host})
                handler(conn, self.client_address, self.server)
            self.close_connection = True

    with serve_in_thread(Proxy) as url:
        yield HttpsSite(url, cert.ca_file, seen)
