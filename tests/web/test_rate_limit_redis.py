"""Login limits shared between workers through the real local Redis."""

from __future__ import annotations

import uuid

import pytest
import redis
from sqlalchemy import Connection
from sqlmodel import Session

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.db import Database
from tests.conftest import login
from tests.factories import create_user

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_up(), reason=f"no Redis server at {REDIS_URL}")
def test_two_workers_share_the_failed_login_count(connection: Connection, session: Session) -> None:
    """Failed logins are counted in Redis, where every gunicorn worker sees them."""
    prefix = f"test-{uuid.uuid4().hex}"

    class SharedLimits(TestConfig):
        RATELIMIT_STORAGE_URI = REDIS_URL
        RATELIMIT_KEY_PREFIX = prefix

    workers = []
    for _ in range(2):
        app = create_app(SharedLimits)
        Database.state(app).bind = connection
        workers.append(app.test_client())
    user = create_user(session)
    codes = [login(workers[i % 2], user.email, "wrong-password").status_code for i in range(11)]
    assert codes[:10] == [200] * 10
    assert codes[10] == 429
    client = redis.Redis.from_url(REDIS_URL)
    keys = client.keys(f"*{prefix}*")
    assert keys  # the counts really live in Redis
    client.delete(*keys)
