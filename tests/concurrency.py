"""One harness for the race tests: real threads, each on its own database connection, released together.

A race test only proves something if the attempts really overlap, if every thread's outcome reaches the test
(an exception in a thread is otherwise printed and lost, and the test passes on what is left), and if a thread
stuck on a lock fails the test instead of hanging it or being silently abandoned.
"""

import threading
import time

from django.db import connection


class Running:
    """One attempt running in its own thread; `result` holds its return value, or an unexpected exception's
    class name (so a control run shows what broke, and the test compares plain values)."""

    def __init__(self, attempt, *, before=None):
        self.result = None
        self._thread = threading.Thread(target=self._run, args=(attempt, before))
        self._thread.start()

    def _run(self, attempt, before):
        try:
            if before is not None:
                before()
            self.result = attempt()
        except Exception as exc:  # noqa: BLE001 - the test must see every failure, a thread cannot raise to it
            self.result = type(exc).__name__
        finally:
            # Each thread has its own connection; left open it would keep the test database from being dropped.
            connection.close()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout=timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()


def in_thread(attempt) -> Running:
    """Start one attempt now, for tests that order threads themselves (one holds a lock, the other must wait)."""
    return Running(attempt)


def at_once(*attempts, times: int = 1, timeout: float = 60) -> list:
    """Run every attempt (each `times` times) in its own thread, all released by one barrier so that they
    overlap, and return their results in the order given. Fails if any thread is still running after `timeout`
    seconds: a deadlock or a lock never released must fail the test, not hang it."""
    attempts = list(attempts) * times
    barrier = threading.Barrier(len(attempts))
    running = [Running(attempt, before=lambda: barrier.wait(timeout=timeout)) for attempt in attempts]
    deadline = time.monotonic() + timeout
    for thread in running:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    stuck = sum(thread.is_alive() for thread in running)
    assert not stuck, f"{stuck} of {len(running)} threads still running after {timeout} s"
    return [thread.result for thread in running]
