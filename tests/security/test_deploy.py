"""Production settings: the deploy check passes, and weak configurations refuse to start."""

import base64
import os
import secrets
import subprocess
import sys

import pytest


def production_env(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEFDAYS_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        DEFDAYS_MODE="production",
        DEFDAYS_SECRET_KEY=secrets.token_urlsafe(64),
        DEFDAYS_KEKS="k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        DEFDAYS_INDEX_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        DEFDAYS_ALLOWED_HOSTS="defdays.example.org",
        DEFDAYS_BASE_URL="https://defdays.example.org",
        DEFDAYS_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        # A shared cache, as production needs one (defdays.W010); nothing connects to it during the check.
        CACHE_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return env


def run_defdays(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "defdays", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run_defdays(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60, "a" * 80])
def test_production_refuses_a_missing_or_weak_secret_key(tmp_path, key):
    result = run_defdays(production_env(tmp_path, DEFDAYS_SECRET_KEY=key), "check")
    assert result.returncode != 0
    assert "DEFDAYS_SECRET_KEY is missing or weak" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_defdays(production_env(tmp_path, DEFDAYS_DEBUG="true"), "check")
    assert result.returncode != 0 and "DEFDAYS_DEBUG must be off" in result.stderr


def test_production_refuses_to_start_without_encryption_keys(tmp_path):
    result = run_defdays(production_env(tmp_path, DEFDAYS_KEKS=""), "check")
    assert result.returncode != 0 and "DEFDAYS_KEKS" in result.stderr


def test_production_refuses_to_build_links_from_the_host_header(tmp_path):
    result = run_defdays(production_env(tmp_path, DEFDAYS_BASE_URL=""), "check")
    assert result.returncode != 0 and "DEFDAYS_BASE_URL" in result.stderr


def test_production_settings_hash_with_argon2_and_send_hsts(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='defdays.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.PASSWORD_HASHERS[0]); print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS);"
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=production_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    lines = result.stdout.split("\n")
    assert lines[0] == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr
    assert lines[1] == "31536000 True"
    assert lines[2] == "__Host-defdays-session True True"


@pytest.mark.parametrize("override", ["DEFDAYS_CAPACITY_LOCKING = False", "DEFDAYS_TEST_UNLOCKED_REDEMPTION = True"])
def test_production_refuses_to_start_with_a_lock_switched_off(tmp_path, override):
    """The control runs of the concurrency tests switch a row lock off; a deployment's own settings module must
    not be able to do the same."""
    (tmp_path / "site_settings.py").write_text(f"from defdays.settings import *  # noqa\n{override}\n")
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="site_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
    )
    result = run_defdays(env, "check")
    assert result.returncode != 0 and "production keeps every lock on" in result.stderr
    (tmp_path / "site_settings.py").write_text("from defdays.settings import *  # noqa\n")
    assert run_defdays(env, "check").returncode == 0
