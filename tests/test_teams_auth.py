"""Teams authentication with an accepted identity: a Bot Framework token the SDK verifies.

The token is signed with a test RSA key; the key is published the way Microsoft publishes
its own: a JWKS document at `https://login.botframework.com/v1/.well-known/keys` (the URI
the Agents SDK fetches for tokens issued by `https://api.botframework.com`). The SDK reaches
it through `https_proxy` and trusts it through `SSL_CERT_FILE` (tests/tls_fakes.py), so
the code under test runs unchanged. With a valid token the bot answers only activities
whose `serviceUrl` is a Bot Framework connector host: its reply would carry our
credentials, so any other host (a rented `*.blob.core.windows.net` name, loopback, plain
http) is refused with 401 before the bot runs.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from sqlalchemy import select

from bot.runtime import Runtime
from bot.teams.app import TeamsBot, teams_router
from bot.web.app import create_app
from store.models import QueryLog
from tests import fake_connector, runtime_fixtures
from tests.fake_connector import FakeConnector
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture
from tests.tls_fakes import HttpsSite, https_sites

connector, knowledge_index_dir = fake_connector.connector, runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("teams_auth")

APP_ID = "11111111-2222-3333-4444-555555555555"
TENANT = "66666666-7777-8888-9999-000000000000"
ISSUER = "https://api.botframework.com"  # Bot Framework channel tokens
KEYS_PATH = "/v1/.well-known/keys"
TEAMS_URL = "https://smba.trafficmanager.net/emea/"
_ids = itertools.count(1)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class SigningKey:
    """An RSA key with a self-signed certificate, published as Microsoft publishes keys."""

    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "login.botframework")])
        now = time.time()
        import datetime as dt

        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(dt.datetime.fromtimestamp(now - 60, dt.UTC))
            .not_valid_after(dt.datetime.fromtimestamp(now + 86400, dt.UTC))
            .sign(self.key, hashes.SHA256())
        )

    def jwk(self) -> dict[str, Any]:
        """One entry of Microsoft's key document (kty, use, kid, x5t, n, e, x5c,
        endorsements)."""
        der = self.cert.public_bytes(serialization.Encoding.DER)
        numbers = self.key.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "x5t": base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode(),
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
            "x5c": [base64.b64encode(der).decode()],
            "endorsements": ["msteams", "webchat", "directline"],
        }

    def token(self, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": APP_ID, "nbf": now - 5, "exp": now + 3600, **claims}
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})


KEY = SigningKey("testi-avain-1")
ENTRA_BASE = f"https://login.microsoftonline.com/{TENANT}"
# Entra, where MSAL gets the token the bot's replies carry (client credentials).
ENTRA = {
    f"/{TENANT}/v2.0/.well-known/openid-configuration": {
        "issuer": f"{ENTRA_BASE}/v2.0",
        "authorization_endpoint": f"{ENTRA_BASE}/oauth2/v2.0/authorize",
        "token_endpoint": f"{ENTRA_BASE}/oauth2/v2.0/token",
        "jwks_uri": f"{ENTRA_BASE}/discovery/v2.0/keys",
    },
    f"/{TENANT}/oauth2/v2.0/token": {
        "token_type": "Bearer",
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": "botin-lahtevan-viestin-tunniste",
    },
}


@pytest.fixture(scope="module")
def login_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpsSite]:
    """The fake login.botframework.com, and this process pointed at it for HTTPS."""
    folder: Path = tmp_path_factory.mktemp("botframework-tls")
    with (
        https_sites(
            folder,
            {
                "login.botframework.com": {KEYS_PATH: {"keys": [KEY.jwk()]}},
                "login.microsoftonline.com": ENTRA,
            },
        ) as site,
        pytest.MonkeyPatch.context() as mp,
    ):
        for name in ("https_proxy", "HTTPS_PROXY"):
            mp.setenv(name, site.proxy_url)
        for name in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):  # urllib; requests (MSAL)
            mp.setenv(name, str(site.ca_file))
        mp.setenv("no_proxy", "127.0.0.1,localhost")
        yield site
        JwtTokenValidator._jwk_client_manager._cache.clear()  # forget the test key


def _serve(runtime: Runtime, **settings: Any) -> Iterator[httpx.Client]:
    conf = runtime.settings.model_copy(update=settings)
    app = create_app(runtime, extra_routes=[teams_router(TeamsBot(runtime, conf))])
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30, trust_env=False) as c:
        yield c


@pytest.fixture
def teams(runtime: Runtime, login_site: HttpsSite) -> Iterator[httpx.Client]:
    """`/api/messages` with the bot's Entra credentials set: authentication is on."""
    yield from _serve(
        runtime, teams_app_id=APP_ID, teams_app_password="salaisuus", teams_tenant_id=TENANT
    )


def activity(service_url: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"auth-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": "29:kysyja", "name": "Kysyjä", "aadObjectId": "0000-kysyja"},
        "recipient": {"id": f"28:{APP_ID}", "name": "Järjestöbotti"},
        "locale": "fi-FI",
        "conversation": {"id": "a:auth-1", "conversationType": "personal", "tenantId": TENANT},
        "text": text,
    }


def post(client: httpx.Client, body: dict[str, Any], token: str) -> httpx.Response:
    return client.post("/api/messages", json=body, headers={"Authorization": f"Bearer {token}"})


def logged(runtime: Runtime, question: str, wait: float = 0.0) -> bool:
    deadline = time.monotonic() + wait
    while True:
        with runtime.engine.connect() as conn:
            rows = conn.execute(select(QueryLog.question).where(QueryLog.platform == "teams"))
            if question in rows.scalars().all():
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def test_a_valid_bot_framework_token_is_accepted(
    teams: httpx.Client, runtime: Runtime, login_site: HttpsSite
) -> None:
    question = "Missä on vertaistukea leskeksi jääneille?"
    token = KEY.token(serviceurl=TEAMS_URL)
    response = post(teams, activity(TEAMS_URL, question), token)
    assert response.status_code == 202
    assert f"login.botframework.com{KEYS_PATH}" in login_site.requests  # key from Microsoft
    assert logged(runtime, question, wait=30)  # the bot took the question on


@pytest.mark.parametrize(
    "service_url",
    [
        "https://evil.example/",
        "https://attacker.blob.core.windows.net/",  # anyone can rent a storage account
        "https://contoso-my.sharepoint.com/",
        "http://smba.trafficmanager.net/emea/",  # not https
        "https://127.0.0.1:9/",
    ],
)
def test_an_accepted_token_with_a_foreign_service_url_is_refused(
    teams: httpx.Client, runtime: Runtime, connector: FakeConnector, service_url: str
) -> None:
    """Entra-issued tokens carry no `serviceurl` claim to compare with: the host list is
    what keeps the reply (and the token it carries) away from someone else's server."""
    question = f"Kuka vastaa osoitteeseen {service_url}?"
    response = post(teams, activity(service_url, question), KEY.token())
    assert response.status_code == 401
    assert not logged(runtime, question, wait=1.0)


def test_a_service_url_other_than_the_tokens_claim_is_refused(
    teams: httpx.Client, runtime: Runtime
) -> None:
    question = "Vaihdettu palveluosoite?"
    token = KEY.token(serviceurl=TEAMS_URL)
    body = activity("https://smba.infra.gcc.teams.microsoft.com/", question)
    assert post(teams, body, token).status_code == 401
    assert not logged(runtime, question, wait=1.0)


@pytest.mark.parametrize(
    "forged",
    [
        SigningKey(KEY.kid).token(),  # same key id, someone else's key
        KEY.token(aud="toisen-botin-id"),
        KEY.token(exp=int(time.time()) - 3600),
        KEY.token(iss="https://login.example.org/"),  # keys looked up elsewhere: not ours
    ],
    ids=["wrong-key", "wrong-audience", "expired", "unknown-issuer"],
)
def test_forged_or_stale_tokens_are_refused(teams: httpx.Client, forged: str) -> None:
    assert post(teams, activity(TEAMS_URL, "Hei"), forged).status_code == 401


def test_anonymous_dev_mode_with_a_secret_still_refuses_foreign_hosts(
    runtime: Runtime, connector: FakeConnector, login_site: HttpsSite
) -> None:
    """Dev mode lets requests in without a token, but with a client secret set the replies
    would carry a real token: they may go to Bot Framework hosts only."""
    for client in _serve(
        runtime,
        teams_allow_anonymous=True,
        teams_app_id=APP_ID,
        teams_app_password="salaisuus",
        teams_tenant_id=TENANT,
    ):
        question = "Kehitystila ja vieras osoite?"
        response = client.post("/api/messages", json=activity(connector.url, question))
        assert response.status_code == 401
    connector.quiet_for()
    assert connector.messages() == []
