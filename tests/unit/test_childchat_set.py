"""The children's chat development set (devsets/childchat-en): valid lines, a test split that
no fit can reach, and the dev split shared between the model and the fits without overlap."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from models.training.common.rows import dedup_key
from models.training.data import childchat

ROWS = childchat.read()


def test_every_line_validates_and_ids_are_unique() -> None:
    for row in ROWS:
        childchat.check_line(row)
    assert len(ROWS) >= 3000
    assert len({row["id"] for row in ROWS}) == len(ROWS)


def test_the_split_is_by_family_and_no_text_crosses_it() -> None:
    assert {row["split"] for row in ROWS} == {"dev", "test"}
    by_family = {(row["family"], row["split"]) for row in ROWS}
    assert len({family for family, _ in by_family}) == len(by_family), "a family on both sides"
    assert childchat.split_families(ROWS) == {("en", row["family"]): row["split"] for row in ROWS}
    dev = {dedup_key(row["text"]) for row in ROWS if row["split"] == "dev"}
    test = {dedup_key(row["text"]) for row in ROWS if row["split"] == "test"}
    assert not dev & test


def test_benign_lines_are_at_least_as_many_as_harmful_ones() -> None:
    kinds = Counter(bool(row["labels"]) for row in ROWS)
    assert kinds[False] >= kinds[True]


def test_model_rows_and_fitting_lines_share_out_the_dev_split_by_family() -> None:
    dev = [row for row in ROWS if row["split"] == "dev"]
    trains = [row for row in dev if childchat.trains_model(row)]
    fits = [row for row in dev if childchat.is_fitting_line(row, finetuned=True)]
    assert len(trains) + len(fits) == len(dev)
    assert trains and fits
    assert not {row["family"] for row in trains} & {row["family"] for row in fits}
    assert not any(
        childchat.trains_model(row)
        or childchat.is_fitting_line(row)
        or childchat.is_fitting_line(row, finetuned=True)
        for row in ROWS
        if row["split"] == "test"
    )


def test_a_model_never_fine_tuned_on_children_s_chat_is_fitted_on_every_dev_line() -> None:
    dev = [row for row in ROWS if row["split"] == "dev"]
    assert all(childchat.is_fitting_line(row) for row in dev)


def test_model_rows_know_every_label() -> None:
    rows = childchat.model_rows()
    assert len(rows) == sum(childchat.trains_model(row) for row in ROWS)
    assert all(set(row.labels) == set(childchat.LABELS) for row in rows)
    assert any(any(row.labels.values()) for row in rows) and any(not any(row.labels.values()) for row in rows)


@pytest.mark.parametrize("group", ["childchat:a", "en:olid:1", ""])
def test_fold_of_is_stable_and_in_range(group: str) -> None:
    assert childchat.fold_of(group) == childchat.fold_of(group)
    assert 0 <= childchat.fold_of(group) < childchat.FOLDS


MULTI = childchat.read(childchat.MULTI_DEVSET)
LANGUAGES = ("de", "es", "fr", "it", "nl", "pl", "pt", "uk")


def test_the_multilingual_set_has_every_language_with_enough_lines() -> None:
    for row in MULTI:
        childchat.check_line(row)
        assert row["id"].startswith(f"cc-{childchat.language_of(row)}-")
    assert len({row["id"] for row in MULTI}) == len(MULTI)
    counts = Counter(childchat.language_of(row) for row in MULTI)
    assert set(counts) == set(LANGUAGES)
    assert min(counts.values()) >= 400


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_family_split_with_every_label_on_both_sides(language: str) -> None:
    rows = childchat.read(childchat.MULTI_DEVSET, language=language)
    split = childchat.split_families(rows)
    assert all(split[language, row["family"]] == row["split"] for row in rows)
    dev = {dedup_key(row["text"]) for row in rows if row["split"] == "dev"}
    test = {dedup_key(row["text"]) for row in rows if row["split"] == "test"}
    assert not dev & test
    for side in ("dev", "test"):
        labels = {label for row in rows if row["split"] == side for label in row["labels"]}
        assert labels == set(childchat.LABELS), (side, set(childchat.LABELS) - labels)


def test_multilingual_lines_keep_their_locale_for_eval() -> None:
    lines = childchat.eval_lines(childchat.read(childchat.MULTI_DEVSET, split="test", language="pt"))
    assert {line["locale"] for line in lines} == {"pt-PT", "pt-BR"}
    assert all("locale" not in line for line in childchat.eval_lines(ROWS[:5]))


@pytest.mark.parametrize("rows", [ROWS, MULTI], ids=["en", "multi"])
def test_a_child_writing_of_self_harm_always_needs_support(rows: list[dict[str, object]]) -> None:
    writers = [row for row in rows if "self_harm" in row["labels"]]  # type: ignore[operator]
    assert writers and all(row["support"] and row["role"] == "child" for row in writers)


def _batch_line(
    text: str, family: str = "benign.trash_talk.squad_b8", locale: str | None = "pl"
) -> dict[str, object]:
    line: dict[str, object] = {
        "text": text,
        "labels": [],
        "needs": {band: "allow" for band in childchat.BANDS},
        "support": False,
        "role": "peer",
        "family": family,
        "form": "trash_talk",
    }
    if locale is not None:
        line["locale"] = locale
    return line


def _part(tmp_path: Path, lines: list[dict[str, object]]) -> Path:
    path = tmp_path / "part.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    return path


def test_append_numbers_a_dev_only_batch_after_the_set_and_drops_duplicates(tmp_path: Path) -> None:
    existing = [row for row in MULTI if childchat.language_of(row) in ("pl", "uk")]
    last_pl = max(int(row["id"].rsplit("-", 1)[1]) for row in existing if row["id"].startswith("cc-pl-"))
    known = next(row["text"] for row in existing if row["id"].startswith("cc-uk-"))
    lines = [
        _batch_line("gramy jeszcze raz? tym razem nie stoj w krzakach xd"),
        _batch_line("GRAMY jeszcze  raz? tym razem nie stoj w krzakach xd"),  # the same model text
        _batch_line(known, locale="uk"),  # already in the set
        _batch_line("nowa linia od kogos innego", family="benign.game_chat.lobby_b8"),
        _batch_line("hello again", family="benign.game_chat.lobby_b8", locale=None),
    ]
    batch = childchat.append(existing, [_part(tmp_path, lines)], against=["hello again"])
    assert batch.duplicates == 3
    assert [row["id"] for row in batch.rows] == [f"cc-pl-{last_pl + 1:05d}", f"cc-pl-{last_pl + 2:05d}"]
    assert all(row["split"] == "dev" and row["locale"] == "pl" for row in batch.rows)
    assert list(batch.rows[0]) == [*childchat.FIELDS[:-1], "locale", "split"]


def test_append_refuses_a_family_outside_a_dev_only_batch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="part.jsonl line 1: family must end with"):
        childchat.append(MULTI, [_part(tmp_path, [_batch_line("x y z", family="benign.trash_talk.squad")])])
