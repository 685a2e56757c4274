#!/usr/bin/env python3
"""Lay out 500 badges as one PDF; print seconds and peak memory. Target: < 60 s on the 2-core machine.

The badges are built the way a print run builds them (`badges.pdf.badges_pdf`: the template, one QR code per badge
from segno, WeasyPrint with the fetcher that fetches nothing), from generated cards with random codes, public
names of mixed scripts, the four days and a no-photo marker on every third. No database and no server: the print
run's database work (one badge row per person, made once) is small beside the layout.

    .venv/bin/python bench/badges.py [--badges 500] [--layout a6|a4|both] [--python-peak]

Times are wall-clock and CPU (user + system of this process) of the build alone. Peak memory: the process's
maximum resident set (ru_maxrss, which only grows, so a later layout shows the higher of the two). With
--python-peak, Python's own peak allocation is measured in a second, separate build under tracemalloc: tracing
every allocation made the build about five times slower, so a timed build never runs under it.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Ana M.", "Ravshan", "Лейла К.", "مريم", "Tenzin D.", "Nguyễn Văn A.", "Oluwaseun Adeyemi-Okafor"]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--badges", type=int, default=500)
    parser.add_argument("--layout", choices=["a6", "a4", "both"], default="both")
    parser.add_argument("--python-peak", action="store_true", help="also measure Python's peak (a second build)")
    args = parser.parse_args()

    os.environ.setdefault("DEFDAYS_MODE", "test")
    os.environ["DEFDAYS_DATA_DIR"] = tempfile.mkdtemp(prefix="defdays-bench-badges-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.test_settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import pypdf

    from defdays.badges.pdf import badges_pdf
    from defdays.badges.services import PrintedBadge, new_code
    from defdays.editions.models import Edition

    edition = Edition(year=2013, title="Defenders' Days 2013")
    days = [date(2013, 4, d) for d in (2, 3, 4, 5)]
    roles = [
        ("defender", "Defender (closed part)"),
        ("stakeholder", "Stakeholder (closed part)"),
        ("speaker", "Speaker"),
    ]
    cards = [
        PrintedBadge(
            public_name=f"{NAMES[n % len(NAMES)]} {n}",
            role=roles[n % 3][0],
            role_label=roles[n % 3][1],
            days=days[: 1 + n % 4],
            no_photos=n % 3 == 0,
            code=new_code(),
        )
        for n in range(args.badges)
    ]
    print(f"load average before: {load()}; RSS before: {rss_mib():.0f} MiB")
    for layout in ["a6", "a4"] if args.layout == "both" else [args.layout]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        data = badges_pdf(edition, cards, layout=layout)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        line = (
            f"{layout}: {args.badges} badges, {pages} pages, {len(data) / 1024:.0f} KiB; "
            f"{wall:.1f} s wall, {cpu:.1f} s CPU; peak RSS {rss_mib():.0f} MiB"
        )
        if args.python_peak:
            tracemalloc.start()
            badges_pdf(edition, cards, layout=layout)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            line += f", Python peak {peak / 2**20:.0f} MiB"
        print(line)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
