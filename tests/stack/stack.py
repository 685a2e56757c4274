"""The whole production arrangement on 127.0.0.1, in a temporary folder: Redis, two gunicorn nodes, a task
worker and nginx (deploy/nginx/defdays.conf itself, with a self-signed certificate) in front. Everything is
stopped and removed at the end, whatever happens (Stack is a context manager)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.harness import ROOT, free_port, start_redis, stop_process, wait_for

HOST = "defdays.test"  # the site's name in the rendered nginx file; SNI and Host carry it


def render_nginx(workdir: Path, port: int, nodes: list[int], *, reject_unknown_names: bool = True) -> Path:
    """deploy/nginx/defdays.conf with this machine's ports, certificate and folders: the file operators install,
    not a copy written for the test. Without `reject_unknown_names` the site also answers clients that send no
    name (wrk, for the benchmark, connects by address)."""
    site = (ROOT / "deploy/nginx/defdays.conf").read_text()
    if not reject_unknown_names:
        site = re.sub(r"server \{\n\s*listen 80 default_server;.*?return 444;\n\}\n", "", site, flags=re.S)
    site = site.replace("defdays.example.org", HOST)
    site = re.sub(r"^\s*server (127\.0\.0\.1|10\.0\.0\.12):8001 .*$\n", "", site, flags=re.M)
    site = site.replace(
        "keepalive 16;",
        "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n    " for p in nodes) + "keepalive 16;",
    )
    site = re.sub(r"listen \[::\]:\d+[^;]*;\n\s*", "", site)
    site = re.sub(r"listen 80[^;]*;\n\s*", "", site)
    site = site.replace("listen 443", f"listen 127.0.0.1:{port}")
    site = re.sub(
        r"server \{\n\s*server_name defdays\.test;\s*access_log[^\n]*\n[^\n]*\n\s*return 301[^\n]*\n\}\n", "", site
    )
    site = site.replace(f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(workdir / "cert.pem"))
    site = site.replace(f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(workdir / "key.pem"))
    site = site.replace("/var/log/nginx/", str(workdir) + "/")
    conf = workdir / "nginx.conf"
    temp = workdir / "nginx-temp"
    temp.mkdir()
    conf.write_text(f"""
user root root;
daemon off;
master_process on;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-main-error.log warn;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    {site}
}}
""")
    return conf


@dataclass
class Response:
    status: int
    headers: dict
    body: str


@dataclass
class Browser:
    """One visitor through nginx over TLS: keeps cookies, sends the CSRF token of the last form it read."""

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(HOST, self.port, context=context, timeout=30)
        conn.sock = context.wrap_socket(
            socket.create_connection(("127.0.0.1", self.port), timeout=30), server_hostname=HOST
        )
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"}
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Response(response.status, dict(response.headers), text)
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def token(self, path: str) -> str:
        """GET the form for its CSRF token (valid for every later POST of this visitor)."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, f"no form at {path}: {page.status}"
        return token.group(1)

    def post(self, path: str, data: dict, token: str) -> Response:
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data})

    def post_form(self, path: str, data: dict) -> Response:
        return self.post(path, data, self.token(path))


class Stack:
    def __init__(
        self, database_url: str, keys: dict[str, str], *, workers: int = 1, for_bench: bool = False, **node_env: str
    ):
        self.workers = workers  # gunicorn sync workers per node; 1 makes nginx's round robin alternate the nodes
        self.for_bench = for_bench
        self.database_url = database_url
        self.keys = keys
        self.node_env = node_env
        self.workdir = Path(tempfile.mkdtemp(prefix="defdays-stack-"))
        self.processes: list[subprocess.Popen] = []
        self.nodes: list[tuple[subprocess.Popen, int]] = []
        self.worker: subprocess.Popen | None = None

    def env(self) -> dict:
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DEFDAYS_", "DJANGO_"))},
            "DATABASE_URL": self.database_url + "?conn_max_age=60",
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            # Development mode for the static files (no collectstatic); everything else as production runs it.
            "DEFDAYS_MODE": "development",
            "DEFDAYS_DEBUG": "false",
            "DEFDAYS_SSL_REDIRECT": "false",
            "DEFDAYS_BEHIND_TLS_PROXY": "true",
            "DEFDAYS_TRUSTED_PROXIES": "1",
            "DEFDAYS_WEB_NODES": "2",
            "DEFDAYS_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "DEFDAYS_BASE_URL": f"https://{HOST}",
            "DEFDAYS_DATA_DIR": str(self.workdir / "data"),
            "DEFDAYS_LOG_LEVEL": "WARNING",
            "EMAIL_URL": f"filemail:///{self.workdir / 'mail'}",  # an absolute path: four slashes
            "PYTHONPATH": str(ROOT / "src"),
            **self.keys,
            **self.node_env,
        }

    def __enter__(self) -> Stack:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        redis, self.redis_port = start_redis(self.workdir)
        self.processes.append(redis)
        for _n in range(2):
            self.start_node()
        self.start_worker()
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                f"/CN={HOST}",
                "-keyout",
                str(self.workdir / "key.pem"),
                "-out",
                str(self.workdir / "cert.pem"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.port = free_port()
        conf = render_nginx(
            self.workdir, self.port, [port for _p, port in self.nodes], reject_unknown_names=not self.for_bench
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        check = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
        self.processes.append(
            subprocess.Popen(
                [nginx, "-c", str(conf)], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
        deadline = time.monotonic() + 20
        while Browser(self.port).get("/healthz").status != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not answer in time")
            time.sleep(0.2)

    def start_node(self) -> tuple[subprocess.Popen, int]:
        port = free_port()
        node = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "defdays.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            env=self.env(),
            cwd=str(ROOT),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / f"node-{port}.log", "w"),
        )
        self.processes.append(node)
        wait_for(port)
        self.nodes.append((node, port))
        return node, port

    def start_worker(self) -> subprocess.Popen:
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "defdays", "worker"],
            env=self.env(),
            cwd=str(ROOT),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "worker.log", "a"),
        )
        self.processes.append(self.worker)
        return self.worker

    def run(self, code: str) -> str:
        """Python in a process configured like a node (what a node's request would do; the suite's own settings
        run tasks at once, in-process, where the stack needs them queued for its worker)."""
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env={**self.env(), "DJANGO_SETTINGS_MODULE": "defdays.settings"},
            cwd=str(ROOT),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def sent_mail(self) -> list[str]:
        """The recipient of every message the file backend wrote, in order."""
        folder = self.workdir / "mail"
        if not folder.exists():
            return []
        return [
            line[4:].strip()
            for path in sorted(folder.iterdir())
            for line in path.read_text().splitlines()
            if line.startswith("To: ")
        ]

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def served_by(self, since: int, method: str | None = None) -> list[tuple[str, str]]:
        """(path, node address) of every request (of `method`) nginx logged after byte `since` of its log."""
        time.sleep(0.05)  # nginx writes the line after the response
        text = (self.workdir / "defdays.access.log").read_bytes()[since:].decode()
        lines = [(line.split('"')[1].split(), line.split()[-1]) for line in text.splitlines() if line]
        return [(request[1], node) for request, node in lines if method in (None, request[0])]

    def log_size(self) -> int:
        path = self.workdir / "defdays.access.log"
        return path.stat().st_size if path.exists() else 0

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            stop_process(process)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        shutil.rmtree(self.workdir, ignore_errors=True)
