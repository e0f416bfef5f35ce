"""The server's side of a check: a few long-lived worker processes, one task each at a time,
a time limit per task, and no more tasks at once than the machine has cores.

Not concurrent.futures' process pool: it cannot stop one stuck task without breaking every
other task in flight. Here each worker has its own pipe, so a worker that runs out of time or
dies is killed and replaced alone. Long-lived rather than one process per check because a
fresh process pays for the library's first-use costs on every upload (about half the CPU an
upload took when each check had a process of its own).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from pathlib import Path

from django.conf import settings

log = logging.getLogger("tracker_tool.portal")
#: A worker is replaced after this many tasks, so no slow growth of its memory lasts.
TASKS_PER_WORKER = 200


class Stopped(Exception):
    """The worker did not answer: ``timed_out`` says whether it ran out of time or died."""

    def __init__(self, timed_out: bool):
        super().__init__("timed out" if timed_out else "stopped")
        self.timed_out = timed_out


class _Worker:
    def __init__(self, context):
        from tracker_tool.portal.worker import serve

        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()
        self.tasks = 0

    def ask(self, task: tuple, seconds: float) -> dict:
        self.tasks += 1
        try:
            self.conn.send(task)
            if not self.conn.poll(seconds):
                raise Stopped(timed_out=True)
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise Stopped(timed_out=False) from None

    def stop(self, wait: float = 1) -> None:
        """A worker waiting for a task reads end-of-file and returns; one still busy (out of
        time) is killed after ``wait`` seconds."""
        self.conn.close()
        self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class Workers:
    """At most ``size`` workers, started when first needed and kept while they behave."""

    def __init__(self, size: int):
        self._size = size
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._context = None

    def run(self, task: tuple, seconds: float) -> dict:
        """The worker's answer to ``task``; Stopped when it ran out of time or died."""
        with self._slots:
            worker = self._take()
            keep = answered = False
            try:
                answer = worker.ask(task, seconds)
                answered = True
                keep = worker.tasks < TASKS_PER_WORKER and not answer.pop("retire", False)
                if "fault" in answer:
                    log.error("%s of %s failed: %s", task[0], Path(task[1][0]).name,
                              answer.pop("fault"))
                return answer
            finally:
                if keep:
                    with self._lock:
                        self._idle.append(worker)
                else:
                    worker.stop(wait=1 if answered else 0)

    def start(self, seconds: float = 120) -> None:
        """Start every worker now and wait until each answers, so the server's first uploads
        do not wait for the fork server and the workers to start."""
        for worker in [self._take() for _ in range(self._size)]:
            try:
                worker.ask(("ready", ()), seconds)
            except Stopped:
                worker.stop()
                continue
            with self._lock:
                self._idle.append(worker)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
            if self._context is None:
                self._context = _start_method()
        return _Worker(self._context)


def _start_method():
    """A fork server that has already imported the library, so a new worker starts warm and
    shares nothing with the server's threads; Windows has only spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["tracker_tool.portal.worker"])
        return context
    return multiprocessing.get_context("spawn")


WORKERS = Workers(max(1, os.cpu_count() or 1))


def run_check(path: Path, as_of, previous_for: dict, default_service) -> dict:
    """The worker's answer, or an ``error`` when it ran out of time or died."""
    try:
        return WORKERS.run(("check", (str(path), as_of.isoformat(), previous_for,
                                      default_service)), settings.CHECK_SECONDS)
    except Stopped as stopped:
        if stopped.timed_out:
            return {"error": f"the return took longer than {settings.CHECK_SECONDS:g} seconds "
                             "to check, so it was stopped"}
        return {"error": "the return could not be checked: the checker stopped "
                         "(the file may be too large for the memory available)"}


def run_output(task: str, path: Path, out: Path, as_of, kind: str, previous: Path | None) -> dict:
    """Have a worker write a kept return's audit or pack (``task``) at ``out``; ``error`` when
    it could not."""
    try:
        return WORKERS.run((task, (str(path), str(out), as_of.isoformat(), kind,
                                   previous and str(previous))), settings.CHECK_SECONDS)
    except Stopped:
        return {"error": f"the {task} could not be made in time; try again later"}


def run_rollup(folder: Path, now: list[str], before: list[str], out: Path, as_of,
               services) -> dict:
    """Have a worker run the library's batch over a period's returns; ``error`` when it could
    not. It may take a check's time for each return."""
    try:
        return WORKERS.run(("rollup", (str(folder), now, before, str(out), as_of.isoformat(),
                                       services)),
                           settings.CHECK_SECONDS * max(1, len(now) + len(before)))
    except Stopped:
        return {"error": "the roll-up could not be made in time; try again later"}
