"""What the benchmark scripts share: a free loopback port, waiting for the server, percentiles, a database in
the throwaway cluster, and stopping everything they started, whatever happened."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[float, int]:
    """One GET on 127.0.0.1: (seconds, status; 0 when the connection failed)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return time.perf_counter() - started, status


def wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if get(port, "/healthz")[1] == 200:
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def create_database(url: str) -> None:
    """The throwaway cluster starts with only the `postgres` database; make the one in the URL."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def start_cluster(cluster) -> str:
    """Start a throwaway PostgreSQL cluster in `cluster` with an empty database; return its DATABASE_URL."""
    url = subprocess.run(
        [str(ROOT / "scripts/pg-test-cluster"), "start", str(cluster)], check=True, capture_output=True, text=True
    ).stdout.strip()
    create_database(url)
    return url


def server_env(url: str, workdir, **extra: str) -> dict:
    """Environment for a benchmark's gunicorn: development mode without debug or TLS redirect, persistent
    database connections as production runs them, quiet logs."""
    return {
        "DATABASE_URL": url + "?conn_max_age=60",
        "DEFDAYS_MODE": "development",
        "DEFDAYS_DEBUG": "false",
        "DEFDAYS_DATA_DIR": str(Path(workdir) / "data"),
        "DEFDAYS_SSL_REDIRECT": "false",
        "DEFDAYS_LOG_LEVEL": "WARNING",
        **extra,
    }


def stop_everything(gunicorn, cluster, workdir) -> None:
    """Stop gunicorn (its whole process group), close Django's connections, stop and delete the cluster."""
    if gunicorn is not None:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
            gunicorn.wait()
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # Django may never have been set up
        pass
    if cluster is not None:
        subprocess.run([str(ROOT / "scripts/pg-test-cluster"), "stop", str(cluster)], check=False)
    if workdir is not None:
        shutil.rmtree(workdir, ignore_errors=True)


def start_redis(workdir) -> tuple[subprocess.Popen, int]:
    """A throwaway Redis (Debian's redis-server, or valkey-server) on 127.0.0.1 in `workdir`: no persistence, since
    the cache may hold rendered pages for closed audiences and must never reach a disk."""
    binary = shutil.which("redis-server") or shutil.which("valkey-server")
    if binary is None:
        raise RuntimeError("redis-server is missing: apt-get install redis-server")
    port = free_port()
    server = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(workdir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "yes",
            "--maxmemory",
            "128mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return server, port
        except OSError:
            time.sleep(0.1)
    stop_process(server)
    raise RuntimeError("redis-server did not answer in time")


def stop_process(process) -> None:
    """Stop a server started with start_new_session (its whole group): TERM, then KILL after 20 s."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
