"""`defdays createsuperuser` is the project's own command (email and public name), not Django's, which asks for the
keyed email index and cannot make a working account. Run as an operator runs it: the `defdays` entry point in a
child process, on a real database file."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _defdays() -> list[str]:
    script = Path(sys.executable).with_name("defdays")
    return [str(script)] if script.exists() else [sys.executable, "-m", "defdays"]


def _run(env, *args):
    return subprocess.run([*_defdays(), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=170)


def test_createsuperuser_through_the_defdays_command_makes_an_administrator(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "defdays.settings",
        "DEFDAYS_MODE": "test",
        "DEFDAYS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'admin.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    migrated = _run(env, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    made = _run(env, "createsuperuser", "--email", "admin@example.org", "--public-name", "Site admin", "--noinput")
    assert made.returncode == 0, made.stderr[-3000:]
    assert "Administrator created." in made.stdout
    check = _run(
        env,
        "shell",
        "-c",
        "from defdays.accounts.models import User; u = User.objects.find_by_email('admin@example.org'); "
        "print('FOUND', u.is_superuser, u.public_name, u.has_usable_password())",
    )
    assert check.returncode == 0, check.stderr[-3000:]
    assert "FOUND True Site admin False" in check.stdout
    again = _run(env, "createsuperuser", "--email", "admin@example.org", "--noinput")
    assert again.returncode != 0 and "exists" in again.stderr
