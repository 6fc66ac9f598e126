"""The real Redis at 127.0.0.1:6379 (scripts/test-services.sh starts it) for tests of what
replicas share. Each test gets a key prefix of its own, removed afterwards, so runs don't meet.

    from tests.redis_fixtures import REDIS_URL, redis_prefix  # noqa: F401  (fixture)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
import redis

REDIS_URL = os.environ.get("JARJESTOBOTTI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test's own on the real server; its keys are deleted afterwards."""
    prefix = f"testi-{secrets.token_hex(6)}:"
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()
    yield prefix
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    client.close()
