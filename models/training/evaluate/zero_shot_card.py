"""The multilingual card's "Zero-shot quality and coverage" section, from facts already in the bundle.

    python -m models.training.evaluate.zero_shot_card --bundle models/safechat-multi-e5

Nothing is retrained. It reads:

- the card's "Leave-one-language-out" table (written by ``models.training.pipelines.multi``: each language's
  heads retrained without its training rows, tested on its test splits, with the frozen encoder and
  cached embeddings) and its "Evaluation-only sets" table (Italian, Spanish and Polish: languages
  the heads never saw), and summarises them as the estimate of zero-shot quality;
- the bundle's tokenizer (word pieces per script, :func:`safechat.model.coverage.scripts_read`)
  and manifest (``languages``, ``pretrained_languages``), and gives the coverage of each official
  language of the Council of Europe's member states.

It writes the section between ``<!-- coverage:start -->`` and ``<!-- coverage:end -->`` (appended
when absent) and refreshes the card's sha256 in ``manifest.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from safechat.language import MEMBER_STATE_LANGUAGES
from safechat.model.coverage import MAX_UNREAD_SHARE, MIN_WORD_PIECES, NON_LATIN_SCRIPTS, script_of

START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"

# the script each member-state language is written in (Serbian: Cyrillic and Latin)
SCRIPTS: dict[str, tuple[str, ...]] = {language: (script,) for language, script in NON_LATIN_SCRIPTS.items()}
SCRIPTS["sr"] = ("CYRILLIC", "LATIN")
NAMES = {
    "sq": "Albanian", "ca": "Catalan", "hy": "Armenian", "de": "German", "az": "Azerbaijani",
    "nl": "Dutch", "fr": "French", "bs": "Bosnian", "hr": "Croatian", "sr": "Serbian",
    "bg": "Bulgarian", "el": "Greek", "tr": "Turkish", "cs": "Czech", "da": "Danish",
    "et": "Estonian", "fi": "Finnish", "sv": "Swedish", "ka": "Georgian", "hu": "Hungarian",
    "is": "Icelandic", "ga": "Irish", "en": "English", "it": "Italian", "lv": "Latvian",
    "lt": "Lithuanian", "lb": "Luxembourgish", "mt": "Maltese", "ro": "Romanian",
    "mk": "Macedonian", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "sl": "Slovenian",
    "sk": "Slovak", "es": "Spanish", "eu": "Basque", "gl": "Galician", "uk": "Ukrainian",
    "cy": "Welsh", "ru": "Russian",
}  # fmt: skip


def _table(card: str, heading: str) -> list[list[str]]:
    """The rows (cells) of the first Markdown table after ``heading``."""
    rest = card[card.index(heading) :]
    rows = []
    started = False
    for line in rest.splitlines()[1:]:
        if line.startswith("|"):
            started = True
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif started:
            break
    return rows[1:]  # without the header


def lolo_summary(card: str) -> tuple[list[str], float]:
    """Per held-out language: mean ROC-AUC with and without the language's training rows; and
    the mean change over every row."""
    rows = _table(card, "## Leave-one-language-out")
    by_language: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_label: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for language, _, label, _, seen, without, *_ in rows:
        by_language[language].append((float(seen), float(without)))
        if label != "offensive_any":
            by_label[label].append((float(seen), float(without)))
    out = [
        "| held-out language | rows | mean ROC-AUC, language seen | mean ROC-AUC, zero-shot | change |",
        "|---|---|---|---|---|",
    ]
    for language, pairs in sorted(by_language.items()):
        seen_mean = statistics.fmean(p[0] for p in pairs)
        zero_mean = statistics.fmean(p[1] for p in pairs)
        change = zero_mean - seen_mean
        out.append(f"| {language} | {len(pairs)} | {seen_mean:.3f} | {zero_mean:.3f} | {change:+.3f} |")
    every = [p for pairs in by_language.values() for p in pairs]
    drops = sorted(p[1] - p[0] for p in every)
    out += [
        "",
        f"Over all {len(every)} rows: mean ROC-AUC {statistics.fmean(p[0] for p in every):.3f} with the "
        f"language's own training rows, {statistics.fmean(p[1] for p in every):.3f} without (median change "
        f"{statistics.median(drops):+.3f}, from {drops[0]:+.3f} to {drops[-1]:+.3f}). Per label (rows "
        "without `offensive_any`): "
        + "; ".join(f"{label} {_means(pairs)}" for label, pairs in sorted(by_label.items()))
        + ".",
    ]
    return out, statistics.fmean(drops)


def _means(pairs: list[tuple[float, float]]) -> str:
    return f"{statistics.fmean(p[0] for p in pairs):.3f} -> {statistics.fmean(p[1] for p in pairs):.3f}"


def evaluation_only(card: str) -> list[str]:
    """The languages the heads never saw, as the card's evaluation-only table gives them."""
    rows = _table(card, "### Evaluation-only sets")
    return [
        f"- {language}, {label}: ROC-AUC {auc} ({n} messages)"
        for language, label, n, _, auc, _ in rows
        if language in ("es", "it", "pl")
    ]


def piece_counts(tokenizer: Path) -> dict[str, int]:
    """Word pieces (two letters or more) per script in a tokenizer's vocabulary."""
    model = json.loads(tokenizer.read_text("utf-8"))["model"]
    vocab = model["vocab"]
    pieces = [p for p, _ in vocab] if isinstance(vocab, list) else list(vocab)
    counts: dict[str, int] = defaultdict(int)
    for piece in pieces:
        letters = [c for c in piece if c.isalpha()]
        script = script_of(letters[0]) if len(letters) >= 2 else None
        if script is not None:
            counts[script] += 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def coverage_table(manifest: dict[str, Any], counts: dict[str, int]) -> list[str]:
    """Each member-state language's coverage on this bundle."""
    trained: set[str] = set(manifest["languages"])
    pretrained = trained | set(manifest.get("pretrained_languages", []))
    read = {script for script, n in counts.items() if n >= MIN_WORD_PIECES}
    groups: dict[str, list[str]] = {"trained": [], "zero_shot": [], "none": []}
    for language in sorted(MEMBER_STATE_LANGUAGES, key=lambda la: NAMES[la]):
        scripts = SCRIPTS.get(language, ("LATIN",))
        name = NAMES[language]
        if not any(s in read for s in scripts):
            why = "script not read"
        elif language not in pretrained:
            why = "not pretrained"
        else:
            why = ""
        if why:
            groups["none"].append(f"{name} ({why})")
        elif language in trained:
            groups["trained"].append(name)
        else:
            unread = [s.title() for s in scripts if s not in read]
            note = f" (not in {', '.join(unread)} script)" if unread else ""
            groups["zero_shot"].append(name + note)
    return [f"- **{key}**: " + ", ".join(names) + "." for key, names in groups.items()]


def section(card: str, bundle: Path) -> str:
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    summary, mean_change = lolo_summary(card)
    counts = piece_counts(bundle / "tokenizer.json")
    shown = ", ".join(f"{script.title()} {n:,}" for script, n in counts.items() if n >= 10)
    lines = [
        START,
        "",
        "## Zero-shot quality and coverage",
        "",
        "safechat says for each message whether a model could read its language "
        "(`Decision.coverage`, `safechat/model/coverage.py`): `trained` (this bundle has fine-tuning "
        "data in the language), `zero_shot` (the encoder was pretrained on it, the heads never saw it) "
        "or `none` (no bundle can read it: it is not scored, and the band's `unread_action` applies).",
        "",
        "### Estimated zero-shot quality: leave-one-language-out",
        "",
        'The "Leave-one-language-out" table above is the estimate: for each language with training '
        "data, the heads were retrained without its rows and tested on its test splits (the frozen "
        "encoder and its cached embeddings: the exact recipe minus one language). Offensive-language "
        "sets only (bullying, hate, profanity, threat); public tweets, comments and forums, not "
        "children's chat. Summarised:",
        "",
        *summary,
        "",
        "Languages the heads never saw (evaluation-only sets above), a direct zero-shot measure:",
        "",
        *evaluation_only(card),
        "",
        "So a `zero_shot` score ranks harmful above harmless messages less well than a `trained` one "
        f"(on these sets {-mean_change:.3f} ROC-AUC lower on average; the table above per label), and "
        "no threshold was fitted for those languages. Grooming, self-harm, "
        "sexual content, threats and PII have labelled data in English only, so every language but "
        "English is zero-shot for them (the hand-written check above).",
        "",
        "### What this vocabulary reads",
        "",
        f"Word pieces of two letters or more per script in tokenizer.json: {shown}. A script counts as "
        f"read with at least {MIN_WORD_PIECES:,}. Up to version 0.3.0 the vocabulary held no Armenian "
        "or Georgian piece (their letters were `<unk>`) and 808 Cyrillic ones, too few: Ukrainian "
        "reached the encoder letter by letter and this bundle flagged 59% of ordinary Ukrainian "
        "children's chat. Version 0.4.0 has every Cyrillic, Armenian and Georgian piece of "
        'multilingual-e5-small back (`models/training/export/vocab_extend.py`; "Vocabulary given back" '
        f"below). A message with more than {MAX_UNREAD_SHARE:.0%} of its letters "
        "in scripts that no bundle reads is `none`. Coverage of the official languages of the "
        "Council of Europe's member states (and Russian), from the manifest's `languages` and "
        "`pretrained_languages` (multilingual-e5-small: XLM-R's 100 languages) and these scripts "
        "(a message too short or unclear for its language to be told is `trained` when most of its "
        "letters are in the scripts of the trained languages, else `zero_shot`):",
        "",
        *coverage_table(manifest, counts),
        "",
        "### Reproduce",
        "",
        "```bash",
        "# the leave-one-language-out table itself (step 5 of the recipe; rebuilds the bundle)",
        "python -m models.training.pipelines.multi --data ../shared/data --encoder ../artifacts/me5-lgc \\",
        "    --out models/safechat-multi-e5 --work ../artifacts/multi",
        "# this section, from the card's tables, the tokenizer and the manifest (nothing retrained)",
        "python -m models.training.evaluate.zero_shot_card --bundle models/safechat-multi-e5",
        "```",
        "",
        END,
    ]
    return "\n".join(lines)


def write(bundle: Path) -> None:
    """Write the section into ``bundle``'s card and refresh its sha256 in the manifest."""
    from models.training.common.bundle_files import write_card_section

    card_path = bundle / "MODEL_CARD.md"
    write_card_section(card_path, section(card_path.read_text("utf-8"), bundle), START, END)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=Path("models/safechat-multi-e5"))
    write(parser.parse_args(argv).bundle)


if __name__ == "__main__":
    main()
