"""A policy written over the file it was fitted from keeps the safety team's comments and order
(issue 28 item 7)."""

from __future__ import annotations

import sys
from pathlib import Path

from safechat import Review
from safechat.calibration.toml_writer import policy_to_toml
from safechat.policy.policy import Policy, default_policy_text
from safechat.types import AgeBand, Label

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TEAM_NOTES = (
    "# Our school's policy: reviewed by the safeguarding lead every term.\n",
    "# bullying: we act early for the youngest, see the lead's note of 3 March\n",
)


def _team_file() -> str:
    """The shipped policy with a safety team's own comments: one on top, one above a table, one
    at the end of a value's line."""
    text = TEAM_NOTES[0] + default_policy_text()
    text = text.replace(
        "[bands.under_13.labels.bullying]\n", TEAM_NOTES[1] + "[bands.under_13.labels.bullying]\n", 1
    )
    return text.replace('mask_char = "*"', 'mask_char = "*"  # the character our app shows', 1)


def _refit(policy: Policy) -> Policy:
    """What a fit does to a policy: thresholds move, a language threshold goes, a review comes."""
    under_13 = policy.band(AgeBand.UNDER_13)
    bullying = under_13.labels[Label.BULLYING].model_copy(update={"threshold": 0.4242})
    threat = under_13.labels[Label.THREAT].model_copy(
        update={"language_thresholds": {}, "language_high_thresholds": {}}
    )
    self_harm = under_13.labels[Label.SELF_HARM].model_copy(
        update={"review_threshold": 0.97, "review": Review.URGENT}
    )
    labels = {**under_13.labels, Label.BULLYING: bullying, Label.THREAT: threat, Label.SELF_HARM: self_harm}
    bands = {**policy.bands, AgeBand.UNDER_13: under_13.model_copy(update={"labels": labels})}
    return policy.model_copy(update={"bands": bands, "version": "ours-2"})


def test_a_commented_policy_keeps_its_comments_and_order_through_a_refit(tmp_path: Path) -> None:
    base = _team_file()
    fitted = _refit(Policy.from_mapping(tomllib.loads(base)))
    written = policy_to_toml(fitted, base=base)

    for note in TEAM_NOTES:
        assert note in written
    assert 'mask_char = "*"  # the character our app shows' in written
    assert "threshold = 0.4242" in written and 'version = "ours-2"' in written
    assert "review_threshold = 0.97" in written
    assert "[bands.under_13.labels.threat.language_thresholds]" not in written
    assert "[bands.under_13.labels.threat.language_high_thresholds]" not in written
    tables = [line for line in written.splitlines() if line.startswith("[")]
    base_tables = [line for line in base.splitlines() if line.startswith("[")]
    assert [t for t in base_tables if t in tables] == [t for t in tables if t in base_tables]

    path = tmp_path / "policy.toml"
    path.write_text(written, "utf-8")
    assert Policy.from_toml(path) == fitted


def test_writing_a_policy_over_its_own_file_changes_nothing() -> None:
    text = default_policy_text()
    assert policy_to_toml(Policy.default(), base=text) == text


def test_a_new_file_round_trips_without_a_base(tmp_path: Path) -> None:
    fitted = _refit(Policy.default())
    path = tmp_path / "policy.toml"
    path.write_text(policy_to_toml(fitted, header="fitted by a test"), "utf-8")
    assert path.read_text("utf-8").startswith("# fitted by a test\n")
    assert Policy.from_toml(path) == fitted


def test_the_shipped_policy_is_what_the_fit_writes() -> None:
    """policy_fit.py writes a new file from the policy and its header: the shipped file is exactly
    that, so a refit changes only what the fit changed."""
    from models.training.train.policy_fit import HEADER

    assert policy_to_toml(Policy.default(), header=HEADER) == default_policy_text()
