"""Several web nodes share one cache: production refuses a per-process cache with more than one node, the deploy
check warns about one in any case, and with CACHE_URL=redis://... two processes count one rate limit."""

import subprocess
import sys
import tempfile

import pytest

from bench.harness import ROOT, start_redis, stop_process
from tests.security.test_deploy import production_env, run_defdays


def test_production_refuses_several_nodes_with_a_per_process_cache(tmp_path):
    result = run_defdays(production_env(tmp_path, DEFDAYS_WEB_NODES="2", CACHE_URL="locmemcache://"), "check")
    assert result.returncode != 0
    assert "DEFDAYS_WEB_NODES is more than 1" in result.stderr


def test_several_nodes_start_with_a_shared_cache(tmp_path):
    result = run_defdays(production_env(tmp_path, DEFDAYS_WEB_NODES="2", CACHE_URL="redis://127.0.0.1:6379/0"), "check")
    assert result.returncode == 0, result.stderr


def test_deploy_check_warns_about_a_per_process_cache(tmp_path):
    result = run_defdays(
        production_env(tmp_path, CACHE_URL="locmemcache://"), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode != 0
    assert "defdays.W010" in result.stdout + result.stderr


COUNT = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "defdays.test_settings"
django.setup()
from django.conf import settings
from defdays.core import ratelimit
assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
print(" ".join(str(ratelimit.allow("signup:203.0.113.0", 3, 3600)) for _ in range(2)))
"""


@pytest.mark.skipif(
    not any(__import__("shutil").which(b) for b in ("redis-server", "valkey-server")),
    reason="needs Debian's redis-server (scripts/test-all installs it)",
)
def test_two_processes_share_one_rate_limit_through_redis(tmp_path):
    """Two processes stand for two nodes: with a per-process cache each would allow its own three."""
    workdir = tempfile.mkdtemp(prefix="defdays-redis-")
    server = None
    try:
        server, port = start_redis(workdir)
        env = {
            **production_env(tmp_path),
            "DEFDAYS_MODE": "test",
            "CACHE_URL": f"redis://127.0.0.1:{port}/0",
            "DEFDAYS_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT / "src"),
        }
        answers = [
            subprocess.run(
                [sys.executable, "-c", COUNT], env=env, capture_output=True, text=True, timeout=60, cwd=str(ROOT)
            )
            for _ in range(2)
        ]
        assert [a.stdout.split() for a in answers] == [["True", "True"], ["True", "False"]], [
            a.stderr[-500:] for a in answers
        ]
    finally:
        stop_process(server)
        __import__("shutil").rmtree(workdir, ignore_errors=True)
