"""Decisions per language on the children's chat sets: what a child in each language sees.

Each language's lines of one split (by default the multilingual set's ``test`` split, which no
fit ever reads) are moderated as an app would: ``Moderator.load()`` with its defaults (both
bundles, routing by language, the default policy), each line with its locale and in every age
band. Per language and band: the share of harmful lines that got at least the action they need
(overall and per label), the share of benign lines given any action, and the share of lines
whose writer needed help that got it.

    python -m models.training.evaluate.language_eval --out ../artifacts/languages
    python -m models.training.evaluate.language_eval --set devsets/childchat-en/messages.jsonl \
        --out ../artifacts/en

writes ``languages.json`` and ``languages.md`` into ``--out``. With ``--card`` and ``--before``
(an earlier run's ``--out``), it also writes the section between ``<!-- languages:start -->`` and
``<!-- languages:end -->`` of that model card: before and after, per language, with the targets.

    python -m models.training.evaluate.language_eval --out ../artifacts/lang-after \
        --before ../artifacts/lang-before --card models/safechat-multi-e5/MODEL_CARD.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from models.training.common.bundle_files import write_card_section
from models.training.data import childchat

DEFAULT_BEFORE = "the bundles and policy of package 0.2.0 (Ukrainian read by the English bundle)"
TARGET_MET = 0.60
TARGET_FLAGGED = 0.08
MAX_FLAGGED_ONE_LANGUAGE = 0.10


def evaluate(devset: Path, split: str, out: Path, *, policy: Path | None = None) -> dict[str, Any]:
    """``{language: decision metrics per band}`` (``safechat eval``'s ``decisions`` block)."""
    from safechat import Moderator
    from safechat.calibration.data import score_file
    from safechat.calibration.decisions import decision_metrics

    moderator = Moderator.load(policy=policy)
    rows = childchat.read(devset, split=split)
    results: dict[str, Any] = {}
    for language in sorted({childchat.language_of(r) for r in rows}):
        lines = childchat.eval_lines(r for r in rows if childchat.language_of(r) == language)
        path = out / f"{split}-{language}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
        data = score_file(moderator, path, every_band=True)
        if data.problem_count:
            raise SystemExit(f"{path}: {data.problem_count} bad lines")
        results[language] = {
            "lines": len(lines),
            "model_version": data.model_version,
            "policy_version": moderator.policy_version,
            "decisions": decision_metrics(data),
        }
    return results


def table(results: dict[str, Any], band: str = "under_13") -> str:
    """A markdown table of ``results`` for one band, with the targets."""
    labels = ("bullying", "hate", "threat", "sexual", "grooming", "self_harm", "pii", "profanity")
    head = (
        "| language | lines | harmful acted on | benign flagged | help offered | " + " | ".join(labels) + " |"
    )
    lines = [head, "|---" * (5 + len(labels)) + "|"]
    for language, result in results.items():
        d = result["decisions"][band]
        cells = [
            language,
            str(result["lines"]),
            _share(d["harmful"]["share"]),
            _share(d["benign"]["share"], 3),
            _share(d.get("help", {}).get("share")),
            *(_share(d["labels"][k]["share"]) if k in d["labels"] else "-" for k in labels),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _share(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def targets(results: dict[str, Any], band: str = "under_13") -> dict[str, Any]:
    """The multilingual targets on ``band``: harmful acted on >= 0.60 per language, benign
    flagged <= 8% pooled and <= 10% in every language."""
    met = {k: v["decisions"][band]["harmful"]["share"] or 0.0 for k, v in results.items()}
    flagged = {k: v["decisions"][band]["benign"]["share"] or 0.0 for k, v in results.items()}
    benign_lines = sum(v["decisions"][band]["benign"]["lines"] for v in results.values())
    benign_flagged = sum(v["decisions"][band]["benign"]["flagged"] for v in results.values())
    pooled = benign_flagged / benign_lines if benign_lines else 0.0
    return {
        "harmful_acted_on": {
            "target": TARGET_MET,
            "languages_below": sorted(k for k, v in met.items() if v < TARGET_MET),
        },
        "benign_flagged_pooled": {
            "target": TARGET_FLAGGED,
            "value": round(pooled, 4),
            "met": pooled <= TARGET_FLAGGED,
        },
        "benign_flagged_per_language": {
            "target": MAX_FLAGGED_ONE_LANGUAGE,
            "languages_above": sorted(k for k, v in flagged.items() if v > MAX_FLAGGED_ONE_LANGUAGE),
        },
    }


START, END = "<!-- languages:start -->", "<!-- languages:end -->"


def comparison(before: dict[str, Any], after: dict[str, Any], band: str) -> str:
    """Per language: harmful acted on and benign flagged, before -> after, in ``band``."""
    rows = [
        "| language | test lines | harmful acted on | benign flagged | help offered |",
        "|---|---|---|---|---|",
    ]
    for language, result in after.items():
        old, new = before[language]["decisions"][band], result["decisions"][band]
        rows.append(
            f"| {language} | {result['lines']} "
            f"| {_share(old['harmful']['share'])} -> {_share(new['harmful']['share'])}"
            f" | {_share(old['benign']['share'], 3)} -> {_share(new['benign']['share'], 3)}"
            f" | {_share(old.get('help', {}).get('share'))} -> {_share(new.get('help', {}).get('share'))} |"
        )
    return "\n".join(rows)


def card_section(
    before: dict[str, Any], after: dict[str, Any], findings: str, before_is: str = DEFAULT_BEFORE
) -> str:
    """The card section: targets, before and after per band, per label after, and findings
    (``before_is``: what the before column measured)."""
    goals = targets(after)
    lines = [
        START,
        "",
        "## Children's chat in each language",
        "",
        "Decisions on the `test` split of `devsets/childchat-multi` (never fitted on), as an app gets them: "
        "`Moderator.load()` defaults (both bundles, routing by language, the default policy), each line with "
        "its locale, in every age band. *Harmful acted on*: the share of harmful lines that got at least the "
        "action they need; *benign flagged*: the share of benign lines given any action; *help offered*: "
        f"the share of lines whose writer needed help that got a support prompt. Before: {before_is}; "
        "after: this bundle and policy.",
        "",
        "Targets (under_13): at least 0.60 of harmful lines acted on in every language: "
        + (
            "met"
            if not goals["harmful_acted_on"]["languages_below"]
            else "MISSED in " + ", ".join(goals["harmful_acted_on"]["languages_below"])
        )
        + "; at most 8% of benign lines flagged over all languages: "
        + f"{goals['benign_flagged_pooled']['value']:.3f} "
        + ("(met)" if goals["benign_flagged_pooled"]["met"] else "(MISSED)")
        + "; no language above 10%: "
        + (
            "met"
            if not goals["benign_flagged_per_language"]["languages_above"]
            else "MISSED in " + ", ".join(goals["benign_flagged_per_language"]["languages_above"])
        )
        + ".",
        "",
    ]
    for band in childchat.BANDS:
        lines += [f"### {band}", "", comparison(before, after, band), ""]
    lines += ["### Per label after (under_13)", "", table(after), "", findings.strip(), "", END]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=childchat.MULTI_DEVSET)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--policy", type=Path, help="a policy file (default: the shipped default policy)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--before", type=Path, help="an earlier run's --out, for the card's comparison")
    parser.add_argument("--card", type=Path, help="the model card whose languages section to write")
    parser.add_argument("--findings", type=Path, help="a markdown file of findings for the card section")
    parser.add_argument("--before-is", default=DEFAULT_BEFORE, help="what --before measured, for the card")
    parser.add_argument("--reuse", action="store_true", help="reuse --out/languages.json (no scoring)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.reuse:
        results = json.loads((args.out / "languages.json").read_text("utf-8"))["languages"]
    else:
        results = evaluate(args.set, args.split, args.out, policy=args.policy)
    summary = {"split": args.split, "languages": results, "targets_under_13": targets(results)}
    (args.out / "languages.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    if args.card is not None and args.before is not None:
        before = json.loads((args.before / "languages.json").read_text("utf-8"))["languages"]
        findings = args.findings.read_text("utf-8") if args.findings else ""
        write_card_section(args.card, card_section(before, results, findings, args.before_is), START, END)
    text = "\n\n".join(f"{band}:\n\n{table(results, band)}" for band in childchat.BANDS)
    (args.out / "languages.md").write_text(text + "\n", "utf-8")
    print(text)
    print(json.dumps(summary["targets_under_13"], indent=1))


if __name__ == "__main__":
    main()
