"""The children's chat development set (devsets/childchat-en): assemble, split, read.

Each line: ``id``, ``text``, ``labels`` (the eight labels, ``[]`` for benign), ``needs`` (the
action each age band's reader needs), ``support`` (the writer needs help), ``role`` (child, peer,
adult_stranger), ``family`` (a fine-grained topic family), ``form`` (the coarse form of harm or
look-alike) and ``split`` (``dev`` or ``test``).

The split is by topic family, so near-paraphrases never cross it: within each form, families are
ordered by a hash of their name and every family whose rank falls in the test share goes to
``test`` (at least one per form with two or more families). Nothing is ever fitted on ``test``.

The ``dev`` split is shared out by topic family too, in :data:`FOLDS` folds (:func:`fold_of`): the
families of :data:`MODEL_FOLDS` fine-tune a model on children's chat (:func:`model_rows`); for
such a model only the other folds fit the bank combination and the policy
(:func:`is_fitting_line`), so those fits see scores of lines the model never trained on. A model
not fine-tuned on children's chat (the shipped English model) is fitted on every ``dev`` line.

The multilingual set (devsets/childchat-multi) has the same fields plus ``locale`` (``fr``,
``pt-BR``...); its ids carry the language (``cc-fr-00001``) and its split is drawn per language and
form, so each language has its own test split.

    python -m models.training.data.childchat assemble PART.jsonl ... --out devsets/childchat-en/messages.jsonl
    python -m models.training.data.childchat assemble devsets/childchat-multi/parts/*.jsonl \
        --out devsets/childchat-multi/messages.jsonl
    python -m models.training.data.childchat append PART.jsonl ... --set devsets/childchat-en/messages.jsonl \
        --against devsets/childchat-multi/messages.jsonl      # a dev-only batch, after the lines there
    python -m models.training.data.childchat export --split test --out test.jsonl   # for safechat eval
    python -m models.training.data.childchat export --set devsets/childchat-multi/messages.jsonl \
        --split test --language uk --out test-uk.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.training.common.paths import REPO
from models.training.common.rows import LABELS, Row, dedup_key, model_text
from safechat.language import locale_language

DEVSETS = REPO / "devsets"
DEVSET = DEVSETS / "childchat-en" / "messages.jsonl"
MULTI_DEVSET = DEVSETS / "childchat-multi" / "messages.jsonl"
BANDS = ("under_13", "13_15", "16_17", "adult")
ACTIONS = ("allow", "mask", "warn", "block", "escalate")
ROLES = ("child", "peer", "adult_stranger")
TEST_SHARE = 0.3
FIELDS = ("id", "text", "labels", "needs", "support", "role", "family", "form", "split")
LOCALE = "locale"
"""The optional field of the multilingual set: the writer's locale tag (``fr``, ``pt-BR``)."""
FOLDS = 5
MODEL_FOLDS = frozenset({0, 1, 2})
DEV_ONLY_SUFFIXES = ("_b2", "_b3", "_b4", "_b5", "_b6", "_b7", "_b8")
"""Dev-only batches written after the split was drawn: a family whose name ends with one of these
suffixes is always ``dev`` and takes no part in the hash split, so adding a batch never moves an
existing family (batches 2 and 3, both 2026-12-06: devsets/childchat-en/README.md; batches 4, 5
and 6 of the multilingual set: devsets/childchat-multi/README.md; batches 7 and 8, 2026-12-07, of
both)."""
SOURCE = "childchat-en"
SOURCE_PREFIX = "childchat"
"""Every children's chat source starts so: ``childchat-en``, ``childchat-fr``..."""


def check_line(row: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the first field of ``row`` that is wrong."""
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        raise ValueError("text must be a non-empty string")
    labels = row.get("labels")
    if not isinstance(labels, list) or any(label not in LABELS for label in labels):
        raise ValueError(f"labels must be a list of {LABELS}")
    needs = row.get("needs")
    if (
        not isinstance(needs, dict)
        or set(needs) != set(BANDS)
        or any(a not in ACTIONS for a in needs.values())
    ):
        raise ValueError(f"needs must give one of {ACTIONS} for each of {BANDS}")
    if not isinstance(row.get("support"), bool):
        raise ValueError("support must be true or false")
    if row.get("role") not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    for key in ("family", "form"):
        if not isinstance(row.get(key), str) or not row[key]:
            raise ValueError(f"{key} must be a non-empty string")
    if not labels and any(a != "allow" for a in needs.values()):
        raise ValueError("a benign line (no labels) needs allow in every band")
    if LOCALE in row and not (isinstance(row[LOCALE], str) and locale_language(row[LOCALE])):
        raise ValueError("locale must be a language tag such as fr or pt-BR")


def language_of(row: dict[str, Any]) -> str:
    """The language of a line: its locale's language, English when it has no locale."""
    return locale_language(row.get(LOCALE)) or "en"


def _rank(family: str) -> str:
    return hashlib.sha256(family.encode()).hexdigest()


def split_families(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """``(language, family) -> "dev" | "test"``: per language and form, the first
    ``ceil(TEST_SHARE * n)`` families by hash go to test (none when the form has a single family).
    Families of a dev-only batch (:data:`DEV_ONLY_SUFFIXES`) are ``dev`` and are not counted."""
    by_form: dict[tuple[str, str], set[str]] = defaultdict(set)
    split: dict[tuple[str, str], str] = {}
    for row in rows:
        if row["family"].endswith(DEV_ONLY_SUFFIXES):
            split[language_of(row), row["family"]] = "dev"
            continue
        by_form[language_of(row), row["form"]].add(row["family"])
    for (language, _), families in sorted(by_form.items()):
        ordered = sorted(families, key=_rank)
        test = math.ceil(TEST_SHARE * len(ordered)) if len(ordered) > 1 else 0
        for position, family in enumerate(ordered):
            split.setdefault((language, family), "test" if position < test else "dev")
    return split


def assemble(parts: Sequence[Path]) -> list[dict[str, Any]]:
    """Validated, de-duplicated (on the model text) lines of ``parts`` with ids and splits.

    Raises:
        ValueError: a line that does not validate (file and line number given).
    """
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for row in _checked_lines(parts, check_line):
        key = dedup_key(row["text"])
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    rows.sort(key=lambda r: (language_of(r), r["family"], r["text"]))
    split = split_families(rows)
    numbers: dict[str, int] = defaultdict(int)
    out = []
    for row in rows:
        language = language_of(row)
        numbers[language] += 1
        out.append(_numbered(row, f"cc-{language}-{numbers[language]:05d}", split[language, row["family"]]))
    return out


@dataclass(frozen=True)
class Appended:
    """What :func:`append` did: the lines it numbered and the duplicates it dropped."""

    rows: list[dict[str, Any]]
    duplicates: int


def append(
    existing: Sequence[dict[str, Any]], parts: Sequence[Path], *, against: Iterable[str] = ()
) -> Appended:
    """The lines of ``parts`` as a dev-only batch after ``existing``: validated, numbered per
    language after the highest id there, in the order written, ``split`` ``dev``. A line whose
    model text is already in ``existing``, in ``against`` (texts of other sets) or earlier in the
    batch is dropped; the lines already there keep their ids and sides.

    Raises:
        ValueError: a line that does not validate, or whose family is not of a dev-only batch
            (:data:`DEV_ONLY_SUFFIXES`), with file and line number.
    """
    seen = {dedup_key(row["text"]) for row in existing} | {dedup_key(text) for text in against}
    last: dict[str, int] = defaultdict(int)
    for row in existing:
        prefix, number = row["id"].rsplit("-", 1)
        language = prefix.removeprefix("cc-")
        last[language] = max(last[language], int(number))
    out: list[dict[str, Any]] = []
    duplicates = 0
    for row in _checked_lines(parts, _check_batch_line):
        key = dedup_key(row["text"])
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        language = language_of(row)
        last[language] += 1
        out.append(_numbered(row, f"cc-{language}-{last[language]:05d}", "dev"))
    return Appended(out, duplicates)


def _check_batch_line(row: dict[str, Any]) -> None:
    """:func:`check_line`, and a family of a dev-only batch."""
    check_line(row)
    if not row["family"].endswith(DEV_ONLY_SUFFIXES):
        raise ValueError(f"family must end with one of {DEV_ONLY_SUFFIXES} (a dev-only batch)")


def _checked_lines(
    parts: Sequence[Path], check: Callable[[dict[str, Any]], None]
) -> Iterator[dict[str, Any]]:
    """The lines of ``parts`` in order, each passed through ``check`` (blank lines skipped).

    Raises:
        ValueError: ``check``'s, with the part's file name and line number.
    """
    for part in parts:
        for number, raw in enumerate(part.read_text("utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            row = json.loads(raw)
            try:
                check(row)
            except ValueError as err:
                raise ValueError(f"{part.name} line {number}: {err}") from None
            yield row


def _numbered(row: dict[str, Any], line_id: str, split: str) -> dict[str, Any]:
    fields = {k: row[k] for k in FIELDS[1:-1]}
    if LOCALE in row:
        fields[LOCALE] = row[LOCALE]
    return {"id": line_id, **fields, "split": split}


def read(
    path: Path = DEVSET, *, split: str | None = None, language: str | None = None
) -> list[dict[str, Any]]:
    """The lines of the set (of one split, of one language when given)."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [
        r
        for r in rows
        if (split is None or r["split"] == split) and (language is None or language_of(r) == language)
    ]


def fold_of(group: str) -> int:
    """The fold of a fold group (a topic family, a source group): the same in every script."""
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def family_group(row: dict[str, Any]) -> str:
    """The fold group of a line: its topic family (with its language outside English)."""
    language = language_of(row)
    return f"childchat:{row['family']}" if language == "en" else f"childchat-{language}:{row['family']}"


def trains_model(row: dict[str, Any]) -> bool:
    """Whether a ``dev`` line is one the model is fine-tuned on (its family is in MODEL_FOLDS)."""
    return row["split"] == "dev" and fold_of(family_group(row)) in MODEL_FOLDS


def is_fitting_line(row: dict[str, Any], *, finetuned: bool = False) -> bool:
    """Whether a line may fit the bank combination and the policy: a ``dev`` line that the model
    never trained on. A model that was not fine-tuned on children's chat (``finetuned`` false: the
    shipped English model) never saw any; one fine-tuned on the MODEL_FOLDS families
    (:func:`model_rows`) saw those, so only the other folds' lines may fit it."""
    return row["split"] == "dev" and not (finetuned and trains_model(row))


def model_rows(path: Path = DEVSET) -> list[Row]:
    """The fine-tuning rows: the ``dev`` lines of MODEL_FOLDS as model text, every label known
    (listed = 1, the others 0), grouped by family."""
    return [
        Row(
            model_text(row["text"]),
            SOURCE,
            {label: int(label in row["labels"]) for label in LABELS},
            family_group(row),
        )
        for row in read(path, split="dev")
        if trains_model(row)
    ]


def eval_lines(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines in the form ``safechat eval`` reads (id, text, labels, needs, support, and locale
    where the line has one)."""
    keep = ("id", "text", "labels", "needs", "support", LOCALE)
    return [{k: row[k] for k in keep if k in row} for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("assemble", help="validate, de-duplicate, number and split part files")
    build.add_argument("parts", nargs="+", type=Path)
    build.add_argument("--out", type=Path, default=DEVSET)
    more = commands.add_parser(
        "append", help="validate, de-duplicate and number a dev-only batch after a set's lines"
    )
    more.add_argument("parts", nargs="+", type=Path)
    more.add_argument("--set", type=Path, default=DEVSET)
    more.add_argument(
        "--against", type=Path, action="append", default=[], help="another set whose texts are duplicates too"
    )
    export = commands.add_parser("export", help="write one split as safechat eval input")
    export.add_argument("--split", choices=("dev", "test"), required=True)
    export.add_argument("--set", type=Path, default=DEVSET)
    export.add_argument("--language", help="only the lines of this language (ISO 639-1, e.g. uk)")
    export.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "assemble":
        rows = assemble(args.parts)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        tests = sum(r["split"] == "test" for r in rows)
        print(f"wrote {args.out}: {len(rows)} lines, {tests} in test")
    elif args.command == "append":
        existing = read(args.set)
        against = [row["text"] for path in args.against for row in read(path)]
        batch = append(existing, args.parts, against=against)
        with args.set.open("a", encoding="utf-8") as out:
            out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch.rows))
        print(f"appended {len(batch.rows)} lines to {args.set} ({batch.duplicates} duplicates dropped)")
    else:
        lines = eval_lines(read(args.set, split=args.split, language=args.language))
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
        print(f"wrote {args.out}: {len(lines)} lines")


if __name__ == "__main__":
    main()
