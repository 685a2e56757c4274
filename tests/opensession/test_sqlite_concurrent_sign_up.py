"""The SQLite demo: people signing up at the same moment wait for each other and all succeed (no 500 page).

The suite's own SQLite database lives in memory, so this runs in a child process on a real file, with the
settings the demo uses for SQLite.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREADS = 8

SCRIPT = r"""
import functools, sys, time
from datetime import datetime, timezone
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from defdays.seats import capacity
from defdays.opensession import services
from defdays.opensession.models import Booking
from tests.concurrency import at_once
from tests.factories import EditionFactory

edition = EditionFactory(year=2013)
session = services.create_open_session(
    edition, title="Open", description="", place="Stockholm", seats=3,
    starts_at=datetime(2013, 4, 4, 11, tzinfo=timezone.utc), ends_at=datetime(2013, 4, 4, 15, tzinfo=timezone.utc))
connection.close()
# Hold each transaction open between its first read and its write, as a busy server does.
capacity.race_hooks.after_count = lambda: time.sleep(0.05)
count = int(sys.argv[1])

def sign_up(n):
    services.sign_up(session, name=f"Guest {n}", email=f"guest{n}@example.org", language="en", base_url="")
    return "signed up"

results = at_once(*(functools.partial(sign_up, n) for n in range(count)), timeout=120)
print("ERRORS", [result for result in results if result != "signed up"])
print("BOOKINGS", Booking.objects.count())
"""


def test_simultaneous_sign_ups_on_a_sqlite_file_all_succeed(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "defdays.test_settings",
        "DEFDAYS_MODE": "test",
        "DEFDAYS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(THREADS)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=170
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ERRORS []" in done.stdout, done.stdout
    assert f"BOOKINGS {THREADS}" in done.stdout
