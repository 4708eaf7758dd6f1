"""Run a function on many items in worker processes, each item isolated and timed.

A corpus from the open web holds files that hang a reader, crash it or exhaust its memory,
and plugins are third-party code that may call ``os._exit`` or sleep forever. So every item
runs in a worker process, never in the caller's, whatever the number of jobs; the
supervisor here (one loop in the caller) knows which item each worker is running and
since when, and:

- an item that runs longer than ``timeout`` seconds is *lost*: its worker is killed and
  replaced, the other workers go on;
- a worker that dies (a crash, ``os._exit``, the kernel's OOM killer) loses exactly the
  item it was running, and is replaced;
- an exception that escapes the function (even ``SystemExit`` or ``KeyboardInterrupt``
  raised by code: workers ignore Ctrl-C, which is the caller's to handle) loses the item,
  and the worker goes on;
- workers die with the caller: on Linux the kernel kills them when the caller dies
  (``PR_SET_PDEATHSIG``, also after ``kill -9``); elsewhere a thread in each worker
  watches the parent process id. Closing the iterator (or an exception in the caller)
  stops them too.

Items are sent in *chunks* (up to ``chunk_size`` items in one message) so that small items
do not each pay a round trip, and a worker gets its next chunk while it still runs the last
item of the one before, so it never waits for the caller (which may be busy writing a
result) between items. A worker's items run one after the other, each with its own time
limit; when a worker is lost the unfinished rest of its items is sent again to another
worker. Chunks shrink as the queue empties (to one item when fewer than two chunks a
worker are left), so that the workers finish together.

``concurrent.futures`` cannot do this (it cannot stop one task, and a dead worker breaks
the whole pool). ``pebble`` (well kept) stops one task and replaces its worker, but with
chunks it loses the whole chunk when one item crashes or times out (pebble issue #132),
and it would be a dependency with manager threads in the caller (a hazard for ``fork``);
so a small supervisor of plain :mod:`multiprocessing` processes and pipes is used instead.
"""
from __future__ import annotations

import collections
import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

import attrs

__all__ = ["Done", "Lost", "run_isolated"]

T = TypeVar("T")
R = TypeVar("R")

#: how often a worker without PR_SET_PDEATHSIG checks that its parent is alive
PARENT_POLL_SECONDS = 1.0
#: how long to wait for a worker told to stop before killing it
STOP_GRACE_SECONDS = 2.0


@attrs.frozen
class Done(Generic[R]):
    """The function returned ``value`` for the item."""

    value: R


@attrs.frozen
class Lost:
    """The item gave no value: ``kind`` is ``"timeout"``, ``"died"`` or ``"raised"``.

    ``detail`` says how: the time limit, the worker's exit code or signal, or the
    exception's message; ``error_type`` is the exception's class name for ``"raised"``.
    """

    kind: str
    detail: str
    error_type: str | None = None


# ------------------------------------------------------------------ in the worker
def _die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does (even after ``kill -9`` of it)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent_pid:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="govreport-parent-watch", daemon=True).start()


def _worker(conn: multiprocessing.connection.Connection, function: Callable[[Any], Any],
            parent_pid: int) -> None:
    """Receive chunks of (index, item); send ("done", index, value) or ("raised", ...)."""
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, item in chunk:
            try:
                message: tuple[Any, ...] = ("done", index, function(item))
            except BaseException as exc:  # noqa: BLE001 - SystemExit from code costs the item only
                said = f": {exc}" if str(exc) else ""
                message = ("raised", index, f"{type(exc).__name__} raised while reading it{said}",
                           type(exc).__name__)
            try:
                conn.send(message)
            except Exception as exc:  # noqa: BLE001 - e.g. a value that does not pickle
                conn.send(("raised", index, f"the result could not be sent back ({type(exc).__name__}: "
                           f"{exc})", type(exc).__name__))


# ------------------------------------------------------------------ in the caller
class _Slot:
    """One worker process and what it is running."""

    def __init__(self, context: Any, function: Callable[[Any], Any]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, function, os.getpid()),
                                       name="govreport-worker", daemon=True)
        self.process.start()
        child.close()
        self.chunk: collections.deque[tuple[int, Any]] = collections.deque()
        self.started = 0.0  # when the item at the head of the chunk started

    def send(self, chunk: list[tuple[int, Any]]) -> None:
        if not self.chunk:  # else the item running now keeps its start
            self.started = time.monotonic()
        self.chunk.extend(chunk)
        self.conn.send(chunk)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def ask_to_stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass

    def join_or_kill(self) -> None:
        self.process.join(STOP_GRACE_SECONDS)
        self.kill()


def _exit_detail(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


#: a worker is sent its next chunk when this many of its items (or fewer) are unfinished:
#: the one it runs, so that the next is already there when it finishes
REFILL_AT = 1


def _chunk_length(queued: int, jobs: int, chunk_size: int) -> int:
    """How many of ``queued`` items to send a worker at once: ``chunk_size``, fewer when less
    than two chunks a worker are left (the last items go one at a time)."""
    return max(1, min(chunk_size, queued // (2 * jobs)))


def run_isolated(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    timeout: float | None,
    chunk_size: int = 1,
    context: Any = None,
) -> Iterator[tuple[T, "Done[R] | Lost"]]:
    """Yield ``(item, Done(value) | Lost(...))`` for every item, in the order they finish.

    ``function`` must pickle under the start method of ``context`` (default: the
    platform's); ``timeout`` is per item, in seconds (``None``: no limit); ``chunk_size``
    is the most items sent to a worker in one message.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive, not {timeout}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    context = context or multiprocessing.get_context()
    queue: collections.deque[tuple[int, T]] = collections.deque(enumerate(items))
    total = len(queue)
    slots: list[_Slot] = []
    finished = 0
    try:
        while finished < total:
            # start workers as needed, then give a chunk to every worker about to run out
            # of items, the idle ones first
            idle = sum(1 for slot in slots if not slot.chunk)
            while queue and len(slots) < jobs and idle < len(queue):
                slots.append(_Slot(context, function))
                idle += 1
            for slot in sorted(slots, key=lambda slot: len(slot.chunk)):
                if not queue or len(slot.chunk) > REFILL_AT:
                    continue
                chunk = [queue.popleft() for _ in range(min(_chunk_length(len(queue), jobs, chunk_size),
                                                           len(queue)))]
                try:
                    slot.send(chunk)
                except OSError:  # a worker that died (killed from outside)
                    queue.extendleft(reversed(chunk))
                    for _ in chunk:
                        slot.chunk.pop()
                    if not slot.chunk:  # idle: replace it (a busy one is found below, with its item)
                        slot.kill()
                        slots.remove(slot)
            busy = [slot for slot in slots if slot.chunk]
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(slot.started + timeout for slot in busy) - time.monotonic())
            multiprocessing.connection.wait(
                [slot.conn for slot in busy] + [slot.process.sentinel for slot in busy], wait_for)
            for slot in busy:
                lost: Lost | None = None
                try:
                    while slot.chunk and slot.conn.poll():
                        message = slot.conn.recv()
                        index, item = slot.chunk.popleft()
                        assert message[1] == index, "a worker answered out of order"
                        slot.started = time.monotonic()
                        finished += 1
                        if message[0] == "done":
                            yield item, Done(message[2])
                        else:
                            yield item, Lost("raised", message[2], message[3])
                except (EOFError, OSError):
                    pass  # the worker is gone: found below
                if not slot.chunk:
                    continue
                if not slot.process.is_alive():
                    lost = Lost("died", f"the worker process died while reading it ({_exit_detail(slot.process)}"
                                        f"; a crash, os._exit or the memory limit)")
                elif timeout is not None and time.monotonic() - slot.started >= timeout:
                    lost = Lost("timeout", f"took longer than the time limit of {timeout:g} s a file; "
                                           f"its worker was stopped")
                if lost is None:
                    continue
                slot.kill()
                slots.remove(slot)
                index, item = slot.chunk.popleft()
                queue.extendleft(reversed(slot.chunk))  # the rest of its chunk goes to another worker
                slot.chunk.clear()
                finished += 1
                yield item, lost
    finally:
        for slot in slots:
            if slot.chunk:
                slot.kill()
            else:
                slot.ask_to_stop()
        for slot in slots:
            slot.join_or_kill()
