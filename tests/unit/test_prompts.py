"""Child-facing prompts and helplines: every combination renders, texts follow the content rules,
locale tags fall back sensibly, and malformed data files are refused with the key that is wrong."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from safechat.errors import InvalidInputError, PromptDataError
from safechat.policy.prompts import (
    DATA_PACKAGE,
    HARMONISED_NUMBER,
    MAX_PROMPT_CHARS,
    REQUIRED_HELPLINE_COUNTRIES,
    PromptBook,
    _Captions,
    _LabelOptions,
    _LabelTexts,
    _load_from,
    _Rules,
)
from safechat.types import AgeBand, Label, PromptOption, Role

LOCALES = (
    "en", "fr", "de", "es", "it", "pl", "pt", "nl", "da", "el", "tr", "ro", "uk",
    "sq", "ca", "hy", "az", "bs", "bg", "hr", "cs", "et", "fi", "ka", "hu", "is", "ga", "lv",
    "lt", "lb", "mt", "cnr", "mk", "no", "sr", "sk", "sl", "sv", "rm",
)  # fmt: skip
TEEN_BANDS = (AgeBand.AGE_13_15, AgeBand.AGE_16_17, AgeBand.ADULT)

# Words of punishment that must never appear in what a child who wrote about self-harm sees.
PUNISHMENT = {
    "en": (
        "block",
        "banned",
        "punish",
        "rule",
        "broke",
        "not allowed",
        "removed",
        "violat",
        "report",
    ),
    "fr": ("bloqu", "interdit", "sanction", "puni", "enfrein", "règle", "supprim", "signal"),
    "de": (
        "blockiert",
        "gesperrt",
        "verboten",
        "strafe",
        "bestraf",
        "regel",
        "verstößt",
        "gemeldet",
    ),
    "es": ("bloquead", "prohibid", "castig", "sanci", "infring", "incumpl", "regla", "report"),
    "it": ("bloccat", "vietat", "punit", "punizion", "sanzion", "viola", "regola", "segnal"),
    "pl": ("zablokow", "zakaz", "kara", "ukara", "łamie", "zasad", "regulamin", "zgłos"),
    "pt": ("bloque", "proibid", "castig", "puni", "sanç", "regra", "quebr", "infring", "denunci", "remov"),
    "nl": ("blokk", "verboden", "straf", "regel", "overtre", "rapport", "gemeld", "verwijder"),
    "da": ("bloker", "forbud", "straf", "regel", "bryder", "anmeld", "fjern", "udeluk"),
    "el": ("μπλοκ", "αποκλεισ", "απαγορ", "τιμωρ", "ποιν", "κανόν", "κανον", "παραβ", "αναφορ", "διαγρα"),
    "tr": ("engel", "yasak", "ceza", "kural", "çiğn", "ihlal", "şikâyet", "şikayet", "silin"),
    "ro": ("bloc", "interzis", "pedeaps", "sancți", "regul", "încalc", "raport", "șters", "elimin"),
    "uk": ("заблок", "заборон", "покара", "штраф", "правил", "поруш", "скарг", "поскарж", "видал"),
    "sv": ("blocker", "spärr", "förbjud", "straff", "regel", "bryter", "anmäl", "ta bort"),
    "no": ("blokker", "utestengt", "forbud", "straff", "regel", "bryter", "rapporter", "fjern"),
    "fi": ("estä", "kiell", "rangai", "sääntö", "rikko", "ilmoit", "poist"),
    "is": ("loka á", "bann", "refs", "regl", "brot", "tilkynn", "fjarlæg"),
    "et": ("blokee", "keela", "karist", "reegl", "riku", "teata", "eemalda"),
    "cs": ("zablok", "zakáz", "trest", "pravidl", "poruš", "nahlá", "smaž"),
    "sk": ("zablok", "zakáz", "trest", "pravidl", "poruš", "nahlás", "vymaž"),
    "sl": ("blokir", "prepoved", "kazn", "pravil", "krši", "prijav", "odstran"),
    "hr": ("blokir", "zabran", "kazn", "pravil", "krši", "prijav", "ukloni", "makni"),
    "bs": ("blokir", "zabran", "kazn", "pravil", "krši", "prijav", "ukloni", "makni"),
    "cnr": ("blokir", "zabran", "kazn", "pravil", "krši", "prijav", "ukloni", "makni"),
    "sr": ("блокир", "забран", "казн", "правил", "крши", "пријав", "уклони"),
    "bg": ("блокир", "забран", "наказ", "правил", "наруш", "доклад", "махни"),
    "mk": ("блокир", "забран", "казн", "правил", "крши", "пријав", "тргни"),
    "hu": ("letilt", "tilt", "büntet", "szabály", "megszeg", "jelent", "törl"),
    "lv": ("bloķ", "aizliegt", "sod", "noteikum", "pārkāp", "ziņo", "izņem"),
    "lt": ("blok", "draudž", "baud", "taisykl", "pažeid", "praneš", "ištrin"),
    "ca": ("bloqu", "prohibi", "càstig", "castig", "norma", "trenca", "denunci", "treu"),
    "sq": ("blloko", "ndalu", "dënim", "rregull", "shkel", "raport", "hiq"),
    "ga": ("blocáil", "cosc", "pionós", "riail", "bris", "tuairisc", "bain"),
    "mt": ("imblokk", "projbit", "kastig", "regola", "kiser", "jikser", "irrapport", "neħħi"),
    "lb": ("blockéier", "verbued", "strof", "regel", "brécht", "mell", "ewech"),
    "rm": ("blocc", "scumond", "chasti", "regla", "rump", "annunzi", "stizz"),
    "az": ("blokla", "qadağ", "cəza", "qayda", "poz", "şikayət", "sil"),
    "hy": ("արգել", "պատիժ", "կանոն", "խախտ", "բողոք", "հեռացր"),
    "ka": ("დაბლოკ", "აკრძალ", "დასჯ", "წეს", "არღვ", "დაარღვ", "გასაჩივრ", "წაშალ"),
}

# Recipients are always told it is not their fault.
NOT_YOUR_FAULT = {
    "en": ("not your fault", "not on you"),
    "fr": ("pas de ta faute", "pas ta faute", "n’y es pour rien"),
    "de": ("nicht schuld", "nicht an dir"),
    "es": ("no es tu culpa", "no es culpa tuya"),
    "it": ("non è colpa tua",),
    "pl": ("nie twoja wina",),
    "pt": ("não é culpa tua", "a culpa não é tua"),
    "nl": ("niet jouw schuld", "niet aan jou"),
    "da": ("ikke din skyld",),
    "el": ("δεν φταις",),
    "tr": ("senin suçun değil",),
    "ro": ("nu e vina ta", "nu este vina ta"),
    "uk": ("не твоя провина", "не винен", "не винна"),
    "sv": ("inte ditt fel",),
    "no": ("ikke din skyld",),
    "fi": ("ei ole sinun syysi", "eikä se ole sinun syysi"),
    "is": ("ekki þér að kenna",),
    "et": ("pole sinu süü",),
    "cs": ("není to tvoje vina",),
    "sk": ("nie je to tvoja vina",),
    "sl": ("ni tvoja krivda",),
    "hr": ("nisi ti kriv",),
    "bs": ("nisi ti kriv",),
    "cnr": ("nisi ti kriv",),
    "sr": ("ниси ти крив",),
    "bg": ("не си ти виновен",),
    "mk": ("не си ти виновен",),
    "hu": ("nem a te hibád",),
    "lv": ("tā nav tava vaina",),
    "lt": ("tai ne tavo kaltė",),
    "ca": ("no és culpa teva",),
    "sq": ("nuk është faji yt",),
    "ga": ("ní ortsa an locht",),
    "mt": ("mhux tort tiegħek",),
    "lb": ("net deng schold",),
    "rm": ("betg tia culpa",),
    "az": ("sənin günahın deyil",),
    "hy": ("քո մեղքը չէ",),
    "ka": ("შენი ბრალი არ არის",),
}


@pytest.fixture(scope="module")
def book() -> PromptBook:
    return PromptBook.load()


# --------------------------------------------------------------------------- every combination


def test_locales(book: PromptBook) -> None:
    assert book.locales == tuple(sorted(LOCALES))


def test_schema_covers_every_label_and_option() -> None:
    labels = {label.value for label in Label}
    assert set(_LabelTexts.model_fields) == labels
    assert set(_Rules.model_fields) == labels
    assert set(_LabelOptions.model_fields) == labels
    assert set(_Captions.model_fields) == {option.value for option in PromptOption}


@pytest.mark.parametrize(
    ("locale", "label", "role", "band"),
    list(itertools.product(LOCALES, Label, Role, AgeBand)),
    ids=lambda v: str(v),
)
def test_every_combination_renders(
    book: PromptBook, locale: str, label: Label, role: Role, band: AgeBand
) -> None:
    prompt = book.render(label=label, role=role, age_band=band, locale=locale)
    assert prompt.text.strip()
    assert len(prompt.text) <= MAX_PROMPT_CHARS
    assert "{" not in prompt.text and "}" not in prompt.text
    assert prompt.rule.strip()
    assert prompt.rule in prompt.text, "the prompt must name the rule"
    assert (prompt.label, prompt.role, prompt.age_band, prompt.locale) == (
        label,
        role,
        band,
        locale,
    )
    if role is Role.RECIPIENT:
        assert prompt.options, "recipients are always offered something to do"
        assert any(p in prompt.text.lower() for p in NOT_YOUR_FAULT[locale]), (
            "recipients are told it is not their fault"
        )
    assert prompt.helpline is not None
    assert prompt.helpline.phone


@pytest.mark.parametrize(("locale", "role", "band"), list(itertools.product(LOCALES, Role, AgeBand)))
def test_fail_closed_renders(book: PromptBook, locale: str, role: Role, band: AgeBand) -> None:
    prompt = book.render(label=None, role=role, age_band=band, locale=locale, fail_closed=True)
    assert prompt.label is None
    assert prompt.text.strip() and len(prompt.text) <= MAX_PROMPT_CHARS
    assert prompt.rule.strip()
    assert prompt.helpline is not None
    assert PromptOption.SEND_ANYWAY not in prompt.options


def test_fail_closed_keeps_the_label_but_uses_the_hold_text(book: PromptBook) -> None:
    held = book.render(
        label=Label.THREAT,
        role=Role.SENDER,
        age_band=AgeBand.UNDER_13,
        locale="en",
        fail_closed=True,
    )
    plain = book.render(
        label=None, role=Role.SENDER, age_band=AgeBand.UNDER_13, locale="en", fail_closed=True
    )
    assert held.label is Label.THREAT
    assert held.text == plain.text


def test_a_label_is_required_unless_fail_closed(book: PromptBook) -> None:
    with pytest.raises(InvalidInputError):
        book.render(label=None, role=Role.SENDER, age_band=AgeBand.ADULT, locale="en")


@pytest.mark.parametrize(("locale", "role"), list(itertools.product(LOCALES, Role)))
def test_under_13_texts_differ_from_teen_texts(book: PromptBook, locale: str, role: Role) -> None:
    for label in (*Label, None):

        def render(band: AgeBand, label: Label | None = label) -> str:
            fail_closed = label is None
            return book.render(
                label=label, role=role, age_band=band, locale=locale, fail_closed=fail_closed
            ).text

        child = render(AgeBand.UNDER_13)
        teen = {render(band) for band in TEEN_BANDS}
        assert len(teen) == 1, "13_15, 16_17 and adult share the teen wording"
        assert child not in teen, f"{locale} {label} {role}: under-13 text must be simpler than the teen text"


def test_unknown_or_missing_band_gets_the_child_wording(book: PromptBook) -> None:
    child = book.render(label=Label.HATE, role=Role.SENDER, age_band=AgeBand.UNDER_13, locale="de")
    for band in (None, "", "toddler"):
        prompt = book.render(label=Label.HATE, role=Role.SENDER, age_band=band, locale="de")
        assert prompt.age_band is AgeBand.UNDER_13
        assert prompt.text == child.text


# --------------------------------------------------------------------------- content rules


@pytest.mark.parametrize(("locale", "band"), list(itertools.product(LOCALES, AgeBand)))
def test_self_harm_sender_is_support_not_punishment(book: PromptBook, locale: str, band: AgeBand) -> None:
    prompt = book.render(label=Label.SELF_HARM, role=Role.SENDER, age_band=band, locale=locale)
    text = prompt.text.lower()
    for word in PUNISHMENT[locale]:
        assert word not in text, f"{locale}: self-harm text must not say {word!r}"
    assert prompt.options == (PromptOption.TALK_TO_SOMEONE,)
    assert prompt.helpline is not None


@pytest.mark.parametrize("locale", LOCALES)
def test_self_harm_recipient_offers_someone_to_talk_to(book: PromptBook, locale: str) -> None:
    prompt = book.render(label=Label.SELF_HARM, role=Role.RECIPIENT, age_band=AgeBand.UNDER_13, locale=locale)
    assert PromptOption.TALK_TO_SOMEONE in prompt.options


@pytest.mark.parametrize(("label", "role"), list(itertools.product(Label, Role)))
def test_nobody_is_offered_send_anyway(book: PromptBook, label: Label, role: Role) -> None:
    prompt = book.render(label=label, role=role, age_band=AgeBand.UNDER_13, locale="en")
    assert PromptOption.SEND_ANYWAY not in prompt.options


def test_structured_options(book: PromptBook) -> None:
    def options(label: Label, role: Role) -> set[PromptOption]:
        return set(book.render(label=label, role=role, age_band=AgeBand.AGE_13_15, locale="en").options)

    assert options(Label.BULLYING, Role.RECIPIENT) == {
        PromptOption.REPORT, PromptOption.BLOCK, PromptOption.MUTE, PromptOption.TALK_TO_SOMEONE,
    }  # fmt: skip
    assert options(Label.BULLYING, Role.SENDER) == {PromptOption.EDIT}
    assert options(Label.PII, Role.SENDER) == {PromptOption.EDIT}
    assert PromptOption.EDIT not in options(Label.GROOMING, Role.SENDER), "no rewording a grooming attempt"
    assert {PromptOption.REPORT, PromptOption.BLOCK} <= options(Label.GROOMING, Role.RECIPIENT)


@pytest.mark.parametrize("locale", LOCALES)
def test_captions(book: PromptBook, locale: str) -> None:
    captions = [book.caption(option, locale) for option in PromptOption]
    assert all(c.strip() for c in captions)
    assert len(set(captions)) == len(captions)


def test_captions_are_translated(book: PromptBook) -> None:
    # Closely related languages may share a caption (Croatian, Bosnian, Montenegrin and Slovene
    # "Prijavi"; Serbian and Macedonian "Пријави"; Catalan and Portuguese "Denunciar"); any other
    # shared caption is a copy-paste slip.
    english = {option: book.caption(option, "en") for option in PromptOption}
    for locale in LOCALES:
        if locale != "en":
            same = [o.value for o in PromptOption if book.caption(o, locale) == english[o]]
            assert not same, f"{locale}: captions left in English: {same}"
    related = ({"hr", "bs", "cnr", "sl", "sr", "mk"}, {"cs", "sk"}, {"ca", "es", "pt"})
    sharing: dict[str, set[str]] = {}
    for locale in LOCALES:
        sharing.setdefault(book.caption(PromptOption.REPORT, locale), set()).add(locale)
    for caption, locales in sharing.items():
        assert len(locales) == 1 or any(locales <= group for group in related), (caption, locales)
    assert book.caption(PromptOption.BLOCK, "xx") == book.caption(PromptOption.BLOCK, "en")


# --------------------------------------------------------------------------- locales and helplines


@pytest.mark.parametrize("tag", ["fr-BE", "fr_BE", "FR-be", "fr_BE.UTF-8"])
def test_regional_tag_picks_language_texts_and_country_helpline(book: PromptBook, tag: str) -> None:
    prompt = book.render(label=Label.BULLYING, role=Role.RECIPIENT, age_band=AgeBand.UNDER_13, locale=tag)
    french = book.render(label=Label.BULLYING, role=Role.RECIPIENT, age_band=AgeBand.UNDER_13, locale="fr")
    assert prompt.locale == "fr"
    assert prompt.text == french.text
    assert prompt.helpline is not None and prompt.helpline.country == "BE"
    assert prompt.helpline.phone == "103", "French-speaking Belgium: Écoute-Enfants"


@pytest.mark.parametrize("tag", ["xx", "", "C", "zz-ZZ", "123"])
def test_unknown_locale_gets_english_and_the_harmonised_number(book: PromptBook, tag: str) -> None:
    prompt = book.render(label=Label.THREAT, role=Role.RECIPIENT, age_band=AgeBand.AGE_13_15, locale=tag)
    english = book.render(label=Label.THREAT, role=Role.RECIPIENT, age_band=AgeBand.AGE_13_15, locale="en-US")
    assert prompt.locale == "en"
    assert prompt.text == english.text
    assert prompt.helpline is not None
    assert prompt.helpline.phone == HARMONISED_NUMBER
    assert prompt.helpline.country == "EU"


def test_upper_case_language(book: PromptBook) -> None:
    assert book.render(label=Label.PII, role=Role.SENDER, age_band=AgeBand.ADULT, locale="FR").locale == "fr"


@pytest.mark.parametrize(
    ("locale", "country", "expected_country", "expected_phone"),
    [
        ("en", None, "GB", "0800 1111"),
        ("en-US", None, "US", "1-800-422-4453"),
        ("en-IE", None, "IE", "1800 66 66 66"),
        ("fr", None, "FR", "119"),
        ("fr-CH", None, "CH", "147"),
        ("de", None, "DE", "116 111"),
        ("de_AT", None, "AT", "147"),
        ("es", None, "ES", "900 20 20 10"),
        ("it", None, "IT", "19696"),
        ("pl", None, "PL", "116 111"),
        ("pt", None, "PT", "116 111"),
        ("pt-BR", None, "EU", "116 111"),
        ("nl", None, "NL", "0800 0432"),
        ("da", None, "DK", "116 111"),
        ("el", None, "GR", "1056"),
        ("el-CY", "EL", "GR", "1056"),
        ("tr", None, "TR", "183"),
        ("tr_TR.UTF-8", None, "TR", "183"),
        ("ro", None, "RO", "116 111"),
        ("nl-BE", None, "BE", "102"),
        ("en", "se", "SE", "116 111"),
        ("en", "UK", "GB", "0800 1111"),
        ("fr", "JP", "EU", "116 111"),
        ("de", " ", "DE", "116 111"),
    ],
)
def test_helpline_resolution(
    book: PromptBook, locale: str, country: str | None, expected_country: str, expected_phone: str
) -> None:
    line = book.helpline(country, locale)
    assert (line.country, line.phone) == (expected_country, expected_phone)
    prompt = book.render(
        label=Label.SEXUAL,
        role=Role.RECIPIENT,
        age_band=AgeBand.UNDER_13,
        locale=locale,
        country=country,
    )
    assert prompt.helpline == line


def test_flemish_gets_dutch_texts_and_awel(book: PromptBook) -> None:
    prompt = book.render(label=Label.HATE, role=Role.RECIPIENT, age_band=AgeBand.AGE_16_17, locale="nl-BE")
    dutch = book.render(label=Label.HATE, role=Role.RECIPIENT, age_band=AgeBand.AGE_16_17, locale="nl")
    assert prompt.locale == "nl"
    assert prompt.text == dutch.text
    assert prompt.helpline is not None and prompt.helpline.name == "Awel"
    assert dutch.helpline is not None and dutch.helpline.name == "De Kindertelefoon"


@pytest.mark.parametrize("country", REQUIRED_HELPLINE_COUNTRIES)
def test_every_required_country_has_a_helpline(book: PromptBook, country: str) -> None:
    line = book.helpline(country, "en")
    assert line.country == country
    assert line.name
    if country in book.unverified_helpline_countries:
        assert line.phone is None, "no number is given where no helpline could be confirmed"
    else:
        assert line.phone


def _raw_helplines() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files(DATA_PACKAGE).joinpath("helplines.json").read_text(encoding="utf-8")
    )
    return data


def test_helpline_file_names_its_sources_and_check_date(book: PromptBook) -> None:
    raw = _raw_helplines()
    assert raw["checked"] == "2026-11-28"
    assert str(book.helplines_checked) == "2026-11-28"
    assert raw["sources"].strip()
    assert raw["locale_default_country"] == {
        "en": "GB",
        "fr": "FR",
        "de": "DE",
        "es": "ES",
        "it": "IT",
        "pl": "PL",
        "pt": "PT",
        "nl": "NL",
        "da": "DK",
        "el": "GR",
        "tr": "TR",
        "ro": "RO",
        "uk": "UA",
        "sq": "AL",
        "ca": "AD",
        "hy": "AM",
        "az": "AZ",
        "bs": "BA",
        "bg": "BG",
        "hr": "HR",
        "cs": "CZ",
        "et": "EE",
        "fi": "FI",
        "sv": "SE",
        "ka": "GE",
        "hu": "HU",
        "is": "IS",
        "ga": "IE",
        "lv": "LV",
        "lt": "LT",
        "lb": "LU",
        "mt": "MT",
        "cnr": "ME",
        "mk": "MK",
        "no": "NO",
        "sr": "RS",
        "sk": "SK",
        "sl": "SI",
        "rm": "CH",
    }
    for entry in [raw["default"], *raw["helplines"]]:
        keys = {"country", "name", "phone", "url", "hours", "source", "checked"}
        assert keys <= set(entry), entry["country"]
        if entry.get("unverified"):
            assert entry["phone"] is None and entry["note"].strip(), entry["country"]
        else:
            assert "https://" in entry["source"] or "http://" in entry["source"], entry["country"]
        if entry["url"] is not None:
            assert entry["url"].startswith("https://")
    assert any(entry["url"] is not None for entry in raw["helplines"])  # the url check above is made
    assert any(entry.get("unverified") for entry in raw["helplines"])  # and both source checks
    assert raw["default"]["phone"] == HARMONISED_NUMBER
    assert raw["default"]["note"].strip()


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


def test_a_clean_copy_loads(tmp_path: Path) -> None:
    assert _load_from(_copy_data(tmp_path)).locales == tuple(sorted(LOCALES))


def test_missing_prompt_text_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "fr.json", lambda d: d["prompts"]["grooming"]["recipient"].pop("teen"))
    with pytest.raises(
        PromptDataError, match=r"prompts/fr\.json.*missing key 'prompts\.grooming\.recipient\.teen'"
    ):
        _load_from(root)


def test_missing_rule_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "de.json", lambda d: d["rules"].pop("pii"))
    with pytest.raises(PromptDataError, match=r"missing key 'rules\.pii'"):
        _load_from(root)


def test_missing_fail_closed_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "pl.json", lambda d: d.pop("fail_closed"))
    with pytest.raises(PromptDataError, match=r"prompts/pl\.json.*missing key 'fail_closed'"):
        _load_from(root)


def test_misspelt_key_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompt_options.json", lambda d: d["labels"].update(bulying=d["labels"]["bullying"]))
    with pytest.raises(PromptDataError, match=r"unknown key 'labels\.bulying'"):
        _load_from(root)


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompt_options.json", lambda d: d["labels"]["hate"]["recipient"].append("shout"))
    with pytest.raises(PromptDataError, match=r"labels\.hate\.recipient"):
        _load_from(root)


def test_recipient_without_options_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompt_options.json", lambda d: d["labels"]["threat"].update(recipient=[]))
    with pytest.raises(PromptDataError, match=r"labels\.threat\.recipient"):
        _load_from(root)


def test_text_that_does_not_name_the_rule_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "prompts" / "it.json",
        lambda d: d["prompts"]["hate"]["sender"].update(child="Puoi cambiarlo?"),
    )
    with pytest.raises(PromptDataError, match=r"prompts\.hate\.sender\.child.*\{rule\}"):
        _load_from(root)


def test_text_that_is_too_long_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "prompts" / "es.json",
        lambda d: d["prompts"]["pii"]["sender"].update(teen="{rule} " + "a" * 200),
    )
    with pytest.raises(PromptDataError, match=r"prompts\.pii\.sender\.teen: \d+ characters, more than 200"):
        _load_from(root)


def test_same_text_for_child_and_teen_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)

    def same(d: dict[str, Any]) -> None:
        d["prompts"]["threat"]["sender"]["teen"] = d["prompts"]["threat"]["sender"]["child"]

    _edit(root / "prompts" / "en.json", same)
    with pytest.raises(PromptDataError, match=r"prompts\.threat\.sender: the child text must differ"):
        _load_from(root)


def test_missing_helpline_country_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(
        root / "helplines.json",
        lambda d: d.update(helplines=[h for h in d["helplines"] if h["country"] != "GB"]),
    )
    with pytest.raises(PromptDataError, match=r"missing country GB"):
        _load_from(root)


def test_helpline_without_source_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "helplines.json", lambda d: d["helplines"][0].pop("source"))
    with pytest.raises(PromptDataError, match=r"missing key 'helplines\.0\.source'"):
        _load_from(root)


def test_missing_fallback_language_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "prompts" / "en.json").unlink()
    with pytest.raises(PromptDataError, match=r"prompts/en\.json.*fallback"):
        _load_from(root)


def test_missing_file_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "helplines.json").unlink()
    with pytest.raises(PromptDataError, match=r"helplines\.json: file is missing"):
        _load_from(root)


def test_invalid_json_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "prompts" / "de.json").write_text('{"locale": "de",', encoding="utf-8")
    with pytest.raises(PromptDataError, match=r"prompts/de\.json: not valid JSON"):
        _load_from(root)


def test_locale_must_match_file_name(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "it.json", lambda d: d.update(locale="es"))
    with pytest.raises(PromptDataError, match=r"prompts/it\.json: locale is 'es'"):
        _load_from(root)


# --------------------------------------------------------------------------- report acknowledgement

# Words that would put blame on a child who reported, or make them feel judged.
BLAME = {
    "en": ("your fault", "should have", "why did", "why didn"),
    "fr": ("ta faute", "aurais dû", "pourquoi"),
    "de": ("deine schuld", "hättest", "warum"),
    "es": ("tu culpa", "deberías", "por qué"),
    "it": ("colpa tua", "avresti dovuto", "perché"),
    "pl": ("twoja wina", "powinieneś", "powinnaś", "dlaczego"),
    "pt": ("culpa tua", "devias ter", "porque é que", "porquê"),
    "nl": ("jouw schuld", "je schuld", "had je moeten", "waarom"),
    "da": ("din skyld", "burde have", "hvorfor"),
    "el": ("φταις", "δικό σου λάθος", "έπρεπε να", "γιατί"),
    "tr": ("senin suçun", "senin hatan", "yapmalıydın", "neden"),
    "ro": ("vina ta", "ar fi trebuit", "de ce"),
    "uk": ("твоя провина", "мав би", "мала б", "чому"),
    "sv": ("ditt fel", "borde ha", "varför"),
    "no": ("din skyld", "burde ha", "hvorfor"),
    "fi": ("sinun syysi", "olisi pitänyt", "miksi"),
    "is": ("þér að kenna", "hefðir átt", "af hverju"),
    "et": ("sinu süü", "oleksid pidanud", "miks"),
    "cs": ("tvoje vina", "měl jsi", "proč"),
    "sk": ("tvoja vina", "mal si", "prečo"),
    "sl": ("tvoja krivda", "moral bi", "zakaj"),
    "hr": ("ti kriv", "trebao si", "zašto"),
    "bs": ("ti kriv", "trebao si", "zašto"),
    "cnr": ("ti kriv", "trebao si", "zašto"),
    "sr": ("ти крив", "требало је", "зашто"),
    "bg": ("ти виновен", "трябваше", "защо"),
    "mk": ("ти виновен", "требаше", "зошто"),
    "hu": ("a te hibád", "kellett volna", "miért"),
    "lv": ("tava vaina", "vajadzēja", "kāpēc"),
    "lt": ("tavo kaltė", "turėjai", "kodėl"),
    "ca": ("culpa teva", "hauries", "per què"),
    "sq": ("faji yt", "duhej të", "pse"),
    "ga": ("ortsa an locht", "ba chóir duit", "cén fáth"),
    "mt": ("tort tiegħek", "kellek", "għaliex"),
    "lb": ("deng schold", "hätts du", "firwat"),
    "rm": ("tia culpa", "avessas", "pertge"),
    "az": ("sənin günahın", "etməliydin", "niyə"),
    "hy": ("քո մեղքը", "պետք է լիներ", "ինչու"),
    "ka": ("შენი ბრალი", "უნდა გაგეკეთებინა", "რატომ"),
}


@pytest.mark.parametrize(("locale", "band"), list(itertools.product(LOCALES, AgeBand)))
def test_report_acknowledgement_renders(book: PromptBook, locale: str, band: AgeBand) -> None:
    prompt = book.acknowledgement(band, locale)
    assert (prompt.label, prompt.role, prompt.age_band, prompt.locale) == (None, Role.SENDER, band, locale)
    assert prompt.text.strip() and len(prompt.text) <= MAX_PROMPT_CHARS
    assert "{" not in prompt.text and "}" not in prompt.text
    assert prompt.rule.strip()
    assert prompt.options == (PromptOption.TALK_TO_SOMEONE,)
    assert prompt.helpline is not None and prompt.helpline.phone
    text = prompt.text.lower()
    for phrase in BLAME[locale]:
        assert phrase not in text, f"{locale}: the acknowledgement must not say {phrase!r}"
    teen = book.acknowledgement(AgeBand.AGE_16_17, locale).text
    if band is AgeBand.UNDER_13:
        assert prompt.text != teen, "under-13s get their own, simpler wording"
    else:
        assert prompt.text == teen


def test_report_acknowledgement_helpline_follows_locale_and_country(book: PromptBook) -> None:
    assert book.acknowledgement(None, "fr-BE").helpline == book.helpline(None, "fr-BE")
    assert book.acknowledgement("adult", "xx").locale == "en"
    line = book.acknowledgement("13_15", "en", country="IE").helpline
    assert line is not None and line.country == "IE"


def test_missing_report_acknowledgement_is_named(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "es.json", lambda d: d["report_ack"].pop("child"))
    with pytest.raises(PromptDataError, match=r"prompts/es\.json.*missing key 'report_ack\.child'"):
        _load_from(root)


def test_report_acknowledgement_that_is_too_long_or_has_a_placeholder_is_refused(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    _edit(root / "prompts" / "it.json", lambda d: d["report_ack"].update(teen="a" * 201))
    _edit(root / "prompts" / "pl.json", lambda d: d["report_ack"].update(child="{rule} dzięki"))
    with pytest.raises(PromptDataError) as caught:
        _load_from(root)
    assert "report_ack.teen: 201 characters" in str(caught.value)
    assert "prompts/pl.json: report_ack.child" in str(caught.value)
