"""Fit a bundle's head (safechat/model/support_head.py) on children's chat ``dev`` lines.

Positives are the ``dev`` lines of the head's kind: for the ``disclosure`` support head, a child
telling of harm done to them (form ``disclosure``); for the ``self_harm`` one, a line labelled
self-harm that needs support; for a harm head (``bullying``, ``hate``, ``threat``, ``sexual``,
``grooming``), a line with its label; for the ``ordinary`` head, a line with no label. Every other
``dev`` line is a negative. The lines are embedded
by the bundle as the engine embeds them (the normalised model text). The head (logistic regression
at each C of :data:`CS`, or a perceptron with one hidden layer at each penalty of :data:`ALPHAS`)
and the threshold are chosen on out-of-fold probabilities (5 folds by topic family, as every
children's chat fit here): per head, the lowest threshold at which at most ``--max-false`` of the
quiet ``dev`` lines fire (by default 1% for the disclosure head, 0.3% for the self-harm head, 0.5%
for a harm head: :data:`MAX_FALSE`); the head that then finds the most positives wins. The quiet
lines of a support head are those that need no support; of a harm head, the ordinary lines (no
label) of the set the bundle is for (the multilingual set's alone with ``--multilingual``: English
messages go to the English bundle); of the ordinary head, the harmful lines of that set (1%). A
harm head also takes the ordinary messages of other platforms in the bundle's example bank as
negatives, the ordinary head their harmful messages, and the threshold is raised until at most the
same share of those fire out of fold. The head is refitted on every ``dev`` line (and those
negatives), and the threshold folded into its bias, so that it fires at 0.5. The ``test`` split is
never read for fitting; it is scored once at the end and the figures logged and written to
``--report``.

    python -m models.training.train.support_head --kind disclosure --bundle models/safechat-en-minilm
    python -m models.training.train.support_head --kind self_harm --bundle models/safechat-en-minilm
    python -m models.training.train.support_head --kind KIND --bundle models/safechat-multi-e5 --multilingual

With ``--multilingual`` the multilingual children's chat set's ``dev`` lines are fitted on together
with the English ones (the multilingual bundle reads both). With ``--card`` the figures go into the
bundle's model card (between ``<!-- KIND:start -->`` and ``<!-- KIND:end -->``) and the card's
sha256 into its manifest. With ``--oof FILE`` each ``dev`` line's out-of-fold probability goes to
FILE, for ``policy_fit.py --head-oof``: the policy fit then sees what the head does on lines it
was not fitted on.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from models.training.common.bundle_files import write_card_section
from models.training.data import childchat
from safechat.blas import one_blas_thread
from safechat.exemplars.bank import BENIGN, ExemplarBank
from safechat.model.bundle import EXEMPLARS_FILE, ModelBundle
from safechat.model.onnx_scorer import OnnxScorer
from safechat.model.support_head import (
    HARM_KINDS,
    HEAD_KINDS,
    ORDINARY,
    HeadKind,
    HiddenLayer,
    SupportHead,
    head_file,
)
from safechat.normalize import normalize
from safechat.types import Label

log = logging.getLogger("support_head")

HEADS = Path(__file__).resolve().parents[3] / "safechat" / "model" / "support_heads"
CS = (0.3, 1.0, 3.0, 10.0)
"""The logistic heads' inverse regularisation strengths tried."""
HIDDEN_UNITS = 128
"""The perceptron heads' hidden layer width."""
ALPHAS = (1e-3, 1e-2)
"""The perceptron heads' L2 penalties tried."""
HARM_MAX_FALSE = 0.005
ORDINARY_MAX_FALSE = 0.01
MAX_FALSE = {
    "disclosure": 0.01,
    "self_harm": 0.003,
    ORDINARY.name: ORDINARY_MAX_FALSE,
    **{kind.name: HARM_MAX_FALSE for kind in HARM_KINDS},
}
"""The default share of the quiet ``dev`` lines (see the module docstring) a head may fire on. The self-harm
head's is lower: at 1% it offered the self-harm help to everyday talk of being tired or of not
being able to wait for the holidays ("je suis trop fatigué", "I can't wait for the holidays"),
which sits near "tired of everything" in the embedding; at 0.3% it found 0.46 of the `dev`
self-harm lines out of fold in the multilingual fit, against 0.62 at 1% (2026-12-06). A harm head
acts (it blocks or escalates), so its budget is 0.5% of the ordinary lines (2026-12-07:
models/training/experiments/README.md). The ordinary head settles scores, so its budget is counted
on the harmful lines: 1% of them, and of the other platforms' harmful messages."""
BATCH = 128

_Floats = npt.NDArray[np.float64]


def is_disclosure(row: dict[str, Any]) -> bool:
    """A child telling of harm done to them: the set's ``disclosure`` lines that need support."""
    return bool(row["support"]) and row["form"] == "disclosure"


def is_self_harm(row: dict[str, Any]) -> bool:
    """A line about hurting or killing oneself that needs support (every self-harm form)."""
    return bool(row["support"]) and "self_harm" in row["labels"]


def is_ordinary(row: dict[str, Any]) -> bool:
    """An ordinary line (no label): the positives of the ordinary head."""
    return not row["labels"]


def has_label(label: Label) -> Callable[[dict[str, Any]], bool]:
    """Whether a ``dev`` line has ``label``: the positives of that label's harm head."""

    def has(row: dict[str, Any]) -> bool:
        return label.value in row["labels"]

    return has


POSITIVE: dict[str, Callable[[dict[str, Any]], bool]] = {
    "disclosure": is_disclosure,
    "self_harm": is_self_harm,
    ORDINARY.name: is_ordinary,
    **{kind.name: has_label(kind.label) for kind in HARM_KINDS},
}
"""Which ``dev`` lines each kind of head should fire on."""

WHAT = {
    "disclosure": "whether a message is a child telling of harm done to them",
    "self_harm": "whether a message is about hurting or killing oneself",
    ORDINARY.name: (
        "whether a message is ordinary children's chat (friends' trash talk, in-game killing, arrangements,"
        " counter-speech, a child telling of harm) rather than harm"
    ),
    **{
        kind.name: f"whether a message is like the children's chat lines labelled {kind.name}"
        for kind in HARM_KINDS
    },
}
"""What each kind of head reads, for the model card."""

EFFECT = {
    "disclosure": "offers support and nothing else",
    "self_harm": (
        "offers the self-harm help and, with a plan, the means or a telling time in the message,"
        " makes it imminent (an urgent review)"
    ),
    ORDINARY.name: (
        "is context: it raises nothing, and its policy entry settles the model's moderate scores of the"
        " labels it names (and their harm heads); the rules' hits stand"
    ),
    **{
        kind.name: (
            f"is a rule hit of {kind.name}: it gives the action of the policy's entry for `{kind.rule}`"
            " unless a context rule settles the label or the disclosure head fires"
        )
        for kind in HARM_KINDS
    },
}
"""What each kind of head's hit does, for the model card."""


def embed(model: OnnxScorer, rows: Sequence[dict[str, Any]]) -> npt.NDArray[np.float32]:
    """Unit-length sentence embeddings of ``rows`` as the engine computes them."""
    texts = [normalize(r["text"]).text for r in rows]
    parts = []
    for start in range(0, len(texts), BATCH):
        encoded = model.encode(texts[start : start + BATCH])
        assert encoded.embeddings is not None
        parts.append(encoded.embeddings)
        log.info("embedded %d of %d lines", min(start + BATCH, len(texts)), len(texts))
    return np.concatenate(parts)


@dataclass(frozen=True)
class Candidate:
    """One kind of head tried: logistic regression with inverse strength ``c``, or (``alpha`` set)
    a perceptron with :data:`HIDDEN_UNITS` rectified units and L2 penalty ``alpha``."""

    c: float | None = None
    alpha: float | None = None

    def estimator(self) -> LogisticRegression | MLPClassifier:
        if self.alpha is not None:
            return MLPClassifier((HIDDEN_UNITS,), alpha=self.alpha, max_iter=300, random_state=0)
        return LogisticRegression(C=self.c, max_iter=4000, class_weight="balanced")

    def describe(self) -> str:
        if self.alpha is not None:
            return f"a perceptron with {HIDDEN_UNITS} rectified hidden units (L2 penalty {self.alpha:g})"
        return f"logistic regression (C = {self.c:g})"


CANDIDATES: tuple[Candidate, ...] = (
    *(Candidate(c=c) for c in CS),
    *(Candidate(alpha=alpha) for alpha in ALPHAS),
)
"""Every head tried; the one that finds the most positives out of fold at the budget wins."""


def head_from(fitted: LogisticRegression | MLPClassifier, space: str, threshold: float) -> SupportHead:
    """The shipped head of a fitted estimator, its ``threshold`` folded into the bias so that it fires
    at 0.5."""
    offset = math.log(threshold / (1 - threshold))
    if isinstance(fitted, MLPClassifier):
        # the weights as the head file holds them (half precision), so that every figure
        # measured here is the shipped head's
        hidden = HiddenLayer(
            fitted.coefs_[0].astype(np.float16).astype(np.float32), fitted.intercepts_[0].astype(np.float32)
        )
        weights = fitted.coefs_[1][:, 0].astype(np.float32)
        return SupportHead(space, weights, float(fitted.intercepts_[1][0]) - offset, hidden)
    return SupportHead(space, fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]) - offset)


@contextmanager
def fitting() -> Iterator[None]:
    """Fit with subnormal numbers flushed to zero (the CPU's FTZ and DAZ flags, on this thread) and
    the BLAS library on one thread, so that the BLAS work runs on this thread too. A perceptron's
    output saturates as it trains, and its products then fill with subnormal numbers, which the
    CPU computes many times slower: on the multilingual `dev` lines and the bank's other-platform
    negatives (18,384 rows) 100 iterations took 14 s and 200 took 233 s; with the flags 9 s and
    18 s (2026-12-07), and a fold of a 300-iteration fit no longer runs for minutes."""
    import daz  # the training extra: the runtime never fits

    daz.set_ftz()
    daz.set_daz()
    try:
        with one_blas_thread():
            yield
    finally:
        daz.unset_ftz()
        daz.unset_daz()


def out_of_fold(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.int_], folds: npt.NDArray[np.int_], candidate: Candidate
) -> _Floats:
    """Each line's probability from a head fitted without its fold."""
    found = np.zeros(len(y))
    with fitting():
        for fold in sorted(set(folds.tolist())):
            held = folds == fold
            clf = candidate.estimator().fit(x[~held], y[~held])
            found[held] = clf.predict_proba(x[held])[:, 1]
    return found


def threshold_for(probabilities: _Floats, quiet: npt.NDArray[np.bool_], max_false: float) -> float:
    """The lowest threshold at which at most ``max_false`` of the ``quiet`` lines fire."""
    ranked = np.sort(probabilities[quiet])[::-1]
    allowed = int(math.floor(max_false * len(ranked)))
    return float(min(0.9999, ranked[allowed] + 1e-6)) if allowed < len(ranked) else 0.5


@dataclass(frozen=True)
class FitRows:
    """What a head is fitted on: the ``dev`` lines' embeddings (then those of any other platforms'
    ordinary messages), whether each is a positive, its fold, whether it counts against the budget
    among the ``dev`` lines (``quiet``) and whether it is one of the other platforms' messages."""

    x: npt.NDArray[np.float32]
    y: npt.NDArray[np.int_]
    folds: npt.NDArray[np.int_]
    quiet: npt.NDArray[np.bool_]
    elsewhere: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Choice:
    """The head and threshold chosen (see the module docstring), the share of positives found out
    of fold at them and the head's out-of-fold probabilities."""

    recall: float
    candidate: Candidate
    threshold: float
    out_of_fold: _Floats


def fit_rows(
    x: npt.NDArray[np.float32],
    dev: Sequence[dict[str, Any]],
    positive: Callable[[dict[str, Any]], bool],
    quiet: Callable[[dict[str, Any]], bool],
    others: npt.NDArray[np.float32] | None = None,
) -> FitRows:
    """The rows of a fit: ``dev`` (embedded as ``x``) and ``others`` (none for a support head) as
    negatives, folded apart."""
    others = np.zeros((0, x.shape[1]), dtype=x.dtype) if others is None else others.astype(x.dtype)
    if len(others):
        log.info("%d ordinary messages of other platforms as negatives", len(others))
    return FitRows(
        x=np.concatenate([x, others]),
        y=np.array([int(positive(r)) for r in dev] + [0] * len(others)),
        folds=np.array(
            [childchat.fold_of(childchat.family_group(r)) for r in dev]
            + [i % childchat.FOLDS for i in range(len(others))]
        ),
        quiet=np.array([quiet(r) for r in dev] + [False] * len(others)),
        elsewhere=np.arange(len(dev) + len(others)) >= len(dev),
    )


def within_budget(fires: npt.NDArray[np.bool_], rows: FitRows, max_false: float) -> bool:
    """Whether at most ``max_false`` of the quiet lines (and of the other platforms' messages)
    fire: not so where a perceptron's probabilities saturate above the highest threshold
    :func:`threshold_for` gives."""
    shares = [fires[rows.quiet].mean()] + ([fires[rows.elsewhere].mean()] if rows.elsewhere.any() else [])
    return all(share <= max_false + 1e-9 for share in shares)


def choose(rows: FitRows, max_false: float, candidates: Sequence[Candidate] = CANDIDATES) -> Choice:
    """Per candidate head, the lowest threshold at which at most ``max_false`` of the quiet lines
    (and of the other platforms' messages, when there are any) fire out of fold; the candidate
    that then finds the most positives (the first of equals). A candidate that fires on more than
    that at the highest threshold is not chosen.

    Raises:
        ValueError: no candidate keeps to the budget.
    """
    best: Choice | None = None
    for candidate in candidates:
        oof = out_of_fold(rows.x, rows.y, rows.folds, candidate)
        threshold = threshold_for(oof, rows.quiet, max_false)
        if rows.elsewhere.any():
            threshold = max(threshold, threshold_for(oof, rows.elsewhere, max_false))
        recall = float((oof[rows.y == 1] >= threshold).mean())
        log.info("%s: threshold %.3f, out-of-fold found %.3f", candidate.describe(), threshold, recall)
        if not within_budget(oof >= threshold, rows, max_false):
            log.info(
                "%s: more than %.1f%% of the quiet lines fire at any threshold; not chosen",
                candidate.describe(),
                100 * max_false,
            )
            continue
        if best is None or recall > best.recall:
            best = Choice(recall, candidate, threshold, oof)
    if best is None:
        raise ValueError(f"no head fires on at most {max_false:.1%} of the quiet lines")
    return best


def out_of_fold_heads(choice: Choice, dev: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Each ``dev`` line's out-of-fold probability from the chosen head, by the line's text, with
    the chosen threshold folded in as the shipped head has it (it fires at 0.5): what
    ``policy_fit.py --head-oof`` gives the lines the head was fitted on instead of its own
    in-sample probabilities."""
    found = np.clip(choice.out_of_fold[: len(dev)], 1e-9, 1 - 1e-9)
    offset = math.log(choice.threshold / (1 - choice.threshold))
    folded = 1 / (1 + np.exp(-(np.log(found / (1 - found)) - offset)))
    return {row["text"]: float(p) for row, p in zip(dev, folded, strict=True)}


def shares(fires: npt.NDArray[np.bool_], rows: Sequence[dict[str, Any]], kind: HeadKind) -> dict[str, Any]:
    """How often the head fires per kind of line."""
    kinds: dict[str, npt.NDArray[np.bool_]] = {
        kind.name: np.array([POSITIVE[kind.name](r) for r in rows]),
        "harmful": np.array([bool(r["labels"]) for r in rows]),
        "benign": np.array([not r["labels"] for r in rows]),
        "benign_needing_no_support": np.array([not r["labels"] and not r["support"] for r in rows]),
    }
    return {
        kind: {
            "fired": int((fires & mask).sum()),
            "lines": int(mask.sum()),
            "share": round(float(fires[mask].mean()), 4),
        }
        for kind, mask in kinds.items()
        if mask.any()
    }


def quiet_description(kind: HeadKind) -> str:
    """What counts against a head's budget, for the model card."""
    if kind.support_only:
        return "the `dev` lines that need no support"
    if kind.settles:
        return "the harmful `dev` lines of the set the bundle is for"
    return "the ordinary `dev` lines of the set the bundle is for"


def quiet_lines(kind: HeadKind, multilingual: bool) -> Callable[[dict[str, Any]], bool]:
    """Whether a ``dev`` line counts against the budget of a head of ``kind`` (see the module
    docstring)."""

    def quiet(row: dict[str, Any]) -> bool:
        if kind.support_only:
            return not row["support"]
        own_set = childchat.language_of(row) != "en" if multilingual else True
        return own_set and bool(row["labels"]) == kind.settles

    return quiet


def other_platforms(bundle: ModelBundle, *, harmful: bool = False) -> npt.NDArray[np.float32]:
    """The bundle's example bank's ordinary messages from other platforms (class benign, not
    children's chat), as unit-length embeddings: game chat, tweets and forum posts in the bundle's
    languages. A harm head takes them as negatives and may fire on at most its budget of them out
    of fold, so that it does not read short or unfamiliar messages as harm ("everything" read as
    sexual by an English head fitted on the ``dev`` lines alone). With ``harmful``, the bank's
    harmful messages of other platforms instead: the ordinary head's negatives, so that it does not
    settle harm written the way other platforms write it."""
    bank = ExemplarBank.load(bundle.path / EXEMPLARS_FILE)
    keep = [
        i
        for i, (cls, source) in enumerate(zip(bank.classes, bank.sources, strict=True))
        if (cls != BENIGN) == harmful and not source.startswith(childchat.SOURCE_PREFIX)
    ]
    vectors = bank.vectors[keep].astype(np.float32)
    unit: npt.NDArray[np.float32] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit


def markers(kind: HeadKind) -> tuple[str, str]:
    """The model card's start and end markers of the ``kind`` head's section."""
    return f"<!-- {kind.name}:start -->", f"<!-- {kind.name}:end -->"


def card_section(report: dict[str, Any], command: str, kind: HeadKind) -> str:
    """The model card's section on the bundle's head of ``kind``."""
    test = report["test"]
    rows = [
        f"| {name.replace('_', ' ')} | {v['fired']} of {v['lines']} | {v['share']:.3f} |"
        for name, v in test.items()
    ]
    start, end = markers(kind)
    title = kind.name.replace("_", "-").capitalize()
    return "\n".join(
        [
            start,
            f"## {title} head",
            "",
            f"`safechat/model/support_heads/{head_file(report['name'], kind)}` is a head on this"
            f" bundle's sentence embedding that reads {WHAT[kind.name]}; its hit, `{kind.rule}`,"
            f" {EFFECT[kind.name]} (README, Safeguarding). It is fitted on the children's chat `dev`"
            f" lines; the head, {report['head']}, and the threshold {report['threshold']:.3f} were"
            " chosen among logistic regressions and perceptrons on out-of-fold `dev` lines (5 folds"
            " by topic family; at most"
            f" {report['max_false']:.1%} of {quiet_description(kind)} may fire"
            + (
                f", and of the {report['other_platform_negatives']:,}"
                f" {'harmful' if kind.settles else 'ordinary'} messages of other platforms"
                " in the bundle's example bank, negatives in its fit"
                if report["other_platform_negatives"]
                else ""
            )
            + "), where it found"
            f" {report['dev_out_of_fold_found']:.3f} of the lines it is for. On the `test` split (never"
            " fitted on), how often it fires:",
            "",
            "| lines | fired | share |",
            "|---|---|---|",
            *rows,
            "",
            "```",
            command,
            "```",
            end,
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", choices=[kind.name for kind in HEAD_KINDS], required=True)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--multilingual", action="store_true", help="the multilingual dev lines too")
    parser.add_argument("--max-false", type=float, help="default: MAX_FALSE of the kind")
    parser.add_argument("--out", type=Path, help="default: support_heads/<bundle name>.<kind>.json")
    parser.add_argument("--report", type=Path, help="write the chosen C, threshold and figures as JSON")
    parser.add_argument("--card", action="store_true", help="write the figures into the bundle's model card")
    parser.add_argument(
        "--oof",
        type=Path,
        help="write each dev line's out-of-fold probability (threshold folded in) for policy_fit --head-oof",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    kind = next(k for k in HEAD_KINDS if k.name == args.kind)
    max_false = MAX_FALSE[kind.name] if args.max_false is None else args.max_false
    positive = POSITIVE[kind.name]

    bundle = ModelBundle.load(args.bundle)
    model = OnnxScorer(bundle)
    if not model.embeds:
        raise SystemExit(f"{bundle.version} has no embedding output")
    sources = [childchat.DEVSET, *([childchat.MULTI_DEVSET] if args.multilingual else [])]
    dev = [r for source in sources for r in childchat.read(source, split="dev")]
    test = [r for source in sources for r in childchat.read(source, split="test")]
    rows = fit_rows(
        embed(model, dev),
        dev,
        positive,
        quiet_lines(kind, args.multilingual),
        None if kind.support_only else other_platforms(bundle, harmful=kind.settles),
    )
    log.info("%d dev lines, %d for the %s head", len(dev), int(rows.y.sum()), kind.name)
    choice = choose(rows, max_false)
    recall, threshold = choice.recall, choice.threshold
    with fitting():
        fitted = choice.candidate.estimator().fit(rows.x, rows.y)
    head = head_from(fitted, bundle.version, threshold)
    out = args.out or HEADS / head_file(bundle.manifest.name, kind)
    out.write_text(head.to_json() + "\n", "utf-8")
    described = choice.candidate.describe()
    log.info("wrote %s (%s, threshold %.3f folded into the bias)", out, described, threshold)

    test_fires = head.probabilities(embed(model, test)) >= 0.5
    report = {
        "bundle": bundle.version,
        "name": bundle.manifest.name,
        "kind": kind.name,
        "head": choice.candidate.describe(),
        "threshold": round(threshold, 4),
        "max_false": max_false,
        "dev_out_of_fold_found": round(recall, 4),
        "other_platform_negatives": int(rows.elsewhere.sum()),
        "test": shares(test_fires, test, kind),
    }
    log.info("test: %s", json.dumps(report["test"]))
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    if args.oof is not None:
        lines = out_of_fold_heads(choice, dev)
        oof = {"name": bundle.manifest.name, "bundle": bundle.version, "kind": kind.name, "lines": lines}
        args.oof.write_text(json.dumps(oof, ensure_ascii=False) + "\n", "utf-8")
        log.info("wrote %s (%d lines out of fold)", args.oof, len(lines))
    if args.card:
        command = (
            f"python -m models.training.train.support_head --kind {kind.name}"
            f" --bundle models/{bundle.manifest.name}"
        )
        command += " --multilingual --card" if args.multilingual else " --card"
        write_card_section(bundle.path / "MODEL_CARD.md", card_section(report, command, kind), *markers(kind))


if __name__ == "__main__":
    main()
