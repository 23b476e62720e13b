from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from safechat import Action, AgeBand, BundleError, Label, ModelBundle, Moderator
from safechat.model.bundle import default_bundle_path
from safechat.model.onnx_scorer import OnnxScorer

KIND = [
    "gg wp, see you tomorrow",
    "thanks for helping me with my homework",
    "see you at practice on saturday",
    "lol that was so funny",
]


def test_the_shipped_bundle_verifies() -> None:
    bundle = ModelBundle.load()
    assert bundle.manifest.labels == tuple(Label)
    assert set(bundle.manifest.files) >= {"model.onnx", "tokenizer.json", "calibration.json", "MODEL_CARD.md"}
    size = sum((bundle.path / name).stat().st_size for name in bundle.manifest.files)
    assert size <= 30 * 1024 * 1024


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_path(), target)
    return target


def test_a_corrupted_model_file_stops_loading(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    data = bytearray((target / "model.onnx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (target / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(BundleError, match="sha256 mismatch"):
        Moderator.load(bundle=target)


def test_a_missing_file_stops_loading(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    (target / "tokenizer.json").unlink()
    with pytest.raises(BundleError, match="missing"):
        ModelBundle.load(target)
    with pytest.raises(BundleError, match="no manifest"):
        ModelBundle.load(tmp_path / "nowhere")


def test_probabilities_are_calibrated_and_shaped() -> None:
    scorer = OnnxScorer(ModelBundle.load())
    probabilities = scorer.probabilities(["hello there", "you are a worthless idiot", ""])
    assert probabilities.shape == (3, 8)
    assert np.all((probabilities >= 0) & (probabilities <= 1))


def test_scores_do_not_depend_on_the_batch() -> None:
    """The shipped graph quantises per token: a message scores the same alone, padded beside
    longer messages, or anywhere in a batch."""
    texts = [
        "gg",
        "you are a worthless idiot and everyone in this server hates you, just leave",
        "what school do you go to?",
        "lol",
        "send me a pic",
        "i will find you",
        "we played football in the park and then went home for dinner " * 3,
    ] * 6
    alone = OnnxScorer(ModelBundle.load(), rows_per_run=1).logits(texts)
    batched = OnnxScorer(ModelBundle.load(), rows_per_run=32).logits(texts)
    shuffled = OnnxScorer(ModelBundle.load(), rows_per_run=5).logits(texts[::-1])[::-1]
    np.testing.assert_allclose(batched, alone, rtol=0, atol=1e-4)
    np.testing.assert_allclose(shuffled, alone, rtol=0, atol=1e-4)


def test_long_text_is_scored_over_windows_and_the_worst_counts() -> None:
    scorer = OnnxScorer(ModelBundle.load())
    text = "we played football in the park and then went home for dinner. " * 40 + "you are a worthless idiot"
    windows, owners = scorer._windows([text])
    assert len(windows) > 2 and set(owners.tolist()) == {0}
    assert all(len(w) <= scorer._window for w in windows)
    per_window, _ = scorer._run_bucketed(windows)
    np.testing.assert_allclose(scorer.logits([text])[0], per_window.max(axis=0), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("band", list(AgeBand))
def test_kind_messages_are_allowed_for_every_band(moderator: Moderator, band: AgeBand) -> None:
    for text in KIND:
        decision = moderator.moderate(text, age_band=band)
        assert decision.action is Action.ALLOW, (text, decision.reasons)


def test_kys_variants_give_one_decision(moderator: Moderator) -> None:
    decisions = [moderator.moderate(t, age_band="under_13") for t in ["kys", "k y s", "k.y.s", "k\u0443s"]]
    assert len({(d.action, d.labels) for d in decisions}) == 1
    assert decisions[0].action.severity >= Action.BLOCK.severity


@pytest.mark.parametrize(
    "evasion",
    [
        "<script>alert(1)</script> you are stupid lol",  # markup that diluted the insult to allow
        "<b>you are stupid lol</b>",
        "you are stuuuuupid lol",
        "you are st*pid lol",
    ],
)
def test_an_insult_dressed_up_is_decided_as_the_insult(moderator: Moderator, evasion: str) -> None:
    plain = moderator.moderate("you are stupid lol", age_band="under_13")
    dressed = moderator.moderate(evasion, age_band="under_13")
    assert plain.action.severity >= Action.BLOCK.severity
    assert dressed.action.severity >= plain.action.severity
    assert Label.BULLYING in dressed.labels


def test_an_image_request_with_a_leet_plural_is_seen_by_the_rule(moderator: Moderator) -> None:
    # "ph0t0$" was left "phot0$" by the normaliser (v4), so the image-request rule missed it
    decision = moderator.moderate("can u send me ph0t0$ of urself", age_band="under_13")
    assert decision.action is Action.ESCALATE
    assert any(r.code.startswith("rule.grooming.image_request") for r in decision.reasons)


def test_snap_handle_for_a_child_is_masked_with_a_span(moderator: Moderator) -> None:
    text = "add me on snap: lily_2013"
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.action is Action.MASK  # the README's first command: the handle hidden, delivered
    pii = [r for r in decision.reasons if r.label is Label.PII and r.span is not None]
    assert pii and text[pii[0].span.start : pii[0].span.end] == "lily_2013"  # type: ignore[union-attr]
    assert decision.masked_text == "add me on snap: *********"


def test_concurrent_use_matches_sequential_use(tmp_path: Path) -> None:
    """Four threads moderating at once through one moderator each get every decision, and the
    same decisions as one thread. The caches are off, so every call runs the model."""
    moderator = Moderator.load(cache_size=0, report_store=f"sqlite:///{tmp_path / 'reports.db'}")
    texts = [
        f"message {i}: " + t for i, t in enumerate(KIND * 5 + ["you are so dumb", "kys", "call 07700 900123"])
    ]
    expected = [(d.action, d.scores) for d in moderator.moderate_batch(texts)]
    workers = 4
    start = threading.Barrier(workers)

    def work(worker: int) -> list[tuple[Action, object]]:
        start.wait(timeout=120)  # all workers call the model at once (the timeout only stops a hang)
        return [(d.action, d.scores) for d in (moderator.moderate(t) for t in texts)]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(work, n) for n in range(workers)]
        results = [future.result() for future in futures]  # re-raises a worker's exception
    assert len(results) == workers
    assert all(score is not None for _, score in expected)
    for got in results:
        assert len(got) == len(texts)
        assert [a for a, _ in got] == [a for a, _ in expected]
        for (_, s1), (_, s2) in zip(got, expected, strict=True):
            assert np.allclose(list(s1.values()), list(s2.values()), atol=1e-4)  # type: ignore[attr-defined]
