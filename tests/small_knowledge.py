"""The small knowledge base `tests/fixtures/knowledge-small` and settings for a runtime on it.

Its language café is the service the reload and replica tests edit and ask about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.settings import Settings

SMALL = Path(__file__).parent / "fixtures" / "knowledge-small"
SERVICE = "kielikahvila-ry/suomen-kielen-kahvila"
FILE = "services/kielikahvila-ry.yaml"
SUMMARY = "Arkista suomea rennossa porukassa maahan muuttaneille."
QUESTION = "Missä maahan muuttanut voi harjoitella suomen kieltä?"


def small_settings(
    knowledge_dir: Path,
    index_dir: Path,
    embedding_cache_dir: Path,
    database_url: str = "sqlite://",
    **extra: Any,
) -> Settings:
    """Settings for a test runtime on `knowledge_dir` (a copy of SMALL, or SMALL itself)."""
    return Settings(
        database_url=database_url,
        knowledge_dir=knowledge_dir,
        index_dir=index_dir,
        embedding_cache_dir=embedding_cache_dir,
        user_hash_salt="testisuola",
        **extra,
    )
