#!/usr/bin/env python3
"""Build one visa invitation letter, 20 times; print the median seconds. Target: < 1 s on the 2-core machine.

The letter is built the way the travel team's "Issue the letter" builds it: `visas.pdf.build_letter` (the
template, the QR code drawn by segno as inline SVG, WeasyPrint with a fetcher that fetches nothing, metadata
reduced to a title). The letter request lives in memory under a fresh data key, so the figure is the build alone
(sealing the PDF and the database write are a few milliseconds more).

    .venv/bin/python bench/visa_letter.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DEFDAYS_MODE", "test")
    os.environ["DEFDAYS_DATA_DIR"] = tempfile.mkdtemp(prefix="defdays-bench-visa-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.test_settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.utils import timezone

    from defdays.core.models import DataKey
    from defdays.editions.models import Edition
    from defdays.visas.models import LetterRequest
    from defdays.visas.pdf import build_letter

    edition = Edition(
        year=2013, title="Defenders' Days 2013", start_date=date(2013, 4, 2), end_date=date(2013, 4, 5),
        city="Stockholm", organiser_name="Civil Rights Defenders", contact_name="Kim Matthis",
    )  # fmt: skip
    letter = LetterRequest(edition=edition, data_key=DataKey.build(), reference="DD2013-BENCH234")
    letter.passport_name, letter.passport_number = "Amina Example Bakr", "AB1234567"
    letter.nationality, letter.embassy = "Exampleland", "Embassy of Sweden, Example City"
    letter.birth_date, letter.stay_from, letter.stay_to = "1980-05-17", "2013-04-01", "2013-04-06"
    letter.issued_at = timezone.now()
    url = "https://defdays.example.org/verify/" + "x" * 110 + "/"

    load = os.getloadavg()[0]
    times, cpu = [], []
    pdf = b""
    for _run in range(args.runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = build_letter(letter, verify_url=url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load average before: {load:.2f}")
    print(f"letter: {len(pdf):,} bytes; {args.runs} builds")
    print(f"first {times[0]:.3f} s (with WeasyPrint's start-up), best {min(times):.3f} s")
    print(f"median {statistics.median(times):.3f} s wall, {statistics.median(cpu):.3f} s CPU; target < 1 s")
    print(f"peak resident memory: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
