"""Write MODEL_CARD.md from the measured metrics (nothing in the tables is typed by hand)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from models.training.common.rows import LABELS
from models.training.data import sources as S


def _f(v: object) -> str:
    return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def _doc(name: str) -> str:
    return " ".join(inspect.cleandoc(S.LOADERS[name].__doc__ or "").split())


INTRO = """# safechat-en-minilm 0.1.0

English message classifier for safechat, the moderation SDK for chat between children and
young people. One ONNX graph: all-MiniLM-L6-v2 encoder (frozen, Apache-2.0) -> masked mean
pooling -> eight linear heads (one logit per label), int8 dynamic per-channel quantisation.
Probabilities = sigmoid(a * logit + b) with the per-label Platt parameters in calibration.json.
Input: the `safechat.normalize` v1 model text, tokenised with tokenizer.json, max 128 tokens.

## Intended use
- One signal among several in safechat: the policy layer combines these scores with
  transparent rules (PII, grooming signals, evasions) and age-band thresholds, and a human
  reviews escalations. It is not meant to take decisions about a child on its own.
- English chat messages. Other languages are out of scope (some game-chat rows in the
  training data are Russian/Polish etc., but nothing is measured there).

## Limits (read before you rely on a score)
- This is a STARTER model: the encoder is frozen and each head is a logistic regression on
  sentence embeddings. It captures topic and wording, not fine pragmatics (sarcasm, quoting,
  reclaimed slurs, who is the target).
- No training set is children's chat. The closest are online-game chat (GameTox, CONDA) and
  chat-bot abuse (ConvAbuse); most of the rest are tweets and Reddit posts.
- grooming is supervised by WEAK labels only: an offender line from the Perverted-Justice
  transcripts counts as grooming=1 only when safechat's own transparent grooming rules
  (`safechat.detect.grooming.find_grooming_signals`) fire on it; decoy lines (adults posing
  as 12-15 year olds) and non-toxic game chat are grooming=0. The head therefore mostly
  learns to generalise those rules (and offender wording) and will miss grooming that the
  rules do not describe; its evaluation is against the same weak labels.
- pii has NO human-labelled data: its positives are short templates hand-written for this
  project (models/training/data/handwritten.py); its negatives are those templates' hand-written
  negatives plus real texts from the chat/tweet sets on which safechat's own PII and grooming
  rules find nothing (rows where a rule fires are left unlabelled). Positives are evaluated on
  held-out templates only, so recall numbers are optimistic; the rule-based PII detector is
  the primary pii signal and this head is a backstop.
- Rule-derived negatives: grooming=0 is likewise given to rows of the chat/tweet sets where the
  grooming rules do not fire. Both grooming and pii therefore partly learn safechat's own
  rules; their evaluation shares that bias.
- self_harm and sexual come from thin, weakly labelled sets (subreddit-as-label, tweets,
  EXIST sexism categories) plus a few dozen hand-written lines; none is children's chat.
- Calibration was fitted on pooled out-of-source predictions, whose class balance is the
  training mix (positives are over-represented compared with real chat). Treat
  probabilities as ranking-consistent, not as real-world base rates; tune thresholds per
  deployment with the safety team's own labelled data.
"""

FAILURES = """## Known failure modes
- Profanity vs bullying: the profanity label (swearing not aimed at anyone) has few clean
  sources (OLID untargeted, GameTox 'other offensive'), so swearing aimed at a person and
  friendly swearing are easily confused.
- Lexical bias from tweet hate sets (Davidson, HatEval): identity terms and African-American
  English can raise hate/bullying scores on harmless text.
- Game trash talk ('ez', 'noob', 'you are dead') sits between bullying and banter; CONDA
  implicit-toxicity lines were left out as too noisy.
- threat has few positives (Hatemoji threatening language, GameTox threats, a dozen
  hand-written lines); threats phrased as game talk are hard both ways.
- self_harm: figures of speech ('this homework is killing me') and 'kys' aimed at others
  (bullying, not self-harm) are hard negatives with few examples; Reddit posts are far longer
  than chat messages (training truncates at 128 tokens).
- sexual: SafeCity harassment disclosures were used as negatives, so a child describing what
  happened to them should score low on sexual, but the model may also miss explicit content
  phrased as a report.
- grooming: see Limits; offender style (adult, US 2000s chat) may be learned as a proxy.
- Evasions are handled by the normaliser before the model; anything it does not undo reaches
  the model unchanged.
"""


def write_card(
    path: Path, *, metrics: dict[str, Any], quant: dict[str, Any], calibration: dict[str, Any]
) -> None:
    L: list[str] = [INTRO]
    L.append("## Training data (every set used, with its licence as stated in the data README)\n")
    L.append("| source | folder | licence | rows used (after dedup + per-source cap) |")
    L.append("|---|---|---|---|")
    rows = metrics.get("source_rows", {})
    for name, (folder, lic) in S.PROVENANCE.items():
        L.append(f"| {name} | {folder} | {lic} | {rows.get(name, 0)} |")
    L.append(
        f"\nTotal rows: {metrics['rows']}. Texts were normalised with safechat.normalize and deduplicated "
        f"on the case-folded normalised text across and within sets before any split "
        f"(labels of duplicates merged; a label with conflicting values dropped): {metrics['dedup']}. "
        "Not used: tweeteval_offensive (duplicate of OLID), hateval2019_en (duplicate of tweeteval_hate; "
        "broken rows), the multi/ sets, the PAN12 sample and ESPD reference lists.\n"
    )
    L.append("## How each label was supervised (per data set)\n")
    L.append(
        "A data set only supervises the labels it speaks for; every other label is masked "
        "(neither positive nor negative) for its rows.\n"
    )
    for name in S.LOADERS:
        L.append(f"- **{name}**: {_doc(name)}")
    L.append(
        "- **rule-derived negatives** (after sampling): "
        f"{' '.join(inspect.cleandoc(S.add_rule_negatives.__doc__ or '').split())} Sources: "
        f"{', '.join(sorted(S.RULE_NEGATIVE_SOURCES))}."
    )
    L.append("\nContribution per label (rows with a known value / positives):\n")
    L.append("| label | " + " | ".join(["source: rows/pos"]) + " |")
    L.append("|---|---|")
    for lab in LABELS:
        per = metrics["labels"][lab]["per_source"]
        L.append(
            f"| {lab} | "
            + "; ".join(f"{s} {v['contribution']['rows']}/{v['contribution']['pos']}" for s, v in per.items())
            + " |"
        )

    L.append("\n## Evaluation on held-out sources\n")
    L.append(
        "Every number below is measured on rows the scoring head did not see, and (where it could be "
        "done) from a source the head did not see: for each label and each source, a head is trained on "
        "all OTHER sources and scores the held-out source (leave-source-out). Where a source is the only "
        "one with positives for a label (grooming: pj_offender; pii: handwritten) or shares groups with "
        "another (offender and decoy files of one conversation), those sources are evaluated with grouped "
        "5-fold CV instead: by offender for grooming (never by line), by template for hand-written rows. "
        "The 'pooled' row is computed over all those held-out predictions together. "
        + (
            "Embeddings come from the SAME int8 encoder that ships in model.onnx, so these numbers "
            "describe the shipped int8 path (the heads differ only in the rows they were fitted on). "
            if metrics.get("embedder") == "int8"
            else "Numbers are for the fp32 encoder; see the int8 check below. "
        )
        + "ROC-AUC and PR-AUC are only defined where a source has both classes.\n"
    )
    L.append(
        "| label | rows | positives | out-of-source pooled ROC-AUC | pooled PR-AUC | "
        "mean per-source ROC-AUC (sources) | in-source grouped-CV ROC-AUC | PR-AUC |"
    )
    L.append("|---|---|---|---|---|---|---|---|")
    for lab in LABELS:
        e = metrics["labels"][lab]
        p, cv = e["pooled_out_of_source"], e.get("in_source_grouped_cv", {})
        per = [v["roc_auc"] for v in e["per_source"].values() if v["roc_auc"] is not None]
        macro = f"{sum(per) / len(per):.3f} ({len(per)})" if per else "n/a"
        L.append(
            f"| {lab} | {p['n']} | {p['pos']} | {_f(p['roc_auc'])} | {_f(p['pr_auc'])} | {macro} | "
            f"{_f(cv.get('roc_auc'))} | {_f(cv.get('pr_auc'))} |"
        )
    L.append(
        "\n'Out-of-source pooled' ranks all held-out predictions together, so it also punishes a head "
        "whose scores shift between sources (e.g. a held-out negative-only source scoring high); 'mean "
        "per-source' averages the ROC-AUC within each held-out source that has both classes; 'in-source "
        "grouped CV' (5 folds by group over all sources, rows held out but sources seen) is the optimistic "
        "reference."
    )
    if "pj_offender_vs_decoy" in metrics["labels"]["grooming"]:
        g = metrics["labels"]["grooming"]["pj_offender_vs_decoy"]
        L.append(
            "\ngrooming, offender signal lines vs decoy lines only (grouped by offender): ROC-AUC "
            f"{_f(g['roc_auc'])}, PR-AUC {_f(g['pr_auc'])} (n={g['n']}, pos={g['pos']})."
        )
    L.append("\nPer label and source:\n")
    L.append(
        "'flagged' = share of held-out rows whose calibrated probability is >= 0.5 (negatives: "
        "false-positive rate; positives: recall), using the shipped calibration on the held-out logits.\n"
    )
    L.append("| label | held-out source | how | n | pos | ROC-AUC | PR-AUC | flagged neg | flagged pos |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for lab in LABELS:
        for s, v in metrics["labels"][lab]["per_source"].items():
            L.append(
                f"| {lab} | {s} | {v['eval']} | {v['n']} | {v['pos']} | {_f(v['roc_auc'])} | "
                f"{_f(v['pr_auc'])} | {_f(v.get('flag_rate_at_0.5_neg'))} | "
                f"{_f(v.get('flag_rate_at_0.5_pos'))} |"
            )
    L.append("\n## Calibration\n")
    L.append(
        "Platt scaling per label, fitted on the pooled held-out logits above and applied to the head "
        "trained on all rows:\n"
    )
    L.append("| label | a | b | fitted on |")
    L.append("|---|---|---|---|")
    for lab in LABELS:
        L.append(
            f"| {lab} | {calibration[lab]['a']:.4f} | {calibration[lab]['b']:.4f} | "
            f"{metrics['labels'][lab].get('calibrated_on', 'out-of-source logits')} |"
        )
    L.append("\n## Quantisation check\n")
    L.append(
        f"int8 (dynamic, per-channel QInt8) vs fp32 ONNX on {quant['n_texts']} training-mix texts: max "
        f"|logit diff| {quant['max_abs_diff_logits_int8_vs_fp32']:.4f}, mean "
        f"{quant['mean_abs_diff_logits_int8_vs_fp32']:.4f}, max |probability diff| after calibration "
        f"{quant['max_abs_diff_prob_int8_vs_fp32']:.4f}. Torch vs fp32 ONNX max |logit diff| "
        f"{quant['max_abs_diff_torch_vs_fp32_onnx']:.2e}. Size: fp32 {quant['fp32_mb']} MB, int8 "
        f"{quant['int8_mb']} MB.\n"
    )
    if "max_abs_diff_int8_graph_vs_heads_on_int8_embeddings" in quant:
        L.append(
            "The heads were fitted on embeddings from the int8 encoder itself; the shipped graph "
            "reproduces head(int8 embedding) to max |logit diff| "
            f"{quant['max_abs_diff_int8_graph_vs_heads_on_int8_embeddings']:.2e}. The int8-vs-fp32 "
            "difference above is therefore the error of the fp32 graph relative to what the heads were "
            "trained on, not of the shipped graph.\n"
        )
    if "int8_eval" in metrics:
        L.append("int8 graph re-scored on held-out text: " + str(metrics["int8_eval"]) + "\n")
    L.append(FAILURES)
    L.append(
        "## Reproduce\n\n`python -m models.training.train --data ../shared/data --out "
        "models/safechat-en-minilm --mode frozen --max-per-source 4000 --seed 0` (see "
        f"models/training/README.md). Heads: logistic regression, C={metrics.get('C')}, "
        "class_weight=balanced, on standardised embeddings (standardisation folded into the ONNX linear "
        "layer).\n"
    )
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- fine-tuned bundle (0.2.0)
def _r(v: object) -> str:
    return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


EMOJI_NOTE = """Emoji: MiniLM's vocabulary reads every emoji as `[UNK]`, so before tokenising each emoji is
written as its short name ("🐷" -> "pig face", "💀" -> "skull"), in training and at run time alike:
emoji_words.json ({n} entries, built by models/training/data/emoji_table.py from the `emoji` package's
Unicode CLDR names, keyed by what the normaliser leaves of each emoji; skin-tone modifiers map to
nothing). Hand-written benign rows teach the everyday uses ("lmao im dead 💀💀").

"""

FT_INTRO = """# safechat-en-minilm {version}

English message classifier for safechat, the moderation SDK for chat between children and
young people. One ONNX graph: all-MiniLM-L6-v2 (Apache-2.0) FINE-TUNED END TO END -> masked mean
pooling -> eight linear heads (one logit per label), int8: per-channel weights, activation scales
computed at run time per token (models/training/export/quantize.py), so a message's scores do not depend
on what it is batched with. Probabilities = sigmoid(a * logit + b) with the per-label Platt
parameters in calibration.json. Input: the `safechat.normalize` v1 model text, tokenised with
tokenizer.json; the runtime scores windows of max {max_length} tokens (the training length), in
length-sorted padded batches.

## Intended use
- One signal among several in safechat: the policy layer combines these scores with
  transparent rules (PII, grooming signals, evasions) and age-band thresholds, and a human
  reviews escalations. It is not meant to take decisions about a child on its own.
- English chat messages. Other languages are out of scope (nothing is measured there).

## Limits (read before you rely on a score)
- No training or validation set is children's chat. The closest are online-game chat (GameTox,
  CONDA, in training) and chat-bot abuse (ConvAbuse, held out); most of the rest are tweets and
  Reddit posts. The data README says the shipped model is judged on other sources and platforms:
  expect the numbers below to drop there.
- grooming is supervised by WEAK labels only: an offender line from the Perverted-Justice
  transcripts (pj_koutli2023) counts as grooming=1 only when safechat's own transparent grooming
  rules (`safechat.detect.grooming.find_grooming_signals`) fire on it; decoy lines (adults posing
  as 12-15 year olds) and chat/tweet rows where the rules do not fire are grooming=0. The head
  therefore mostly learns to generalise those rules and offender wording; it will miss grooming
  the rules do not describe, and its evaluation (split by offender, never by line) is against
  the same weak labels.
- pii has NO human-labelled data: positives are templates hand-written for this project
  (models/training/data/handwritten.py), evaluated on held-out templates only (optimistic). The
  rule-based PII detector is the primary pii signal; this head is a backstop.
- self_harm and sexual come from thin, weakly labelled sets (subreddit-as-label, tweets, EXIST
  sexism categories) plus a few dozen hand-written lines (contributions below).
- Calibration and thresholds were fitted on the held-out validation mix, whose class balance is
  far richer in positives than real chat: treat probabilities as ranking-consistent, not as
  real-world base rates, and tune thresholds per deployment with the safety team's own data.
"""


def loso_ft_section(loso_ft: dict[str, Any]) -> list[str]:
    """The real leave-one-source-out fine-tunes over the validation sets (``loso.py``): each set scored by a
    fine-tune that trained on the other four, next to the models that held out all five."""
    refs = list(loso_ft["references"])
    L = ["\n## Leave-one-source-out, fine-tuned (the validation sets)\n"]
    L.append(
        f"For each held-out validation set, the shipped recipe (seed {loso_ft['seed']}) was fine-tuned once "
        "more on every other set, the other four validation sets included, and scored on the set it left "
        f"out through the runtime path (`models/training/experiments/loso.py`; "
        f"{loso_ft['train_rows']} training rows, "
        "so that no set is sampled down). The other columns score the same rows with models that held out "
        "all five sets: "
        + ", ".join(f"`{name}` ({Path(path).name})" for name, path in loso_ft["references"].items())
        + ". A difference is one seed against another model; the seeds of the shipped recipe span about "
        "0.01-0.02 ROC-AUC on one set.\n"
    )
    head = [
        "label",
        "left-out set",
        "n",
        "pos",
        "ROC-AUC, trained on the other four",
        *(f"ROC-AUC {r}" for r in refs),
        "ROC-AUC alt-profanity-check",
        "PR-AUC, trained on the other four",
        *(f"PR-AUC {r}" for r in refs),
    ]
    L.append("| " + " | ".join(head) + " |")
    L.append("|" + "---|" * len(head))
    deltas: dict[str, list[float]] = {r: [] for r in refs}
    for source, e in loso_ft["sources"].items():
        for lab, c in e["labels"].items():
            roc = [
                c["left_out"]["roc_auc"],
                *(c[r]["roc_auc"] for r in refs),
                c["alt_profanity_check"]["roc_auc"],
            ]
            pr = [c["left_out"]["pr_auc"], *(c[r]["pr_auc"] for r in refs)]
            L.append(
                f"| {lab} | {source} | {c['n']} | {c['pos']} | " + " | ".join(_r(v) for v in roc + pr) + " |"
            )
            for r in refs:
                if c["left_out"]["roc_auc"] is not None and c[r]["roc_auc"] is not None:
                    deltas[r].append(c["left_out"]["roc_auc"] - c[r]["roc_auc"])
    L.append("")
    for r, ds in deltas.items():
        if ds:
            L.append(
                f"- against `{r}`: mean ROC-AUC difference {sum(ds) / len(ds):+.3f} over {len(ds)} (label, "
                f"set) pairs; {sum(d > 0 for d in ds)} higher, {sum(d < 0 for d in ds)} lower; range "
                f"{min(ds):+.3f} to {max(ds):+.3f}."
            )
    L.append(
        "\nTraining on the other four: "
        + "; ".join(
            f"{s} left out: {e['rows_trained']} rows, {e['minutes']} min"
            for s, e in loso_ft["sources"].items()
        )
        + "."
    )
    return L


def write_card_ft(
    path: Path,
    *,
    version: str,
    rep: dict[str, Any],
    split: dict[str, Any],
    result: dict[str, Any],
    loso: dict[str, Any],
    policy_bounds_note: str,
    neutral_fp: dict[str, Any],
    fixture_tol: dict[str, Any],
    targets: list[tuple[str, str, str]],
    soup: dict[str, Any] | None = None,
    loso_ft: dict[str, Any] | None = None,
) -> None:
    L: list[str] = [FT_INTRO.format(version=version, max_length=rep["max_length"])]
    if rep.get("emoji_words"):
        L.insert(1, EMOJI_NOTE.format(n=rep["emoji_words"]))
    L.append("## Data sets (every set used, with its licence as stated in the data README)\n")
    L.append("| source | folder | licence | rows trained on | rows held out for validation |")
    L.append("|---|---|---|---|---|")
    for name, (folder, lic) in S.PROVENANCE.items():
        L.append(
            f"| {name} | {folder} | {lic} | {split['train_used'].get(name, 0)} | "
            f"{split['val'].get(name, 0)} |"
        )
    L.append(
        "| handwritten_benign | models/training/data/handwritten.py (generate_benign) | "
        f"written for this project | {split['train_used'].get('handwritten_benign', 0)} (each text x 4) | "
        "0 |"
    )
    if split["train_used"].get("handwritten_contrast"):
        L.append(
            "| handwritten_contrast | models/training/data/handwritten.py (generate_contrast) | "
            f"written for this project | {split['train_used']['handwritten_contrast']} (each text x 3) | 0 |"
        )
    L.append(
        "\nTexts were normalised with safechat.normalize and deduplicated on the case-folded normalised "
        "text across and within sets BEFORE any split (labels of duplicates merged; a label with "
        "conflicting values dropped), so no text is in both training and validation. Not used: "
        "tweeteval_offensive (duplicate of OLID), hateval2019_en (duplicate of tweeteval_hate; broken "
        "rows), the multi/ sets, the PAN12 sample and ESPD reference lists.\n"
    )
    L.append("### Label mapping per data set (masked loss)\n")
    L.append(
        "A data set only supervises the labels it speaks for; every other label is masked (neither positive "
        "nor negative) in the loss and in evaluation.\n"
    )
    for name in S.LOADERS:
        L.append(f"- **{name}**: {_doc(name)}")
    L.append(
        "- **handwritten_benign**: hand-written benign counter-examples (identity terms used kindly, "
        "friendly game trash talk, children talking about being bullied or sad, everyday chat): all eight "
        "labels 0; training only. They cover the same KINDS of sentence as "
        "tests/data/neutral_sentences.txt (none of its sentences; an exact match is dropped), so the "
        "neutral-list false-positive rate below is optimistic."
    )
    L.append(
        "- **cross-label negatives** (training only, where a set is silent): self_harm=1 -> "
        "threat=sexual=bullying=hate=0; threat=1 -> self_harm=0 (`finetune.impute_cross`)."
    )
    L.append(
        "- **rule-derived negatives**: "
        f"{' '.join(inspect.cleandoc(S.add_rule_negatives.__doc__ or '').split())}\n"
    )

    L.append("## Training\n")
    L.append(
        "End to end, masked multi-label BCE (pos_weight per label, clipped to [1, 10]), AdamW lr "
        f"{result['lr_encoder']} encoder / {result['lr_head']} heads, weight decay 0.01, linear warm-up "
        f"(6%) and decay, batch {result['batch_size']} with dynamic padding (length-bucketed), max_length "
        f"{result['max_length']}, seed {result['seed']}, one pass over a source-balanced sample: "
        f"{result['rows_seen']} rows, {result['steps']} steps, {result['seconds'] / 60:.1f} min on 2 shared "
        f"CPU cores. Training loss (mean of first / last 100 steps): {result['loss_first_100']:.3f} / "
        f"{result['loss_last_100']:.3f}.\n"
    )
    if soup:
        L.append(
            "The shipped weights are a uniform MODEL SOUP: the element-wise average of "
            f"{len(soup['parts'])} such fine-tunes ({', '.join(soup['parts'])}; "
            f"{', '.join(str(m) for m in soup['minutes'])} min of training each), which differ only in the "
            "seed (the per-source sample of the big sets, the batch order and the head initialisation) and "
            "share the validation rows (`models/training/train/soup.py`). Averaging fine-tunes of one base "
            "model "
            "costs nothing at run time (one graph) and is steadier than a single run: the three runs "
            "flagged 16, 9 and 9 of the 170 neutral sentences at under_13, the soup 9, and its pooled "
            "held-out ROC-AUC is never more than 0.01 below the three runs' mean (above it on hate, "
            "sexual, grooming and pii). The figures above are those of the last part; the table below is "
            "its training mix (the other parts draw other samples of the same sets).\n"
        )
    L.append("### How much each source contributed (training rows: positives / negatives)\n")
    L.append("| label | source: pos/neg |")
    L.append("|---|---|")
    for lab in LABELS:
        pos = split["train_label_pos_by_source"].get(lab, {})
        neg = split.get("train_label_neg_by_source", {}).get(lab, {})
        cells = "; ".join(f"{s} {pos.get(s, 0)}/{neg.get(s, 0)}" for s in sorted(set(pos) | set(neg)))
        L.append(f"| {lab} | {cells} |")
    L.append(
        "\nself_harm and sexual in particular: see the rows above; hand-written examples are a small share "
        "(handwritten.py), the rest is weakly labelled real text (none of it children's chat).\n"
    )

    L.append("## Validation design (held out, never trained on)\n")
    L.append(
        "Whole data sets held out: "
        + ", ".join(split["val_sources"])
        + ". Group-level slices held out: "
        + ", ".join(f"{k} {int(v * 100)}% of groups" for k, v in split["group_split"].items())
        + " (pj_koutli2023: by OFFENDER, the offender's and the decoy's lines of one offender on the same "
        "side; handwritten: by template; hatemoji_build: by perturbation pair - an IN-SOURCE slice, kept "
        "because it is the only set with enough threat positives, so threat numbers there are not "
        "cross-source). Validation rows are split into two halves by group hash: the calibration half "
        "fits Platt and chooses thresholds; the report half gives precision / recall / F1 at those "
        "thresholds. ROC-AUC and PR-AUC are over all validation rows. For threat and sexual, validation "
        "rows with self_harm=1 whose set says nothing about threat/sexual (suicidal_tweets, "
        "hand-written) are counted as NEGATIVES (a self-harm disclosure is neither a threat against "
        "others nor sexual content): without them, validation never showed that 'i want to kill myself' "
        "scored as a threat, and the threat threshold fell to 0.09.\n"
    )
    L.append(
        "All scores below come from the SHIPPED int8 graph run exactly like the runtime "
        "(`safechat.model.onnx_scorer`: normalised text, length-sorted padded batches). '0.1.0' is the "
        "previous (frozen-encoder) bundle scored the same way on the same rows; note its heads were "
        "trained on ALL sources including these, which favours it. alt-profanity-check (scikit-learn "
        "profanity model, one score for every label) is scored on the same rows in the same run.\n"
    )
    L.append("### Pooled over the held-out rows, per label\n")
    L.append(
        "'frozen, same split' is the 0.1.0 recipe (frozen int8 MiniLM embeddings + logistic heads, C=0.01) "
        "retrained on exactly the fine-tune's training rows (`frozen_same_split.py`): the like-for-like "
        "out-of-source baseline. '0.1.0 shipped' saw the validation sources in training (in-source for "
        "it).\n"
    )
    L.append(
        "| label | n | pos | ROC-AUC fine-tuned | PR-AUC fine-tuned | ROC-AUC frozen, same split | "
        "PR-AUC frozen, same split | ROC-AUC 0.1.0 shipped (in-source) | ROC-AUC alt-profanity-check | "
        "PR-AUC alt-profanity-check |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for lab, e in rep["labels"].items():
        p = e["pooled"]
        fz = p.get("frozen_same_split", {})
        L.append(
            f"| {lab} | {p['finetuned']['n']} | {p['finetuned']['pos']} | {_r(p['finetuned']['roc_auc'])} | "
            f"{_r(p['finetuned']['pr_auc'])} | {_r(fz.get('roc_auc'))} | {_r(fz.get('pr_auc'))} | "
            f"{_r(p['baseline']['roc_auc'])} | {_r(p['alt_profanity_check']['roc_auc'])} | "
            f"{_r(p['alt_profanity_check']['pr_auc'])} |"
        )
    L.append(
        "\n### Same held-out source, both out-of-source: fine-tuned vs the 0.1.0 recipe's own "
        "leave-source-out\n"
    )
    L.append(
        "0.1.0's numbers here come from its training run (metrics.json of `train.py --mode frozen`): for "
        "each source, heads trained on all OTHER sources scored that source (int8 runtime path, same "
        "deduplicated rows where n matches). This is the comparison used for the decision to replace "
        "0.1.0. Hatemoji rows are NOT comparable (the fine-tune saw 70% of Hatemoji's pairs; 0.1.0's "
        "number is leave-whole-source-out) and hand-written slices are tiny.\n"
    )
    L.append(
        "| label | source | n fine-tuned / n 0.1.0 | ROC-AUC fine-tuned | ROC-AUC 0.1.0 leave-source-out |"
    )
    L.append("|---|---|---|---|---|")
    for lab, e in rep["labels"].items():
        for s, v in e["per_source"].items():
            st = loso["labels"][lab]["per_source"].get(s, {})
            if v["finetuned"]["roc_auc"] is None or st.get("roc_auc") is None:
                continue
            L.append(
                f"| {lab} | {s} | {v['finetuned']['n']} / {st.get('n')} | {_r(v['finetuned']['roc_auc'])} | "
                f"{_r(st.get('roc_auc'))} |"
            )
    L.append("\n### Per label and held-out source\n")
    L.append("F1 / precision / recall at the under_13 threshold on the report half of that source.\n")
    L.append(
        "| label | source | n | pos | ROC-AUC | PR-AUC | F1 @ under_13 t | P | R | "
        "ROC-AUC frozen, same split | ROC-AUC 0.1.0 shipped | ROC-AUC alt-profanity-check |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for lab, e in rep["labels"].items():
        for s, v in e["per_source"].items():
            at = e["at_threshold_per_source_report_half"].get(s, {}).get("under_13", {})
            L.append(
                f"| {lab} | {s} | {v['finetuned']['n']} | {v['finetuned']['pos']} | "
                f"{_r(v['finetuned']['roc_auc'])} | {_r(v['finetuned']['pr_auc'])} | {_r(at.get('f1'))} | "
                f"{_r(at.get('precision'))} | {_r(at.get('recall'))} | "
                f"{_r(v.get('frozen_same_split', {}).get('roc_auc'))} | {_r(v['baseline']['roc_auc'])} | "
                f"{_r(v['alt_profanity_check']['roc_auc'])} |"
            )

    word = rep.get("profanity_word_rule")
    if word:
        L.append("\n### Profanity at run time: the model and the word list\n")
        L.append(
            "The runtime also finds swear words with a word list (`safechat/detect/profanity.py`; under_13 "
            "and 13_15 mask them). Ranked as the decision treats them (a message with a listed word above "
            "every message without one, then by the model's score), on the same held-out rows:\n"
        )
        L.append(
            "| rows | n | pos | ROC-AUC model | ROC-AUC model + word list | ROC-AUC alt-profanity-check | "
            "word list hits: positives / negatives | under_13 P / R, score alone | "
            "under_13 P / R, score OR word list |"
        )
        L.append("|---|---|---|---|---|---|---|---|---|")
        for name, v in word.items():
            at = v.get("at_threshold_report_half", {})
            pr = {
                k: f"{_r(at[k]['precision'])} / {_r(at[k]['recall'])}" if k in at else "-"
                for k in ("score", "score_or_word")
            }
            L.append(
                f"| {name} | {v['model']['n']} | {v['model']['pos']} | {_r(v['model']['roc_auc'])} | "
                f"{_r(v['model_and_word_rule']['roc_auc'])} | {_r(v['alt_profanity_check']['roc_auc'])} | "
                f"{v['word_hits']['pos']:.0%} / {v['word_hits']['neg']:.0%} | {pr['score']} | "
                f"{pr['score_or_word']} |"
            )
        if any("at_threshold_report_half" in v for v in word.values()):
            t = next(
                v["at_threshold_report_half"]["threshold"]
                for v in word.values()
                if "at_threshold_report_half" in v
            )
            L.append(f"\nP / R: the report half, at the policy's under_13 profanity threshold ({t}).")

    effect = rep.get("rule_effect")
    if effect:
        L.append("\n### Rules at run time: context rules and explicit phrases\n")
        L.append(
            "The context rules (`safechat/detect/context.py`) settle a moderate bullying score when "
            "the writer "
            "tells of bullying (`context.disclosure`) and a moderate threat score in game banter "
            "(`context.game`); "
            "see the default policy's `tempers_model_below`. The explicit-phrase rules `bullying.exclusion` "
            '("everyone hates you") and `sexual.solicitation` ("let\'s talk dirty") flag what they '
            "find whatever "
            "the model says. On the same held-out rows at the under_13 thresholds: how often each "
            "fires on its "
            "label's positives and negatives, and how many decisions it changes (settles: a changed "
            "positive is "
            "recall lost, a changed negative a false alarm spared; adds: a changed positive is "
            "recall gained, a "
            "changed negative a false alarm added). Sources where a rule never fires are left out.\n"
        )
        L.append(
            "| rule | label | effect | rows | positives: fired / changed / all | "
            "negatives: fired / changed / all |"
        )
        L.append("|---|---|---|---|---|---|")
        for rule, per in effect.items():
            for name, v in per.items():
                if name == "pooled" or v["pos_hit"] or v["neg_hit"]:
                    L.append(
                        f"| {rule} | {v['label']} | {v['effect']} | {name} | "
                        f"{v['pos_hit']} / {v['pos_changed']} / {v['pos']} | "
                        f"{v['neg_hit']} / {v['neg_changed']} / {v['neg']} |"
                    )

    L.append("\n## Calibration and the default policy thresholds\n")
    if rep.get("thresholds_from") == "policy":
        L.append(
            "Platt per label on the calibration half of the validation rows. Thresholds per band: KEPT "
            "from the default policy (chosen on this validation set for an earlier English bundle, and "
            "shared with the multilingual bundle, whose calibration was fitted against them); this "
            "bundle's calibrated probabilities are measured against them. "
            + policy_bounds_note
            + " Precision / recall / FPR below "
            "are on the REPORT half; '-' = no high threshold for that label.\n"
        )
    else:
        L.append(
            "Platt per label on the calibration half of the validation rows. Thresholds per band: the "
            "F-beta-optimal threshold on the calibration half (beta per band: "
            + ", ".join(f"{b} {v}" for b, v in rep.get("betas", {}).items())
            + "), "
            "younger "
            "bands "
            "never "
            "less "
            "strict; "
            "high "
            "threshold "
            "= the "
            "lowest "
            "with "
            "precision "
            ">= 0.9 on "
            "the "
            "calibration "
            "half "
            "(else "
            "midway to "
            "1). " + policy_bounds_note + " Precision / recall / FPR below are on the REPORT half.\n"
        )
    L.append("| label | a | b | band | threshold | precision | recall | F1 | FPR | high threshold |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for lab, e in rep["labels"].items():
        for band, t in e["thresholds"].items():
            at = e["at_threshold_report_half"][band]
            L.append(
                f"| {lab} | {e['platt']['a']:.3f} | {e['platt']['b']:.3f} | {band} | {t['threshold']:.2f} | "
                f"{_r(at['precision'])} | {_r(at['recall'])} | {_r(at['f1'])} | {_r(at['fpr'])} | "
                f"{'-' if t['high_threshold'] is None else format(t['high_threshold'], '.2f')} |"
            )

    if loso_ft:
        L += loso_ft_section(loso_ft)
    L.append("\n## Leave-one-source-out table (CHEAP PROXY)\n")
    L.append(
        "Fine-tuning once per source, for every training source as well, was not affordable on 2 CPU "
        "cores. This table is a PROXY computed by the frozen-encoder pipeline (`train.py --mode frozen`): "
        "all-MiniLM-L6-v2 frozen + one logistic head per label, trained on all other sources and scored on "
        "the left-out one (grouped CV where a source is the only one with positives). It describes how "
        "well the label transfers between these data sets, NOT the shipped fine-tuned model.\n"
    )
    L.append("| label | source | n | pos | ROC-AUC (proxy) | PR-AUC (proxy) | how |")
    L.append("|---|---|---|---|---|---|---|")
    for lab in LABELS:
        for s, v in loso["labels"][lab]["per_source"].items():
            L.append(
                f"| {lab} | {s} | {v['n']} | {v['pos']} | {_r(v['roc_auc'])} | {_r(v['pr_auc'])} | "
                f"{v['eval']} |"
            )

    L.append("\n## Issue targets\n")
    L.append("| target | measured | met? |")
    L.append("|---|---|---|")
    for t, m, ok in targets:
        L.append(f"| {t} | {m} | {ok} |")
    L.append("\n## Neutral sentences (tests/data/neutral_sentences.txt)\n")
    L.append(neutral_fp["text"] + "\n")
    q = rep["quant"]
    L.append("## int8 vs fp32\n")
    L.append(
        f"On {q['sample_n']} validation texts, scored as the runtime scores them: max |logit diff| "
        f"{q['sample_max_abs']:.3f}, mean {q['sample_mean_abs']:.3f}, 99th percentile "
        f"{q['sample_p99_abs']:.3f}. On the {q['fixed_n']} fixed sentences of fp32_reference.json: max "
        f"{q['fixed_max_abs']:.3f}, mean {q['fixed_mean_abs']:.3f}. Size: fp32 {q['fp32_mb']} MB, int8 "
        f"{q['int8_mb']} MB. "
        + (
            "Batched vs one message per run, fixed sentences: max |logit diff| "
            f"{q['batched_vs_alone_max_abs']:.2e}. "
            if "batched_vs_alone_max_abs" in q
            else ""
        )
        + fixture_tol["text"]
        + "\n"
    )
    L.append(FT_FAILURES)
    L.append("## Reproduce\n\n```\n" + FT_REPRODUCE + "\n```\n")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


FT_FAILURES = """## Known failure modes
Measured (see the probe table and the neutral list above; 0.4.0 at the default policy):
- hate: held-out ROC-AUC 0.82 pooled (HateXplain 0.72, Hatemoji 0.66): still the weakest content
  label together with profanity. Emoji written as names lifted Hatemoji from 0.58 (0.3.0); every
  hate probe is flagged.
- threat: every threat probe is flagged, but the model also scores game talk as threat ("I'll
  crush you at Fortnite later" 0.62, above the under_13 high threshold 0.61). Since policy
  default-0.5.0 the `context.game` rule settles such scores when the message names a game or sport
  and no real-world violence (neutral section above); game talk it does not recognise is still
  warned or escalated. Validation has only 66 threat positives (an in-source Hatemoji slice +
  hand-written), so the threat thresholds are uncertain.
- Cross-label spill: "you're so ugly and stupid" and "you're a fat pig" also score as sexual
  (blocked rather than warned); "send me a pic with no clothes on" is escalated as grooming but not
  labelled sexual. The model misses "let's talk dirty" and "everyone hates you, just leave the
  group"; since default-0.5.0 the `sexual.solicitation` and `bullying.exclusion` rules flag them.
- Profanity on game talk: the model's profanity score crosses 0.33 on trash talk without a swear
  word ("prepare to lose at chess tonight" 0.34, "you're trash at this game lol jk" 0.38). Since
  policy default-0.5.0 English messages use 0.5 for profanity, which the word list makes up for;
  a message whose language cannot be told still uses 0.33.
- self_harm on first-person personal statements: "someone told me to go away because I'm
  different" gets a self-harm support note; "I'm bisexual and my family is really supportive"
  scores 0.61 against a threshold of 0.64. The self-harm sets are first-person Reddit/Twitter
  distress, so first-person statements look like them; single fine-tunes flagged several identity
  statements, the soup fewer.
- Talk about being bullied ("how do I tell my mum that I'm being bullied") still scores as
  bullying; since default-0.5.0 the `context.disclosure` rule settles such scores below the block
  level, and an insult aimed at the reader anywhere in the message stops it. Two variants of the
  0.4.0 recipe were tried (seed 0, against the same seed's 0.4.0 part) and not shipped: more
  hand-written requests for help and friendly "noob" talk, and that plus dropping the
  Cyberbullying Tweets positives that name bullying (98% of its "age" class tells of being
  bullied). They cut the neutral sentences flagged at under_13 to 5 and 4 of 170 (against
  9) but lowered held-out bullying ROC-AUC on Ask.fm (0.850 -> 0.821 both; the seeds of 0.4.0
  span 0.839-0.859) and pooled (0.816 -> 0.793 / 0.799). A fourth seed in the soup moved pooled
  bullying and hate down (0.809 -> 0.804, 0.824 -> 0.820) and profanity and self_harm up (0.718 ->
  0.738, 0.901 -> 0.906). Training on Ask.fm and HateXplain as well (`--train-sources`)
  raised hate (0.787 -> 0.805) and self_harm (0.880 -> 0.905) on the sources still held out but
  lowered OLID bullying (0.708 -> 0.678) and profanity (0.792 -> 0.742). How far the encoder moves
  (seed 0, pooled bullying / hate / profanity against 0.816 / 0.818 / 0.757): encoder learning
  rate 3e-5 0.808 / 0.813 / 0.739, 8e-5 0.819 / 0.822 / 0.756, 1.2e-4 0.814 / 0.818 / 0.724;
  layer-wise decay 0.8 0.802 / 0.811 / 0.708; frozen embeddings 0.815 / 0.813 / 0.751. All within
  or below the seeds' spread (pooled bullying 0.803-0.816), so none was shipped: the recipe sits on
  a plateau, and tuning it does not close the gap to the bullying and hate targets.
- Swearing read as bullying: the held-out bullying negatives that score highest on OLID and Ask.fm
  are swearing aimed at no one ("fuck yeah", "good shit"); the game-chat bullying sets teach that
  swear words mean bullying, as most of their swearing is at players. Three data changes were tried
  and not shipped (pooled ROC-AUC). Twice the rows per set (`--max-per-source 8000`, seed 0, against
  0.816 / 0.818 / 0.757): bullying 0.806, hate 0.828, profanity 0.734, and 11 neutral sentences
  flagged at under_13 against 7. Hand-written swearing with and without a target plus identity slurs
  (`--swearing 4 --slurs 4`): seed 0 raised OLID bullying 0.708 -> 0.734, but the soup of three
  seeds, against the shipped soup, gave bullying 0.809 -> 0.803 (OLID 0.726 -> 0.718), hate 0.824 ->
  0.835 (HateXplain 0.718 -> 0.740), profanity 0.718 -> 0.705, 5 neutral sentences flagged against
  2 and one more self-harm probe missed; slurs alone (`--slurs 4`, soup of three) gave bullying
  0.798, hate 0.831, profanity 0.699 and 4 neutral sentences flagged; one soup of all nine parts
  (0.4.0's three and both variants' six) gave bullying 0.804, hate 0.831, profanity 0.710 and 4
  neutral sentences flagged. A first version that also labelled swearing at a person profanity=0
  lowered OLID profanity 0.792 -> 0.744: OLID's untargeted class holds many insults aimed at
  someone ("you're on fucking drugs my dude").
- More platforms in training do not carry over to a new one (table "Leave-one-source-out,
  fine-tuned" above; seed 0). Trained on the other four validation sets as well, each left-out
  set scored within -0.011 to +0.009 of the seed-0 part on bullying, hate and sexual (OLID
  bullying 0.708 -> 0.697, HateXplain hate 0.723 -> 0.731); OLID profanity fell 0.792 -> 0.740;
  only self_harm on the suicidal tweets rose (0.880 -> 0.914). Mean over the eight (label, set)
  pairs: -0.002. So no bundle was trained on all sets: the bar, written down before the runs, was
  a mean gain of at least +0.01 and no pair below -0.02.
- profanity: the model alone is no better than alt-profanity-check (held-out OLID ROC-AUC 0.771 vs
  0.782) and misses mild swearing ("oh shit i forgot my homework"); the runtime's word list finds
  listed swear words (OLID 0.808 with it, table above) but not swearing it does not list.
- A first fine-tune without the cross-label negatives scored "i want to kill myself" as a THREAT
  (blocked / escalated a child's disclosure); the shipped one scores it 0.002 for threat. Keep the
  probe table in mind when retraining.
Expected from the data:
- Profanity vs bullying: few clean profanity sources (GameTox 'other offensive' in training; OLID
  untargeted held out), so friendly swearing and swearing at a person are easily confused.
- Lexical bias from tweet hate sets (Davidson, HatEval): identity terms and African-American
  English can raise hate/bullying scores on harmless text.
- Game trash talk ('ez', 'noob', 'you are dead') sits between bullying and banter; CONDA
  implicit-toxicity lines were left out as too noisy.
- threat has few positives (Hatemoji threatening language, GameTox threats, a dozen hand-written
  lines); its held-out numbers come from an in-source Hatemoji slice, and threats phrased as game
  talk are hard both ways.
- self_harm: figures of speech ('this homework is killing me') and 'kys' aimed at others are hard
  negatives with few examples; Reddit posts are far longer than chat messages (trained at 64 tokens).
- sexual: SafeCity harassment disclosures are negatives, so a child describing what happened to
  them should score low, but explicit content phrased as a report may be missed.
- grooming: weak labels (see Limits); offender style (adult, US 2000s chat) may be learned as a proxy.
- Evasions are handled by the normaliser before the model; anything it does not undo reaches the
  model unchanged.
"""

# The shell commands printed in the card, verbatim: a wrapped line would change the published card and the
# commands a reader copies, so the line-length rule is waived for this one string (noqa at its end).
FT_REPRODUCE = """# 1. data -> normalised, deduplicated, capped rows (../artifacts/rows.jsonl) + the frozen
#    leave-one-source-out proxy table
python -m models.training.train --data ../shared/data --out ../artifacts/frozen --mode frozen --max-per-source 4000 --seed 0
cp ../artifacts/metrics.json ../artifacts/starter_metrics.json
# 1b. the validation split (held-out sources + group slices, seed 0), written by a one-step fine-tune
python -m models.training.train --mode finetune --rows ../artifacts/rows.jsonl --ft-name ft --steps 1 --seed 0
# 2. three fine-tunes end to end, seeds 0, 1, 2 (held-out sources never seen; hand-written benign rows x4 and
#    group-hate contrast rows x3; cross-label negatives; emoji written as names)
for s in 0 1 2; do
python -m models.training.train --mode finetune --data ../shared/data --max-per-source 4000 \\
    --val-rows ../artifacts/ft/val_rows.jsonl --ft-name ft_s$s --benign 4 --contrast 3 --impute-cross --emoji-words \\
    --max-length 64 --batch-size 32 --train-rows 50000 --budget-min 60 --seed $s --lr-encoder 5e-5 --lr-head 1e-3
done
# 3. the soup: average the three
python -m models.training.train.soup --out ../artifacts/ft_soup ../artifacts/ft_s1 ../artifacts/ft_s2 ../artifacts/ft_s0
# 4. like-for-like frozen baseline on the same split
python -m models.training.experiments.frozen_same_split --val ../artifacts/ft/val_rows.jsonl
# 5. export, score held-out rows like the runtime (+ the 0.1.0 bundle, alt-profanity-check), calibrate, report
#    at the default policy's thresholds (kept: the multilingual bundle shares them); the same for the seed-0 part
for ft in ft_soup ft_s0; do
python -m models.training.export.ship_finetuned --ft ../artifacts/$ft --baseline ../artifacts/starter_bundle \\
    --betas 0.5,0.4,0.35,0.3 --keep-policy
done
# 6. leave-one-source-out fine-tunes over the five validation sets (seed 0), next to the soup and its seed-0 part;
#    then write the bundle and this card
python -m models.training.experiments.loso --data ../shared/data --val-rows ../artifacts/ft/val_rows.jsonl \\
    --reference shipped=../artifacts/ft_soup --reference seed0=../artifacts/ft_s0
python -m models.training.export.ship_finetuned --ft ../artifacts/ft_soup --baseline ../artifacts/starter_bundle \\
    --betas 0.5,0.4,0.35,0.3 --keep-policy --cached --write"""  # noqa: E501
