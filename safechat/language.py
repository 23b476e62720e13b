"""Which language a message is written in, to pick the model bundle and the prompts' language.

Uses py3langid's model (BSD-3-Clause), which ships inside py3langid: nothing is downloaded. The
model loads on first use (about 0.7 s), once per process, not at import, and is held compactly
(:class:`_Model`): one copy of its byte automaton in flat integer arrays, and its feature weights
only for the languages asked for, in the model's own float16. Every detector in the process shares
it, and the detectors that look at one message share one feature pass over it
(:class:`TextSample`); each gives the same answer, to the bit, as py3langid's own
``LanguageIdentifier`` restricted to its languages (tested). Chat is short and mixed: "gg", "lol" or
"ok" say nothing about a language, so a message counts as written in a language only when the
detector is confident and the message has enough letters; otherwise the answer is ``None`` and the
caller keeps its default (English).
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import IO, TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import zipfile

    import numpy.typing as npt

SUPPORTED = ("en", "de", "fr", "it", "es", "pl", "pt", "nl", "da", "el", "tr", "ro")
"""Languages the detector chooses between (ISO 639-1): English plus the multilingual bundle's
first twelve. Ukrainian is not among them, though safechat-multi-e5 0.4.0 reads it: with Ukrainian
the only Cyrillic choice, Russian and Bulgarian messages the wider detector is unsure of were told
to be Ukrainian. Ukrainian is told among the member states' languages
(:data:`MEMBER_STATE_LANGUAGES`) instead, and goes to the multilingual bundle from there."""

MEMBER_STATE_LANGUAGES = (
    "sq", "ca", "hy", "de", "az", "nl", "fr", "bs", "hr", "sr", "bg", "el", "tr", "cs", "da",
    "et", "fi", "sv", "ka", "hu", "is", "ga", "en", "it", "lv", "lt", "lb", "mt", "ro", "mk",
    "no", "pl", "pt", "sl", "sk", "es", "eu", "gl", "uk", "cy", "ru",
)  # fmt: skip
"""The official and co-official languages of the Council of Europe's 46 member states that the
detector knows (ISO 639-1; Romansh has no model in it), and Russian, widely written in several.
A message confidently in one of them outside :data:`SUPPORTED` is reported in that language
(``Decision.language``), so that its coverage can be told. Of the 8,167 English, German,
Spanish, French, Italian, Dutch, Polish and Portuguese lines of the children's chat sets
(``devsets/``), 2 were told to be in another of these languages (Lithuanian, Catalan); of 624
Ukrainian lines, 521 were told to be Ukrainian (before: none)."""

DEFAULT_MIN_CONFIDENCE = 0.7
"""Below this normalised probability a message's language counts as unknown. Measured on 2,000
English messages (held-out training rows and the benchmark corpus): 0.1% were taken for another
language at 0.7; of 300 messages per multilingual data set, 86-100% were recognised (0.9 would
drop Portuguese and Spanish to 75-80%)."""

DEFAULT_MIN_LETTERS = 8
"""Messages with fewer letters than this are too short to tell ("gg", "ok", "kys")."""


_TAG_END = re.compile(r"[.@]")  # POSIX locales: "fr_BE.UTF-8", "de_DE@euro"
_TAG_SEP = re.compile(r"[-_]")


def locale_subtags(locale: str | None) -> list[str]:
    """The subtags of a locale tag: ``"fr-BE"`` and ``"fr_BE.UTF-8"`` give ``["fr", "BE"]``."""
    if not locale:
        return []
    head = _TAG_END.split(locale.strip(), maxsplit=1)[0]
    return [part for part in _TAG_SEP.split(head) if part]


def locale_language(locale: str | None) -> str | None:
    """The language of a locale tag, lower case (``"fr-BE"`` gives ``"fr"``); ``None`` when the
    tag does not start with a 2- or 3-letter language subtag."""
    parts = locale_subtags(locale)
    if not parts or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    return parts[0].lower()


@dataclass(frozen=True, slots=True)
class Detection:
    """The detector's answer: ``language`` is ``None`` when it cannot tell."""

    language: str | None
    confidence: float


class TextSample:
    """One message as the language detectors read it: its letter count and, on first need, its
    byte n-gram features (one walk of the model's automaton). Detectors given the same sample
    share that walk; a sample belongs to one thread."""

    __slots__ = ("_features", "_text", "letters")

    def __init__(self, text: str) -> None:
        self._text = text
        self._features: _Features | None = None
        self.letters = sum(map(str.isalpha, text))
        """How many letters the text has (``str.isalpha``)."""

    def features(self) -> _Features:
        """The text's features, walked once (this loads the model on first use in the process)."""
        if self._features is None:
            self._features = _model(()).features(self._text)
        return self._features


class LanguageDetector:
    """Thread-safe language identification over a fixed set of candidate languages."""

    def __init__(
        self,
        languages: tuple[str, ...] = SUPPORTED,
        *,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        min_letters: int = DEFAULT_MIN_LETTERS,
    ) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        self._languages = tuple(dict.fromkeys(languages))
        self._min_confidence = min_confidence
        self._min_letters = min_letters

    @property
    def languages(self) -> tuple[str, ...]:
        """The candidate languages."""
        return self._languages

    def widened(self, languages: tuple[str, ...]) -> LanguageDetector:
        """A detector with the same thresholds over these languages and its own."""
        return LanguageDetector(
            self._languages + languages,
            min_confidence=self._min_confidence,
            min_letters=self._min_letters,
        )

    def detect(self, text: str | TextSample) -> Detection:
        """The language of ``text``, or ``None`` when it is too short or unclear. Pass one
        :class:`TextSample` to several detectors to read the message once.

        Raises:
            ValueError: a candidate language is not in py3langid's model (on first use).
        """
        sample = text if isinstance(text, TextSample) else TextSample(text)
        if sample.letters < self._min_letters:
            return Detection(None, 0.0)
        language, confidence = _model(self._languages).classify(self._languages, sample.features())
        if confidence < self._min_confidence or language not in self._languages:
            return Detection(None, confidence)
        return Detection(language, confidence)


@dataclass(frozen=True, slots=True)
class _Features:
    """A text's features: the automaton's outputs in first-seen order with ``log1p`` of their
    counts (``None`` when it has none), and the length of its UTF-8 encoding in bytes."""

    indices: npt.NDArray[np.intp] | None
    log_counts: npt.NDArray[np.float32] | None
    length: int


@dataclass(frozen=True, slots=True)
class _Classes:
    """The model restricted to some languages: their columns, in the model's order."""

    names: tuple[str, ...]
    weights: npt.NDArray[np.float16]  # features x columns, C order
    priors: npt.NDArray[np.float32]
    aliases: tuple[tuple[int, int], ...]  # (first, duplicate) columns of one language


MODEL_RESOURCE = ("data", "model.npz.xz")
"""py3langid's model file, inside the installed py3langid package."""

_CHUNK_BYTES = 1 << 20


class _Model:
    """py3langid's naive Bayes model over byte n-grams, held once per process.

    The automaton that finds the n-grams (about 40 MB: 38,346 distinct rows of 256 next states)
    is kept in ``array`` objects, not lists of Python integers, and the feature weights
    (100,053 features by 142 languages in the file, 28 MB) only for the languages asked for: a
    column is read for every language any detector in the process uses (41 languages for the
    router's two detectors: 8 MB), and each set of candidate languages keeps its own copy of its
    columns (2.4 MB for the twelve routed languages), so that its sums are the same, to the bit,
    as py3langid's restricted to that set. The file is read in chunks: the whole weight matrix is
    never in memory.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        with _model_file() as npz:
            classes = tuple(str(c) for c in _read_array(npz, "classes").tolist())
            known = set(classes)
            unknown = sorted(set(languages) - known)
            if unknown:
                raise ValueError(f"py3langid's model has no language {', '.join(unknown)}")
            self.all_classes = classes
            self._all_priors = _read_array(npz, "pc").astype(np.float32)
            self._nextmove = _read_uint32(npz, "nextmove")
            rows = _read_array(npz, "nextmove_row").astype(np.uint32) << np.uint32(8)
            self._rowbase = array("I", rows.tobytes())
            self._output = array("i", _read_array(npz, "out_feat").astype(np.int32).tobytes())
            wanted = set(languages)
            self._columns = [i for i, name in enumerate(classes) if name in wanted]
            self._weights = _read_columns(npz, "ptc", self._columns)
        self._sets: dict[tuple[str, ...], _Classes] = {}

    @property
    def languages(self) -> frozenset[str]:
        """The languages whose weights are held."""
        return frozenset(self.all_classes[i] for i in self._columns)

    def add(self, languages: tuple[str, ...]) -> None:
        """Keep ``languages``' restricted model (their columns must be held)."""
        if languages in self._sets:
            return
        wanted = set(languages)
        chosen = [i for i, name in enumerate(self.all_classes) if name in wanted]
        position = {column: k for k, column in enumerate(self._columns)}
        local = [position[i] for i in chosen]
        weights = self._weights if local == list(range(len(self._columns))) else self._weights[:, local]
        names = tuple(self.all_classes[i] for i in chosen)
        self._sets[languages] = _Classes(
            names, np.ascontiguousarray(weights), self._all_priors[chosen], _aliases(names)
        )

    def features(self, text: str) -> _Features:
        """Encode ``text`` as py3langid does (all upper case lowered, NFC, UTF-8) and walk it."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        nextmove, rowbase, output = self._nextmove, self._rowbase, self._output
        state = 0
        found: list[int] = []
        append = found.append
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                append(feature)
        if not found:
            return _Features(None, None, len(data))
        counts = Counter(found)
        indices = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        return _Features(indices, np.log1p(values), len(data))

    def classify(self, languages: tuple[str, ...], features: _Features) -> tuple[str, float]:
        """The most likely of ``languages`` (added before) and its normalised probability."""
        model = self._sets[languages]
        if features.indices is None or features.log_counts is None:
            scores = np.full(len(model.names), 0.0, dtype=np.float32)
        else:
            scores = features.log_counts @ model.weights[features.indices] + model.priors
        scores *= 1.0 / math.sqrt(features.length or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, duplicate in model.aliases:
            scores[first] += scores[duplicate]
            scores[duplicate] = 0.0
        best = int(scores.argmax())
        return model.names[best], float(scores[best])


def _aliases(names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(first, duplicate) column pairs of a language the model holds twice (two scripts)."""
    first: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for i, name in enumerate(names):
        if name in first:
            pairs.append((first[name], i))
        else:
            first[name] = i
    return tuple(pairs)


@contextmanager
def _model_file() -> Iterator[zipfile.ZipFile]:
    """py3langid's model, decompressed into a temporary file (never whole in memory)."""
    import lzma  # here, not at import: only the first detection reads the model
    import shutil
    import tempfile
    import zipfile

    source = resources.files("py3langid").joinpath(MODEL_RESOURCE[0]).joinpath(MODEL_RESOURCE[1])
    with tempfile.TemporaryFile(suffix=".npz") as plain:
        with source.open("rb") as packed, lzma.open(packed) as stream:
            shutil.copyfileobj(stream, plain, length=_CHUNK_BYTES)
        plain.seek(0)
        with zipfile.ZipFile(plain) as npz:
            yield npz


def _header(handle: IO[bytes]) -> tuple[tuple[int, ...], np.dtype[np.generic]]:
    """The shape and type of the .npy array that ``handle`` is at; C order only."""
    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
    if fortran or dtype.hasobject:
        raise ValueError("unexpected layout in py3langid's model")
    return tuple(shape), dtype


def _read_array(npz: zipfile.ZipFile, name: str) -> npt.NDArray[np.generic]:
    """A small array of the model."""
    with npz.open(f"{name}.npy") as handle:
        shape, dtype = _header(handle)
        count = math.prod(shape)
        return np.frombuffer(handle.read(count * dtype.itemsize), dtype=dtype, count=count).reshape(shape)


def _read_uint32(npz: zipfile.ZipFile, name: str) -> array[int]:
    """A large unsigned array of the model as ``array('I')``, filled in chunks."""
    with npz.open(f"{name}.npy") as handle:
        shape, dtype = _header(handle)
        count = math.prod(shape)
        if dtype.kind != "u" or dtype.itemsize > 4:
            raise ValueError("unexpected layout in py3langid's model")
        out = array("I", [0]) * count
        view = np.frombuffer(memoryview(out), dtype=np.uint32)
        done = 0
        step = max(1, _CHUNK_BYTES // dtype.itemsize)
        while done < count:
            n = min(step, count - done)
            view[done : done + n] = np.frombuffer(handle.read(n * dtype.itemsize), dtype=dtype, count=n)
            done += n
        del view
        return out


def _read_columns(npz: zipfile.ZipFile, name: str, columns: list[int]) -> npt.NDArray[np.float16]:
    """Some columns of a large 2-D float16 array of the model, read a block of rows at a time."""
    with npz.open(f"{name}.npy") as handle:
        shape, dtype = _header(handle)
        if len(shape) != 2 or dtype != np.dtype(np.float16):
            raise ValueError("unexpected layout in py3langid's model")
        rows, width = shape
        out = np.empty((rows, len(columns)), dtype=np.float16)
        step = max(1, _CHUNK_BYTES // (width * dtype.itemsize))
        for start in range(0, rows, step):
            n = min(step, rows - start)
            block = np.frombuffer(handle.read(n * width * dtype.itemsize), dtype=dtype, count=n * width)
            out[start : start + n] = block.reshape(n, width)[:, columns]
        return out


_MODEL: _Model | None = None
_MODEL_LOCK = threading.Lock()


def _model(languages: tuple[str, ...]) -> _Model:
    """The process's model, with ``languages``' restricted model ready (loaded on first use;
    read again, once, only when a detector asks for a language whose weights are not held)."""
    global _MODEL
    found = _MODEL
    if found is not None and (not languages or languages in found._sets):
        return found
    with _MODEL_LOCK:
        found = _MODEL
        if found is None or not set(languages) <= found.languages:
            held = found.languages if found is not None else frozenset()
            wanted = tuple(sorted(held | set(SUPPORTED) | set(MEMBER_STATE_LANGUAGES) | set(languages)))
            fresh = _Model(wanted)
            if found is not None:
                for kept in found._sets:
                    fresh.add(kept)
            found = fresh
        if languages:
            found.add(languages)
        _MODEL = found
    return found
