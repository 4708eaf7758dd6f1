"""Reports behind URLs: ``s3://``, ``gs://``, ``memory://``, ``file://``... through fsspec.

A corpus on a cluster usually lives in an object store that every worker can read. A URL is
read with the fsspec file system of its protocol (the optional ``fsspec`` extra; ``s3://``
also needs ``s3fs``), wherever :func:`govreport.load` runs: on the worker that extracts it.
"""
from __future__ import annotations

import re
from typing import Any, Collection

from govreport._errors import LoadError, ReportNotFoundError

__all__ = ["is_url", "read_url", "url_files", "url_size"]

_MAGIC = re.compile(r"[*?\[]")
# a protocol of two letters or more (so that a Windows drive, C:/, is never a URL)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(name: str) -> bool:
    """True for ``protocol://...`` names."""
    return bool(_URL.match(name))


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise LoadError("reading URLs needs fsspec: pip install 'govreport[fsspec]'",
                        source=url) from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its package is missing
        raise LoadError(f"cannot open this URL: {exc}", source=url) from exc


def read_url(url: str) -> bytes:
    """The bytes of the file at ``url``; a missing file is a :class:`ReportNotFoundError`."""
    fs, path = _filesystem(url)
    try:
        if not fs.isfile(path):
            raise ReportNotFoundError("no such file", source=url)
        return bytes(fs.cat_file(path))
    except FileNotFoundError:
        raise ReportNotFoundError("no such file", source=url) from None
    except OSError as exc:
        raise LoadError(f"cannot read: {exc}", source=url) from exc


def url_size(url: str) -> int:
    """The size in bytes of the file at ``url``."""
    fs, path = _filesystem(url)
    return int(fs.size(path))


def _wanted(relative: str, suffixes: Collection[str]) -> bool:
    parts = [part for part in relative.split("/") if part]
    hidden = any(part.startswith(".") or part.endswith(".govreport-state") for part in parts)
    return bool(parts) and not hidden and "." + parts[-1].rsplit(".", 1)[-1].lower() in suffixes


def url_files(url: str, suffixes: Collection[str]) -> list[str]:
    """The report files a URL names: a folder's files with one of ``suffixes`` (hidden ones
    left out), a glob's matches, or the URL itself (missing files are reported on reading)."""
    fs, path = _filesystem(url)
    magic, url_magic = _MAGIC.search(path), _MAGIC.search(url)
    if fs.isdir(path):
        base, url_base = path.rstrip("/"), url.rstrip("/")
        found = [p for p in fs.find(path) if _wanted(p[len(base):], suffixes)]
    elif magic is not None and url_magic is not None:
        base = path[:magic.start()].rpartition("/")[0]
        url_base = url[:url_magic.start()].rpartition("/")[0]
        found = list(fs.glob(path))
    else:
        return [url]
    # the URLs as the user wrote them (memory://bucket/..., not fsspec's memory:///bucket/...)
    return [url_base + p[len(base):] if p.startswith(base + "/") else fs.unstrip_protocol(p)
            for p in sorted(found)]
