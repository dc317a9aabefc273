"""Run pure functions on the machine's other cores: a forked child computes, the parent goes on.

The build is single-threaded Python; on a machine with two or more cores, work that depends only on
the loaded knowledge base (the .docx downloads, the search index) can run beside the page rendering.
A forked child needs nothing pickled on the way in (it has the parent's memory) and sends its result
back through a pipe. Where forking is not possible or not safe (no ``os.fork``, one core, other
threads running, or ``REVIEWKB_JOBS=1``), the same functions run in the calling process, so the
output never depends on how it was computed.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many processes may work at once: REVIEWKB_JOBS, else the number of usable cores."""
    setting = os.environ.get("REVIEWKB_JOBS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe only from a single-threaded process (a thread holding a lock would leave it held)."""
    return hasattr(os, "fork") and jobs() > 1 and threading.active_count() == 1


class WorkerError(RuntimeError):
    """A background computation failed; the message carries the child's traceback."""


class Background:
    """``fn(*args)`` computed in a forked child when possible, else in this process; ``result()`` waits."""

    def __init__(self, fn: Callable[..., R], *args: Any) -> None:
        self._pid = None
        self._done = False
        self._value: Any = None
        self._error: BaseException | None = None
        if can_fork():
            self._start(fn, args)
        else:
            self._run_here(fn, args)

    def _run_here(self, fn, args) -> None:
        try:
            self._value = fn(*args)
        except Exception as exc:  # re-raised by result(), as a child's would be
            self._error = exc
        self._done = True

    def _start(self, fn, args) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: compute, send, leave without running the parent's exit handlers
            os.close(read_fd)
            status = 0
            try:
                try:
                    payload = pickle.dumps(("ok", fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                    status = 1
                    payload = pickle.dumps(("error", _describe(exc)), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(status)
        os.close(write_fd)
        self._pid = pid
        self._read_fd = read_fd

    def result(self):
        """The value, or the computation's exception (a child's as WorkerError with its traceback)."""
        if not self._done:
            self._collect()
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed); a no-op once collected."""
        if self._done or self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        os.close(self._read_fd)
        self._done = True
        self._error = WorkerError("后台计算已取消。")

    def _collect(self) -> None:
        with os.fdopen(self._read_fd, "rb") as pipe:  # read everything first: a full pipe blocks the child
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._done = True
        if not payload:
            self._error = WorkerError(f"后台进程异常退出（状态 {status}），没有返回结果。")
            return
        kind, value = pickle.loads(payload)
        if kind == "ok":
            self._value = value
        else:
            self._error = WorkerError(value)


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip()


def pmap(fn: Callable[[list[T]], list[R]], items: Iterable[T], parts: int | None = None,
         weight: Callable[[T], int] | None = None) -> list[R]:
    """``fn`` over `items` split into up to `parts` chunks computed beside each other; results in the
    order of `items`. `fn` takes a list and returns a list of the same length (one call per chunk keeps
    pickling coarse). With `weight`, chunks are balanced by it (largest first into the lightest chunk),
    else they are contiguous runs of equal count."""
    items = list(items)
    parts = max(1, min(parts or jobs(), len(items)))
    if parts == 1 or not can_fork():
        return fn(items)
    if weight is None:
        size = -(-len(items) // parts)
        bins = [list(range(i, min(i + size, len(items)))) for i in range(0, len(items), size)]
    else:
        weights = [weight(x) for x in items]
        bins = [[] for _ in range(parts)]
        loads = [0] * parts
        for i in sorted(range(len(items)), key=lambda i: -weights[i]):
            lightest = loads.index(min(loads))
            bins[lightest].append(i)
            loads[lightest] += weights[i]
        bins = [sorted(b) for b in bins if b]
    aside = [Background(fn, [items[i] for i in b]) for b in bins[1:]]
    done = [fn([items[i] for i in bins[0]])]  # this process takes the first chunk itself
    done += [job.result() for job in aside]
    out: list = [None] * len(items)
    for b, values in zip(bins, done):
        if len(values) != len(b):
            raise ValueError(f"pmap: {fn.__name__} returned {len(values)} results for {len(b)} items")
        for i, value in zip(b, values):
            out[i] = value
    return out
