"""Archives (压缩包) in the inbox: each file inside is a submission of its own.

Clerks send .zip and .7z. A zip made by Chinese Windows (资源管理器 “发送到→压缩文件夹”,
WinRAR or 360压缩 in zip mode) names its members in GBK without the UTF-8 flag, which Python
reads as CP437 mojibake: the names are decoded by the flag, else as GBK, else CP437.

Nothing an archive says is trusted: its size, its member count, each member's declared and
actually inflated size and its compression ratio are measured against the same limits as a
loose file (``Limits``); a member path that climbs out (``../``) or is absolute is refused
(zip-slip). Members are inflated in memory and written into the run's temporary spool folder
(removed afterwards), never beside the inbox, so the rest of the pipeline reads them as it
reads loose files. An archive inside an archive is unpacked one level deep; deeper ones are
refused. A .rar (no free reader is assumed) gets IN011 asking for .zip.

Listed in summary.json as ``ARCHIVE.zip/MEMBER``; the archive itself is listed (status
``unreadable``, IN011) only when it cannot be unpacked, or (``ignored``) when it holds nothing.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from .config import Limits
from .findings import At, Emits
from .intake import IGNORED, UNREADABLE, ignore_reason
from .model import Examined
from .read import FATAL, TooLarge, inflate, read_file
from .write.safe import safe_name

ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar")
MAX_MEMBERS = 1_000  # files in one archive (nested ones included): a county sends about 3
_MB = 1 << 20
MAX_RATIO = 100  # unpacked ÷ packed size of a member over 1 MB: spreadsheets stay far under
_RATIO_FROM = _MB
_NESTING = 1  # archives inside an archive unpacked: one level
EMITS = Emits("IN001", "IN002", "IN011")
Problem = tuple[str, str, dict[str, object]]  # (rule, variant of its message, parameters)


def is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


class Refused(Exception):
    """The archive or one member cannot be unpacked: the IN011 message's variant and parameters."""

    def __init__(self, variant: str, **params: object) -> None:
        super().__init__(variant)
        self.variant, self.params = variant, params


class _OverCap(Exception):
    """A member inflated past the bytes it may have (its declared size may lie)."""


@dataclass
class Unpacked:
    """What one archive of the inbox holds: members to examine, and those settled already."""

    members: list[tuple[Path, str]] = field(default_factory=list)  # (spooled copy, ARCHIVE/MEMBER)
    settled: list[Examined] = field(default_factory=list)  # ignored or refused members, or the archive


@dataclass
class _Entry:
    """One member as the archive lists it, before it is inflated."""

    index: int  # its place in the reader's list
    name: str  # decoded, as the clerk sees it
    size: int  # declared unpacked size
    packed: int  # declared packed size (0 when the format does not say)
    when: datetime | None  # the date the archive records for it


def unpack(path: Path, file: str, limits: Limits, into: Path) -> Unpacked:
    """The members of the archive at ``path`` (listed as ``file``), written under ``into``.

    Never raises for a bad archive: it becomes the archive's own IN011 (or IN001 over the file
    size limit), and a bad member its member's.
    """
    unpacker = _Unpacker(limits)
    try:
        unpacker.fallback = datetime.fromtimestamp(path.stat().st_mtime)
        unpacker.archive(read_file(path, limits), path.suffix.lower(), file, into, 0)
    except FATAL:
        raise
    except BaseException as e:  # a damaged archive can make a library raise anything
        return Unpacked(settled=[_refused(file, path, _failure(e))])
    result = unpacker.result
    if not result.members and not result.settled:
        finding = EMITS.finding("IN002", At(file=file), "empty_archive")
        result.settled.append(Examined(file=file, path=path, status=IGNORED, findings=(finding,)))
    return result


class _Unpacker:
    """One archive of the inbox, nested ones included, unpacked under one budget."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.size_left = int(limits.max_uncompressed_mb * _MB)
        self.members_left = MAX_MEMBERS
        self.file_cap = int(limits.max_file_mb * _MB)
        self.fallback = datetime.now()  # a member's date when the archive records none
        self.result = Unpacked()

    def archive(self, data: bytes, suffix: str, file: str, into: Path, depth: int) -> None:
        """Add the members of one archive (its bytes); Refused or TooLarge for the whole."""
        if suffix == ".rar":
            raise Refused("rar")
        reader = _ZipReader(data) if suffix == ".zip" else _SevenZipReader(data)
        entries = [e for e in reader.entries() if not e.name.endswith("/")]  # folders: walked, not listed
        self.members_left -= len(entries)
        if self.members_left < 0:
            raise Refused("too_many", limit=MAX_MEMBERS)
        if sum(e.size for e in entries) > self.size_left:
            raise _too_large(self.limits)
        for entry in entries:
            where = into / str(len(self.result.members) + len(self.result.settled))
            self.member(reader, entry, f"{file}/{entry.name}", where, depth)

    def member(
        self, reader: _ZipReader | _SevenZipReader, entry: _Entry, member: str, where: Path, depth: int
    ) -> None:
        """One member: refused, ignored, unpacked further, or written to ``where`` to be examined."""
        settled = self.result.settled
        problem = _member_problem(entry, depth, self.limits)
        if problem:
            settled.append(_refused(member, where, problem))
            return
        reason = ignore_reason(Path(entry.name), Path())
        if reason:
            finding = EMITS.finding("IN002", At(file=member), reason=reason)
            settled.append(Examined(file=member, path=where, status=IGNORED, findings=(finding,)))
            return
        try:
            content = reader.read(entry, min(self.size_left, self.file_cap))
            self.size_left -= len(content)
            suffix = Path(entry.name).suffix.lower()
            if is_archive(Path(entry.name)):
                self.archive(content, suffix, member, where, depth + 1)
                return
        except _OverCap:
            if self.size_left < self.file_cap:
                raise _too_large(self.limits) from None
            settled.append(_refused(member, where, _file_too_large(self.limits)))
            return
        except (TooLarge, *FATAL):
            raise
        except Exception as e:  # one damaged or encrypted member: the others are still read
            settled.append(_refused(member, where, _failure(e)))
            return
        target = where / (safe_name(Path(entry.name).stem) + suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        stamp = (entry.when or self.fallback).timestamp()
        os.utime(target, (stamp, stamp))  # the member's own date decides which version is newer
        self.result.members.append((target, member))


def _member_problem(entry: _Entry, depth: int, limits: Limits) -> Problem | None:
    """What refuses a member before it is inflated, if anything."""
    parts = PurePosixPath(entry.name).parts
    if entry.name.startswith("/") or ".." in parts or (parts and parts[0].endswith(":")):
        return "IN011", "outside", {"name": entry.name}
    if is_archive(Path(entry.name)) and depth >= _NESTING:
        return "IN011", "nested", {}
    if entry.size > limits.max_file_mb * _MB:
        return _file_too_large(limits)
    if entry.size > _RATIO_FROM and entry.packed and entry.size > MAX_RATIO * entry.packed:
        return "IN011", "ratio", {"ratio": entry.size // entry.packed}
    return None


def _failure(error: BaseException) -> Problem:
    """Why an archive or member could not be read."""
    if isinstance(error, TooLarge):
        return "IN001", "", {"reason": str(error)}
    if isinstance(error, Refused):
        return "IN011", error.variant, error.params
    if "password" in str(error).lower() or "encrypted" in str(error).lower():
        return "IN011", "password", {}
    return "IN011", "", {"error": type(error).__name__}


def _file_too_large(limits: Limits) -> Problem:
    return "IN001", "too_large", {"max_mb": limits.max_file_mb}


def _too_large(limits: Limits) -> TooLarge:
    return TooLarge(f"文件过大：压缩包解压后超过{limits.max_uncompressed_mb:g} MB，请分开报送或删除多余内容")


def _refused(file: str, path: Path, problem: Problem) -> Examined:
    rule, variant, params = problem
    finding = EMITS.finding(rule, At(file=file), variant, **params)
    return Examined(file=file, path=path, status=UNREADABLE, findings=(finding,))


# --- Readers -------------------------------------------------------------------------------


def _slashes(name: str) -> str:
    """Windows tools may separate folders with backslashes."""
    return name.replace("\\", "/")


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its clerk typed it: UTF-8 when flagged, else GBK, else CP437.

    Python decodes a name without the UTF-8 flag as CP437 (``metadata_encoding`` is 3.11+),
    so the original bytes are recovered by encoding it back.
    """
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return info.filename


class _ZipReader:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as e:
            raise Refused("truncated") from e
        self.infos = self.zip.infolist()

    def entries(self) -> list[_Entry]:
        return [
            _Entry(i, _slashes(zip_member_name(info)), info.file_size, info.compress_size, _zip_time(info))
            for i, info in enumerate(self.infos)
            if not info.is_dir()
        ]

    def read(self, entry: _Entry, cap: int) -> bytes:
        """The member inflated, reading no more than ``cap`` whatever its header declares."""
        return inflate(self.zip, self.infos[entry.index], cap, _OverCap())


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time)
    except ValueError:  # (1980, 0, 0, …) from some tools
        return None


class _SevenZipReader:
    """.7z through py7zr; without it (not installed) the archive gets IN011."""

    def __init__(self, data: bytes):
        try:
            import py7zr
        except ImportError as e:
            raise Refused("no_7z") from e
        self.data = data
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            if archive.needs_password():
                raise Refused("password")
            self.infos = [i for i in archive.list() if not i.is_directory]

    def entries(self) -> list[_Entry]:
        return [
            _Entry(n, _slashes(i.filename), i.uncompressed, i.compressed or 0, i.creationtime)
            for n, i in enumerate(self.infos)
        ]

    def read(self, entry: _Entry, cap: int) -> bytes:
        import py7zr

        factory = _CappedFactory(cap)
        with py7zr.SevenZipFile(io.BytesIO(self.data)) as archive:
            archive.extract(targets=[self.infos[entry.index].filename], factory=factory)
        return b"".join(factory.chunks())


class _CappedFactory:
    """py7zr's writer factory: members into memory, TooLarge past ``cap`` bytes."""

    def __init__(self, cap: int):
        self.cap = cap
        self.written: list[_CappedWriter] = []

    def create(self, filename: str) -> _CappedWriter:
        writer = _CappedWriter(self)
        self.written.append(writer)
        return writer

    def chunks(self) -> Iterator[bytes]:
        for writer in self.written:
            yield writer.buffer.getvalue()


class _CappedWriter:
    def __init__(self, factory: _CappedFactory):
        self.factory = factory
        self.buffer = io.BytesIO()

    def write(self, data: bytes | bytearray) -> int:
        if self.buffer.tell() + len(data) > self.factory.cap:
            raise _OverCap
        return self.buffer.write(data)

    def read(self, size: int | None = None) -> bytes:
        return self.buffer.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.buffer.seek(offset, whence)

    def flush(self) -> None:
        self.buffer.flush()

    def close(self) -> None:
        """Kept open: the bytes are taken after the extraction."""

    def size(self) -> int:
        return self.buffer.getbuffer().nbytes
