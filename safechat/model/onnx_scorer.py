"""Runs a bundle's ONNX graph with onnxruntime on the CPU.

Texts are tokenised in one batch call. A text longer than the model's window is scored over
overlapping windows (75% stride) and the worst window counts: nothing is silently cut.

A bundle with an emoji table (``emoji_words.json``) has each emoji written as its name first
(``safechat.model.emoji_words``), as in its training.

Windows are sorted by length and run in padded batches of up to ``rows_per_run`` rows, so
padding stays small. The shipped graph is int8 with one activation scale per token
(models/training/export/quantize.py), so a message's scores do not depend on the messages or the
padding beside it: batching changes the speed, never a decision. (Bundles quantised with one
scale per tensor, as onnxruntime's ``quantize_dynamic`` does, are batch-dependent; run those
with ``rows_per_run=1``.)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from safechat.blas import one_blas_thread
from safechat.errors import BundleError, InferenceError
from safechat.model.bundle import ModelBundle
from safechat.model.coverage import Reader
from safechat.model.emoji_words import EmojiWords
from safechat.model.support_head import shipped_heads
from safechat.model.tokens import load_token_encoder
from safechat.types import LABELS, Scores

_FloatArray = npt.NDArray[np.float32]
_IntArray = npt.NDArray[np.int64]
# most windows per model run: throughput levels off beyond this on 2-8 cores
ROWS_PER_RUN = 32


@dataclass(frozen=True, slots=True)
class Encoded:
    """One model run over texts: raw ``logits`` ``[n, 8]`` (worst window per text) and, when the
    bundle exposes it, the sentence ``embeddings`` ``[n, dim]`` (mean of the text's windows,
    unit length)."""

    logits: _FloatArray
    embeddings: _FloatArray | None


@functools.cache
def _shared_arena() -> bool:
    """Register one CPU memory arena for every session of this process; False when onnxruntime
    refuses (each session then keeps its own).

    Each session's own arena keeps the buffers of the largest batch it ran; two bundles in one
    process (English and multilingual, as the sidecar holds them) kept two sets. One shared arena
    holds about as much as the larger alone: measured on both shipped graphs, 374 -> 263 MB
    resident after batches of 1 to 64 rows (BENCHMARKS.md, Memory). Scores are unchanged."""
    try:
        memory = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
        # no limit, onnxruntime's default growth, chunk sizes and dead bytes
        ort.create_and_register_allocator(memory, ort.OrtArenaCfg(0, -1, -1, -1))
    except Exception:  # onnxruntime raises its own exception types
        return False
    return True


class OnnxScorer:
    """A :class:`~safechat.model.scorer.Scorer` over a verified :class:`ModelBundle`.

    Thread-safe: onnxruntime sessions and the token encoders may be called concurrently.
    """

    def __init__(
        self,
        bundle: ModelBundle,
        *,
        threads: int = 0,
        rows_per_run: int = ROWS_PER_RUN,
        embeddings: bool = True,
    ) -> None:
        """Load the graph and tokenizer.

        Args:
            bundle: a bundle returned by :meth:`ModelBundle.load`.
            threads: onnxruntime intra-op threads; 0 lets onnxruntime pick (one per core).
            rows_per_run: most windows per model run (padded to the longest of them).
            embeddings: fetch the sentence embedding too, when the bundle has it (False: the
                logits alone, as the raw graph gives them).

        Raises:
            BundleError: when onnxruntime or tokenizers cannot load the files.
        """
        self._bundle = bundle
        self._rows_per_run = max(1, rows_per_run)
        self._window = bundle.manifest.max_length
        try:
            self._tokenizer = load_token_encoder(bundle.tokenizer_path)
        except Exception as err:  # tokenizers raises plain Exception subclasses
            raise BundleError(f"cannot load tokenizer.json of {bundle.version}: {err}") from None
        manifest = bundle.manifest
        self._reader = Reader.of(
            trained=manifest.languages,
            pretrained=manifest.pretrained_languages,
            vocabulary=self._tokenizer.get_vocab(),
        )
        table = bundle.emoji_words_path
        self._emoji_words = EmojiWords.load(table) if table is not None else None
        special = bundle.manifest.special_tokens
        self._cls = self._special_id(special.start)
        self._sep = self._special_id(special.end)
        self._pad = self._tokenizer.token_to_id(special.pad) or 0
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # onnxruntime's threads sleep between runs and operators instead of spinning: the model
        # shares the cores with the Python steps (normaliser, rules, decisions, a server's threads,
        # start_batch's other thread), and a spinning thread takes the cycles they need. Measured
        # on 2 shared cores, 1,024 CONDA messages: 1.2 ms a message (0.85 ms of CPU) against 3.3
        # (1.7) with spinning; the scores are the same.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if _shared_arena():
            options.add_session_config_entry("session.use_env_allocators", "1")
        try:
            self._session = ort.InferenceSession(
                str(bundle.model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as err:  # onnxruntime raises its own exception types
            raise BundleError(f"onnxruntime cannot load {bundle.model_path.name}: {err}") from None
        self._output = bundle.manifest.output
        self._embedding = bundle.manifest.embedding if embeddings else None
        self._outputs = [self._output] if self._embedding is None else [self._output, self._embedding]
        missing = set(self._outputs) - {output.name for output in self._session.get_outputs()}
        if missing:
            raise BundleError(f"model.onnx of {bundle.version} has no output {sorted(missing)[0]!r}")
        self._heads = (
            shipped_heads(bundle.manifest.name, bundle.version) if self._embedding is not None else {}
        )
        calibration = bundle.calibration.labels
        self._slope = np.array([calibration[label].a for label in LABELS], dtype=np.float32)
        self._intercept = np.array([calibration[label].b for label in LABELS], dtype=np.float32)

    @property
    def version(self) -> str:
        return self._bundle.version

    @property
    def reader(self) -> Reader:
        """What this bundle can read: its manifest's languages and the scripts its vocabulary
        holds word pieces in (:mod:`safechat.model.coverage`)."""
        return self._reader

    @property
    def bundle(self) -> ModelBundle:
        """The verified bundle this scorer runs."""
        return self._bundle

    @property
    def embeds(self) -> bool:
        """True when the graph also returns the sentence embedding."""
        return self._embedding is not None

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        if not texts:
            return []
        try:
            encoded = self.encode(texts)
            probabilities = self._calibrate(encoded.logits)
            heads = self.heads(encoded)
        except InferenceError:
            raise
        except Exception as err:
            raise InferenceError(f"model run failed: {type(err).__name__}") from None
        return [Scores.of(row.tolist(), heads=heads[i]) for i, row in enumerate(probabilities)]

    def heads(self, encoded: Encoded) -> list[dict[str, float]]:
        """The heads' probabilities (support and harm heads) for each text of ``encoded`` (one of
        this model's runs), by kind; empty where the bundle has no head
        (:mod:`safechat.model.support_head`)."""
        rows: list[dict[str, float]] = [{} for _ in range(len(encoded.logits))]
        if encoded.embeddings is None:
            return rows
        with one_blas_thread():  # small products: threads would only spin on the model's cores
            found = {kind: head.probabilities(encoded.embeddings) for kind, head in self._heads.items()}
        for kind, probabilities in found.items():
            for row, probability in zip(rows, probabilities, strict=True):
                row[kind.name] = float(probability)
        return rows

    def probabilities(self, texts: Sequence[str]) -> _FloatArray:
        """Calibrated probabilities, shape ``[len(texts), 8]``."""
        return self._calibrate(self.logits(texts))

    def logits(self, texts: Sequence[str]) -> _FloatArray:
        """Raw per-label logits, shape ``[len(texts), 8]`` (worst window per text)."""
        return self.encode(texts).logits

    def encode(self, texts: Sequence[str]) -> Encoded:
        """Logits and (when the bundle has them) sentence embeddings of ``texts`` in one run."""
        windows, owners = self._windows(texts)
        window_logits, window_embeddings = self._run_bucketed(windows)
        result = np.full((len(texts), len(LABELS)), -np.inf, dtype=np.float32)
        np.maximum.at(result, owners, window_logits)
        if window_embeddings is None:
            return Encoded(result, None)
        summed = np.zeros((len(texts), window_embeddings.shape[1]), dtype=np.float32)
        np.add.at(summed, owners, window_embeddings)
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        return Encoded(result, (summed / np.maximum(norms, 1e-12)).astype(np.float32))

    def _special_id(self, token: str) -> int:
        token_id = self._tokenizer.token_to_id(token)
        if token_id is None:
            raise BundleError(f"tokenizer.json of {self._bundle.version} has no {token} token")
        return int(token_id)

    def _windows(self, texts: Sequence[str]) -> tuple[list[list[int]], npt.NDArray[np.intp]]:
        body = self._window - 2
        stride = max(1, (body * 3) // 4)
        windows: list[list[int]] = []
        owners: list[int] = []
        words = self._emoji_words
        model_texts = [words(text) for text in texts] if words is not None else list(texts)
        for index, ids in enumerate(self._tokenizer.encode_batch(model_texts)):
            start = 0
            while True:
                windows.append([self._cls, *ids[start : start + body], self._sep])
                owners.append(index)
                if start + body >= len(ids):
                    break
                start += stride
        return windows, np.asarray(owners, dtype=np.intp)

    def _run_bucketed(self, windows: list[list[int]]) -> tuple[_FloatArray, _FloatArray | None]:
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out = np.empty((len(windows), len(LABELS)), dtype=np.float32)
        embedded: _FloatArray | None = None
        for first in range(0, len(order), self._rows_per_run):
            chunk = order[first : first + self._rows_per_run]
            ids, mask = self._pad_batch([windows[i] for i in chunk])
            result = self._session.run(self._outputs, {"input_ids": ids, "attention_mask": mask})
            out[chunk] = np.asarray(result[0], dtype=np.float32)
            if len(result) > 1:
                vectors = np.asarray(result[1], dtype=np.float32)
                if embedded is None:
                    embedded = np.empty((len(windows), vectors.shape[1]), dtype=np.float32)
                embedded[chunk] = vectors
        return out, embedded

    def _pad_batch(self, rows: list[list[int]]) -> tuple[_IntArray, _IntArray]:
        width = max(len(row) for row in rows)
        ids = np.full((len(rows), width), self._pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for position, row in enumerate(rows):
            ids[position, : len(row)] = row
            mask[position, : len(row)] = 1
        return ids, mask

    def _calibrate(self, logits: _FloatArray) -> _FloatArray:
        z = logits * self._slope + self._intercept
        result: _FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))).astype(np.float32)
        return result
