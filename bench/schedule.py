#!/usr/bin/env python3
"""Schedule pages and exports under load, against a trivial view on the same server.

Starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster) and gunicorn with 2 workers on 127.0.0.1, builds a
300-session / 200-speaker programme (half open, half closed, some Chatham House), publishes it, then requests each
URL a bounded number of times as an anonymous visitor through a small pool of connections. Prints req/s and
p50/p99 for the day grid, the list, iCal, schedule.xml and JSON, and for /healthz (a trivial view: one SELECT 1),
with each page's throughput as a share of the trivial view's. Target: every share >= 50 %.

    .venv/bin/python bench/schedule.py [--requests 300] [--concurrency 4]

Everything it starts (database cluster, gunicorn) is stopped at the end, also on failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import BIN, ROOT, free_port, get, percentile, server_env, start_cluster, stop_everything, wait_for

URLS = [
    ("trivial view (/healthz)", "/healthz"),
    ("day grid", "/2013/schedule/day/3/"),
    ("list", "/2013/schedule/"),
    ("iCal", "/2013/schedule.ics"),
    ("schedule.xml (frab)", "/2013/schedule.xml"),
    ("JSON", "/2013/schedule.json"),
]


def build_programme(n_sessions: int, n_speakers: int) -> None:
    """An edition with a programme of the given size, published once."""
    from datetime import datetime, timedelta

    from defdays.editions.demo import EDITION_2013
    from defdays.editions.models import Edition
    from defdays.editions.services import make_current
    from defdays.programme import services
    from defdays.programme.models import Room, Session, SessionSpeaker, Speaker

    edition = Edition.objects.create(year=2013, **EDITION_2013)
    make_current(edition)
    rooms = [
        Room.objects.create(edition=edition, name=f"Room {i}", capacity=60, is_closed=i % 3 != 0) for i in range(8)
    ]
    speakers = Speaker.objects.bulk_create(
        [
            Speaker(edition=edition, slug=f"speaker-{i}", guest_name=f"Speaker {i}", bio="A short biography.")
            for i in range(n_speakers)
        ]
    )
    first = datetime(2013, 4, 2, 8, 0, tzinfo=edition.tz)
    sessions = Session.objects.bulk_create(
        [
            Session(
                edition=edition,
                slug=f"session-{i}",
                title=f"Session {i}: on defending rights",
                type="panel",
                audience="open" if i % 2 else "closed",
                chatham_house=i % 5 == 0,
                room=rooms[i % 8],
                start=first + timedelta(days=(i // 8) % 4, minutes=45 * ((i // 32) % 14)),
                duration=45,
                abstract="What the session covers, in a paragraph or two. " * 8,
            )
            for i in range(n_sessions)
        ]
    )
    SessionSpeaker.objects.bulk_create(
        [
            SessionSpeaker(session=s, speaker=speakers[(i * 2 + k) % n_speakers], consent_public=(i + k) % 4 != 0)
            for i, s in enumerate(sessions)
            for k in range(2)
        ]
    )
    services.publish(edition, "Benchmark", actor=None, approve_public_names=True)


def burst(port: int, path: str, requests: int, concurrency: int) -> tuple[float, list]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda _: get(port, path), range(requests)))
    return time.perf_counter() - started, results


def measure_all(port: int, requests: int, concurrency: int, rounds: int = 5) -> dict:
    """Interleaved rounds: the machine is shared, so any background load falls on every URL alike."""
    for _label, path in URLS:
        for _ in range(10):  # warm-up: imports, templates and the per-worker render cache
            get(port, path)
    elapsed = {label: 0.0 for label, _ in URLS}
    results = {label: [] for label, _ in URLS}
    per_round = max(1, requests // rounds)
    for _ in range(rounds):
        for label, path in URLS:
            seconds, batch = burst(port, path, per_round, concurrency)
            elapsed[label] += seconds
            results[label] += batch
    figures = {}
    for label, _ in URLS:
        latencies = [seconds * 1000 for seconds, _ in results[label]]
        figures[label] = {
            "rps": len(latencies) / elapsed[label],
            "p50": percentile(latencies, 50),
            "p99": percentile(latencies, 99),
            "errors": sum(1 for _, status in results[label] if status != 200),
        }
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="requests per URL, in 5 interleaved rounds")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--speakers", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="defdays-schedule-"))
    cluster = Path(tempfile.mkdtemp(prefix="defdays-schedule-pg-"))
    gunicorn = None
    try:
        url = start_cluster(cluster)
        env = server_env(url, workdir)
        child_env = {**os.environ, **env}
        subprocess.run([str(BIN / "defdays"), "migrate", "--verbosity", "0"], check=True, env=child_env)
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.settings")
        import django

        django.setup()
        build_programme(args.sessions, args.speakers)
        from django.db import connection

        connection.close()

        port = free_port()
        gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "defdays.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=child_env,
            cwd=str(ROOT),
            start_new_session=True,
        )
        wait_for(port)

        figures = measure_all(port, args.requests, args.concurrency)
        base = figures[URLS[0][0]]["rps"]
        print(
            f"schedule: {args.sessions} sessions, {args.speakers} speakers, anonymous visitor, gunicorn 2 workers, "
            f"{args.concurrency} connections, {args.requests} requests per URL, PostgreSQL on 127.0.0.1"
        )
        print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
        print(f"  {'URL':<26}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'of trivial':>12}{'errors':>8}")
        met = True
        for label, _path in URLS:
            f = figures[label]
            share = f["rps"] / base * 100
            met &= share >= 50 and f["errors"] == 0
            print(f"  {label:<26}{f['rps']:>8.0f}{f['p50']:>9.1f}{f['p99']:>9.1f}{share:>11.0f}%{f['errors']:>8}")
        print(f"  target (each >= 50 % of the trivial view, no errors): {'met' if met else 'NOT met'}")
        return 0 if met else 1
    finally:
        stop_everything(gunicorn, cluster, workdir)


if __name__ == "__main__":
    sys.exit(main())
