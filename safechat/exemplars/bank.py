"""Example banks: labelled example messages kept as sentence embeddings, in one ``.npz`` file.

A bank holds, per example: an id, a class (one of the eight labels, or ``benign`` for a
look-alike that needs no action), where it came from, when it was added, its text when the
bank's owner chose to keep it (safety teams' own examples; the shipped banks keep none), and its
sentence embedding from one model bundle (the bank's ``space``, e.g. ``safechat-en-minilm
0.5.0``), stored as int8 (a unit vector times 127).

Files are validated on load; a bank is immutable: :meth:`ExemplarBank.with_examples` and
:meth:`ExemplarBank.without` return new banks, which :meth:`ExemplarBank.save` writes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from safechat.errors import ExemplarBankError
from safechat.types import LABELS

FORMAT = 1
BENIGN = "benign"
"""The class of look-alike examples: messages that need no action."""
CLASSES: tuple[str, ...] = (*(label.value for label in LABELS), BENIGN)
"""Every class a bank example may have: the eight labels, then ``benign``."""
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")
_FIELDS = ("format", "space", "ids", "classes", "sources", "added", "texts", "vectors")


@dataclass(frozen=True, slots=True)
class Example:
    """One example to add: its id, class, embedding (any length; it is normalised) and origin."""

    id: str
    cls: str
    vector: npt.NDArray[np.float32]
    source: str = "team"
    text: str = ""
    added: str = ""


@dataclass(frozen=True, eq=False)
class ExemplarBank:
    """A validated bank. ``vectors`` is int8 ``[n, dim]``; the tuples are per example."""

    space: str
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    sources: tuple[str, ...]
    added: tuple[str, ...]
    texts: tuple[str, ...]
    vectors: npt.NDArray[np.int8]

    def __post_init__(self) -> None:
        _check(self)

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:  # never the texts
        return f"ExemplarBank(space={self.space!r}, examples={len(self)}, dim={self.dim})"

    @property
    def dim(self) -> int:
        """Width of the embeddings."""
        return int(self.vectors.shape[1])

    @property
    def sha256(self) -> str:
        """Digest of the bank's content (what it counts for in the policy version)."""
        digest = hashlib.sha256()
        digest.update(self.space.encode())
        for column in (self.ids, self.classes):
            digest.update("\x1f".join(column).encode())
        digest.update(self.vectors.tobytes())
        return digest.hexdigest()

    def unit_vectors(self) -> npt.NDArray[np.float32]:
        """The embeddings as float32 unit vectors ``[n, dim]``."""
        values = self.vectors.astype(np.float32)
        norms = np.linalg.norm(values, axis=1, keepdims=True)
        result: npt.NDArray[np.float32] = values / np.maximum(norms, 1e-12)
        return result

    def count(self) -> dict[str, int]:
        """Examples per class, in :data:`CLASSES` order (classes with none left out)."""
        return {c: n for c in CLASSES if (n := self.classes.count(c))}

    @classmethod
    def empty(cls, space: str, dim: int) -> ExemplarBank:
        """A bank with no examples, for the model ``space`` with embeddings ``dim`` wide."""
        return cls(space, (), (), (), (), (), np.zeros((0, dim), dtype=np.int8))

    def with_examples(self, examples: Sequence[Example]) -> ExemplarBank:
        """A new bank with ``examples`` appended.

        Raises:
            ExemplarBankError: an id is malformed or already used, a class is unknown, or an
                embedding has the wrong width or is not finite.
        """
        if not examples:
            return self
        rows = []
        for example in examples:
            vector = np.asarray(example.vector, dtype=np.float32).reshape(-1)
            if vector.shape[0] != self.dim or not np.all(np.isfinite(vector)):
                raise ExemplarBankError(
                    f"example {example.id!r}: embedding must be {self.dim} finite numbers"
                )
            rows.append(quantize(vector))
        return ExemplarBank(
            self.space,
            self.ids + tuple(e.id for e in examples),
            self.classes + tuple(e.cls for e in examples),
            self.sources + tuple(e.source for e in examples),
            self.added + tuple(e.added for e in examples),
            self.texts + tuple(e.text for e in examples),
            np.concatenate([self.vectors, np.stack(rows)]),
        )

    def without(self, ids: Sequence[str]) -> ExemplarBank:
        """A new bank without the examples ``ids``.

        Raises:
            ExemplarBankError: an id is not in the bank.
        """
        missing = sorted(set(ids) - set(self.ids))
        if missing:
            raise ExemplarBankError(f"no example with id {missing[0]!r} in this bank")
        drop = set(ids)
        keep = [i for i, example_id in enumerate(self.ids) if example_id not in drop]

        def pick(column: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(column[i] for i in keep)

        return ExemplarBank(
            self.space,
            pick(self.ids),
            pick(self.classes),
            pick(self.sources),
            pick(self.added),
            pick(self.texts),
            self.vectors[keep],
        )

    @classmethod
    def load(cls, path: str | Path) -> ExemplarBank:
        """Read and validate a bank file.

        Raises:
            ExemplarBankError: the file is missing, unreadable or not a valid bank.
        """
        file = Path(path)
        try:
            with np.load(file, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except FileNotFoundError:
            raise ExemplarBankError(f"no example bank file {file}") from None
        except (OSError, ValueError) as err:
            raise ExemplarBankError(f"{file} is not an example bank: {type(err).__name__}") from None
        missing = [name for name in _FIELDS if name not in arrays]
        if missing:
            raise ExemplarBankError(f"{file} is not an example bank: missing {missing}")
        if int(arrays["format"]) != FORMAT:
            raise ExemplarBankError(f"{file}: bank format {int(arrays['format'])} is not {FORMAT}")
        vectors = arrays["vectors"]
        if vectors.dtype != np.int8 or vectors.ndim != 2:
            raise ExemplarBankError(f"{file}: vectors must be an int8 matrix")
        try:
            return cls(
                space=str(arrays["space"]),
                ids=_strings(arrays["ids"]),
                classes=_strings(arrays["classes"]),
                sources=_strings(arrays["sources"]),
                added=_strings(arrays["added"]),
                texts=_strings(arrays["texts"]),
                vectors=vectors,
            )
        except ExemplarBankError as err:
            raise ExemplarBankError(f"{file}: {err}") from None

    def save(self, path: str | Path) -> None:
        """Write the bank atomically (a reader never sees half a file)."""
        file = Path(path)
        buffer = io.BytesIO()
        arrays: dict[str, Any] = {
            "format": np.array(FORMAT),
            "space": np.array(self.space),
            "vectors": self.vectors,
        }
        for name, column in (
            ("ids", self.ids),
            ("classes", self.classes),
            ("sources", self.sources),
            ("added", self.added),
            ("texts", self.texts),
        ):
            arrays[name] = np.array(column, dtype=str) if column else np.zeros(0, dtype="<U1")
        np.savez_compressed(buffer, **arrays)
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def quantize(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.int8]:
    """A unit-normalised embedding as int8 (times 127, rounded)."""
    norm = float(np.linalg.norm(vector))
    return int8_of_unit(vector / norm if norm > 0 else vector)


def int8_of_unit(unit: npt.NDArray[np.float32]) -> npt.NDArray[np.int8]:
    """Unit-length embeddings (one, or one per row) as the banks store them: times 127, rounded."""
    result: npt.NDArray[np.int8] = np.clip(np.rint(unit * 127.0), -127, 127).astype(np.int8)
    return result


def _strings(array: npt.NDArray[Any]) -> tuple[str, ...]:
    if array.ndim != 1 or (array.size and array.dtype.kind != "U"):
        raise ExemplarBankError("id, class, source, date and text columns must be string vectors")
    return tuple(str(value) for value in array.tolist())


def _check(bank: ExemplarBank) -> None:
    n = bank.vectors.shape[0]
    columns = (bank.ids, bank.classes, bank.sources, bank.added, bank.texts)
    if any(len(column) != n for column in columns):
        raise ExemplarBankError("every column must have one entry per example")
    if not bank.space:
        raise ExemplarBankError("the bank names no model space")
    bad_ids = [i for i in bank.ids if not _ID.match(i)]
    if bad_ids:
        shown = bad_ids[0][:40].encode("unicode_escape").decode()
        raise ExemplarBankError(
            f"example id {shown!r} must be 1-128 letters, digits or ._:/- and start with a letter or digit"
        )
    if len(set(bank.ids)) != n:
        duplicate = next(i for i in bank.ids if bank.ids.count(i) > 1)
        raise ExemplarBankError(f"example id {duplicate!r} is used twice")
    unknown = sorted(set(bank.classes) - set(CLASSES))
    if unknown:
        raise ExemplarBankError(f"unknown class {unknown[0][:40]!r}; known: {list(CLASSES)}")
