"""``govreport batch``: every report of a corpus into one table, resumable after a crash.

Each file's result is written to a state folder beside OUT (``OUT.govreport-state/``) as
soon as it finishes, one small JSON file a report, itself written atomically. The workers
render it (the state record and the file's rows of OUT), so that this process, one for all
the workers, only writes bytes. OUT is written as results come, in input order (a file's
rows wait only for the earlier files still running; at most :data:`MAX_WAITING` results are
held, the rest read back from the state folder when their turn comes), to a temporary file
renamed into place at the end, so OUT is either the previous complete file or the new
complete file, never half of one. An OUT that cannot be written (a full disk) does not
stop the work: the results are saved, and the error is reported at the end. After a crash,
Ctrl-C, a full disk or any other filesystem error, ``--resume`` reads the state folder and
runs only the files without a good result: failed files, files a plugin failed on, and
files whose size or modification time changed since.
The state folder is removed after a run without failures; after a run with failures it
stays, so that ``--resume`` retries just those (after installing a missing extra, say).

One batch at a time writes an OUT: a lock beside it (``.OUT.govreport-lock``, held by the
operating system, so a killed batch never leaves it held) makes a second run on the same
OUT refuse at once with a one-line error instead of deleting the first one's state.
Everything that can be checked before the work is (OUT not a folder, its folder writable,
plugins and the indicator table valid), and every filesystem error is one line that says
what was kept.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import functools
import hashlib
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from govreport._limits import DEFAULT_TIMEOUT
from govreport.cli._options import add_extraction_options, seconds

FORMATS = ("csv", "jsonl", "parquet")
STATE_SUFFIX = ".govreport-state"
FAILURES_SUFFIX = ".failures.csv"
FAILURE_FIELDS = ("file", "stage", "error_type", "error")
LOCK_SUFFIX = ".govreport-lock"
#: results held while they wait for an earlier file to finish (the rest are read back from
#: the state folder when their turn comes): a few hundred kB, whatever stalls
MAX_WAITING = 256


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "batch", help="extract facts from many reports into one table",
        description="Extract the facts of every report (files, folders searched recursively, "
                    "globs) into one table: one row a fact, the report's file, region, province, "
                    "level and year in front. Failing files are listed in OUT.failures.csv.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="report files, folders or globs")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the table to write")
    parser.add_argument("--format", choices=FORMATS,
                        help="output format (default: from OUT's suffix, else csv); parquet needs "
                             "the parquet extra")
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="worker processes (default: the CPU count)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted or failed run: skip the files already done "
                             "(failed files and files a plugin failed on are run again)")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"stop a file that takes longer and list it as failed (default: "
                             f"{DEFAULT_TIMEOUT:g}; 0: no limit)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_extraction_options(
        parser, strict_help="exit with status 1 when a plugin fails on a report too")
    return parser


# ------------------------------------------------------------------ the lock
def lock_path(out: Path) -> Path:
    """The lock file of a batch writing ``out`` (hidden, beside it)."""
    return out.with_name(f".{out.name}{LOCK_SUFFIX}")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


class BatchLock:
    """The lock of a batch writing ``out``: one batch at a time per OUT.

    The operating system holds it (``flock``), so it ends with the process however the
    process ends, ``kill -9`` included. The file is removed on release; a run that opened
    it just before checks, once it holds the lock, that the file it locked is still the one
    at the path (else it starts again).
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = lock_path(out)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock; GovReportError if another batch holds it, OSError if it cannot be made."""
        from govreport._errors import GovReportError

        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                try:
                    holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                except OSError:  # Windows: the holder's locked byte cannot be read
                    holder = "unknown"
                finally:
                    os.close(fd)
                raise GovReportError(f"{self.out}: another govreport batch (process {holder}) is "
                                     f"writing it; wait for it to finish or choose another output")
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # removed by the previous holder between our open and our lock
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            if os.name == "posix":  # elsewhere an open file cannot be removed: it stays
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


# ------------------------------------------------------------------ state folder
def state_dir(out: Path) -> Path:
    """Where per-file results of a batch writing ``out`` are kept."""
    return out.with_name(out.name + STATE_SUFFIX)


def failures_path(out: Path) -> Path:
    """The failures table written beside ``out``."""
    return out.with_name(out.name + FAILURES_SUFFIX)


def _options_key(args: argparse.Namespace) -> str:
    """What the results depend on besides the file: a resumed run must not mix options."""
    indicators = None
    if args.indicators:
        try:
            indicators = hashlib.sha256(Path(args.indicators).read_bytes()).hexdigest()
        except OSError:
            indicators = args.indicators
    from govreport import __version__

    data = json.dumps([sorted(args.plugins or []), indicators, args.encoding, __version__])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _stamp(file: str) -> list[int] | None:
    try:
        st = os.stat(file)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _state_file(state: Path, file: str) -> Path:
    return state / (hashlib.sha256(os.path.abspath(file).encode()).hexdigest()[:24] + ".json")


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file that appears at ``path`` only once written completely (temp file + rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_atomic(path: Path, data: bytes) -> None:
    with _atomic_file(path) as fh:
        fh.write(data)


def _save(state: Path, rendered: "Rendered") -> None:
    """Keep a file's result in the state folder (the record :class:`Rendered` made)."""
    _write_atomic(_state_file(state, rendered.file), rendered.state)


def _load_state(state: Path, file: str, key: str) -> Any | None:
    """The saved result of ``file`` if it is still valid for these options and this file."""
    from govreport._batch import ReportResult

    path = _state_file(state, file)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("options") != key or record.get("stamp") != _stamp(file):
            return None
        return ReportResult.from_json(record["result"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: run the file again


# ------------------------------------------------------------------ output
def _format_of(args: argparse.Namespace, out: Path) -> str:
    if args.format:
        return args.format
    suffix = out.suffix.lower().lstrip(".")
    return {"jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "parquet": "parquet",
            "pq": "parquet"}.get(suffix, "csv")


def _csv_lines(rows: Iterable[Iterable[Any]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def _render_rows(fmt: str, result: Any) -> tuple[Any, int]:
    """A result's rows of OUT, ready to write: bytes for CSV and JSON lines, Parquet records
    (which the writer gathers into row groups)."""
    from govreport._facts import _json_default, flat_cell
    from govreport._records import ROW_FIELDS, parquet_record

    records = result.to_records()
    if fmt == "csv":
        return _csv_lines([flat_cell(record[f]) for f in ROW_FIELDS] for record in records), len(records)
    if fmt == "jsonl":
        return b"".join((json.dumps(record, ensure_ascii=False, default=_json_default) + "\n").encode()
                        for record in records), len(records)
    return [parquet_record(record) for record in records], len(records)


class Rendered:
    """One file's result made ready for the caller to write: its state file and its rows of
    OUT, rendered in the worker (so the caller, one process for all the workers, only
    writes bytes), and what the summary needs."""

    __slots__ = ("file", "ok", "plugin_failures", "failure_rows", "size", "state", "rows", "count")

    def __init__(self, result: Any, fmt: str, key: str) -> None:
        record = {"options": key, "stamp": _stamp(result.file), "result": result.to_json()}
        self.file: str = result.file
        self.ok: bool = result.ok
        self.plugin_failures = len(result.failures)
        self.failure_rows = _failure_rows(result)
        self.size: int = result.size
        self.state = json.dumps(record, ensure_ascii=False).encode()
        self.rows, self.count = _render_rows(fmt, result)


class _Output:
    """OUT being written, a file's rows at a time (header or schema first)."""

    #: Parquet rows gathered into one row group
    ROW_GROUP = 50_000

    def __init__(self, fmt: str, fh: BinaryIO) -> None:
        self.fmt, self.fh, self.rows = fmt, fh, 0
        self._batch: list[dict[str, Any]] = []
        self._parquet: Any = None
        if fmt == "csv":
            from govreport._records import ROW_FIELDS

            fh.write(_csv_lines([ROW_FIELDS]))
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            from govreport._records import parquet_schema

            self._schema = parquet_schema()
            self._parquet = pq.ParquetWriter(fh, self._schema)

    def write(self, rendered: Rendered) -> None:
        self.rows += rendered.count
        if self._parquet is None:
            self.fh.write(rendered.rows)
            return
        self._batch.extend(rendered.rows)
        if len(self._batch) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batch:
            self._parquet.write_table(pa.Table.from_pylist(self._batch, schema=self._schema))
            self._batch.clear()

    def close(self) -> None:
        if self._parquet is not None:
            self._flush()
            self._parquet.close()


#: the stage column of a failure, by error type (other errors happened loading the file)
_STAGES = {"WorkerDied": "worker", "ReportTimeoutError": "timeout", "KeyboardInterrupt": "worker"}


def _failure_rows(result: Any) -> list[tuple[str, str, str, str]]:
    rows = []
    if not result.ok:
        rows.append((result.file, _STAGES.get(result.error_type or "", "load"),
                     result.error_type or "", result.error or ""))
    for failure in result.failures:
        rows.append((result.file, f"plugin:{failure.plugin}", "PluginFailure", failure.error))
    return rows


# ------------------------------------------------------------------ progress
def _progress(total: int, enabled: bool) -> Any:
    """A tqdm bar on a terminal; ``None`` when quiet or not a terminal."""
    from govreport.cli._progress import progress

    return progress(total, enabled)


def _fs_error(exc: OSError, doing: str, state: Path) -> Any:
    """One line for a filesystem error during a batch, saying what was kept."""
    from govreport._errors import GovReportError

    reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return GovReportError(f"cannot {doing}: {reason}{where}. Finished files are kept in {state}: "
                          f"fix this and rerun with --resume")


def _check_output(out: Path) -> None:
    """Refuse an OUT that cannot be written before any work is done."""
    from govreport._errors import GovReportError

    if not out.parent.is_dir():
        raise GovReportError(f"{out.parent}: no such folder for the output")
    if out.is_dir():
        raise GovReportError(f"{out}: is a folder; give the output a file name (facts.csv)")


def run(args: argparse.Namespace) -> int:
    from govreport._errors import GovReportError

    out = Path(args.output)
    fmt = _format_of(args, out)
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401 - only to check it is installed
        except ImportError:
            raise GovReportError("--format parquet needs pyarrow: pip install 'govreport[parquet]'") from None
    if args.jobs is not None and args.jobs < 1:
        raise GovReportError(f"--jobs must be at least 1, not {args.jobs}")
    _check_output(out)
    from govreport._extract import check_indicators
    from govreport._registry import select_plugins

    selected = select_plugins(args.plugins)  # a misspelt --plugin fails before any file is touched
    if args.indicators:
        check_indicators(args.indicators, selected)  # so does a broken --indicators table
    lock = BatchLock(out)
    try:
        lock.acquire()  # the lock file is the first thing written: a read-only folder fails here
    except OSError as exc:
        raise GovReportError(f"{out.parent}: cannot write in this folder ({exc.strerror or exc})") from None
    try:
        return _run_locked(args, out, fmt)
    finally:
        lock.release()


def _run_locked(args: argparse.Namespace, out: Path, fmt: str) -> int:
    from govreport._batch import expand_inputs, map_files
    from govreport._errors import GovReportError
    from govreport._plan import ExtractionPlan

    started = time.perf_counter()
    files = expand_inputs(args.inputs)
    if not files:
        raise GovReportError("no input files")
    state = state_dir(out)
    key = _options_key(args)
    try:
        if not args.resume and state.exists():
            shutil.rmtree(state)
        state.mkdir(exist_ok=True)
        probe = state / ".writable"  # a read-only state folder fails here, not after the work
        _write_atomic(probe, b"")
        probe.unlink()
    except OSError as exc:
        raise _fs_error(exc, f"prepare the state folder {state}", state) from None

    done: set[str] = set()
    if args.resume:
        for file in files:
            previous = _load_state(state, file, key)
            if previous is not None and previous.ok and not previous.failures:
                done.add(file)
    todo = [f for f in files if f not in done]

    bar = _progress(len(files), not args.no_progress)
    if bar is not None and done:
        bar.update(len(done))
    plan = ExtractionPlan.resolve(args.plugins, indicators=args.indicators)
    results = map_files(todo, plan=plan, then=functools.partial(Rendered, fmt=fmt, key=key), jobs=args.jobs,
                        encoding=args.encoding, timeout=args.timeout, max_bytes=args.max_bytes,
                        max_expanded_bytes=args.max_expanded_bytes)
    # OUT is written as results come, in input order: a file's rows wait only for the files
    # before it that are still running (at most MAX_WAITING of them are held, the others
    # read back from the state folder when their turn comes)
    position = {file: i for i, file in enumerate(files)}
    waiting: dict[int, Rendered | None] = {}
    failure_rows: list[tuple[str, str, str, str]] = []
    counts = {"next": 0, "bad": 0, "plugin": 0, "failed": 0, "read": 0}

    def saved(file: str) -> Rendered:
        result = _load_state(state, file, key)
        if result is None:  # a state file vanished under us: no partial table
            raise GovReportError(f"the result of {file} is missing from {state}; rerun with --resume")
        return Rendered(result, fmt, key)

    failed_output: list[OSError] = []  # OUT could not be written: the work goes on, kept for --resume

    def write_ready(output: _Output) -> None:
        while counts["next"] < len(files):
            i = counts["next"]
            if files[i] in done:
                rendered = saved(files[i])
            elif i in waiting:
                rendered = waiting.pop(i) or saved(files[i])
            else:
                return
            if not failed_output:
                try:
                    output.write(rendered)
                except OSError as exc:
                    failed_output.append(exc)
            failure_rows.extend(rendered.failure_rows)
            counts["bad"] += not rendered.ok
            counts["plugin"] += rendered.plugin_failures
            counts["next"] = i + 1

    try:
        with contextlib.closing(results), _atomic_file(out) as fh:  # an error here stops the workers too
            output = _Output(fmt, fh)
            write_ready(output)  # resumed files before the first one to run
            for file, value in results:
                rendered = value if isinstance(value, Rendered) else Rendered(value, fmt, key)
                try:
                    _save(state, rendered)
                except OSError as exc:
                    raise _fs_error(exc, f"save the result of {file}", state) from None
                counts["read"] += rendered.size
                if not rendered.ok:
                    counts["failed"] += 1
                waiting[position[file]] = rendered if len(waiting) < MAX_WAITING else None
                write_ready(output)
                if bar is not None:
                    bar.update(1)
                    if counts["failed"]:
                        bar.set_postfix(failed=counts["failed"], refresh=False)
            if not failed_output:
                try:
                    output.close()
                except OSError as exc:
                    failed_output.append(exc)
            if failed_output:
                raise _fs_error(failed_output[0], f"write {out}", state)
            rows = output.rows
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        print(f"govreport batch: interrupted; {out} not written. Finished files are kept in "
              f"{state}: rerun with --resume to continue.", file=sys.stderr)
        return 130
    except OSError as exc:  # OUT's temporary file: opened, synced, renamed
        raise _fs_error(exc, f"write {out}", state) from None
    finally:
        if bar is not None:
            bar.close()

    try:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(FAILURE_FIELDS)
        writer.writerows(failure_rows)
        _write_atomic(failures_path(out), text.getvalue().encode("utf-8"))
    except OSError as exc:
        raise _fs_error(exc, f"write {failures_path(out)}", state) from None

    bad_files, plugin_failures = counts["bad"], counts["plugin"]
    if not bad_files and not plugin_failures:
        shutil.rmtree(state, ignore_errors=True)
    elapsed = time.perf_counter() - started
    mb = counts["read"] / 1e6
    parts = [f"{len(files)} files", f"{len(files) - bad_files} ok", f"{bad_files} failed"]
    if done:
        parts.append(f"{len(done)} resumed")
    summary = (f"govreport batch: {', '.join(parts)}; {rows} facts -> {out}; "
               f"{elapsed:.1f} s ({mb / elapsed if elapsed else 0:.2f} MB/s read)")
    print(summary, file=sys.stderr)
    if failure_rows:
        print(f"govreport batch: {len(failure_rows)} failure(s) listed in {failures_path(out)}; "
              f"--resume retries them", file=sys.stderr)
        for row in failure_rows[:10]:
            message = row[3] if row[3].startswith(row[0]) else f"{row[0]}: {row[3]}"
            print(f"  {message}", file=sys.stderr)
        if len(failure_rows) > 10:
            print(f"  ... and {len(failure_rows) - 10} more", file=sys.stderr)
    if bad_files or (args.strict and plugin_failures):
        return 1
    return 0
