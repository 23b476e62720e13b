"""Write the model card's section on example banks and decisions on children's chat.

The section goes between two markers in the bundle's MODEL_CARD.md (replaced on each run; added
at the end the first time), from the bundle's ``exemplar_metrics.json`` and, when given, the
``metrics.json`` of ``safechat eval --every-band`` on the children's chat test split, before and
after. The manifest's sha256 of the card is updated.

    python -m models.training.evaluate.exemplar_card --bundle models/safechat-en-minilm \
        --before ../artifacts/eval-before/metrics.json --after ../artifacts/eval-after/metrics.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from models.training.common.rows import LABELS

START = "<!-- exemplars:start -->"
END = "<!-- exemplars:end -->"
BANDS = ("under_13", "13_15", "16_17", "adult")

REPRODUCE = """```bash
# the bank, the weights and the held-out tables (exemplar_metrics.json); encodings cached in --work
python -m models.training.train.exemplars --data ../shared/data --bundle models/safechat-en-minilm \\
    --work ../artifacts/exemplars --version 0.5.0
python -m models.training.train.exemplars --data ../shared/data --bundle models/safechat-multi-e5 \\
    --work ../artifacts/exemplars-multi --version 0.3.0 --multilingual
# the default policy, fitted per band on held-out scores (the fold banks and weights from above)
python -m models.training.train.policy_fit --data ../shared/data \\
    --base models/training/policy/default_base.toml \\
    --folds ../artifacts/exemplars --work ../artifacts/policy --out safechat/policy/data/default_policy.toml
# the candidate (not shipped) with the multilingual bank and each language's own thresholds: the
# default policy with banks = ["bundled:safechat-en-minilm", "bundled:safechat-multi-e5"] as --base
python -m models.training.train.policy_fit --data ../shared/data --base CANDIDATE_BASE.toml \\
    --work ../artifacts/policy --out ../artifacts/candidate.toml \\
    --multilingual-folds ../artifacts/exemplars-multi --languages-only
# the decisions on the test splits, with the targets
python -m models.training.data.childchat export --split test --out ../artifacts/childchat-test.jsonl
safechat eval --data ../artifacts/childchat-test.jsonl --every-band --report ../artifacts/eval-after
python -m models.training.evaluate.language_eval --out ../artifacts/lang-after
```"""


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def bank_section(metrics: dict[str, Any]) -> list[str]:
    bank, fit = metrics["bank"], metrics["fit"]
    counts = ", ".join(f"{name} {n:,}" for name, n in bank["per_class"].items())
    multilingual = any(
        row["source"].startswith("childchat-") and row["source"] != "childchat-en"
        for row in metrics["held_out_folds"]
    )
    sets = (
        "`devsets/childchat-en` and `devsets/childchat-multi`, never their `test` splits; the option per "
        "label is chosen on the other languages' held-out lines"
        if multilingual
        else "`devsets/childchat-en`; never its `test` split"
    )
    lines = [
        "### The bank and the combination",
        "",
        f"`exemplars.npz` holds {bank['examples']:,} examples embedded by {bank['space']} ({counts}): "
        "positives per label and benign look-alikes sampled round-robin over the training sets (never "
        "the cross-source validation sets), and every line of the children's chat `dev` split "
        f"({sets}). Research sets' texts are not kept, only their "
        "embeddings; the project's own lines keep their text.",
        "",
        f"`exemplar_weights.json` combines, per label, the model's logit with the mean cosine similarity "
        f"to the {fit['k']} nearest examples of the label and to the {fit['k']} nearest benign "
        "look-alikes, and, for some labels, a linear head on the sentence embedding. It is fitted on "
        f"{fit['rows']:,} rows ({fit['children_chat_rows']:,} of children's chat, weighted as much as "
        f"all the others together) in {fit['folds']} folds by topic family or source group: each "
        "fold's similarities come from a bank without that fold, and each option below is scored on "
        "held-out folds with weights fitted without them. Per label, the option kept is the best on "
        "held-out children's chat among those that lose at most 0.01 ROC-AUC on every cross-source "
        "validation set; the model alone (no bank terms) when none does.",
        "",
        "| label | banks alone | banks + head (C=0.1) | banks + head (C=1) | model alone | kept |",
        "|---|---|---|---|---|---|",
    ]
    for label in LABELS:
        tried = metrics["candidates"][label]
        cells = []
        for name in ("banks", "banks+head C=0.1", "banks+head C=1", "model alone"):
            t = tried[name]
            mark = "" if t["allowed"] else f" (validation -{t['worst_validation_loss']:.3f}: not allowed)"
            cells.append(f"{t['children_chat_auc']:.3f}{mark}")
        lines.append(f"| {label} | {' | '.join(cells)} | {metrics['options'][label]} |")
    lines += [
        "",
        "ROC-AUC on held-out children's chat folds for each option. A team's own examples move the "
        "similarity terms, so they teach every label kept with the banks, head or not; a label kept "
        "as the model alone learns nothing from them.",
        "",
    ]
    return lines


def finetune_section(ship: dict[str, Any], *, before: str, after: str) -> list[str]:
    """The fine-tuned model with children's chat against the bundle before it, on the cross-source
    validation rows (``ship_finetuned``'s metrics: ``baseline`` = before, ``finetuned`` = after)."""
    lines = [
        "### The model: children's chat in the fine-tune",
        "",
        f"{after} is the recipe of the 0.4.0 soup (three seeds, the same validation rows, the same "
        "flags) with the children's chat `dev` lines of three of the five topic-family folds added to "
        "training three times (`--childchat 3`; the other two folds fit the bank combination and the "
        "policy, so those fits see scores of lines the model never trained on; the `test` split is "
        f"never read). ROC-AUC on the held-out validation rows, runtime path, {before} against {after} "
        "(the model alone, no banks):",
        "",
        "| label | source | positives | " + before + " | " + after + " | change |",
        "|---|---|---|---|---|---|",
    ]
    falls = []
    for label in LABELS:
        entry = ship["labels"].get(label)
        if entry is None:
            continue
        rows = [("pooled", entry["pooled"])] + sorted(entry["per_source"].items())
        for source, cols in rows:
            old, new = cols["baseline"].get("roc_auc"), cols["finetuned"].get("roc_auc")
            if old is None or new is None:
                continue
            if source != "pooled":
                falls.append((new - old, label, source))
            positives = cols["finetuned"]["pos"]
            lines.append(f"| {label} | {source} | {positives} | {old:.3f} | {new:.3f} | {new - old:+.3f} |")
    falls.sort()
    worst = ", ".join(f"{label} on {source} {d:+.3f}" for d, label, source in falls[:3])
    lines += ["", f"Largest falls on a validation source: {worst}.", ""]
    return lines


def auc_section(metrics: dict[str, Any]) -> list[str]:
    lines = [
        "### ROC-AUC, the model alone and with the banks",
        "",
        "Held-out folds (children's chat `dev` and the training sets' fitting rows; weights and bank "
        "without the fold) and the cross-source validation sets (never in the bank or the fit; the "
        "target: no ROC-AUC falls by more than 0.01).",
        "",
        "| rows | source | label | positives | model | with banks | change |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, key in (("held-out folds", "held_out_folds"), ("validation set", "validation_sets")):
        for row in metrics[key]:
            change = row["with_banks"] - row["model"]
            lines.append(
                f"| {name} | {row['source']} | {row['label']} | {row['positives']:,} | {row['model']:.3f} "
                f"| {row['with_banks']:.3f} | {change:+.3f} |"
            )
    worst = min((r["with_banks"] - r["model"] for r in metrics["validation_sets"]), default=0.0)
    lines += ["", f"Largest fall on a validation set: {worst:+.3f}.", ""]
    return lines


def decisions_section(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    lines = [
        "### Decisions on children's chat (test split)",
        "",
        f"`safechat eval --every-band` on the `test` split ({after['data']['lines_scored'] // 4:,} "
        f"messages, each in every band): model {after['model_version']}, policy {after['policy_version']}"
        + (f"; before: {before['model_version']}, policy {before['policy_version']}" if before else "")
        + ". Each cell is the share of harmful messages with the label that got at least the action "
        "they need (and support where the writer needs it); the last column the share of benign "
        "messages given any action other than allow. Targets: at least 0.70 per label and band; at "
        "most 0.05 benign.",
        "",
        "| band | " + " | ".join(LABELS) + " | all harmful | benign flagged |",
        "|---|" + "---|" * (len(LABELS) + 2),
    ]
    for name, metrics in (("before", before), ("after", after)):
        if metrics is None:
            continue
        for band in BANDS:
            at = metrics["decisions"].get(band)
            if at is None:
                continue
            cells = [_f(at["labels"].get(label, {}).get("share")) for label in LABELS]
            lines.append(
                f"| {band} ({name}) | {' | '.join(cells)} | {_f(at['harmful']['share'])} "
                f"| {_f(at['benign']['share'])} |"
            )
    lines += [""]
    return lines


FINDINGS = """### What was found, and the limits

- **Held-out scores.** The similarity terms alone add little on children's chat families the bank
  has never seen (bullying 0.759 -> 0.762); most of the gain on held-out children's chat comes from
  the linear head on the embedding, which the validation-set rule keeps only where it does not
  cost the other platforms. The bank's own lines (the `dev` split) score near-perfectly because
  they find themselves: quote the `test` split, never `dev`, for decisions.
- **Thresholds.** The policy fit (models/training/train/policy_fit.py) scores the `dev` lines with the
  bank and weights fitted without their fold. On those held-out scores no policy within 5% benign
  flagged served every label at 0.70; the fit keeps every label at least as well served as the base
  policy and goes over the benign budget where that is what it takes (for under-13s: 0.12 of the
  held-out `dev` benign lines, 0.092 of the `test` ones).
- **Known false alarms.** Of the 260 neutral sentences (tests/data/neutral_sentences.txt), 5 / 5 /
  4 / 3 get an action or label by band (2 before): two sports sentences escalated as threats ("see
  you on the battlefield tonight", "I'll outrun you in the relay on sports day"), a family's
  origins masked as personal information ("my mum is Polish and my dad is Indian"), and the two
  flagged before.
- **Teaching without retraining is modest.** Twenty examples of a new threat phrasing roughly
  double its threat probability on unseen paraphrases (about 0.06-0.15 -> 0.09-0.24) and leave
  look-alikes unchanged; that crosses a threshold a team sets at 0.15, not the default policy's.
  The embedding is fine-tuned for the labels, not for paraphrase similarity: paraphrases of a new
  phrase sit at cosine 0.76-0.90 from its examples, and benign look-alikes can be as close. A
  near-match rule (a probability floor for very close examples) was tried and not shipped: it
  escalated "so cute!!" between children as grooming.
- **The multilingual bundle** ships its bank and weights, but the default policy does not use
  them: default-0.7.0, which did, with per-language thresholds, was not shipped
  (models/training/experiments/README.md). With English-fitted thresholds the multilingual bank
  made French and Polish friendly chat cross the threat threshold.
"""


def render(
    metrics: dict[str, Any],
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    finetune: dict[str, Any] | None = None,
) -> str:
    lines = [START, "", "## Example banks and children's chat", ""]
    if finetune is not None and after is not None:
        lines += finetune_section(
            finetune, before=before["model_version"] if before else "before", after=after["model_version"]
        )
    lines += bank_section(metrics)
    lines += auc_section(metrics)
    if after is not None:
        lines += decisions_section(before, after)
        lines += [FINDINGS]
    lines += ["### Reproduce", "", REPRODUCE, "", END]
    return "\n".join(lines) + "\n"


def write(card: Path, section: str) -> None:
    text = card.read_text("utf-8")
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    card.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> None:
    from models.training.common.bundle_files import update_manifest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--before", type=Path, help="safechat eval metrics.json before (optional)")
    parser.add_argument("--after", type=Path, help="safechat eval metrics.json after (optional)")
    parser.add_argument(
        "--finetune", type=Path, help="ship_finetuned's metrics of a children's chat fine-tune (optional)"
    )
    args = parser.parse_args(argv)
    metrics = json.loads((args.bundle / "exemplar_metrics.json").read_text("utf-8"))
    before = json.loads(args.before.read_text("utf-8")) if args.before else None
    after = json.loads(args.after.read_text("utf-8")) if args.after else None
    finetune = json.loads(args.finetune.read_text("utf-8")) if args.finetune else None
    write(args.bundle / "MODEL_CARD.md", render(metrics, before, after, finetune))
    update_manifest(args.bundle, version=None)
    print(f"wrote the example bank section of {args.bundle / 'MODEL_CARD.md'}")


if __name__ == "__main__":
    main()
