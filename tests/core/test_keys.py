"""Generated development keys: processes that start at the same moment must end up with one and the same key."""

import multiprocessing
import os
import time
from pathlib import Path

from defdays.core.keys import load_or_create_key_file

PROCESSES = 6


def _read_key(args):
    path, barrier = args
    real_urandom = os.urandom

    def slow_urandom(n):  # every process has seen "no key yet" before the first one writes
        time.sleep(0.3)
        return real_urandom(n)

    os.urandom = slow_urandom
    barrier.wait(timeout=60)
    return load_or_create_key_file(Path(path), "aes256")


def test_processes_starting_together_share_one_key(tmp_path):
    path = tmp_path / "keys" / "kek"
    # Spawned, not forked: the test may itself run in a threaded worker process, where a fork can deadlock.
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with context.Pool(PROCESSES) as pool:
            keys = pool.map(_read_key, [(str(path), barrier)] * PROCESSES)
    assert len(set(keys)) == 1 and keys[0] == path.read_text()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["kek"]  # no temporary file left behind
