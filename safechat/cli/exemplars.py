"""``safechat exemplars``: a safety team's own example banks, extended without retraining.

    safechat exemplars add --bank FILE.npz [--bundle DIR] [--input FILE]   (JSONL; default stdin)
    safechat exemplars list --bank FILE.npz [--class C] [--json]
    safechat exemplars remove --bank FILE.npz ID [ID ...]
    safechat exemplars rebuild --bank FILE.npz [--bundle DIR]

Input lines are ``safechat score`` lines plus ``label``: ``{"id"?: ..., "text": ...,
"label": "bullying" | ... | "benign", "age_band"?: ..., "locale"?: ...}``. Each text is embedded
by the bundle (default: the bank's own, else the shipped English one) exactly as a message is at
run time. ``add`` is all or nothing: one bad line (reported by number, never by text) and the bank
is left unchanged. A bank takes part once the policy names it (``[exemplars] banks``).
Exit codes: 0 success; 1 bad input lines or unknown ids (nothing written); 2 usage or bank error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from safechat.errors import ExemplarBankError
from safechat.exemplars.bank import CLASSES, Example, ExemplarBank
from safechat.jsonl import LineError, parse_object
from safechat.model.bundle import ModelBundle, shipped_bundle_path
from safechat.model.onnx_scorer import OnnxScorer
from safechat.normalize import normalize

_MAX_TEXT = 100_000
_SHOWN_PROBLEMS = 20


def register_exemplars(commands: Any) -> None:
    """Add ``exemplars`` and its subcommands to the ``safechat`` sub-parsers ``commands``."""
    exemplars = commands.add_parser(
        "exemplars",
        help="add, list, remove or re-embed the examples of a bank",
        description="Banks are .npz files; name them in the policy ([exemplars] banks) to use them.",
    )
    actions = exemplars.add_subparsers(dest="exemplars_command", required=True)

    add = actions.add_parser("add", help="embed labelled JSONL lines and add them to a bank")
    _bank(add)
    add.add_argument("--input", metavar="FILE", help="JSONL file (default: stdin)")
    _bundle(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", help="one example per line: id, class, source, date (never text)")
    _bank(listing)
    listing.add_argument("--class", dest="cls", choices=CLASSES, help="only this class")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_list)

    remove = actions.add_parser("remove", help="remove examples by id")
    _bank(remove)
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(handler=_remove)

    rebuild = actions.add_parser(
        "rebuild", help="re-embed a bank's examples with another bundle (they must have kept their text)"
    )
    _bank(rebuild)
    _bundle(rebuild)
    rebuild.set_defaults(handler=_rebuild)


def _bank(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", required=True, type=Path, metavar="FILE.npz", help="the bank file")


def _bundle(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bundle",
        metavar="DIR",
        help="bundle that embeds the texts (default: the bank's, else the shipped one)",
    )


def _err(message: str) -> None:
    print(f"safechat: {message}", file=sys.stderr)


def _scorer(bundle: str | None, bank: ExemplarBank | None) -> OnnxScorer:
    if bundle is None and bank is not None:
        name = bank.space.split(" ", 1)[0]
        shipped = shipped_bundle_path(name)
        if shipped is None:
            raise ExemplarBankError(f"the bank was embedded by {bank.space!r}; pass --bundle for it")
        bundle = str(shipped)
    scorer = OnnxScorer(ModelBundle.load(bundle))
    if not scorer.embeds:
        raise ExemplarBankError(f"{scorer.version} has no embedding output; it cannot embed examples")
    return scorer


def _embed(scorer: OnnxScorer, texts: Sequence[str]) -> list[Any]:
    vectors: list[Any] = []
    for start in range(0, len(texts), 64):
        encoded = scorer.encode([normalize(t).text for t in texts[start : start + 64]])
        assert encoded.embeddings is not None
        vectors.extend(encoded.embeddings)
    return vectors


def _today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


def read_examples(handle: TextIO) -> tuple[list[tuple[str, str, str]], list[str]]:
    """``(id, class, text)`` per good line, and the problems of the bad ones (by line number)."""
    rows: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            data = parse_object(raw)
            text = data.get("text")
            if not isinstance(text, str) or not text.strip():
                raise LineError('"text" must be a non-empty string')
            if len(text) > _MAX_TEXT:
                raise LineError(f'"text" is longer than {_MAX_TEXT} characters')
            label = data.get("label")
            if label not in CLASSES:
                raise LineError(f'"label" must be one of {list(CLASSES)}')
            given = data.get("id")
            if given is not None and not isinstance(given, (str, int)):
                raise LineError('"id" must be a string or a number')
            example_id = (
                str(given) if given is not None else "team:" + hashlib.sha256(text.encode()).hexdigest()[:12]
            )
            rows.append((example_id, str(label), text))
        except LineError as problem:
            problems.append(f"line {number}: {problem}")
    return rows, problems


def _add(args: argparse.Namespace) -> int:
    bank = ExemplarBank.load(args.bank) if args.bank.exists() else None
    if args.input:
        with open(args.input, encoding="utf-8", errors="surrogateescape") as handle:
            rows, problems = read_examples(handle)
    else:
        rows, problems = read_examples(sys.stdin)
    for problem in problems[:_SHOWN_PROBLEMS]:
        _err(problem)
    if problems:
        _err(f"{len(problems)} bad line(s); the bank is unchanged")
        return 1
    if not rows:
        _err("no examples to add")
        return 1
    scorer = _scorer(args.bundle, bank)
    if bank is not None and bank.space != scorer.version:
        _err(
            f"the bank was embedded by {bank.space!r}, not {scorer.version!r}; use 'exemplars rebuild' first"
        )
        return 2
    vectors = _embed(scorer, [text for _, _, text in rows])
    if bank is None:
        bank = ExemplarBank.empty(scorer.version, len(vectors[0]))
    added = _today()
    updated = bank.with_examples(
        [
            Example(example_id, cls, vector, source="team", text=text, added=added)
            for (example_id, cls, text), vector in zip(rows, vectors, strict=True)
        ]
    )
    updated.save(args.bank)
    print(f"added {len(rows)} example(s) to {args.bank}; it holds {len(updated)} ({_counts(updated)})")
    return 0


def _counts(bank: ExemplarBank) -> str:
    return ", ".join(f"{cls} {n}" for cls, n in bank.count().items()) or "empty"


def _list(args: argparse.Namespace) -> int:
    bank = ExemplarBank.load(args.bank)
    for i, example_id in enumerate(bank.ids):
        if args.cls and bank.classes[i] != args.cls:
            continue
        record = {
            "id": example_id,
            "class": bank.classes[i],
            "source": bank.sources[i],
            "added": bank.added[i],
        }
        if args.json:
            print(json.dumps(record))
        else:
            print(f"{example_id}\t{bank.classes[i]}\t{bank.sources[i]}\t{bank.added[i] or '-'}")
    if not args.json:
        print(f"# {len(bank)} example(s), embedded by {bank.space} ({_counts(bank)})", file=sys.stderr)
    return 0


def _remove(args: argparse.Namespace) -> int:
    bank = ExemplarBank.load(args.bank)
    present = set(bank.ids)
    missing = [i for i in args.ids if i not in present]
    if missing:
        _err(f"no example with id {missing[0]!r} in {args.bank}; nothing removed")
        return 1
    updated = bank.without(args.ids)
    updated.save(args.bank)
    print(f"removed {len(bank) - len(updated)} example(s) from {args.bank}; it holds {len(updated)}")
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    bank = ExemplarBank.load(args.bank)
    textless = [example_id for example_id, text in zip(bank.ids, bank.texts, strict=True) if not text]
    if textless:
        _err(f"{len(textless)} example(s) kept no text (e.g. {textless[0]!r}); they cannot be re-embedded")
        return 1
    scorer = _scorer(args.bundle, None)
    vectors = _embed(scorer, list(bank.texts))
    rebuilt = ExemplarBank.empty(scorer.version, len(vectors[0]) if vectors else bank.dim).with_examples(
        [
            Example(bank.ids[i], bank.classes[i], vectors[i], bank.sources[i], bank.texts[i], bank.added[i])
            for i in range(len(bank))
        ]
    )
    rebuilt.save(args.bank)
    print(f"re-embedded {len(rebuilt)} example(s) of {args.bank} with {scorer.version}")
    return 0
