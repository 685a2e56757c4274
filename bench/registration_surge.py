#!/usr/bin/env python3
"""Registration surge: 1000 people sign up for the open session's 300 seats at once, then confirm at once.

Starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster) and gunicorn with 4 workers on 127.0.0.1, creates
an open session with 300 seats, lets every client load the sign-up page (for its CSRF cookie and token), then fires
all 1000 sign-ups through a bounded pool of concurrent connections.

Sign-up is double opt-in: the form records the request sealed and queues one task; the task worker records the
pending booking and emails a link; the seat is claimed when the address's owner opens the link and presses
"confirm". So there are two surges. The first (the form) takes no seat; between the two, the script runs the queued
sign-up tasks in its own process as the task worker would (not timed, reported), so that the bookings exist;
the second (1000 confirmations through the manage links) is the race for the 300 seats under the Capacity lock. The
script stands in for the people reading their email: it reads each booking's sealed link token from the database
(it runs with the server's keys), outside the timed part. Prints per-minute rates and p50/p95/p99 latency for both
surges, and the invariant check: exactly 300 confirmed, 700 waitlisted, 0 duplicates, 0 errors, and two email tasks
enqueued per person (the link, then the seat or waitlist place; delivery runs later in the task worker).

    .venv/bin/python bench/registration_surge.py [--sign-ups 1000] [--seats 300] [--concurrency 32]

Everything it starts (database cluster, gunicorn) is stopped at the end, also on Ctrl-C or failure.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import BIN, ROOT, free_port, percentile, server_env, start_cluster, stop_everything, wait_for

CSRF_COOKIE = "__Host-defdays-csrf"
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_FIELD = re.compile(r'name="session" value="(\d+)"')


class Client:
    """One person: loads the page (CSRF cookie and token), then posts the form once."""

    def __init__(self, port: int, n: int):
        self.port, self.n = port, n
        self.cookie = self.token = self.session = self.link_token = ""

    def load_form(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/2013/open-session/")
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith(CSRF_COOKIE + "="):
                self.cookie = value.split(";", 1)[0]
        self.token = TOKEN_FIELD.search(body).group(1)
        self.session = SESSION_FIELD.search(body).group(1)

    @property
    def email(self) -> str:
        return f"surge-{self.n:05d}@example.org"

    def _post(self, path: str, fields: dict, expect_location: str) -> tuple[float, int]:
        from urllib.parse import urlencode

        body = urlencode({"csrfmiddlewaretoken": self.token, **fields})
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": self.cookie,
                },
            )
            response = conn.getresponse()
            response.read()
            ok = response.status == 302 and response.getheader("Location", "").endswith(expect_location)
            status = response.status if ok else -response.status
        except OSError:
            status = 0
        finally:
            conn.close()
        return time.perf_counter() - started, status

    def sign_up(self) -> tuple[float, int]:
        return self._post(
            "/2013/open-session/",
            {
                "session": self.session,
                "name": f"Surge Guest {self.n}",
                "email": self.email,
                "language": "en",
            },
            "/open-session/thanks/",
        )

    def confirm(self) -> tuple[float, int]:
        path = f"/2013/open-session/booking/{self.link_token}/"
        return self._post(path, {"action": "confirm"}, path)


def run_sign_up_tasks() -> tuple[int, float]:
    """The task worker's share of the form posts: carry out every queued sign-up (only those: the email tasks stay
    queued, as delivery is not part of the benchmark). Returns how many ran and how long they took."""
    from django_tasks_db.models import DBTaskResult

    from defdays.opensession.tasks import sign_up_from_request

    started = time.perf_counter()
    rows = DBTaskResult.objects.filter(task_path__endswith="sign_up_from_request").order_by("enqueued_at")
    done = sum(1 for row in rows if sign_up_from_request.call(**row.args_kwargs["kwargs"]) is not None)
    return done, time.perf_counter() - started


def read_links(clients: list[Client]) -> None:
    """What each person finds in the email: the link token, read sealed from the database (not timed)."""
    from defdays.core.crypto import email_index
    from defdays.opensession.models import Booking

    by_index = {b.email_index: b for b in Booking.objects.select_related("data_key")}
    for client in clients:
        booking = by_index.get(email_index(client.email))
        client.link_token = booking.manage_token if booking is not None else "0" * 43


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.settings")
    import django

    django.setup()


def create_open_session(seats: int) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from defdays.editions.demo import EDITION_2013
    from defdays.editions.models import Edition
    from defdays.editions.services import make_current
    from defdays.opensession.services import create_open_session as create

    edition = Edition.objects.create(year=2013, **EDITION_2013)
    make_current(edition)
    tz = ZoneInfo("Europe/Stockholm")
    session = create(
        edition,
        title="Surge",
        description="Benchmark.",
        place="Stockholm",
        seats=seats,
        starts_at=datetime(2013, 4, 4, 13, tzinfo=tz),
        ends_at=datetime(2013, 4, 4, 17, tzinfo=tz),
    )
    return session.pk


def check_invariants(session_pk: int, sign_ups: int, seats: int) -> dict:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from defdays.mail.outbox import OutgoingEmail
    from defdays.opensession.models import Booking, OpenSession
    from defdays.seats.capacity import Seat, counts

    session = OpenSession.objects.get(pk=session_pk)
    c = counts(session.capacity_id)
    bookings = Booking.objects.filter(open_session=session)
    duplicate_emails = bookings.values("email_index").annotate(n=Count("id")).filter(n__gt=1).count()
    duplicate_holders = (
        Seat.objects.filter(capacity_id=session.capacity_id)
        .values("holder")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "confirmed": c.confirmed,
        "waitlisted": c.waitlisted,
        "bookings": bookings.count(),
        "duplicates": duplicate_emails + duplicate_holders,
        # Each email waits sealed in the outbox; its task carries only the outbox id.
        "emails_enqueued": DBTaskResult.objects.filter(task_path__endswith="send_outgoing_email").count(),
        "outbox_rows": OutgoingEmail.objects.count(),
        "expected_confirmed": min(seats, sign_ups),
        "expected_waitlisted": max(sign_ups - seats, 0),
        "expected_emails": 2 * sign_ups,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sign-ups", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=32, help="simultaneous connections (bounded pool)")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="defdays-surge-"))
    cluster = Path(tempfile.mkdtemp(prefix="defdays-surge-pg-"))  # its own directory: the server runs as postgres
    gunicorn = None
    try:
        url = start_cluster(cluster)
        # Every simulated visitor comes from 127.0.0.1: lift the per-network sign-up limit for the surge.
        env = server_env(url, workdir, DEFDAYS_SIGNUP_LIMIT_PER_HOUR="1000000")
        child_env = {**os.environ, **env}
        subprocess.run([str(BIN / "defdays"), "migrate", "--verbosity", "0"], check=True, env=child_env)
        setup_django(env)
        session_pk = create_open_session(args.seats)
        from django.db import connection

        connection.close()

        port = free_port()
        gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "defdays.wsgi:application",
                "--workers",
                str(args.workers),
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

        clients = [Client(port, n) for n in range(args.sign_ups)]
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(Client.load_form, clients))

        load_before = os.getloadavg()[0]

        def surge(call):
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                results = list(pool.map(call, clients))
            return results, time.perf_counter() - started

        sign_up_results, sign_up_elapsed = surge(Client.sign_up)
        sign_up_tasks, tasks_elapsed = run_sign_up_tasks()
        read_links(clients)
        connection.close()
        confirm_results, confirm_elapsed = surge(Client.confirm)

        errors = sum(1 for _, status in sign_up_results + confirm_results if status <= 0)
        facts = check_invariants(session_pk, args.sign_ups, args.seats)

        print(
            f"registration surge: {args.sign_ups} sign-ups for {args.seats} seats, then {args.sign_ups} "
            f"confirmations, gunicorn {args.workers} workers, {args.concurrency} concurrent connections, "
            "PostgreSQL on 127.0.0.1"
        )
        print(
            f"  machine             {os.cpu_count()} cores, load average {load_before:.2f} before the surge "
            f"(other work on the machine slows every figure)"
        )
        rates = []
        for label, results, elapsed in (
            ("sign-ups", sign_up_results, sign_up_elapsed),
            ("confirmations", confirm_results, confirm_elapsed),
        ):
            latencies_ms = [seconds * 1000 for seconds, _ in results]
            rate = len(results) / elapsed * 60
            rates.append((rate, percentile(latencies_ms, 95)))
            p50, p95, p99 = (percentile(latencies_ms, p) for p in (50, 95, 99))
            print(
                f"  {label:<14} {elapsed:.2f} s wall, {rate:.0f} per minute (target >= 3000), "
                f"p50/p95/p99 {p50:.0f} / {p95:.0f} / {p99:.0f} ms (target p95 < 500 ms), "
                f"max {max(latencies_ms):.0f} ms, mean {statistics.fmean(latencies_ms):.0f} ms"
            )
        print(
            f"  sign-up tasks       {sign_up_tasks} carried out in {tasks_elapsed:.2f} s by one worker process"
            f" (expected {args.sign_ups}; not part of the timed surges)"
        )
        print(f"  confirmed           {facts['confirmed']} (expected {facts['expected_confirmed']})")
        print(f"  waitlisted          {facts['waitlisted']} (expected {facts['expected_waitlisted']})")
        print(f"  bookings            {facts['bookings']} (expected {args.sign_ups})")
        print(f"  duplicates          {facts['duplicates']}")
        print(f"  errors              {errors}")
        print(
            f"  emails enqueued     {facts['emails_enqueued']} tasks, {facts['outbox_rows']} sealed outbox rows"
            f" (expected {facts['expected_emails']}: the link, then the seat or place; delivered later by the"
            " task worker)"
        )
        ok = (
            facts["confirmed"] == facts["expected_confirmed"]
            and facts["waitlisted"] == facts["expected_waitlisted"]
            and facts["bookings"] == args.sign_ups
            and sign_up_tasks == args.sign_ups
            and facts["duplicates"] == 0
            and errors == 0
            and facts["emails_enqueued"] == facts["outbox_rows"] == facts["expected_emails"]
        )
        print(f"  invariants          {'OK' if ok else 'FAILED'}")
        met = all(rate >= 3000 and p95 < 500 for rate, p95 in rates)
        print(f"  targets             {'met' if met else 'NOT met'}")
        return 0 if ok else 1
    finally:
        stop_everything(gunicorn, cluster, workdir)


if __name__ == "__main__":
    sys.exit(main())
