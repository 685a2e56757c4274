#!/usr/bin/env python3
"""Lay out 500 badges as one PDF; print seconds and peak memory. Target: < 60 s on the 2-core machine.

The badges are built the way a print run builds them (`badges.pdf.badges_pdf`: the template, one QR code per badge
as inline SVG from segno, WeasyPrint with the fetcher that fetches nothing), from generated cards with random
codes, public names of mixed scripts, the four days and a no-photo marker on every third. No database and no
server: the print run's database work (one badge row per person, made once) is small beside the layout.

    .venv/bin/python bench/badges.py [--badges 500] [--layout a6|a4|both]

Peak memory: the process's maximum resident set (ru_maxrss) before and after, and Python's own peak allocation
during the build (tracemalloc).
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--badges", type=int, default=500)
    parser.add_argument("--layout", choices=["a6", "a4", "both"], default="both")
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
    print(f"load average before: {os.getloadavg()[0]:.2f}; RSS before: {rss_mib():.0f} MiB")
    for layout in ["a6", "a4"] if args.layout == "both" else [args.layout]:
        tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        data = badges_pdf(edition, cards, layout=layout)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        print(
            f"{layout}: {args.badges} badges, {pages} pages, {len(data) / 1024:.0f} KiB; "
            f"{wall:.1f} s wall, {cpu:.1f} s CPU; peak RSS {rss_mib():.0f} MiB, Python peak {peak / 2**20:.0f} MiB"
        )


if __name__ == "__main__":
    main()
