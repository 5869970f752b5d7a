"""Where release files come from: files, folders, archives, URLs and named corpora.

Everything is read as a stream: a .tar.xz of the whole corpus is never
unpacked to disk, and a remote archive is parsed while it downloads. Bytes
read are counted through tqdm's wrapper, for the progress bar.

A named corpus (`atbot ingest thaigov-v2`) is a public GitHub repository
of release files: GitHub's tarball of its default branch, a .tar.gz whose
files sit under one top folder, streamed like any other archive.
"""

from __future__ import annotations

import lzma
import tarfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
from tqdm.utils import CallbackIOWrapper

ARCHIVE_SUFFIXES = (".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tar")
RELEASE_SUFFIX = ".txt"
_CHUNK = 1 << 16
_URL_TIMEOUT = httpx.Timeout(30.0, read=120.0)
# Corpora known by name: the GitHub repository holding their release files.
# thaigov-v2: the PyThaiNLP project's collection of thaigov.go.th releases,
# Sep 2020 - Sep 2025, public domain (its README: Thai Copyright Act B.E. 2537,
# section 7). It stopped when the site's policy forbade automated collection.
NAMED_CORPORA = {"thaigov-v2": "PyThaiNLP/thaigov-v2-corpus"}


@dataclass(frozen=True)
class Item:
    """One release file's bytes, or why it could not be read."""

    name: str
    data: bytes | None = None
    error: str | None = None


ProgressCallback = Callable[[int], None]


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def resolve_corpus(spec: str, github_api: str) -> str:
    """The tarball URL of a named corpus; any other input unchanged.

    >>> resolve_corpus("thaigov-v2", "https://api.github.com")
    'https://api.github.com/repos/PyThaiNLP/thaigov-v2-corpus/tarball'
    >>> resolve_corpus("releases/", "https://api.github.com")
    'releases/'
    """
    repository = NAMED_CORPORA.get(spec)
    if repository is None or Path(spec).exists():
        return spec
    return f"{github_api}/repos/{repository}/tarball"


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def input_size(spec: str) -> int | None:
    """Bytes the input will be read as (for a progress bar); None if unknown."""
    if is_url(spec):
        return None
    path = Path(spec)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob(f"*{RELEASE_SUFFIX}") if p.is_file())
    return 0


def iter_items(spec: str, progress: ProgressCallback | None = None,
               user_agent: str = "atbot") -> Iterator[Item]:
    """The release files of one input given on the command line."""
    report = progress or (lambda _n: None)
    if is_url(spec):
        yield from _iter_url(spec, report, user_agent)
        return
    path = Path(spec)
    if path.is_dir():
        for file in sorted(p for p in path.rglob(f"*{RELEASE_SUFFIX}") if p.is_file()):
            yield _read_file(file, report)
    elif path.is_file() and is_archive(path.name):
        with path.open("rb") as raw:
            yield from _iter_archive(CallbackIOWrapper(report, raw, "read"), spec)
    elif path.is_file():
        yield _read_file(path, report)
    else:
        yield Item(spec, error="no such file, folder or URL")


def _read_file(path: Path, report: ProgressCallback) -> Item:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Item(str(path), error=f"cannot read: {error.strerror or error}")
    report(len(data))
    return Item(str(path), data=data)


def _iter_archive(stream: IO[bytes] | CallbackIOWrapper, label: str) -> Iterator[Item]:
    """Members of a tar stream (compression detected), read in order."""
    count = 0
    try:
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            for member in archive:
                if not member.isfile() or not member.name.endswith(RELEASE_SUFFIX):
                    continue
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                data = handle.read()
                count += 1
                yield Item(f"{label}:{member.name}", data=data)
    except (tarfile.TarError, EOFError, OSError, lzma.LZMAError, zlib.error) as error:
        yield Item(label, error=f"archive unreadable after {count} files: {error}")


def _iter_url(url: str, report: ProgressCallback, user_agent: str) -> Iterator[Item]:
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=_URL_TIMEOUT,
                          headers={"User-Agent": user_agent}) as response:
            if response.status_code != 200:
                yield Item(url, error=f"download failed: HTTP {response.status_code}")
                return
            stream = _HttpStream(response.iter_bytes())
            yield from _iter_archive(CallbackIOWrapper(report, stream, "read"), url)
    except httpx.HTTPError as error:
        yield Item(url, error=f"download failed: {error.__class__.__name__}: {error}")


class _HttpStream:
    """Adapts an iterator of byte chunks to the read() that tarfile wants."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                self._done = True
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data
