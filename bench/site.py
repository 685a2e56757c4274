#!/usr/bin/env python3
"""The ten most used public pages through nginx with two web nodes, against a trivial view on the same stack.

Starts a throwaway PostgreSQL cluster with the demo, then Redis, two gunicorn nodes (2 sync workers each), a task
worker and nginx with a self-signed certificate (deploy/nginx/defdays.conf itself), all on 127.0.0.1
(tests/stack/stack.py). Runs wrk (Debian's package: 2 threads, 8 connections, 10 s per URL) as an anonymous
visitor against each page, and against a trivial view that touches neither the database nor the session
(`/livez`, behind the whole middleware stack; a static file answered by WhiteNoise is printed too, for scale).
Prints req/s and each page's share of the trivial view. Targets: schedule pages and exports >= 50 %; session,
speaker, edition home and open-session pages >= 30 %.

    .venv/bin/python bench/site.py [--seconds 10]

Everything it starts is stopped at the end, also on failure.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import BIN, ROOT, start_cluster  # noqa: E402
from tests.stack.stack import HOST, Browser, Stack  # noqa: E402

TRIVIAL = ("trivial view (/livez)", "/livez", None)
STATIC = ("static file (WhiteNoise)", "/static/defdays/icon.svg", None)


def pages(browser: Browser) -> list[tuple[str, str, int | None]]:
    """(label, path, target %) for the ten pages, with a session and a speaker of the demo's open programme."""
    schedule = browser.get("/2013/schedule/").body
    session = re.search(r'href="(/2013/sessions/[^/"]+/)"', schedule).group(1)
    speaker = re.search(r'href="(/2013/speakers/[^/"]+/)"', browser.get(session).body).group(1)
    return [
        ("current edition home (/)", "/", 30),
        ("edition home", "/2013/", 30),
        ("schedule list", "/2013/schedule/", 50),
        ("schedule day grid", "/2013/schedule/day/4/", 50),
        ("iCal", "/2013/schedule.ics", 50),
        ("schedule.xml (frab)", "/2013/schedule.xml", 50),
        ("JSON", "/2013/schedule.json", 50),
        ("session page", session, 30),
        ("speaker page", speaker, 30),
        ("open-session page", "/2013/open-session/", 30),
    ]


def wrk(port: int, path: str, seconds: int) -> tuple[float, int]:
    """(requests per second, non-2xx/3xx responses and socket errors) of one wrk run."""
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-H", f"Host: {HOST}", f"https://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    cluster = Path(tempfile.mkdtemp(prefix="defdays-site-pg-"))
    keys = {
        "DEFDAYS_SECRET_KEY": secrets.token_urlsafe(64),
        "DEFDAYS_KEKS": "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DEFDAYS_INDEX_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    try:
        url = start_cluster(cluster)
        with Stack(url, keys, workers=2, for_bench=True) as stack:
            env = {**stack.env(), "DJANGO_SETTINGS_MODULE": "defdays.settings"}
            for command in (["migrate", "--verbosity", "0"], ["demo"]):
                subprocess.run(
                    [str(BIN / "defdays"), *command], check=True, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL
                )
            browser = Browser(stack.port)
            urls = [TRIVIAL, STATIC, *pages(browser)]
            for _label, path, _target in urls:  # warm: every node's workers have rendered and cached each page
                for _n in range(8):
                    assert browser.get(path).status == 200, path
            figures = {label: wrk(stack.port, path, args.seconds) for label, path, _target in urls}
        base = figures[TRIVIAL[0]][0]
        print(
            f"site: the 2013 demo, anonymous visitor, nginx (TLS) -> 2 nodes x gunicorn 2 sync workers, Redis "
            f"cache, PostgreSQL, all on 127.0.0.1; wrk 2 threads, 8 connections, {args.seconds} s per URL"
        )
        print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
        print(f"  {'URL':<28}{'req/s':>8}{'of trivial':>12}{'target':>8}{'errors':>8}")
        met = True
        for label, _path, target in urls:
            rps, bad = figures[label]
            share = rps / base * 100
            met &= bad == 0 and (target is None or share >= target)
            print(f"  {label:<28}{rps:>8.0f}{share:>11.0f}%{(str(target) + '%') if target else '':>8}{bad:>8}")
        print("  targets met" if met else "  TARGETS NOT MET")
        return 0 if met else 1
    finally:
        subprocess.run([str(ROOT / "scripts/pg-test-cluster"), "stop", str(cluster)], check=False)
        shutil.rmtree(cluster, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
