"""Benchmark: a message to 1000 approved defenders, queued by the organisers' service and sent by one task worker
(`defdays worker --batch`, a separate process) to a local SMTP sink this script starts on 127.0.0.1.

Prints the time to queue, messages per second of the worker (from its start to its exit, Django start-up
included), and the worker's peak memory (its maximum resident set size). Every message goes through the same
path as in production: a sealed outbox row per recipient, a new SMTP connection per message, one recipient each.
Starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster) unless DATABASE_URL is set, and always stops it.

    .venv/bin/python bench/messages.py [--recipients 1000]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

from harness import BIN, ROOT, start_cluster
from invitation_import import edition, setup_django

sys.path.insert(0, str(ROOT))
from tests.smtp_sink import Sink  # noqa: E402


def make_recipients(target, count: int) -> None:
    from defdays.accounts.models import User
    from defdays.accounts.services import grant_role
    from defdays.registration.models import Participation, ParticipationStatus
    from defdays.registration.services import register

    for n in range(count):
        user = User.objects.create_user(
            f"defender-{n}@example.org", None, public_name=f"Defender {n}", language="sv" if n % 4 == 0 else "en"
        )
        grant_role(user, target, "defender")
        register(
            user, target, "defender", days=[target.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
    Participation.objects.filter(edition=target).update(status=ParticipationStatus.APPROVED)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1000)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="defdays-bench-")
    cluster = None
    database_url = os.environ.get("DATABASE_URL", "")
    sink = Sink().start()
    try:
        if not database_url:
            cluster = tempfile.mkdtemp(prefix="defdays-bench-pg-")
            database_url = start_cluster(cluster)
        setup_django(data_dir, database_url)
        from django.db import connection

        from defdays.mailings import services
        from defdays.mailings.models import Audience, DeliveryStatus, Message

        print(f"PostgreSQL {connection.cursor().connection.info.server_version}, {args.recipients} recipients")
        target = edition(2201)
        make_recipients(target, args.recipients)
        started = time.perf_counter()
        message = services.message_send(
            edition=target,
            audience=Audience.APPROVED_DEFENDERS,
            title="Practical details",
            body="Registration opens at 08:30. " * 20,
            actor=None,
        )
        queued_s = time.perf_counter() - started
        connection.close()  # the worker is another process: nothing held open here

        env = {
            **os.environ,
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "PYTHONPATH": str(ROOT / "src"),  # this tree's code, whatever the environment has installed
            "DEFDAYS_LOG_LEVEL": "WARNING",
        }
        started = time.perf_counter()
        worker = subprocess.Popen([str(BIN / "defdays"), "worker", "--batch"], env=env, cwd=str(ROOT))
        _pid, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
        sent_s = time.perf_counter() - started
        assert worker.returncode == 0, worker.returncode

        sent = message.deliveries.filter(status=DeliveryStatus.SENT).count()
        message = Message.objects.get(pk=message.pk)
        received = len(sink.received)
        one_each = all(len(item.recipients) == 1 for item in sink.received)
        distinct = len({item.recipients[0] for item in sink.received})
        print(f"queue the message      {queued_s:6.2f} s ({args.recipients} deliveries written, one task queued)")
        print(
            f"one worker sends       {sent_s:6.2f} s: {sent / sent_s:6.1f} messages per second "
            f"(start-up and exit included)"
        )
        print(f"worker peak memory     {usage.ru_maxrss / 1024:6.1f} MiB (maximum resident set size)")
        print(
            f"sink received          {received} messages, {distinct} distinct recipients, one recipient each: "
            f"{one_each}; message status {message.status}"
        )
        assert sent == received == distinct == args.recipients and one_each
    finally:
        sink.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may not be set up when the cluster failed to start
            pass
        if cluster:
            subprocess.run([str(ROOT / "scripts/pg-test-cluster"), "stop", cluster], check=False)
        subprocess.run(["rm", "-rf", data_dir], check=False)


if __name__ == "__main__":
    main()
