"""The generation through a shared Redis cache (core.generation): requests read a copy kept in Redis, the database
stays the source of truth, and a bump reaches every process's next request, never goes backwards, and survives a
callback that never ran."""

import shutil
import subprocess
import sys
import tempfile
import time

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext, override_settings

from bench.harness import ROOT, start_redis, stop_process
from defdays.core import generation
from defdays.core.models import Generation

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the copy is written by on_commit: the commits must be real
    pytest.mark.skipif(
        not any(shutil.which(b) for b in ("redis-server", "valkey-server")),
        reason="needs Debian's redis-server (scripts/test-all installs it)",
    ),
]


@pytest.fixture(scope="module")
def redis_url():
    workdir = tempfile.mkdtemp(prefix="defdays-generation-redis-")
    server = None
    try:
        server, port = start_redis(workdir)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(server)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def shared(redis_url):
    settings = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    with override_settings(CACHES={"default": {**settings, "KEY_PREFIX": "defdays"}}):
        caches["default"].clear()
        Generation.objects.update_or_create(pk=1, defaults={"value": 1, "salt": "first"})
        yield caches["default"]
        caches["default"].clear()


def in_request(read):
    """`read()` as a request runs it (the generation is memoised per request)."""
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as queries:
            value = read()
        return value, len(queries)
    finally:
        request_finished.send(sender=None)


def held(shared) -> str | None:
    client, key = generation._redis()
    value = client.get(key)
    return value.decode() if value is not None else None


def test_requests_read_the_copy_in_redis_not_the_database(shared):
    assert in_request(generation.current) == ("1.first", 1)  # the first reader fills the copy from the row
    assert held(shared) == "1.first"
    assert in_request(generation.current) == ("1.first", 0)  # every later request: one Redis GET, no query


def test_a_bump_reaches_the_next_request_after_its_commit_and_not_before(shared):
    in_request(generation.current)
    with transaction.atomic():
        generation.bump()
        inside = generation.current()
        assert inside.startswith("2.")  # the bumping code reads its own transaction's row
        assert held(shared) == "1.first"  # nobody else may see the new generation before the new rows
    assert held(shared) == inside
    assert in_request(generation.current) == (inside, 0)


def test_within_the_bumping_request_the_row_is_read_not_the_old_copy(shared):
    request_started.send(sender=None)
    try:
        assert generation.current() == "1.first"
        with transaction.atomic():
            generation.bump()
            assert generation.current().startswith("2.")
            # a value cached by this request's remaining work must carry the new generation, not the copy's
            with CaptureQueriesContext(connection) as queries:
                generation.current()
            assert len(queries) == 0  # memoised again for the rest of the request
    finally:
        request_finished.send(sender=None)


def test_an_older_generation_never_replaces_a_newer_copy(shared):
    """Two bumps whose callbacks arrive out of order, or a reader refilling the copy from a read made before a
    bump committed: the copy keeps the greater value."""
    client, key = generation._redis()
    generation._copy(client, key, 5, "five")
    generation._copy(client, key, 4, "four")
    generation._copy(client, key, 5, "other")
    assert held(shared) == "5.five"
    generation._copy(client, key, 6, "six")
    assert held(shared) == "6.six"


def test_a_bump_whose_callback_never_ran_is_seen_once_the_copy_expires(shared, monkeypatch):
    """A node killed between its commit and its on_commit callback: the copy is old for at most COPY_SECONDS."""
    monkeypatch.setattr(generation, "COPY_SECONDS", 0.3)
    in_request(generation.current)
    Generation.objects.filter(pk=1).update(value=F("value") + 1, salt="lost")  # committed, no callback
    assert in_request(generation.current)[0] == "1.first"
    time.sleep(0.4)
    assert in_request(generation.current)[0] == "2.lost"


def test_without_redis_every_request_reads_the_row(db):
    Generation.objects.update_or_create(pk=1, defaults={"value": 7, "salt": "local"})
    assert generation._redis() is None  # the suite's local-memory cache
    assert in_request(generation.current) == ("7.local", 1)
    assert in_request(generation.current) == ("7.local", 1)


BUMP_ELSEWHERE = """
import django
django.setup()
from django.db import transaction
from defdays.core import generation
with transaction.atomic():
    generation.bump()
print(generation.current())
"""


def test_a_bump_in_another_process_reaches_this_process_next_request(shared, redis_url, tmp_path):
    """Another process stands for another node: its bump is seen here on the next request, through the copy."""
    in_request(generation.current)
    db = connection.settings_dict["NAME"]
    env = {
        "DJANGO_SETTINGS_MODULE": "defdays.test_settings",
        "DEFDAYS_MODE": "test",
        "DEFDAYS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{db}",
        "CACHE_URL": redis_url,
        "PYTHONPATH": str(ROOT / "src"),
        "PATH": "/usr/bin:/bin",
    }
    if connection.vendor != "sqlite":
        pytest.skip("the other process shares the SQLite file")
    result = subprocess.run(
        [sys.executable, "-c", BUMP_ELSEWHERE], env=env, capture_output=True, text=True, timeout=120, cwd=str(ROOT)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    elsewhere = result.stdout.strip()
    assert elsewhere.startswith("2.")
    assert in_request(generation.current) == (elsewhere, 0)
