"""Case files for a lead: the evidence of one case as JSON, its entries linked by a SHA-256 hash
chain, and the check that the chain is whole.

Each entry is ``{"seq", "kind", "data", "prev", "hash"}``: ``prev`` is the previous entry's
``hash`` (64 zeros for the first), and ``hash`` is the SHA-256 (hex) of ``prev``, a newline and
the canonical JSON (sorted keys, no spaces, UTF-8) of ``{"seq", "kind", "data"}``. ``head`` is the
last entry's hash; the console's audit log records it at export, so a lead can also check that
a file is the one the console gave out. Changing, removing, adding or reordering any entry
breaks the chain. Checking needs only the standard library::

    python -m safechat_server.console.export case-file.json     # or: safechat console verify FILE

Exit codes: 0 the chain is whole; 1 it is broken (each problem on stderr); 2 not a case file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "safechat-case-file/1"
GENESIS = "0" * 64


def canonical(value: Any) -> bytes:
    """The canonical JSON bytes of ``value`` (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(prev: str, seq: int, kind: str, data: Any) -> str:
    """The hash of one entry (see the module docstring)."""
    return hashlib.sha256(
        prev.encode("ascii") + b"\n" + canonical({"seq": seq, "kind": kind, "data": data})
    ).hexdigest()


def chain(items: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """A case file of ``(kind, data)`` items, in order; the first should be the ``header``."""
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq, (kind, data) in enumerate(items):
        digest = entry_hash(prev, seq, kind, data)
        entries.append({"seq": seq, "kind": kind, "data": data, "prev": prev, "hash": digest})
        prev = digest
    return {"format": FORMAT, "entries": entries, "head": prev}


@dataclass(frozen=True, slots=True)
class Verification:
    """What :func:`verify` found: ``problems`` is empty when the chain is whole."""

    entries: int
    head: str | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class NotACaseFile(ValueError):
    """The JSON is not a case file of this format."""


def verify(document: Any) -> Verification:
    """Check every link of a case file's chain.

    Raises:
        NotACaseFile: ``document`` is not a case file (wrong shape or format).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotACaseFile(f"not a {FORMAT} file")
    entries = document.get("entries")
    if not isinstance(entries, list) or not entries:
        raise NotACaseFile("a case file has a non-empty list of entries")
    problems: list[str] = []
    prev = GENESIS
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not {"seq", "kind", "data", "prev", "hash"} <= entry.keys():
            problems.append(f"entry {index}: not an entry (seq, kind, data, prev, hash)")
            continue
        if entry["seq"] != index:
            problems.append(f"entry {index}: seq is {entry['seq']!r}, not {index}")
        if entry["prev"] != prev:
            problems.append(f"entry {index}: prev is not the hash of the entry before it")
        if not isinstance(entry["kind"], str) or not isinstance(entry["prev"], str):
            problems.append(f"entry {index}: kind and prev must be strings")
            continue
        digest = entry_hash(entry["prev"], index, entry["kind"], entry["data"])
        if entry["hash"] != digest:
            problems.append(f"entry {index} ({entry['kind']}): hash does not match its contents")
        prev = str(entry["hash"])
    if index_kind(entries, 0) != "header":
        problems.append("entry 0 is not the header")
    head = document.get("head")
    if head != prev:
        problems.append("head is not the hash of the last entry")
    return Verification(len(entries), head if isinstance(head, str) else None, tuple(problems))


def index_kind(entries: list[Any], index: int) -> str | None:
    entry = entries[index] if index < len(entries) else None
    return entry.get("kind") if isinstance(entry, dict) else None


def verify_file(path: Path) -> tuple[int, str]:
    """Check the case file at ``path``: the exit code (0, 1, 2) and what to print."""
    try:
        document = json.loads(path.read_text("utf-8"))
        result = verify(document)
    except (OSError, UnicodeDecodeError) as err:
        return 2, f"cannot read {path}: {getattr(err, 'strerror', None) or err}"
    except json.JSONDecodeError as err:
        return 2, f"{path} is not JSON (line {err.lineno}, column {err.colno})"
    except NotACaseFile as err:
        return 2, f"{path}: {err}"
    if result.ok:
        return 0, f"ok: {result.entries} entries, head {result.head}"
    return 1, "\n".join(["BROKEN:", *result.problems])


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m safechat_server.console.export FILE``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m safechat_server.console.export CASE_FILE.json", file=sys.stderr)
        return 2
    code, message = verify_file(Path(args[0]))
    print(message, file=sys.stdout if code == 0 else sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
