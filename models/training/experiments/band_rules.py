"""What each rule entry of a younger band would do for an older one, on held-out children's chat.

For every rule whose entry in ``--bands`` differs from the ``--from-band`` entry, the rule alone is
given the younger band's entry and the children's chat ``dev`` lines are decided again (the
engine's own decision, :func:`safechat.calibration.needs_fit.outcome`'s rule), on lines scored as a
new message would be:

- English: the cases of ``policy_fit`` (:func:`models.training.train.policy_fit.english_cases`):
  each fold of topic families scored with the bank and the weights fitted without it (``--folds``,
  an ``exemplars.py --work`` folder), and a sample of the cross-source validation sets;
- the eight other languages: scored by the multilingual model alone (the default policy does not
  name its bank; the model never trained on a children's chat line).

It prints, per rule, the harmful lines newly given what they need and the ordinary lines newly
given an action (children's chat, and the validation sets' ordinary lines), English and the eight
languages apart. With ``--corroboration LABEL:BY:THRESHOLD`` (repeatable) it also tries, in each
of ``--bands``, LABEL's score escalating when BY's score reaches THRESHOLD. The cases are kept in
``--work`` (``--reuse``: read from there). As in ``policy_fit``, the children's chat lines' cases
hold the rules' hits, not the heads' (every head was fitted on those lines; experiments/README.md,
"The policy fit without the heads' hits"): a rule a head also reads can look more useful here than
it is.

    python -m models.training.train.exemplars --data ../shared/data \\
        --bundle COPY_OF_models/safechat-en-minilm --work ../artifacts/exemplars --version 0.5.0
    python -m models.training.experiments.band_rules --data ../shared/data \\
        --folds ../artifacts/exemplars --work ../artifacts/band-rules --bands 16_17 adult \\
        --corroboration sexual:grooming:0.5 --corroboration pii:grooming:0.5
"""

from __future__ import annotations

import argparse
import logging
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safechat.calibration.needs_fit import Case
    from safechat.policy.policy import BandPolicy, Policy
    from safechat.types import AgeBand

Counts = tuple[int, int, int]
"""Harmful children's chat lines served, ordinary children's chat lines flagged, ordinary
validation lines flagged."""


def counts(band: BandPolicy, cases: Sequence[Case]) -> Counts:
    """What ``band`` does on ``cases`` (all of one band)."""
    from safechat.calibration.needs_fit import _served

    served = flagged = validation_flagged = 0
    for case in cases:
        if case.source == "childchat" and case.harmful:
            served += _served(band, case)
        elif case.source == "childchat" and case.benign:
            flagged += _served(band, case)
        elif case.benign:
            validation_flagged += _served(band, case)
    return served, flagged, validation_flagged


def multilingual_cases(policy: Policy, data: Path, work: Path) -> list[Case]:
    """The multilingual children's chat ``dev`` lines and each language's ordinary validation
    messages, every band, scored by the multilingual model alone."""
    from models.training.data import childchat
    from models.training.train.policy_fit import language_validation_lines, model_alone_cases
    from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, ModelBundle, shipped_bundle_path
    from safechat.model.onnx_scorer import OnnxScorer

    where = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
    if where is None:
        raise SystemExit(f"{MULTILINGUAL_BUNDLE_NAME} is not installed")
    model = OnnxScorer(ModelBundle.load(where))
    dev = childchat.read(childchat.MULTI_DEVSET, split="dev")
    cases: list[Case] = []
    for language in sorted({childchat.language_of(r) for r in dev}):
        rows = [r for r in dev if childchat.language_of(r) == language]
        cases += model_alone_cases(model, rows, policy, work, f"dev-{language}")
        for source, lines in language_validation_lines(data, language).items():
            cases += model_alone_cases(model, lines, policy, work, f"validation-{source}", source=source)
    return cases


def _groups(english: list[Case], multi: list[Case], band: AgeBand) -> list[list[Case]]:
    """``band``'s cases, English and the eight languages apart."""
    return [[c for c in english if c.band == band], [c for c in multi if c.band == band]]


def _changes(base: list[Counts], changed: BandPolicy, groups: list[list[Case]]) -> str:
    """The change in :data:`Counts` from ``base`` (each group's counts) to ``changed``."""
    english, other = (
        [after - before for after, before in zip(counts(changed, group), counted, strict=True)]
        for group, counted in zip(groups, base, strict=True)
    )
    return (
        f"English {english[0]:+4d} {english[1]:+3d} {english[2]:+3d}"
        f" | other languages {other[0]:+4d} {other[1]:+3d} {other[2]:+3d}"
    )


def scan(
    policy: Policy, english: list[Case], multi: list[Case], from_band: str, bands: list[str]
) -> list[str]:
    """One line per rule whose entry differs: the change in :data:`Counts`, English and the eight
    languages apart, when the rule alone takes ``from_band``'s entry."""
    from safechat.types import AgeBand

    source = policy.bands[AgeBand(from_band)]
    out: list[str] = []
    for name in bands:
        band = AgeBand(name)
        mine = policy.bands[band]
        groups = _groups(english, multi, band)
        base = [counts(mine, g) for g in groups]
        out.append(f"{name}: English {base[0]}, other languages {base[1]} (served, flagged, validation)")
        for rule, entry in source.rules.items():
            if mine.rules.get(rule) != entry:
                changed = mine.model_copy(update={"rules": {**mine.rules, rule: entry}})
                out.append(f"  {rule:26s} {_changes(base, changed, groups)}")
    return out


def corroborations(
    policy: Policy, english: list[Case], multi: list[Case], tries: list[str], bands: list[str]
) -> list[str]:
    """One line per ``LABEL:BY:THRESHOLD`` and band: the change in :data:`Counts` when LABEL's
    score escalates once BY's score reaches THRESHOLD (LABEL's own thresholds unchanged)."""
    from safechat.types import Action, AgeBand, Label

    out: list[str] = []
    for spec in tries:
        label, by, threshold = spec.split(":")
        for name in bands:
            band = AgeBand(name)
            mine = policy.bands[band]
            entry = mine.labels[Label(label)].model_copy(
                update={
                    "corroborated_action": Action.ESCALATE,
                    "corroborating_label": Label(by),
                    "corroborating_threshold": float(threshold),
                }
            )
            changed = mine.model_copy(update={"labels": {**mine.labels, Label(label): entry}})
            groups = _groups(english, multi, band)
            out.append(f"{name} {spec:26s} {_changes([counts(mine, g) for g in groups], changed, groups)}")
    return out


def main(argv: list[str] | None = None) -> None:
    from models.training.train.policy_fit import english_cases
    from safechat.policy.policy import Policy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--folds", type=Path, required=True, help="exemplars.py's --work folder")
    parser.add_argument("--work", type=Path, required=True, help="folder for the scored cases")
    parser.add_argument("--policy", type=Path, help="the policy to read (default: the shipped one)")
    parser.add_argument("--from-band", default="13_15", help="the band whose entries are tried")
    parser.add_argument("--bands", nargs="+", default=["16_17", "adult"], help="the bands to try them in")
    parser.add_argument(
        "--corroboration",
        action="append",
        default=[],
        metavar="LABEL:BY:THRESHOLD",
        help="also try LABEL escalating when BY's score reaches THRESHOLD",
    )
    parser.add_argument("--reuse", action="store_true", help="read the cases of an earlier run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    policy = Policy.from_toml(args.policy) if args.policy else Policy.default()
    english = english_cases(policy, args.data, args.folds, args.work, reuse=args.reuse)
    cache = args.work / "multilingual-cases.pkl"
    if args.reuse and cache.is_file():
        with cache.open("rb") as handle:
            multi: list[Case] = pickle.load(handle)
    else:
        multi = multilingual_cases(policy, args.data, args.work)
        with cache.open("wb") as handle:
            pickle.dump(multi, handle)
    print("\n".join(scan(policy, english, multi, args.from_band, args.bands)))
    print("\n".join(corroborations(policy, english, multi, args.corroboration, args.bands)))


if __name__ == "__main__":
    main()
