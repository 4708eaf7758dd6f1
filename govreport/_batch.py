"""Extraction over many reports: input expansion, a process pool, per-report results.

A corpus is tens of thousands of files, some of them broken or hostile. :func:`extract_many`
runs :meth:`Report.extract` on each in worker processes (:mod:`govreport._pool`) and yields
one :class:`ReportResult` per file as it finishes: the file's metadata and facts, or the
error that stopped it. One bad file never stops the batch: errors are caught per file, a
file that runs past the time limit is stopped, and a worker that dies (a crash, a plugin's
``os._exit``, the OOM killer) costs exactly the file it was reading; either way the worker
is replaced.

Results are plain frozen attrs objects that pickle, so the same unit of work
(:func:`extract_file`) also runs under Dask (:mod:`govreport._dask`), Spark or any other
scheduler.
"""
from __future__ import annotations

import functools
import glob
import os
import stat
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Generator, Iterable, Sequence

import attrs

from govreport._errors import GovReportError
from govreport._facts import Fact, PluginFailure
from govreport._limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_TIMEOUT
from govreport._plan import ExtractionPlan
from govreport._pool import Done, Lost, run_isolated
from govreport._records import META_FIELDS, ROW_FIELDS
from govreport._remote import is_url, url_files, url_size
from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Meta
    from govreport._indicators import Indicator

__all__ = ["ReportResult", "expand_inputs", "extract_file", "extract_many", "map_files", "ROW_FIELDS",
           "META_FIELDS", "REPORT_SUFFIXES", "WORKER_DIED"]

#: suffixes of the files taken from a folder (files named explicitly are always taken)
REPORT_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx"})

Paths = "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]"


@attrs.frozen(repr=False)
class ReportResult:
    """What one file gave: its metadata and facts, or the error that stopped it.

    ``error`` is ``None`` for a file that loaded and was extracted (plugins that failed on
    it are in ``failures``, their facts missing but the others' kept); otherwise it is the
    message and ``error_type`` the exception's class name (``"DecodeError"``...).
    """

    file: str
    meta: "Meta | None" = None
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=to_tuple)
    failures: tuple[PluginFailure, ...] = attrs.field(default=(), converter=to_tuple)
    error: str | None = None
    error_type: str | None = None
    size: int = 0  # bytes read, for throughput
    seconds: float = attrs.field(default=0.0, eq=False)

    def __repr__(self) -> str:
        if self.error is not None:
            error = self.error if len(self.error) <= 80 else self.error[:79] + "…"
            return f"<ReportResult {self.file}: {self.error_type}: {error}>"
        meta = self.meta
        about = ", ".join(str(v) for v in (meta.region, meta.year) if v is not None) if meta else ""
        failed = f", {len(self.failures)} plugin failures" if self.failures else ""
        return f"<ReportResult {self.file}: {about or 'no region or year'}, {len(self.facts)} facts{failed}>"

    @property
    def ok(self) -> bool:
        """True when the file loaded and extraction ran (plugin failures aside)."""
        return self.error is None

    def meta_record(self) -> dict[str, Any]:
        """The metadata columns of this file's rows: file, region, province, level, year."""
        meta = self.meta
        return {
            "file": self.file,
            "region": meta.region if meta else None,
            "province": meta.province if meta else None,
            "level": meta.level if meta else None,
            "year": meta.year if meta else None,
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One dict a fact, :data:`ROW_FIELDS` in order (values stay Decimals)."""
        front = self.meta_record()
        return [{**front, **fact.to_record()} for fact in self.facts]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (Decimals as strings, so nothing is rounded) for state files."""
        return {
            "file": self.file,
            "meta": self.meta.to_dict() if self.meta else None,
            "facts": [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in f.to_record().items()}
                      for f in self.facts],
            "failures": [attrs.asdict(f) for f in self.failures],
            "error": self.error,
            "error_type": self.error_type,
            "size": self.size,
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReportResult":
        """Inverse of :meth:`to_json`."""
        from govreport._model import Meta

        return cls(
            file=data["file"],
            meta=Meta(**data["meta"]) if data.get("meta") else None,
            facts=[_fact_from_json(f) for f in data.get("facts", ())],
            failures=[PluginFailure(**f) for f in data.get("failures", ())],
            error=data.get("error"),
            error_type=data.get("error_type"),
            size=int(data.get("size", 0)),
            seconds=float(data.get("seconds", 0.0)),
        )


def _fact_from_json(record: dict[str, Any]) -> Fact:
    fields: dict[str, Any] = dict(record)
    for name in ("value", "value_max"):
        if fields.get(name) is not None:
            fields[name] = Decimal(fields[name])
    return Fact(**fields)


def _has_magic(text: str) -> bool:
    return glob.has_magic(text)


def _folder_files(folder: Path) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        # hidden folders and batch state folders hold no reports
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".govreport-state"))
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.startswith(".") and Path(name).suffix.lower() in REPORT_SUFFIXES \
                    and not _special(path):
                found.append(path)
    return found


def _special(path: str) -> bool:
    """A FIFO, socket or device: not a report file, and reading one may never end.

    (A broken link or a link loop is kept: it fails with its reason like a missing file.)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def expand_inputs(inputs: Any) -> list[str]:
    """Files, folders (recursive), globs and fsspec URLs to a list of files, in order,
    without repeats.

    A file named explicitly is taken whatever its name (content decides its format); a
    folder contributes its report files (:data:`REPORT_SUFFIXES`, hidden files skipped); a
    glob (``corpus/**/*.txt``) is expanded recursively; a URL (``s3://bucket/corpus/``) is
    expanded the same way by its fsspec file system. A name that is none of these is kept,
    so that its "no such file" error is reported like any other failure. FIFOs, sockets
    and devices are taken only when named explicitly (``/dev/stdin``).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            out.append(path)

    for item in inputs:
        name = os.fspath(item)
        path = Path(name)
        if is_url(name) and not path.exists():
            for file in url_files(name, REPORT_SUFFIXES):
                add(file)
        elif path.is_dir():
            for file in _folder_files(path):
                add(file)
        elif path.exists() or not _has_magic(name):
            add(name)
        else:
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                add(name)  # reported as not found
            for match in matches:
                if Path(match).is_dir():
                    for file in _folder_files(Path(match)):
                        add(file)
                else:
                    add(match)
    return out


def extract_file(
    path: str | os.PathLike[str],
    *,
    plugins: Iterable[str] | str | None = None,
    indicators: "str | os.PathLike[str] | Sequence[Indicator] | None" = None,
    encoding: str | None = None,
    plan: ExtractionPlan | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_expanded_bytes: int | None = DEFAULT_MAX_EXPANDED_BYTES,
) -> ReportResult:
    """Load and extract one file; every exception becomes the result's ``error``.

    Not only :class:`~govreport.GovReportError`: in a batch of thousands of files, a bug
    that one odd file triggers must cost that file, not the run. ``plan`` (resolved by the
    caller, see :class:`~govreport.ExtractionPlan`) replaces ``plugins`` and
    ``indicators``: it is how a worker runs what the caller selected. ``path`` is always a
    file's name (even one holding a newline), never report text, or an fsspec URL
    (``s3://...``), read here.
    """
    from govreport._load import load

    name = os.fspath(path)
    started = time.perf_counter()
    size = _size(name)
    try:
        if plan is None:
            plan = ExtractionPlan.resolve(plugins, indicators=indicators)
        report = load(name if is_url(name) else Path(name), encoding=encoding, max_bytes=max_bytes,
                      max_expanded_bytes=max_expanded_bytes)
        extraction = plan.run(report)
    except Exception as exc:  # noqa: BLE001 - isolation is the point
        return ReportResult(file=name, error=str(exc) or type(exc).__name__, error_type=type(exc).__name__,
                            size=size, seconds=time.perf_counter() - started)
    return ReportResult(file=name, meta=report.meta, facts=extraction.facts,
                        failures=extraction.failures, size=size,
                        seconds=time.perf_counter() - started)


def _size(path: str) -> int:
    try:
        if is_url(path):
            return int(url_size(path))
        return os.path.getsize(path)
    except (OSError, ValueError, TypeError, GovReportError):
        return 0


#: error_type of a file whose worker died while reading it
WORKER_DIED = "WorkerDied"

#: the most files sent to a worker in one message: a report takes about 10 ms, a message
#: and its reply a fraction of that, and a worker gets its next files before it runs out
CHUNK_SIZE = 8


def _lost(file: str, lost: Lost) -> ReportResult:
    """The result of a file that gave none: timed out, killed its worker, or raised."""
    error_type = {"timeout": "ReportTimeoutError", "died": WORKER_DIED}.get(lost.kind, lost.error_type)
    return ReportResult(file=file, error=f"{file}: {lost.detail}", error_type=error_type, size=_size(file))


def extract_many(
    paths: Any,
    *,
    jobs: int | None = None,
    plugins: Iterable[str] | str | None = None,
    indicators: "str | os.PathLike[str] | Sequence[Indicator] | None" = None,
    encoding: str | None = None,
    skip: Iterable[str] = (),
    plan: ExtractionPlan | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_expanded_bytes: int | None = DEFAULT_MAX_EXPANDED_BYTES,
) -> Generator[ReportResult, None, None]:
    """Extract every report of ``paths`` (files, folders, globs, fsspec URLs) and yield one
    result each.

    Results come in the order files finish, not the input order (``result.file`` says
    which). Each file runs in a worker process (``jobs`` of them, default: the CPU count;
    with ``jobs=1`` too), so that no file can stop the batch: one that takes longer than
    ``timeout`` seconds (default 300; ``None``: no limit) fails with
    ``error_type="ReportTimeoutError"``, one whose worker dies (a crash, a plugin calling
    ``os._exit``, the memory limit) with ``"WorkerDied"``; the worker is replaced and the
    other files go on. Workers end with this process, even if it is killed.

    ``skip`` names files not to run (already done); ``max_bytes`` and
    ``max_expanded_bytes`` are :func:`govreport.load`'s limits. The plugins, the user table
    ``indicators`` and the units added in this process are resolved here, once (or given as
    ``plan``), and sent to the workers with the work, so workers started by ``fork`` or
    ``spawn`` run the same plugins; a misspelt plugin or a broken table fails at once
    (:class:`~govreport.PluginError`) instead of once per file.
    """
    if plan is None:
        plan = ExtractionPlan.resolve(plugins, indicators=indicators)
    elif plugins is not None or indicators is not None:
        raise ValueError("give either plan or plugins/indicators, not both")
    skipped = set(skip)
    files = [f for f in expand_inputs(paths) if f not in skipped]
    for _file, result in map_files(files, plan=plan, jobs=jobs, encoding=encoding, timeout=timeout,
                                   max_bytes=max_bytes, max_expanded_bytes=max_expanded_bytes):
        yield result


def map_files(
    files: Sequence[str],
    *,
    plan: ExtractionPlan,
    then: "Callable[[ReportResult], Any] | None" = None,
    jobs: int | None = None,
    encoding: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_expanded_bytes: int | None = DEFAULT_MAX_EXPANDED_BYTES,
) -> Generator[tuple[str, Any], None, None]:
    """``(file, value)`` for each of ``files``, in the order they finish: the engine of
    :func:`extract_many`, for callers that want more done in the workers.

    ``value`` is ``then(result)``, computed in the worker (``then`` must pickle), for a file
    whose worker gave a result; the :class:`ReportResult` itself without ``then``, and for
    a file that timed out or killed its worker (``then`` is not applied to those).
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive, not {timeout}")
    plan.check_shippable()
    work = functools.partial(_extract_then, then=then, plan=plan, encoding=encoding, max_bytes=max_bytes,
                             max_expanded_bytes=max_expanded_bytes)
    for file, outcome in run_isolated(work, files, jobs=min(jobs, max(1, len(files))), timeout=timeout,
                                      chunk_size=CHUNK_SIZE):
        yield file, outcome.value if isinstance(outcome, Done) else _lost(file, outcome)


def _extract_then(path: str, *, then: "Callable[[ReportResult], Any] | None", **options: Any) -> Any:
    result = extract_file(path, **options)
    return result if then is None else then(result)
