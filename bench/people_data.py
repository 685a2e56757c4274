#!/usr/bin/env python3
"""People's data: time to export and to erase one person, and to purge an edition, at a realistic size.

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL of DATABASE_URL) with N closed-part
participants registered for one edition (each with encrypted access needs); DATABASE_URL must point at a
throwaway database (e.g. from scripts/pg-test-cluster), as the script writes into it. It measures:
- export: building one person's full export (every app's personal_data module), median of 50;
- erase: erasing one person (every app, roles, key shredding, anonymisation), median of 50;
- purge: `purge(dry_run=True)` then the real purge of the whole edition, and a second (idempotent) run.

    .venv/bin/python bench/people_data.py [--participants 2000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="defdays-bench-people-")
    os.environ.setdefault("DEFDAYS_MODE", "test")
    os.environ["DEFDAYS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.test_settings")
    sys.path.insert(0, str(ROOT / "src"))
    _create_postgres_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["NAME"] = str(Path(data_dir) / "bench.sqlite3")
        connection.settings_dict["NAME"] = settings.DATABASES["default"]["NAME"]
    call_command("migrate", verbosity=0)

    import time_machine

    from defdays.accounts.models import User
    from defdays.accounts.services import grant_role
    from defdays.editions.models import Edition, EditionStatus
    from defdays.people import services
    from defdays.registration.services import register

    edition = Edition.objects.create(
        year=2013,
        title="Bench edition",
        slug="bench-2013",
        status=EditionStatus.PUBLISHED,
        start_date=date(2013, 4, 2),
        end_date=date(2013, 4, 5),
        main_day=date(2013, 4, 4),
        city="Stockholm",
        organiser_name="Bench",
        description="-",
        aims="-",
        closed_part_info="-",
        open_session_info="-",
        invitation_info="-",
        contact_name="Contact",
        contact_email="contact@example.org",
    )
    build_s, users = timed(
        lambda: [_participant(User, grant_role, register, edition, n) for n in range(args.participants)]
    )

    export_times = [timed(lambda u=u: services.personal_data(u))[0] for u in users[:50]]
    erase_times = [timed(lambda u=u: services.erase(User.objects.get(pk=u.pk)))[0] for u in users[50:100]]
    with time_machine.travel(date(2013, 12, 1), tick=False):
        dry_s, dry = timed(lambda: services.purge(dry_run=True))
        purge_s, done = timed(lambda: services.purge(dry_run=False))
        again_s, again = timed(lambda: services.purge(dry_run=False))

    def destroyed(results):
        return sum(result.total for result in results)

    ms = 1000
    print(f"database: {connection.vendor}; participants: {args.participants} (built in {build_s:.1f} s)")
    print(
        f"export one person: median {statistics.median(export_times) * ms:.1f} ms, "
        f"max {max(export_times) * ms:.1f} ms (n=50)"
    )
    print(
        f"erase one person:  median {statistics.median(erase_times) * ms:.1f} ms, "
        f"max {max(erase_times) * ms:.1f} ms (n=50)"
    )
    print(f"purge dry run:     {dry_s * ms:.0f} ms, would destroy {destroyed(dry)} records")
    print(f"purge:             {purge_s * ms:.0f} ms, destroyed {destroyed(done)} records")
    print(f"purge again:       {again_s * ms:.0f} ms, destroyed {destroyed(again)} records (idempotent)")
    connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)


def _create_postgres_database(url: str) -> None:
    """A fresh cluster has no database of the URL's name yet: create it (nothing happens if it exists)."""
    if not url.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _participant(User, grant_role, register, edition, n):
    user = User.objects.create_user(f"bench{n}@example.org", None, public_name=f"Bench {n}")
    grant_role(user, edition, "defender")
    register(
        user,
        edition,
        "defender",
        days=[edition.start_date],
        access_needs=f"needs {n}",
        code_of_conduct_version="1",
        photo_policy_version="1",
    )
    return user


if __name__ == "__main__":
    main()
