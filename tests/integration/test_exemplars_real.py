"""Example banks with the real shipped bundle: the default policy's banks, a safety team's own
bank through ``safechat exemplars``, and teaching a new phrasing without retraining."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from safechat import Moderator
from safechat.errors import ExemplarBankError
from safechat.exemplars import ExemplarBank
from safechat.model.bundle import ModelBundle
from safechat.model.onnx_scorer import OnnxScorer
from safechat.policy.policy import ExemplarSettings, Policy
from safechat.types import Label, ReasonSource

ROOT = Path(__file__).resolve().parents[2]
NEW_PHRASING = ROOT / "tests" / "data" / "new_phrasing.jsonl"
SAFECHAT = [sys.executable, "-m", "safechat.cli.main"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SAFECHAT, *args], input=stdin, capture_output=True, text=True, timeout=180, check=False
    )


def _policy_with(tmp_path: Path, banks: list[str]) -> Path:
    from safechat.calibration.toml_writer import policy_to_toml

    policy = Policy.default().model_copy(update={"exemplars": ExemplarSettings(banks=tuple(banks))})
    path = tmp_path / "policy.toml"
    path.write_text(policy_to_toml(policy), "utf-8")
    return path


def test_the_default_policy_uses_the_bundled_banks(moderator: Moderator) -> None:
    bundle = ModelBundle.load()
    own = ExemplarBank.load(bundle.path / "exemplars.npz")
    assert moderator.policy.exemplars.banks == ("bundled:safechat-en-minilm",)
    assert moderator.policy_version.startswith(f"{moderator.policy.version}+banks.")
    decision = moderator.moderate("you are so ugly nobody in this class even likes you", age_band="13_15")
    model_reasons = [r for r in decision.reasons if r.source is ReasonSource.MODEL]
    assert model_reasons, decision.reasons
    for reason in model_reasons:
        assert reason.exemplar in own.ids  # an id from the bank, never its text
    assert decision.scores is not None and {m.label for m in decision.scores.matches} == set(Label)
    assert decision.policy_version == moderator.policy_version


def test_bundled_names_whose_bank_takes_part(tmp_path: Path, moderator: Moderator) -> None:
    french = "tu es vraiment nul, personne ne veut de toi ici"
    default = moderator.moderate(french)
    assert default.model_version.startswith("safechat-multi-e5")
    assert default.scores is not None and default.scores.matches == ()  # the default: English bank only
    every = Moderator.load(policy=_policy_with(tmp_path, ["bundled"]))
    decision = every.moderate(french)
    assert decision.scores is not None and decision.scores.matches
    assert all(m.exemplar_id for m in decision.scores.matches)


def test_without_banks_the_scores_are_the_model_alone(tmp_path: Path) -> None:
    alone = Moderator.load(policy=_policy_with(tmp_path, []), routing="single")
    assert "+banks" not in alone.policy_version
    text = "ur such a loser lol"
    decision = alone.moderate(text)
    assert decision.scores is not None and decision.scores.matches == ()
    expected = OnnxScorer(ModelBundle.load()).probabilities([text])[0]
    assert np.allclose([decision.scores[label] for label in Label], expected, atol=1e-6)


def test_a_bank_embedded_by_another_bundle_is_refused(tmp_path: Path) -> None:
    ExemplarBank.empty("some-other-model 9.9", 384).save(tmp_path / "foreign.npz")
    with pytest.raises(ExemplarBankError, match="some-other-model 9.9"):
        Moderator.load(policy=_policy_with(tmp_path, ["bundled", "foreign.npz"]), routing="single")


def test_exemplars_add_list_remove(tmp_path: Path) -> None:
    bank = tmp_path / "team.npz"
    lines = [
        {"id": "t-1", "text": "the sweater treatment is coming for u", "label": "threat"},
        {"text": "gg everyone see u tomorrow", "label": "benign"},
    ]
    added = run("exemplars", "add", "--bank", str(bank), stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert added.returncode == 0, added.stderr
    listed = run("exemplars", "list", "--bank", str(bank), "--json")
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["class"] for r in records] == ["threat", "benign"] and records[0]["id"] == "t-1"
    assert records[1]["id"].startswith("team:")
    assert "sweater" not in listed.stdout + listed.stderr  # listing never shows text

    bad = [{"text": "x", "label": "nonsense"}, {"label": "threat"}, {"text": "fine", "label": "hate"}]
    refused = run("exemplars", "add", "--bank", str(bank), stdin="".join(json.dumps(x) + "\n" for x in bad))
    assert refused.returncode == 1 and "line 1" in refused.stderr and "line 2" in refused.stderr
    assert len(ExemplarBank.load(bank)) == 2  # all or nothing

    removed = run("exemplars", "remove", "--bank", str(bank), "t-1")
    assert removed.returncode == 0, removed.stderr
    assert ExemplarBank.load(bank).ids == (records[1]["id"],)
    missing = run("exemplars", "remove", "--bank", str(bank), "t-404")
    assert missing.returncode == 1 and "t-404" in missing.stderr


def _scores(moderator: Moderator, texts: list[str], label: Label) -> np.ndarray:
    decisions = moderator.moderate_batch(texts, age_band="13_15")
    return np.array([d.scores[label] if d.scores is not None else np.nan for d in decisions])


def _team_policy(tmp_path: Path, threshold: float) -> Path:
    """The default policy with a team bank and the threat threshold a team might pick."""
    from safechat.calibration.toml_writer import policy_to_toml

    policy = Policy.default()
    bands = {}
    for band, rules in policy.bands.items():
        threat = rules.labels[Label.THREAT].model_copy(update={"threshold": threshold, "high_threshold": 0.9})
        bands[band] = rules.model_copy(update={"labels": {**rules.labels, Label.THREAT: threat}})
    policy = policy.model_copy(
        update={"bands": bands, "exemplars": ExemplarSettings(banks=("bundled", "team.npz"))}
    )
    path = tmp_path / "team-policy.toml"
    path.write_text(policy_to_toml(policy), "utf-8")
    return path


def test_twenty_examples_teach_a_new_phrasing_without_retraining(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in NEW_PHRASING.read_text("utf-8").splitlines()]
    teach = [r for r in rows if r["split"] == "add"]
    unseen = [r["text"] for r in rows if r["split"] == "unseen"]
    controls = [r["text"] for r in rows if r["split"] == "control"]
    assert len(teach) == 20 and not {r["text"] for r in teach} & set(unseen)
    label = Label(teach[0]["label"])

    bank = tmp_path / "team.npz"
    added = run("exemplars", "add", "--bank", str(bank), stdin="".join(json.dumps(r) + "\n" for r in teach))
    assert added.returncode == 0, added.stderr
    before = Moderator.load(policy=_policy_with(tmp_path, ["bundled"]), routing="single")
    after = Moderator.load(policy=_policy_with(tmp_path, ["bundled", "team.npz"]), routing="single")
    assert after.policy_version != before.policy_version  # the bank counts in the policy version

    # the unseen paraphrases move towards the label; the look-alikes do not
    rise = _scores(after, unseen, label) / _scores(before, unseen, label)
    assert np.median(rise) >= 1.4, rise
    assert np.allclose(_scores(after, controls, label), _scores(before, controls, label), atol=0.05)

    # at a threshold the team sets between the look-alikes and the paraphrases, the examples raise
    # recall on the unseen paraphrases (without them the model alone misses the new phrasing)
    bank.rename(tmp_path / "held.npz")
    ExemplarBank.empty(ExemplarBank.load(tmp_path / "held.npz").space, 384).save(bank)
    team_before = Moderator.load(policy=_team_policy(tmp_path, 0.15), routing="single")
    no_examples = [d.action.severity >= 3 for d in team_before.moderate_batch(unseen, age_band="13_15")]
    (tmp_path / "held.npz").replace(bank)
    team_after = Moderator.load(policy=_team_policy(tmp_path, 0.15), routing="single")
    with_examples = [d.action.severity >= 3 for d in team_after.moderate_batch(unseen, age_band="13_15")]
    looks = [d.action.severity >= 3 for d in team_after.moderate_batch(controls, age_band="13_15")]
    assert np.mean(with_examples) >= np.mean(no_examples) + 0.25, (no_examples, with_examples)
    assert np.mean(looks) <= 1 / len(controls) + 1e-9
    caught = [text for text, acted in zip(unseen, with_examples, strict=True) if acted]
    cited = team_after.moderate_batch(caught, age_band="13_15")
    assert any(
        r.exemplar and r.exemplar.startswith("threat-") for d in cited for r in d.reasons if r.label is label
    )
