"""Extraction over many reports: input expansion, a process pool, per-report results.

A corpus is tens of thousands of files, some of them broken. :func:`extract_many` runs
:meth:`Report.extract` on each in worker processes and yields one :class:`ReportResult` per
file as it finishes: the file's metadata and facts, or the error that stopped it. One bad
file never stops the batch: errors are caught per file, and a worker that dies (a crash,
the OOM killer) is replaced while the files it may have been reading are retried, the
culprit being reported after a second death.

Results are plain frozen attrs objects that pickle, so the same unit of work
(:func:`extract_file`) also runs under Dask (:mod:`govreport._dask`), Spark or any other
scheduler.
"""
from __future__ import annotations

import glob
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import attrs

from govreport._errors import GovReportError
from govreport._facts import Fact, PluginFailure
from govreport._plan import ExtractionPlan
from govreport._records import META_FIELDS, ROW_FIELDS
from govreport._remote import is_url, url_files, url_size
from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Meta
    from govreport._indicators import Indicator

__all__ = ["ReportResult", "expand_inputs", "extract_file", "extract_many", "ROW_FIELDS",
           "META_FIELDS", "REPORT_SUFFIXES"]

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
            if not name.startswith(".") and Path(name).suffix.lower() in REPORT_SUFFIXES:
                found.append(os.path.join(root, name))
    return found


def expand_inputs(inputs: Any) -> list[str]:
    """Files, folders (recursive), globs and fsspec URLs to a list of files, in order,
    without repeats.

    A file named explicitly is taken whatever its name (content decides its format); a
    folder contributes its report files (:data:`REPORT_SUFFIXES`, hidden files skipped); a
    glob (``corpus/**/*.txt``) is expanded recursively; a URL (``s3://bucket/corpus/``) is
    expanded the same way by its fsspec file system. A name that is none of these is kept,
    so that its "no such file" error is reported like any other failure.
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
) -> ReportResult:
    """Load and extract one file; every exception becomes the result's ``error``.

    Not only :class:`~govreport.GovReportError`: in a batch of thousands of files, a bug
    that one odd file triggers must cost that file, not the run. ``plan`` (resolved by the
    caller, see :class:`~govreport.ExtractionPlan`) replaces ``plugins`` and
    ``indicators``: it is how a worker runs what the caller selected. ``path`` may be an
    fsspec URL (``s3://...``), read here.
    """
    from govreport._load import load

    name = os.fspath(path)
    started = time.perf_counter()
    size = _size(name)
    try:
        if plan is None:
            plan = ExtractionPlan.resolve(plugins, indicators=indicators)
        report = load(name, encoding=encoding)
        extraction = plan.run(report)
    except Exception as exc:  # noqa: BLE001 - isolation is the point
        return ReportResult(file=name, error=str(exc) or type(exc).__name__, error_type=type(exc).__name__,
                            size=size, seconds=time.perf_counter() - started)
    return ReportResult(file=name, meta=report.meta, facts=extraction.facts,
                        failures=extraction.failures, size=size,
                        seconds=time.perf_counter() - started)


def _died(path: str, size: int) -> ReportResult:
    return ReportResult(file=path, error="the worker process died while reading this file alone "
                        "(a crash or the memory limit)", error_type="WorkerDied", size=size)


def _size(path: str) -> int:
    try:
        if is_url(path):
            return int(url_size(path))
        return os.path.getsize(path)
    except (OSError, ValueError, TypeError, GovReportError):
        return 0


def extract_many(
    paths: Any,
    *,
    jobs: int | None = None,
    plugins: Iterable[str] | str | None = None,
    indicators: "str | os.PathLike[str] | Sequence[Indicator] | None" = None,
    encoding: str | None = None,
    skip: Iterable[str] = (),
    plan: ExtractionPlan | None = None,
) -> Iterator[ReportResult]:
    """Extract every report of ``paths`` (files, folders, globs, fsspec URLs) and yield one
    result each.

    Results come in the order files finish, not the input order (``result.file`` says
    which). ``jobs`` worker processes run at once (default: the CPU count; ``1`` runs in
    this process, with no pool). ``skip`` names files not to run (already done). The
    plugins, the user table ``indicators`` and the units added in this process are resolved
    here, once (or given as ``plan``), and sent to the workers with the work, so workers
    started by ``fork`` or ``spawn`` run the same plugins; a misspelt plugin fails at once
    with :class:`~govreport.UnknownPluginError` instead of once per file.
    """
    if plan is None:
        plan = ExtractionPlan.resolve(plugins, indicators=indicators)
    elif plugins is not None or indicators is not None:
        raise ValueError("give either plan or plugins/indicators, not both")
    skipped = set(skip)
    files = [f for f in expand_inputs(paths) if f not in skipped]
    options: dict[str, Any] = {"plan": plan, "encoding": encoding}
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(files) <= 1:
        for file in files:
            yield extract_file(file, **options)
        return
    plan.check_shippable()
    yield from _pooled(files, min(jobs, len(files)), options)


def _pooled(files: list[str], jobs: int, options: dict[str, Any]) -> Iterator[ReportResult]:
    """Run files in a process pool; survive dead workers by retrying in a fresh pool.

    When a worker dies, every file in flight is a suspect: suspects are retried alone, one
    at a time, so that a second death names the culprit exactly and no innocent file fails.
    """
    pending = list(reversed(files))  # pop() from the end keeps input order
    suspects: list[str] = []
    window = jobs * 4  # bounded submissions: results stream and memory stays flat
    while pending or suspects:
        executor = ProcessPoolExecutor(max_workers=jobs)
        running: dict[Future, str] = {}
        alone: str | None = None
        try:
            while suspects:
                alone = suspects[-1]
                result = executor.submit(extract_file, alone, **options).result()
                suspects.pop()
                alone = None
                yield result
            while pending or running:
                while pending and len(running) < window:
                    file = pending.pop()
                    running[executor.submit(extract_file, file, **options)] = file
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()  # BrokenProcessPool if a worker died
                    del running[future]
                    yield result
        except BrokenProcessPool:
            if alone is not None:
                suspects.remove(alone)
                yield _died(alone, _size(alone))
            for future, file in running.items():
                if future.done() and not future.cancelled() and future.exception() is None:
                    yield future.result()
                else:
                    suspects.append(file)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
