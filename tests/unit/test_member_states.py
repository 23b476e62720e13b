"""Help for every Council of Europe member state (issue 24, item 6): the data is held to an
independent list of the 46 states and their official languages. Every state has a helpline entry
with a source and a checked date (or an explicit ``unverified`` marker with no number), every
official language has a prompt file with every key of ``en.json``, every 116 111 entry has a
source, and the loader refuses data that breaks any of this."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from safechat.errors import PromptDataError
from safechat.policy.prompts import (
    COUNCIL_OF_EUROPE_MEMBER_STATES,
    DATA_PACKAGE,
    HARMONISED_NUMBER,
    PromptBook,
    _load_from,
)
from safechat.types import AgeBand, Label, Role

# The 46 member states (ISO 3166-1 alpha-2) and the languages official nationwide, written out
# here independently of helplines.json. Russia left the Council of Europe on 16 March 2022.
MEMBER_STATES: dict[str, tuple[str, ...]] = {
    "AL": ("sq",), "AD": ("ca",), "AM": ("hy",), "AT": ("de",), "AZ": ("az",),
    "BE": ("nl", "fr", "de"), "BA": ("bs", "hr", "sr"), "BG": ("bg",), "HR": ("hr",),
    "CY": ("el", "tr"), "CZ": ("cs",), "DK": ("da",), "EE": ("et",), "FI": ("fi", "sv"),
    "FR": ("fr",), "GE": ("ka",), "DE": ("de",), "GR": ("el",), "HU": ("hu",), "IS": ("is",),
    "IE": ("ga", "en"), "IT": ("it",), "LV": ("lv",), "LI": ("de",), "LT": ("lt",),
    "LU": ("lb", "fr", "de"), "MT": ("mt", "en"), "MD": ("ro",), "MC": ("fr",),
    "ME": ("cnr", "sr", "bs", "sq", "hr"), "NL": ("nl",), "MK": ("mk", "sq"), "NO": ("no",),
    "PL": ("pl",), "PT": ("pt",), "RO": ("ro",), "SM": ("it",), "RS": ("sr",), "SK": ("sk",),
    "SI": ("sl",), "ES": ("es",), "SE": ("sv",), "CH": ("de", "fr", "it", "rm"), "TR": ("tr",),
    "UA": ("uk",), "GB": ("en",),
}  # fmt: skip

# Countries for which no child helpline could be confirmed (the entry says so, with no number).
UNVERIFIED = {"MC", "SM"}


@pytest.fixture(scope="module")
def book() -> PromptBook:
    return PromptBook.load()


def _raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))
    return data


def _prompt_file(locale: str) -> dict[str, Any]:
    return _raw(f"prompts/{locale}.json")


def _key_paths(node: object, prefix: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _key_paths(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


def _entries_by_country() -> dict[str, list[dict[str, Any]]]:
    by_country: dict[str, list[dict[str, Any]]] = {}
    for entry in _raw("helplines.json")["helplines"]:
        by_country.setdefault(entry["country"], []).append(entry)
    return by_country


# --------------------------------------------------------------------------- the list itself


def test_the_list_has_46_member_states() -> None:
    assert len(MEMBER_STATES) == 46
    assert "RU" not in MEMBER_STATES
    assert set(COUNCIL_OF_EUROPE_MEMBER_STATES) == set(MEMBER_STATES)
    assert len(COUNCIL_OF_EUROPE_MEMBER_STATES) == 46


def test_the_data_lists_the_same_states_and_languages(book: PromptBook) -> None:
    states = _raw("helplines.json")["member_states"]["states"]
    assert {code: tuple(state["languages"]) for code, state in states.items()} == MEMBER_STATES
    assert dict(book.member_state_languages) == MEMBER_STATES
    assert all(state["name"].strip() for state in states.values())


# --------------------------------------------------------------------------- helplines


@pytest.mark.parametrize("country", sorted(MEMBER_STATES))
def test_every_member_state_has_a_sourced_and_dated_helpline(book: PromptBook, country: str) -> None:
    entries = _entries_by_country().get(country)
    assert entries, f"{country}: no helpline entry"
    for entry in entries:
        checked = datetime.date.fromisoformat(entry["checked"])
        assert checked >= book.helplines_checked
        if country in UNVERIFIED:
            assert entry.get("unverified") is True
            assert entry["phone"] is None, "never a number without a source"
            assert entry["note"].strip()
        else:
            assert not entry.get("unverified")
            assert "https://" in entry["source"] or "http://" in entry["source"]
            assert entry["phone"] and entry["name"].strip()
    line = book.helpline(country, "en")
    assert line.country == country
    assert (line.phone is None) == (country in UNVERIFIED)
    assert line.phone != HARMONISED_NUMBER or country not in UNVERIFIED


def test_the_new_entries_were_checked_today_and_the_file_date_is_the_oldest() -> None:
    raw = _raw("helplines.json")
    dates = [datetime.date.fromisoformat(e["checked"]) for e in [raw["default"], *raw["helplines"]]]
    assert datetime.date.fromisoformat(raw["checked"]) == min(dates)
    assert _entries_by_country()["AL"][0]["checked"] == "2026-12-05"
    assert _entries_by_country()["GB"][0]["checked"] == "2026-11-28"


def test_every_116_111_entry_has_a_source() -> None:
    raw = _raw("helplines.json")
    harmonised = [e for e in [raw["default"], *raw["helplines"]] if e["phone"] == HARMONISED_NUMBER]
    assert len(harmonised) >= 25
    for entry in harmonised:
        assert not entry.get("unverified"), entry["country"]
        assert "http" in entry["source"], entry["country"]


def test_unverified_countries_get_no_number_not_the_harmonised_one(book: PromptBook) -> None:
    assert set(book.unverified_helpline_countries) == UNVERIFIED
    for country in UNVERIFIED:
        prompt = book.render(
            label=Label.BULLYING,
            role=Role.RECIPIENT,
            age_band=AgeBand.UNDER_13,
            locale="fr",
            country=country,
        )
        assert prompt.helpline is not None
        assert prompt.helpline.country == country
        assert prompt.helpline.phone is None


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize("language", sorted({lang for langs in MEMBER_STATES.values() for lang in langs}))
def test_every_official_language_has_a_prompt_file_with_every_key(book: PromptBook, language: str) -> None:
    assert language in book.locales
    english = set(_key_paths(_prompt_file("en")))
    assert english
    assert set(_key_paths(_prompt_file(language))) == english


@pytest.mark.parametrize("locale", PromptBook.load().locales)
def test_every_prompt_file_has_every_key_of_english(locale: str) -> None:
    assert set(_key_paths(_prompt_file(locale))) == set(_key_paths(_prompt_file("en")))


@pytest.mark.parametrize(
    ("language", "country"), [(lang, c) for c, langs in MEMBER_STATES.items() for lang in langs]
)
def test_every_official_language_maps_to_a_member_state_with_a_helpline(
    book: PromptBook, language: str, country: str
) -> None:
    default = _raw("helplines.json")["locale_default_country"][language]
    assert default in MEMBER_STATES or default == "US"
    line = book.helpline(None, language)
    assert line.country == default
    regional = book.helpline(None, f"{language}-{country}")
    assert regional.country == country


@pytest.mark.parametrize("tag", ["nb", "nb-NO", "nn_NO", "no", "NO-no"])
def test_norwegian_tags_read_the_norwegian_file(book: PromptBook, tag: str) -> None:
    prompt = book.render(label=Label.PII, role=Role.SENDER, age_band=AgeBand.UNDER_13, locale=tag)
    assert prompt.locale == "no"
    assert prompt.helpline is not None and prompt.helpline.country == "NO"


def test_no_locale_claims_a_native_speaker_review(book: PromptBook) -> None:
    assert book.reviewed_locales == ()
    for locale in book.locales:
        review = _prompt_file(locale)["review"]
        assert review["native_speaker"] is False and review["reviewed_on"] is None
        assert review["note"].strip()


def test_the_readme_says_which_locales_are_reviewed(book: PromptBook) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "No prompt locale has been reviewed by a native speaker" in readme
    assert f"{len(book.locales)} locales" in readme


# --------------------------------------------------------------------------- malformed data


def _copy_data(dest: Path) -> Path:
    source = files(DATA_PACKAGE)
    (dest / "prompts").mkdir(parents=True)
    for name in ("prompt_options.json", "helplines.json"):
        (dest / name).write_text(source.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    for node in source.joinpath("prompts").iterdir():
        if node.name.endswith(".json"):
            (dest / "prompts" / node.name).write_text(node.read_text(encoding="utf-8"), encoding="utf-8")
    return dest


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _entry(data: dict[str, Any], country: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(e for e in data["helplines"] if e["country"] == country)
    return entry


def test_a_clean_copy_loads(tmp_path: Path) -> None:
    assert len(_load_from(_copy_data(tmp_path)).locales) == len(PromptBook.load().locales)


def test_a_missing_member_state_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: d["member_states"]["states"].pop("AM"))
    with pytest.raises(PromptDataError, match=r"missing member state AM"):
        _load_from(root)


def test_a_state_that_is_not_a_member_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "helplines.json",
        lambda d: d["member_states"]["states"].update(RU={"name": "R", "languages": ["ru"]}),
    )
    with pytest.raises(PromptDataError, match=r"RU is not a member state"):
        _load_from(root)


def test_a_member_state_without_a_helpline_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "helplines.json",
        lambda d: d.update(helplines=[h for h in d["helplines"] if h["country"] != "LT"]),
    )
    with pytest.raises(PromptDataError, match=r"missing country LT"):
        _load_from(root)


def test_an_official_language_without_a_prompt_file_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "prompts" / "ka.json").unlink()
    with pytest.raises(
        PromptDataError,
        match=r"prompts/ka\.json: file is missing \(an official language of member state GE\)",
    ):
        _load_from(root)


def test_a_prompt_file_missing_a_key_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "hy.json", lambda d: d["self_harm_urgent"].pop("child"))
    with pytest.raises(PromptDataError, match=r"prompts/hy\.json.*missing key 'self_harm_urgent\.child'"):
        _load_from(root)


def test_an_unverified_entry_with_a_number_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "MC").update(phone=HARMONISED_NUMBER))
    with pytest.raises(PromptDataError, match=r"\(MC\): an unverified entry must not name a phone number"):
        _load_from(root)


def test_an_unverified_entry_without_a_note_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "SM").pop("note"))
    with pytest.raises(PromptDataError, match=r"\(SM\): an unverified entry needs a note"):
        _load_from(root)


def test_the_harmonised_number_without_a_source_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "EE").update(source=None))
    with pytest.raises(PromptDataError) as caught:
        _load_from(root)
    assert "(EE): source must name the page" in str(caught.value)
    assert f"(EE): {HARMONISED_NUMBER} needs a source" in str(caught.value)


def test_a_source_that_names_no_page_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "BA").update(source="a news article"))
    with pytest.raises(PromptDataError, match=r"\(BA\): source must name the page"):
        _load_from(root)


def test_an_entry_without_a_checked_date_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "HU").pop("checked"))
    with pytest.raises(PromptDataError, match=r"missing key 'helplines\.\d+\.checked'"):
        _load_from(root)


def test_an_entry_older_than_the_file_date_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: _entry(d, "LV").update(checked="2020-01-01"))
    with pytest.raises(PromptDataError) as caught:
        _load_from(root)
    assert "(LV): checked 2020-01-01 is older than the file's checked" in str(caught.value)
    assert "checked must be the oldest entry's checked date, 2020-01-01" in str(caught.value)


def test_a_review_claim_needs_its_date(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "sv.json", lambda d: d["review"].update(native_speaker=True))
    with pytest.raises(PromptDataError, match=r"prompts/sv\.json: review: give reviewed_on"):
        _load_from(root)


def test_a_dated_review_is_reported(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "prompts" / "sv.json",
        lambda d: d["review"].update(native_speaker=True, reviewed_on="2026-12-01"),
    )
    assert _load_from(root).reviewed_locales == ("sv",)
