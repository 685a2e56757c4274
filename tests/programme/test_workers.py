"""Several gunicorn workers, each with its own local-memory cache (the default): a rename, a "hide me" and an
erasure made through the services reach the very next anonymous response of every worker."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from bench.harness import ROOT, free_port, stop_everything, wait_for
from defdays.people import services as people
from defdays.programme import services
from defdays.programme.models import Room
from tests.programme.conftest import give_consent, session_fields

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 2
BATCH = 8  # concurrent requests per round: with both workers busy, each round reaches both


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start_gunicorn(workdir: Path, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url() + "?conn_max_age=60",
        "DEFDAYS_MODE": "development",
        "DEFDAYS_DEBUG": "false",
        "DEFDAYS_SSL_REDIRECT": "false",
        "DEFDAYS_DATA_DIR": str(workdir),
        "DEFDAYS_LOG_LEVEL": "WARNING",
        # The same keys as this test process, so both sides open the same sealed rows.
        "DEFDAYS_SECRET_KEY": settings.SECRET_KEY,
        "DEFDAYS_KEKS": settings.DEFDAYS_KEKS,
        "DEFDAYS_INDEX_KEY": settings.DEFDAYS_INDEX_KEY,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("CACHE_URL", None)  # the default: one local-memory cache per worker
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "defdays.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(p)s %(U)s",
        ],
        env=env,
        cwd=str(ROOT),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(port)
    return gunicorn, port


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode()
        assert response.status == 200, response.status
        return body
    finally:
        conn.close()


def _workers_since(log: Path, offset: int, path: str) -> set[str]:
    lines = log.read_bytes()[offset:].decode().splitlines()
    return {line.split()[0] for line in lines if line.split()[1:] == [path]}


def _round(port: int, path: str, log: Path) -> tuple[list[str], set[str]]:
    """Requests in rounds of BATCH concurrent ones until every worker has answered one (bounded): every body."""
    offset = log.stat().st_size
    bodies = []
    with ThreadPoolExecutor(max_workers=BATCH) as pool:
        for _attempt in range(10):
            bodies += pool.map(lambda _n: _get(port, path), range(BATCH))
            time.sleep(0.1)  # the access log line is written after the response
            served_by = _workers_since(log, offset, path)
            if len(served_by) >= WORKERS:
                return bodies, served_by
    raise AssertionError(f"only workers {served_by} answered")


def test_rename_hide_and_erasure_reach_every_worker_at_once(edition, make_user):
    names = {key: f"Speaker {key.upper()} 7f3a" for key in ("renamed", "hidden", "erased", "stays")}
    users = {key: make_user("speaker", edition=edition, public_name=name) for key, name in names.items()}
    hall = Room.objects.create(edition=edition, name="Hall", capacity=200, is_closed=False)
    session = services.save_session(edition, None, session_fields(edition, "Open Panel", room=hall), actor=None)
    for user in users.values():
        give_consent(session, services.speaker_for_user(edition, user), True)  # as a speaker answers it
    services.publish(edition, "First", actor=None, approve_public_names=True)
    connection.close()  # the workers take over the database

    path = reverse("programme:schedule", kwargs={"year": edition.year})
    workdir = Path(tempfile.mkdtemp(prefix="defdays-workers-"))
    log = workdir / "access.log"
    log.touch()
    gunicorn = None
    try:
        gunicorn, port = _start_gunicorn(workdir, log)
        bodies, _workers = _round(port, path, log)  # every worker has rendered and cached the page
        assert all(all(name in body for name in names.values()) for body in bodies)

        people.update_profile(users["renamed"], public_name="Speaker Pseudonym 7f3a", language="en")
        bodies, _workers = _round(port, path, log)
        assert all(names["renamed"] not in body and "Speaker Pseudonym 7f3a" in body for body in bodies)

        people.set_hidden(users["hidden"], True, actor=users["hidden"])
        bodies, _workers = _round(port, path, log)
        assert all(names["hidden"] not in body for body in bodies)

        people.erase(users["erased"])
        bodies, _workers = _round(port, path, log)
        assert all(names["erased"] not in body and names["stays"] in body for body in bodies)

        edition.title = "Defenders' Days Renamed 7f3a"  # the edition cache follows the same generation
        edition.save(update_fields=["title"])
        bodies, _workers = _round(port, path, log)
        assert all("Renamed 7f3a" in body for body in bodies)
    finally:
        stop_everything(gunicorn, None, workdir)
