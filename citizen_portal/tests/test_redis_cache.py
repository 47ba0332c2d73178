"""The Redis cache backend against the Redis server on 127.0.0.1:6379 (CI has one; a bare machine may not)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from citizen_portal.redis_cache import ReusedClientRedisCache


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI has a Redis server on 127.0.0.1:6379 and it does not answer")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    cache = ReusedClientRedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=False)
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client("some key") is client


def test_values_round_trip_through_the_shared_client(redis_cache):
    redis_cache.set("page", (200, [("Content-Type", "text/html")], b"<p>xin ch\xc3\xa0o</p>", None), 60)
    assert redis_cache.get("page") == (200, [("Content-Type", "text/html")], b"<p>xin ch\xc3\xa0o</p>", None)
    assert redis_cache.get_or_set("generation", 1, timeout=None) == 1
    assert redis_cache.incr("generation") == 2
    redis_cache.delete("page")
    assert redis_cache.get("page") is None
    assert redis_cache.add("once", "a") is True
    assert redis_cache.add("once", "b") is False
    assert redis_cache.get_many(["once", "generation"]) == {"once": "a", "generation": 2}
