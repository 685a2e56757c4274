"""Benchmark: check and import a 5000-row invitation CSV on PostgreSQL (target: under 30 s).

Runs both paths through the same service functions the product uses:
  - web: start_import -> run_validation (the worker's task) -> confirm_import -> run_import (the worker's task)
  - CLI: importer.read -> importer.validate -> services.create_from_rows
Emails are queued in the database task backend, as in production; sending them is the worker's job and is not
timed here. Starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster) unless DATABASE_URL is set, and
always stops it.

    .venv/bin/python bench/invitation_import.py [--rows 5000]
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date

from harness import ROOT, start_cluster

HEADER = "public name,email,role,language,OpenPGP public key,internal note\n"
ROLES = ["defender", "stakeholder", "speaker"]


def make_csv(rows: int, tag: str) -> bytes:
    lines = [HEADER]
    for n in range(rows):
        note = f"met at regional training {n % 17}" if n % 3 == 0 else ""
        lines.append(
            f"Person {tag}-{n},person-{tag}-{n}@example.org,{ROLES[n % 3]},{'sv' if n % 5 == 0 else 'en'},,{note}\n"
        )
    return "".join(lines).encode("utf-8")


def setup_django(data_dir: str, database_url: str):
    os.environ.update(
        {
            "DEFDAYS_MODE": "development",
            "DEFDAYS_DATA_DIR": data_dir,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "defdays.settings",
            "DEFDAYS_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def edition(year: int):
    from defdays.editions.models import Edition, EditionStatus

    found, _ = Edition.objects.get_or_create(
        year=year,
        defaults=dict(
            title=f"Defenders' Days {year}",
            slug=f"bench-{year}",
            status=EditionStatus.PUBLISHED,
            start_date=date(year, 4, 2),
            end_date=date(year, 4, 5),
            main_day=date(year, 4, 4),
            city="Stockholm",
            organiser_name="Civil Rights Defenders",
            description="Bench.",
            aims="Bench",
            closed_part_info="-",
            open_session_info="-",
            invitation_info="-",
            contact_name="Contact",
            contact_email="contact@example.org",
        ),
    )
    return found


def web_path(content: bytes, year: int) -> dict:
    from defdays.invitations import importer, services
    from defdays.invitations.models import ImportJob

    target = edition(year)
    started = time.perf_counter()
    text = importer.decode(content)
    importer.parse(text)  # the upload form's file-level check
    job = services.start_import(target, text, actor=None)
    services.run_validation(job.pk)
    validated = time.perf_counter()
    job = ImportJob.objects.get(pk=job.pk)
    assert services.confirm_import(job, actor=None)
    services.run_import(job.pk, None, "https://defdays.example")
    done = time.perf_counter()
    job = ImportJob.objects.get(pk=job.pk)
    assert job.created_count == job.total_rows, (job.status, job.created_count, job.error_count)
    return {
        "rows": job.total_rows,
        "validate_s": validated - started,
        "import_s": done - validated,
        "total_s": done - started,
    }


def cli_path(content: bytes, year: int) -> dict:
    from defdays.invitations import importer, services

    target = edition(year)
    started = time.perf_counter()
    result = importer.validate(target, importer.read(content))
    validated = time.perf_counter()
    created = services.create_from_rows(target, result.valid, base_url="https://defdays.example", source="cli")
    done = time.perf_counter()
    assert created == result.total and not result.errors
    return {"rows": created, "validate_s": validated - started, "import_s": done - validated, "total_s": done - started}


def worker_sending(year: int) -> tuple[float, int]:
    """What the task worker then does with the queued batches: one message per invitation, a fresh token each."""
    from django.test.utils import override_settings

    from defdays.invitations.models import Invitation
    from defdays.invitations.tasks import send_invitations

    ids = list(Invitation.objects.filter(edition__year=year).values_list("id", flat=True))
    started = time.perf_counter()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        sent = sum(send_invitations.call(ids[i : i + 200], "https://defdays.example") for i in range(0, len(ids), 200))
    return time.perf_counter() - started, sent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="defdays-bench-")
    cluster = None
    database_url = os.environ.get("DATABASE_URL", "")
    try:
        if not database_url:
            cluster = tempfile.mkdtemp(prefix="defdays-bench-pg-")
            database_url = start_cluster(cluster)
        setup_django(data_dir, database_url)
        from django.db import connection

        print(f"PostgreSQL {connection.cursor().connection.info.server_version}, {args.rows} rows per file")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        web = web_path(make_csv(args.rows, "web"), 2101)
        cli = cli_path(make_csv(args.rows, "cli"), 2102)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for name, figures in (("web (background task path)", web), ("CLI", cli)):
            print(
                f"{name:28} validate {figures['validate_s']:6.2f} s   import {figures['import_s']:6.2f} s   "
                f"total {figures['total_s']:6.2f} s   ({figures['rows']} invitations)"
            )
        send_s, sent = worker_sending(2102)
        print(
            f"{'worker: send the CLI batch':28} {send_s:6.2f} s for {sent} emails (locmem backend: rendering, "
            f"new token, audit; no SMTP)"
        )
        # A separate run under tracemalloc (it slows Python down, so it is not timed).
        tracemalloc.start()
        web_path(make_csv(args.rows, "mem"), 2103)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak Python allocations during one web import: {peak / 2**20:.1f} MiB (tracemalloc)")
        print(
            f"process peak RSS: {rss_after / 1024:.1f} MiB (grew {(rss_after - rss_before) / 1024:.1f} MiB "
            f"during the timed runs)"
        )
        worst = max(web["total_s"], cli["total_s"])
        print(f"target < 30 s: {'met' if worst < 30 else 'MISSED'} (slowest path {worst:.2f} s)")
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may not be set up when the cluster failed to start
            pass
        if cluster:
            subprocess.run([str(ROOT / "scripts/pg-test-cluster"), "stop", cluster], check=False)
        subprocess.run(["rm", "-rf", data_dir], check=False)


if __name__ == "__main__":
    main()
