"""Write MODEL_CARD.md from the measured metrics (nothing in the tables is typed by hand)."""

from __future__ import annotations

import inspect
from pathlib import Path

from models.training import sources as S
from models.training.sources import LABELS


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
  project (models/training/handwritten.py); its negatives are those templates' hand-written
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


def write_card(path: Path, *, metrics: dict, quant: dict, calibration: dict) -> None:  # type: ignore[type-arg]
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
    L.append("A data set only supervises the labels it speaks for; every other label is masked "
             "(neither positive nor negative) for its rows.\n")
    for name in S.LOADERS:
        L.append(f"- **{name}**: {_doc(name)}")
    L.append(f"- **rule-derived negatives** (after sampling): {' '.join(inspect.cleandoc(S.add_rule_negatives.__doc__ or '').split())} "
             f"Sources: {', '.join(sorted(S.RULE_NEGATIVE_SOURCES))}.")
    L.append("\nContribution per label (rows with a known value / positives):\n")
    L.append("| label | " + " | ".join(["source: rows/pos"]) + " |")
    L.append("|---|---|")
    for lab in LABELS:
        per = metrics["labels"][lab]["per_source"]
        L.append(f"| {lab} | " + "; ".join(f"{s} {v['contribution']['rows']}/{v['contribution']['pos']}" for s, v in per.items()) + " |")

    L.append("\n## Evaluation on held-out sources\n")
    L.append(
        "Every number below is measured on rows the scoring head did not see, and (where it could be "
        "done) from a source the head did not see: for each label and each source, a head is trained on "
        "all OTHER sources and scores the held-out source (leave-source-out). Where a source is the only "
        "one with positives for a label (grooming: pj_offender; pii: handwritten) or shares groups with "
        "another (offender and decoy files of one conversation), those sources are evaluated with grouped "
        "5-fold CV instead: by offender for grooming (never by line), by template for hand-written rows. "
        "The 'pooled' row is computed over all those held-out predictions together. "
        + ("Embeddings come from the SAME int8 encoder that ships in model.onnx, so these numbers describe the shipped "
           "int8 path (the heads differ only in the rows they were fitted on). " if metrics.get("embedder") == "int8" else
           "Numbers are for the fp32 encoder; see the int8 check below. ")
        + "ROC-AUC and PR-AUC are only defined where a source has both classes.\n"
    )
    L.append("| label | rows | positives | out-of-source pooled ROC-AUC | pooled PR-AUC | mean per-source ROC-AUC (sources) | in-source grouped-CV ROC-AUC | PR-AUC |")
    L.append("|---|---|---|---|---|---|---|---|")
    for lab in LABELS:
        e = metrics["labels"][lab]
        p, cv = e["pooled_out_of_source"], e.get("in_source_grouped_cv", {})
        per = [v["roc_auc"] for v in e["per_source"].values() if v["roc_auc"] is not None]
        macro = f"{sum(per) / len(per):.3f} ({len(per)})" if per else "n/a"
        L.append(f"| {lab} | {p['n']} | {p['pos']} | {_f(p['roc_auc'])} | {_f(p['pr_auc'])} | {macro} | {_f(cv.get('roc_auc'))} | {_f(cv.get('pr_auc'))} |")
    L.append("\n'Out-of-source pooled' ranks all held-out predictions together, so it also punishes a head whose scores "
             "shift between sources (e.g. a held-out negative-only source scoring high); 'mean per-source' averages the "
             "ROC-AUC within each held-out source that has both classes; 'in-source grouped CV' (5 folds by group over all "
             "sources, rows held out but sources seen) is the optimistic reference.")
    if "pj_offender_vs_decoy" in metrics["labels"]["grooming"]:
        g = metrics["labels"]["grooming"]["pj_offender_vs_decoy"]
        L.append(f"\ngrooming, offender signal lines vs decoy lines only (grouped by offender): ROC-AUC {_f(g['roc_auc'])}, PR-AUC {_f(g['pr_auc'])} (n={g['n']}, pos={g['pos']}).")
    L.append("\nPer label and source:\n")
    L.append("'flagged' = share of held-out rows whose calibrated probability is >= 0.5 (negatives: false-positive rate; "
             "positives: recall), using the shipped calibration on the held-out logits.\n")
    L.append("| label | held-out source | how | n | pos | ROC-AUC | PR-AUC | flagged neg | flagged pos |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for lab in LABELS:
        for s, v in metrics["labels"][lab]["per_source"].items():
            L.append(f"| {lab} | {s} | {v['eval']} | {v['n']} | {v['pos']} | {_f(v['roc_auc'])} | {_f(v['pr_auc'])} | "
                     f"{_f(v.get('flag_rate_at_0.5_neg'))} | {_f(v.get('flag_rate_at_0.5_pos'))} |")
    L.append("\n## Calibration\n")
    L.append("Platt scaling per label, fitted on the pooled held-out logits above and applied to the head trained on all rows:\n")
    L.append("| label | a | b | fitted on |")
    L.append("|---|---|---|---|")
    for lab in LABELS:
        L.append(f"| {lab} | {calibration[lab]['a']:.4f} | {calibration[lab]['b']:.4f} | {metrics['labels'][lab].get('calibrated_on', 'out-of-source logits')} |")
    L.append("\n## Quantisation check\n")
    L.append(
        f"int8 (dynamic, per-channel QInt8) vs fp32 ONNX on {quant['n_texts']} training-mix texts: max |logit diff| "
        f"{quant['max_abs_diff_logits_int8_vs_fp32']:.4f}, mean {quant['mean_abs_diff_logits_int8_vs_fp32']:.4f}, "
        f"max |probability diff| after calibration {quant['max_abs_diff_prob_int8_vs_fp32']:.4f}. "
        f"Torch vs fp32 ONNX max |logit diff| {quant['max_abs_diff_torch_vs_fp32_onnx']:.2e}. "
        f"Size: fp32 {quant['fp32_mb']} MB, int8 {quant['int8_mb']} MB.\n"
    )
    if "max_abs_diff_int8_graph_vs_heads_on_int8_embeddings" in quant:
        L.append(f"The heads were fitted on embeddings from the int8 encoder itself; the shipped graph reproduces "
                 f"head(int8 embedding) to max |logit diff| {quant['max_abs_diff_int8_graph_vs_heads_on_int8_embeddings']:.2e}. "
                 "The int8-vs-fp32 difference above is therefore the error of the fp32 graph relative to what the heads "
                 "were trained on, not of the shipped graph.\n")
    if "int8_eval" in metrics:
        L.append("int8 graph re-scored on held-out text: " + str(metrics["int8_eval"]) + "\n")
    L.append(FAILURES)
    L.append("## Reproduce\n\n`python -m models.training.train --data ../shared/data --out models/safechat-en-minilm --mode frozen "
             f"--max-per-source 4000 --seed 0` (see models/training/README.md). Heads: logistic regression, C={metrics.get('C')}, "
             "class_weight=balanced, on standardised embeddings (standardisation folded into the ONNX linear layer).\n")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")
