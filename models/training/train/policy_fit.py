"""Re-fit the default policy per age band to what children's chat needs.

The thresholds are fitted with the calibration tooling's needs fit
(:func:`safechat.calibration.needs_fit.fit_to_needs`, the engine's own decisions simulated) on:

- the ``dev`` lines of the children's chat set that the model never trained on
  (:func:`childchat.is_fitting_line`: every one, unless ``--finetuned-on-childchat``), each line
  in every band, scored held out: the lines of one fold of topic families are scored with the
  bank and the weights that models/training/train/exemplars.py fitted without that fold (its
  ``--work`` folder), so no line finds itself or a paraphrase in the bank or in the fit (as a
  new message would not); the ``test`` split is never read;
- a sample of the cross-source validation sets (the model never trained on them), scored with the
  whole bank: their negatives count as benign lines, and their positives need the least action
  their label needs for a child (:data:`LEAST_NEED`); a line with a swear word from the word list
  needs what swearing needs (masking for under-16s), whatever its set says. Their benign lines may
  be flagged no more often than the base policy flags them (children's chat: ``--max-flagged``).

Then, with ``--multilingual-folds`` (the ``--work`` folder of the multilingual bundle's
exemplars build), each language of the multilingual children's chat set
(devsets/childchat-multi) gets its own thresholds (``language_thresholds``), fitted the same way
on that language's ``dev`` lines, scored held out by the multilingual bundle with its fold banks
and weights; a label with fewer than ``--min-language-positives`` harmful lines of the language in
a band keeps the shared threshold there. The English fit comes first; the languages' fits start
from it and move their own thresholds only. With ``--languages-from POLICY`` instead, those
languages keep that policy's thresholds, so an English re-fit leaves their decisions as they were.

The heads (``safechat/model/support_heads``) were fitted on every children's chat ``dev`` line, so
those lines get none of the heads' hits, which would overstate them, unless ``--head-oof`` gives
their out-of-fold probabilities (``support_head.py --oof``, one file per head): then they get the
hits those give, as a new message would. The validation lines get the heads' hits as at run time.

    python -m models.training.train.policy_fit --data ../shared/data \
        --base models/training/policy/default_base.toml --folds ../artifacts/exemplars \
        --work ../artifacts/policy --out safechat/policy/data/default_policy.toml \
        --multilingual-folds ../artifacts/exemplars-multi
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import pickle
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.training.common.rows import LABELS, VAL_SOURCES
from models.training.data import childchat

if TYPE_CHECKING:
    from safechat.calibration.needs_fit import Case
    from safechat.model.onnx_scorer import OnnxScorer
    from safechat.model.scorer import Scorer
    from safechat.policy.policy import Policy

log = logging.getLogger("safechat.policy_fit")

HeadsOutOfFold = dict[str, dict[str, float]]
"""A ``dev`` line's text -> each head's out-of-fold probability (``support_head.py --oof``)."""

VALIDATION_PER_SOURCE = 400
MAX_FLAGGED = 0.04
MIN_LANGUAGE_POSITIVES = 12
LEAST_NEED = {  # label -> the least action a positive needs, per band (under_13, 13_15, 16_17, adult)
    "bullying": ("warn", "warn", "warn", "warn"),
    "hate": ("block", "block", "block", "block"),
    "threat": ("block", "block", "block", "block"),
    "sexual": ("block", "block", "warn", "allow"),
    "self_harm": ("allow", "allow", "allow", "allow"),
    "profanity": ("mask", "mask", "allow", "allow"),
}
HEADER = """safechat default policy: safe by default, stricter for younger children; fails closed.

The age band is the band of the youngest person who will read the message; a missing or unknown
band is under_13. Scores are calibrated probabilities in [0, 1], the model's score combined
with the message's similarity to the example banks ([exemplars]). A score at or above
`threshold` gives `action`; at or above `high_threshold` gives `high_action`. A transparent
rule alone gives `action`; when the model's score for the rule's label is at least
`corroborating_threshold`, it gives `corroborated_action`; so does a label's score when the
score of its `corroborating_label` reaches `corroborating_threshold`. A context rule
(`context.*`) with `tempers_model_below` settles its label's score below that value: the
label's thresholds then give the context rule's action. Actions, least to most restrictive:
allow < mask < warn < block < escalate. The thresholds were fitted per band to what children's
chat needs (models/training/train/policy_fit.py; the model card gives the command and the
outcome); CHANGELOG.md has the history. The multilingual bundle's children's chat languages
have their own thresholds (language_thresholds), fitted on each language's dev lines
(policy_fit.py --languages-only; the multilingual model card gives the command and the
outcome)."""


def validation_lines(data: Path, work: Path) -> list[dict[str, object]]:
    """A sample of the validation sets as needs lines: negatives need allow, positives their
    label's least need (labels without one, such as grooming, are left out)."""
    from models.training.train.exemplars import training_rows
    from safechat.detect import find_profanity

    rng = random.Random(0)
    rows = [r for r in training_rows(data, work) if r.source in VAL_SOURCES]
    lines = []
    for source in VAL_SOURCES:
        mine = [r for r in rows if r.source == source and any(k in LEAST_NEED for k in r.labels)]
        for r in rng.sample(mine, min(VALIDATION_PER_SOURCE, len(mine))):
            positives = [k for k, v in r.labels.items() if v == 1]
            if any(k not in LEAST_NEED for k in positives):
                continue
            needs = ["allow"] * 4
            if find_profanity(r.text):  # swearing needs masking for young readers, whatever the set says
                positives = [*positives, "profanity"]
            for k in positives:
                needs = [
                    max(a, b, key=childchat.ACTIONS.index) for a, b in zip(needs, LEAST_NEED[k], strict=True)
                ]
            lines.append(
                {
                    "text": r.text,
                    "labels": {k: v for k, v in r.labels.items() if k in LABELS},
                    "needs": dict(zip(childchat.BANDS, needs, strict=True)),
                    "support": r.labels.get("self_harm") == 1,
                }
            )
    return lines


@functools.lru_cache(maxsize=1)
def _validation_rows(data: Path) -> list[dict[str, Any]]:
    """The validation rows of every multilingual set, read once per run (about 30 s)."""
    from models.training.data.multi_rows import multi_rows

    rows, _ = multi_rows(data, seed=0, caps={"train": 0, "val": 10**9, "test": 0})
    return rows


def language_validation_lines(data: Path, language: str) -> dict[str, list[dict[str, object]]]:
    """Per set: a sample of the ordinary messages (every known label 0) of the validation splits
    of ``language``'s multilingual sets that may train the shipped heads, as lines that need allow.
    Evaluation-only sets (non-commercial or research-only licences) are never read here."""
    rows = _validation_rows(data)
    rng = random.Random(0)
    by_set: dict[str, list[dict[str, object]]] = {}
    for source in sorted({r["source"] for r in rows if r["lang"] == language and r["shipped"]}):
        benign = [
            r
            for r in rows
            if r["source"] == source
            and r["split"] == "val"
            and any(v == 0 for v in r["labels"].values())
            and not any(v == 1 for v in r["labels"].values())
        ]
        by_set[source] = [
            {
                "text": r["text"],
                "labels": [],
                "needs": dict.fromkeys(childchat.BANDS, "allow"),
                "locale": language,
            }
            for r in rng.sample(benign, min(VALIDATION_PER_SOURCE, len(benign)))
        ]
    return by_set


def _cases(
    scorer: Scorer,
    lines: list[dict[str, object]],
    policy: Policy,
    path: Path,
    *,
    source: str,
    heads: HeadsOutOfFold | None = None,
) -> list[Case]:
    """Cases of ``lines`` (in the needs format, written to ``path``) decided by ``policy`` with
    ``scorer`` on both lanes: the language is detected as at run time (it picks the thresholds).
    Children's chat ``dev`` lines get no heads' hits: every head was fitted on them, so their hits
    there would overstate what the heads do on a new message (experiments/README.md, "The policy
    fit without the heads' hits"), unless ``heads`` gives their out-of-fold probabilities; other
    platforms' lines get them, as at run time."""
    from safechat.calibration.needs_fit import cases_from_lines, read_lines
    from safechat.engine import Moderator
    from safechat.policy.prompts import PromptBook

    moderator = Moderator(scorer=scorer, multilingual=scorer, policy=policy, prompts=PromptBook.load())
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    read, problems = read_lines(path)
    assert not problems, problems[:3]
    if source == "childchat":
        return cases_from_lines(moderator, read, source=source, heads=False, head_overrides=heads)
    return cases_from_lines(moderator, read, source=source)


def _fold_scorer(model: OnnxScorer, folds: Path, fold: int) -> Scorer:
    """``model`` with the bank and the weights fitted without ``fold`` (an exemplars.py ``--work``)."""
    from safechat.exemplars import BankedScorer, ExemplarBank, ExemplarWeights

    bank = ExemplarBank.load(folds / f"bank-fold{fold}.npz")
    return BankedScorer(model, [bank], ExemplarWeights.load(folds / f"weights-fold{fold}.json"))


def held_out_cases(
    model: OnnxScorer,
    rows: list[dict[str, object]],
    folds: Path,
    policy: Policy,
    work: Path,
    name: str,
    *,
    heads: HeadsOutOfFold | None = None,
) -> list[Case]:
    """Cases of children's chat ``rows`` (every band), each fold's lines scored with the bank and
    the weights fitted without that fold (``folds``: an exemplars.py ``--work`` folder)."""
    cases: list[Case] = []
    for fold in range(childchat.FOLDS):
        mine = [r for r in rows if childchat.fold_of(childchat.family_group(r)) == fold]
        if not mine:
            continue
        scorer = _fold_scorer(model, folds, fold)
        path = work / f"{name}-fold{fold}.jsonl"
        cases += _cases(scorer, childchat.eval_lines(mine), policy, path, source="childchat", heads=heads)
        log.info(
            "%s fold %d: %d dev lines, scored without the fold's examples and fit", name, fold, len(mine)
        )
    return cases


def model_alone_cases(
    model: OnnxScorer,
    rows: list[dict[str, object]],
    policy: Policy,
    work: Path,
    name: str,
    *,
    source: str = "childchat",
    heads: HeadsOutOfFold | None = None,
) -> list[Case]:
    """Cases of ``rows`` (every band) scored by the model alone: what the multilingual bundle gives
    when the policy does not name its bank. ``rows`` are children's chat ``dev`` rows (``source``
    ``childchat``: the model is frozen and never saw one, so each is held out from it) or, for
    another ``source``, lines already in the needs format."""
    eval_rows = childchat.eval_lines(rows) if source == "childchat" else rows
    cases = _cases(model, eval_rows, policy, work / f"{name}.jsonl", source=source, heads=heads)
    log.info("%s: %d lines, scored by the model alone (the policy does not name its bank)", name, len(rows))
    return cases


def banked_cases(
    model: OnnxScorer,
    lines: list[dict[str, object]],
    folds: Path,
    policy: Policy,
    work: Path,
    name: str,
    *,
    source: str,
) -> list[Case]:
    """Cases of other-platform ``lines`` (already in the needs format) scored with the bank, as the
    bundle scores them at run time when the policy names its bank. No bank holds a validation
    line, so the first fold's bank and weights serve: each fold's bank lacks only children's chat
    lines of one fold."""
    cases = _cases(_fold_scorer(model, folds, 0), lines, policy, work / f"{name}.jsonl", source=source)
    log.info("%s: %d lines, scored with the bank", name, len(lines))
    return cases


def uses_multilingual_bank(policy: Policy) -> bool:
    """True when the policy's ``[exemplars] banks`` takes the multilingual bundle's own bank."""
    from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME

    return any(entry in ("*", MULTILINGUAL_BUNDLE_NAME) for entry in policy.bank_files())


def fit_languages(
    policy: Policy,
    folds: Path,
    work: Path,
    *,
    max_flagged: float,
    min_positives: int,
    only: set[str] | None = None,
    data: Path | None = None,
    new: frozenset[str] = frozenset(),
    heads: HeadsOutOfFold | None = None,
) -> Policy:
    """``policy`` with each language of the multilingual children's chat set (or those in
    ``only``) given its own thresholds, fitted on that language's ``dev`` lines as the
    multilingual bundle scores them at run time: held out from the bank's folds when the policy
    uses its bank, by the model alone when it does not. With ``data``, the ordinary messages of
    the language's other-platform sets (:func:`language_validation_lines`) may be flagged no
    more often than the policy flags them before the fit. The languages in ``new`` (ones the
    bundle could not read before) are fitted without keeping each label's share under the base.
    ``heads``: the multilingual heads' out-of-fold probabilities of the ``dev`` lines."""
    from safechat.calibration.needs_fit import fit_to_needs
    from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, ModelBundle, shipped_bundle_path
    from safechat.model.onnx_scorer import OnnxScorer

    where = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
    if where is None:
        raise SystemExit(f"{MULTILINGUAL_BUNDLE_NAME} is not installed")
    model = OnnxScorer(ModelBundle.load(where))
    dev = childchat.read(childchat.MULTI_DEVSET, split="dev")
    from safechat.language import SUPPORTED

    banked = uses_multilingual_bank(policy)
    for language in sorted({childchat.language_of(r) for r in dev}):
        if only is not None and language not in only:
            continue
        if language not in SUPPORTED and not model.reader.knows(language):
            # scored by the English bundle at run time: its thresholds would not fit
            log.info("%s: not routed to the multilingual bundle; no thresholds of its own", language)
            continue
        rows = [r for r in dev if childchat.language_of(r) == language]
        if banked:
            cases = held_out_cases(model, rows, folds, policy, work, f"dev-{language}", heads=heads)
        else:
            cases = model_alone_cases(model, rows, policy, work, f"dev-{language}", heads=heads)
        other_platforms = language_validation_lines(data, language) if data is not None else {}
        for source, lines in other_platforms.items():
            name = f"validation-{source}"
            if banked:
                cases += banked_cases(model, lines, folds, policy, work, name, source=source)
            else:
                cases += model_alone_cases(model, lines, policy, work, name, source=source)
        fit = fit_to_needs(
            policy,
            cases,
            max_flagged=max_flagged,
            min_positives=min_positives,
            version=policy.version,
            language=language,
            keep_flagged=tuple(other_platforms),
            keep_served=language not in new,
        )
        for band, after in fit.after.items():
            before = fit.before[band]
            log.info(
                "%s %-9s served %.3f -> %.3f; benign flagged %.3f -> %.3f",
                language,
                band.value,
                before.mean_share,
                after.mean_share,
                before.flagged,
                after.flagged,
            )
        policy = fit.policy.model_copy(update={"provenance": policy.provenance})
        changed = [c for c in fit.changes if f".language_thresholds.{language}:" in c]
        policy.provenance.setdefault("language_fits", {})[language] = {
            "dev_lines": len(rows),
            "changes": len(changed),
            "after": {
                b.value: {"mean_share": round(o.mean_share, 4), "benign_flagged": round(o.flagged, 4)}
                for b, o in fit.after.items()
            },
        }
    return policy


def fit_english(
    base: Policy,
    data: Path,
    folds: Path,
    work: Path,
    max_flagged: float,
    *,
    bundle: Path | None = None,
    finetuned: bool = False,
    as_base: bool = False,
    max_support: float | None = None,
    reuse_cases: bool = False,
    keep_served: bool = True,
    heads: HeadsOutOfFold | None = None,
) -> Policy:
    """``base`` with every band's thresholds fitted on the English children's chat lines the model
    never trained on (``finetuned``: it was fine-tuned on MODEL_FOLDS), scored held out with
    ``folds``, and a sample of the validation sets; ``bundle``: the English bundle to score with
    (default: the shipped one). ``as_base``: the children's chat benign lines may be flagged as
    often as ``base`` flags them in each band (``max_flagged`` is not used), so the fit buys
    harmful lines served at the base's false alarm rate. ``max_support``: see
    :func:`~safechat.calibration.needs_fit.fit_to_needs`. ``reuse_cases``: take the scored cases
    from an earlier run's ``work`` folder (same bundle, folds, rules and ``heads``) instead of scoring again.
    ``keep_served``: no label served worse than under ``base`` (off: the most harm served within
    the budget, whatever ``base`` served; for a new bank whose scores ``base``'s thresholds were
    not set for). ``heads``: the English heads' out-of-fold probabilities of the ``dev`` lines."""
    from safechat.calibration.needs_fit import fit_to_needs

    cases = english_cases(
        base, data, folds, work, bundle=bundle, finetuned=finetuned, reuse=reuse_cases, heads=heads
    )
    log.info("%d cases in all (each line in every band)", len(cases))
    fit = fit_to_needs(
        base,
        cases,
        max_flagged=0.0 if as_base else max_flagged,
        min_positives=20,
        version=base.version,
        keep_flagged=("validation", "childchat") if as_base else ("validation",),
        max_support=max_support,
        keep_served=keep_served,
    )
    for band, after in fit.after.items():
        before = fit.before[band]
        log.info(
            "%-9s served %.3f -> %.3f; benign flagged %s -> %s",
            band.value,
            before.mean_share,
            after.mean_share,
            _rates(before.flagged_by_source),
            _rates(after.flagged_by_source),
        )
        log.info(
            "%-9s per label: %s", band.value, _rates({k.value: v for k, v in after.label_shares.items()})
        )
    return fit.policy


def english_cases(
    base: Policy,
    data: Path,
    folds: Path,
    work: Path,
    *,
    bundle: Path | None = None,
    finetuned: bool = False,
    reuse: bool = False,
    heads: HeadsOutOfFold | None = None,
) -> list[Case]:
    """The fitting cases: the children's chat ``dev`` lines scored held out with ``folds`` (with
    ``heads``, the heads' out-of-fold hits) and a sample of the validation sets, each in every
    band; kept in ``work``/cases.pkl (``reuse``: read from there; the cases hold scores and hits,
    no text)."""
    from safechat.calibration.needs_fit import cases_from_lines, read_lines
    from safechat.engine import Moderator
    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import OnnxScorer

    cache = work / "cases.pkl"
    if reuse:
        if not cache.is_file():
            raise SystemExit(f"--reuse-cases: no {cache} from an earlier run")
        with cache.open("rb") as handle:
            cached: list[Case] = pickle.load(handle)
        log.info("%d cases read from %s", len(cached), cache)
        return cached
    model = OnnxScorer(ModelBundle.load(bundle))
    dev = [row for row in childchat.read(split="dev") if childchat.is_fitting_line(row, finetuned=finetuned)]
    cases = held_out_cases(model, dev, folds, base, work, "dev", heads=heads)
    validation_file = work / "validation.jsonl"
    validation_file.write_text("".join(json.dumps(r) + "\n" for r in validation_lines(data, work)), "utf-8")
    lines, problems = read_lines(validation_file)
    assert not problems, problems[:3]
    cases += cases_from_lines(
        Moderator.load(bundle=bundle, policy=base, routing="single"), lines, source="validation"
    )
    with cache.open("wb") as handle:
        pickle.dump(cases, handle)
    return cases


def keep_languages(policy: Policy, earlier: Policy, languages: tuple[str, ...]) -> Policy:
    """``policy`` with ``earlier``'s thresholds for each of ``languages``: its own language
    thresholds where it had them, else its shared ones, pinned as the language's own. An English
    re-fit then leaves those languages' decisions as they were (``en`` keeps ``policy``'s)."""
    bands = {}
    for band, mine in policy.bands.items():
        labels = {}
        for label, rule in mine.labels.items():
            old = earlier.bands[band].labels[label]
            low = {k: v for k, v in rule.language_thresholds.items() if k not in languages}
            high = {k: v for k, v in rule.language_high_thresholds.items() if k not in languages}
            for language in languages:
                low[language] = old.threshold_for(language)
                old_high = old.high_threshold_for(language)
                if rule.high_threshold is not None and old_high is not None:
                    high[language] = old_high
            labels[label] = rule.model_copy(
                update={"language_thresholds": low, "language_high_thresholds": high}
            )
        bands[band] = mine.model_copy(update={"labels": labels})
    return type(policy).model_validate(policy.model_copy(update={"bands": bands}).model_dump())


def read_heads_out_of_fold(paths: list[Path]) -> dict[str, HeadsOutOfFold]:
    """The files ``support_head.py --oof`` wrote, merged per bundle name: line text -> each head's
    out-of-fold probability.

    Raises:
        SystemExit: a file is not such a file, or two give the same head of the same bundle.
    """
    merged: dict[str, HeadsOutOfFold] = {}
    seen: set[tuple[str, str]] = set()
    for path in paths:
        try:
            found = json.loads(path.read_text("utf-8"))
            name, kind, lines = found["name"], found["kind"], found["lines"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise SystemExit(f"--head-oof {path}: not a support_head.py --oof file ({err})") from None
        if (name, kind) in seen:
            raise SystemExit(f"--head-oof: two files for the {kind} head of {name}")
        seen.add((name, kind))
        bundle = merged.setdefault(name, {})
        for text, probability in lines.items():
            bundle.setdefault(text, {})[kind] = float(probability)
    return merged


def _rates(values: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.3f}" for name, value in values.items())


def main(argv: list[str] | None = None) -> None:
    from safechat.calibration.toml_writer import policy_to_toml
    from safechat.model.bundle import DEFAULT_BUNDLE_NAME, MULTILINGUAL_BUNDLE_NAME
    from safechat.policy.policy import Policy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (validation sets)")
    parser.add_argument("--base", type=Path, required=True, help="the policy whose actions are kept")
    parser.add_argument("--folds", type=Path, help="exemplars.py's --work folder (fold banks and weights)")
    parser.add_argument("--work", type=Path, required=True, help="folder for the line files")
    parser.add_argument("--out", type=Path, required=True, help="where to write the fitted policy")
    parser.add_argument("--max-flagged", type=float, default=MAX_FLAGGED)
    parser.add_argument(
        "--flagged-as-base",
        action="store_true",
        help="let children's chat benign lines be flagged as often as --base flags them in each band "
        "(instead of --max-flagged): more harm served at the same false alarm rate",
    )
    parser.add_argument(
        "--max-support",
        type=float,
        help="how often benign lines may get a help prompt they did not need (default: --max-flagged)",
    )
    parser.add_argument(
        "--no-floors",
        action="store_true",
        help="do not keep every label at least as well served as --base (for a new bank, whose scores "
        "--base's thresholds were not set for)",
    )
    parser.add_argument(
        "--reuse-cases",
        action="store_true",
        help="take the scored cases from an earlier run with the same --work, bundle and folds",
    )
    parser.add_argument(
        "--bundle", type=Path, help="the English bundle to fit for (default: the shipped one)"
    )
    parser.add_argument(
        "--languages-from",
        type=Path,
        help="keep this policy's thresholds for the multilingual children's chat languages instead of "
        "fitting them (their decisions stay as they were)",
    )
    parser.add_argument(
        "--finetuned-on-childchat",
        action="store_true",
        help="the bundle's model was fine-tuned on the children's chat MODEL_FOLDS families: only the "
        "other dev lines are fitted on (default: every dev line, as for the shipped model)",
    )
    parser.add_argument(
        "--multilingual-folds",
        type=Path,
        help="the multilingual exemplars build's --work folder: fit each language too",
    )
    parser.add_argument("--min-language-positives", type=int, default=MIN_LANGUAGE_POSITIVES)
    parser.add_argument(
        "--head-oof",
        type=Path,
        action="append",
        default=[],
        help="a head's out-of-fold probabilities of the dev lines (support_head.py --oof; repeatable): "
        "the dev lines get that bundle's heads' hits from them instead of none",
    )
    parser.add_argument("--languages", help="comma-separated languages to fit (default: every language)")
    parser.add_argument(
        "--new-languages",
        default="",
        help="comma-separated languages the bundle could not read before: no label kept at the base's share",
    )
    parser.add_argument(
        "--languages-only",
        action="store_true",
        help="keep --base's thresholds as they are (no English fit); fit the languages' own thresholds only",
    )
    args = parser.parse_args(argv)
    if args.languages_only and args.multilingual_folds is None:
        parser.error("--languages-only needs --multilingual-folds")
    if args.languages_from is not None and args.multilingual_folds is not None:
        parser.error("give one of --languages-from (keep the languages' thresholds) and --multilingual-folds")
    if not args.languages_only and args.folds is None:
        parser.error("--folds is required for the English fit")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    heads = read_heads_out_of_fold(args.head_oof)
    base = Policy.from_toml(args.base)
    policy = (
        base
        if args.languages_only
        else fit_english(
            base,
            args.data,
            args.folds,
            args.work,
            args.max_flagged,
            bundle=args.bundle,
            finetuned=args.finetuned_on_childchat,
            as_base=args.flagged_as_base,
            max_support=args.max_support,
            reuse_cases=args.reuse_cases,
            keep_served=not args.no_floors,
            heads=heads.get(DEFAULT_BUNDLE_NAME),
        )
    )
    if args.languages_from is not None:
        languages = tuple(sorted({childchat.language_of(r) for r in childchat.read(childchat.MULTI_DEVSET)}))
        policy = keep_languages(policy, Policy.from_toml(args.languages_from), languages)
        log.info("kept %s's thresholds for %s", args.languages_from, ", ".join(languages))
    elif args.multilingual_folds is not None:
        policy = fit_languages(
            policy,
            args.multilingual_folds,
            args.work,
            max_flagged=args.max_flagged,
            min_positives=args.min_language_positives,
            only=set(args.languages.split(",")) if args.languages else None,
            data=args.data,
            new=frozenset(filter(None, args.new_languages.split(","))),
            heads=heads.get(MULTILINGUAL_BUNDLE_NAME),
        )
    args.out.write_text(policy_to_toml(policy, header=HEADER), "utf-8")
    log.info("wrote %s (%s)", args.out, policy.version)


if __name__ == "__main__":
    main()
