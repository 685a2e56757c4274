#!/usr/bin/env python3
"""Build the PDF of a 40-page country report; print seconds and peak memory. Target: < 10 s on the 2-core machine.

The report is generated (sections, sub-sections, paragraphs, a table and a footnote every few paragraphs) and
rendered the way `/<year>/award/report.pdf` renders it: `core.markdown.render_document`, then
`reports.pdf.build_pdf` (WeasyPrint with the local-only URL fetcher and the title-only metadata). No database
and no server: the report lives in memory, so the figure is the build alone (what the PDF cache saves).

    .venv/bin/python bench/report_pdf.py [--sections 18] [--runs 3]

It prints wall-clock and CPU seconds per build: on a busy machine the wall time includes waiting for a core.
Peak memory: the process's maximum resident set (ru_maxrss, Pango and Python together) before and after, and
Python's own peak allocation during one build (tracemalloc).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "Defenders in the province documented {n} cases of detention this year. Families were told nothing for weeks; "
    "lawyers were refused access to their clients, and two of them lost their licence after taking such cases. "
    "Local organisations nevertheless kept their legal clinics open one day a week, met in private homes and "
    "changed their meeting places often, and several brought cases to the regional court."
)


def report_source(sections: int) -> str:
    parts, note = [], 0
    for s in range(1, sections + 1):
        parts.append(f"## Section {s}: the situation in region {s}\n")
        for sub in range(1, 4):
            parts.append(f"### {s}.{sub} Findings\n")
            for p in range(4):
                text = PARAGRAPH.format(n=s * 10 + sub * 3 + p)
                if p % 2 == 0:
                    note += 1
                    text += f"[^n{note}]"
                parts.append(text + "\n")
        parts.append(
            "| Year | Detained | Released |\n|---|---|---|\n"
            + "".join(f"| {2008 + y} | {40 + y * s} | {10 + y} |\n" for y in range(5))
        )
    parts.append("")
    parts.extend(f"[^n{n}]: Source {n}: court records and interviews, 2012 (fictional)." for n in range(1, note + 1))
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=18)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DEFDAYS_MODE", "test")
    os.environ["DEFDAYS_DATA_DIR"] = tempfile.mkdtemp(prefix="defdays-bench-report-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.test_settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import pypdf

    from defdays.core.markdown import render_document
    from defdays.editions.models import Edition
    from defdays.reports.models import CountryReport, ReportVersion
    from defdays.reports.pdf import build_pdf
    from defdays.reports.selectors import Reading

    load = os.getloadavg()[0]
    source = report_source(args.sections)
    edition = Edition(year=2013)
    report = CountryReport(edition=edition)
    version = ReportVersion(report=report, number=1, title="Benchmark report", country="Testland", body=source)

    def build():
        document = render_document(version.body)
        reading = Reading(report, version, document, ("Civil Rights Defenders",), True)
        return build_pdf(reading)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times, cpu = [], []
    pdf = b""
    for _run in range(args.runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = build()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # One more build under tracemalloc, untimed: it slows Python down several times.
    tracemalloc.start()
    build()
    python_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(f"load average before: {load:.2f}")
    print(
        f"report: {args.sections} sections, {len(source):,} characters of Markdown, {pages} pages, {len(pdf):,} bytes"
    )
    print("build seconds: " + ", ".join(f"{t:.2f}" for t in times))
    # CPU time is what the build itself costs; wall time on a shared machine adds the other processes' turns.
    print("CPU seconds:   " + ", ".join(f"{t:.2f}" for t in cpu))
    print(f"best {min(times):.2f} s, first {times[0]:.2f} s (with WeasyPrint's start-up); target < 10 s")
    print(
        f"peak resident memory: {rss_before:.0f} MiB before, {rss_after:.0f} MiB after; "
        f"python peak {python_peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
