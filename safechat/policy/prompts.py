"""Child-facing prompts and child helplines, loaded from the data files in ``safechat.policy.data``.

The texts live in ``prompts/<language>.json`` (one file per language), the buttons offered
next to each prompt in ``prompt_options.json`` (the same in every language) and the child
helplines per country in ``helplines.json``. Nothing is read at import time:
:meth:`PromptBook.load` reads and validates every file once, and the resulting
:class:`PromptBook` is immutable and safe to share between threads.

Every prompt names the rule that was broken (Council of Europe PACE Resolution 2547,
paragraph 5.3: "clear information on unacceptable behaviour"), offers structured options
and carries the child helpline for the user's country.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from safechat.errors import InvalidInputError, PromptDataError
from safechat.language import locale_language, locale_subtags
from safechat.types import AgeBand, Helpline, Label, Prompt, PromptOption, Role

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["COUNCIL_OF_EUROPE_MEMBER_STATES", "FALLBACK_LOCALE", "MAX_PROMPT_CHARS", "PromptBook"]

MAX_PROMPT_CHARS = 200
"""The longest a rendered prompt text may be, in characters (rule name included)."""

FALLBACK_LOCALE = "en"
"""The language used when the requested one has no prompt file."""

DATA_PACKAGE = "safechat.policy.data"
"""The package whose files hold the prompt and helpline data."""

COUNCIL_OF_EUROPE_MEMBER_STATES: tuple[str, ...] = (
    "AL", "AD", "AM", "AT", "AZ", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "GE",
    "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME", "NL", "MK",
    "NO", "PL", "PT", "RO", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "TR", "UA", "GB",
)  # fmt: skip
"""The 46 member states of the Council of Europe (ISO 3166-1 alpha-2; Russia left in 2022).
``helplines.json`` lists the same states under ``member_states`` with their official languages;
the loader refuses the data unless every state has a helpline entry (or an entry marked
``unverified``) and every one of their languages has a prompt file."""

REQUIRED_HELPLINE_COUNTRIES: tuple[str, ...] = (*COUNCIL_OF_EUROPE_MEMBER_STATES, "US")
"""ISO 3166-1 alpha-2 codes that ``helplines.json`` must cover."""

HARMONISED_NUMBER = "116 111"
"""The harmonised European child helpline number, used when the country is unknown."""

_RULE = "{rule}"
_PROMPTS_DIR = "prompts"
_OPTIONS_FILE = "prompt_options.json"
_HELPLINES_FILE = "helplines.json"
_COUNTRY_ALIASES = {
    "UK": "GB",
    "EL": "GR",
}  # common non-ISO spellings (EL: the EU's code for Greece)
_LANGUAGE_ALIASES = {
    "nb": "no",
    "nn": "no",
}  # Norwegian Bokmål and Nynorsk tags read the one Norwegian file, "no" (written in Bokmål)
_ACK_OPTIONS = (PromptOption.TALK_TO_SOMEONE,)  # after a report: someone to talk to, and the helpline


class _Tier(str, enum.Enum):
    """Which wording a band gets: ``child`` for under-13s, ``teen`` for everyone older."""

    CHILD = "child"
    TEEN = "teen"


def _tier(band: AgeBand) -> _Tier:
    return _Tier.CHILD if band is AgeBand.UNDER_13 else _Tier.TEEN


class _Support(str, enum.Enum):
    """The support prompts that belong to no broken rule: a child telling of harm done to them
    (to the teller), and a friend at imminent risk of self-harm (to the reader)."""

    DISCLOSURE = "disclosure"
    SELF_HARM_URGENT = "self_harm_urgent"


# --------------------------------------------------------------------------- file schemas

_Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
_Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
_Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
_Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _TierTexts(_Model):
    child: _Text
    teen: _Text


class _RoleTexts(_Model):
    sender: _TierTexts
    recipient: _TierTexts


class _LabelTexts(_Model):
    bullying: _RoleTexts
    hate: _RoleTexts
    threat: _RoleTexts
    sexual: _RoleTexts
    grooming: _RoleTexts
    self_harm: _RoleTexts
    pii: _RoleTexts
    profanity: _RoleTexts


class _Rules(_Model):
    bullying: _Text
    hate: _Text
    threat: _Text
    sexual: _Text
    grooming: _Text
    self_harm: _Text
    pii: _Text
    profanity: _Text


class _Captions(_Model):
    report: _Text
    block: _Text
    mute: _Text
    talk_to_someone: _Text
    edit: _Text
    send_anyway: _Text


class _Review(_Model):
    native_speaker: bool
    reviewed_on: datetime.date | None = None
    note: _Text


class _LocaleFile(_Model):
    locale: _Language
    language: _Text
    review: _Review
    rules: _Rules
    fail_closed_rule: _Text
    prompts: _LabelTexts
    fail_closed: _RoleTexts
    report_ack_rule: _Text
    report_ack: _TierTexts
    disclosure_rule: _Text
    disclosure: _TierTexts
    urgent_rule: _Text
    self_harm_urgent: _TierTexts
    options: _Captions


class _RoleOptions(_Model):
    sender: tuple[PromptOption, ...]
    recipient: tuple[PromptOption, ...]


class _LabelOptions(_Model):
    bullying: _RoleOptions
    hate: _RoleOptions
    threat: _RoleOptions
    sexual: _RoleOptions
    grooming: _RoleOptions
    self_harm: _RoleOptions
    pii: _RoleOptions
    profanity: _RoleOptions


class _OptionsFile(_Model):
    comment: str | None = Field(default=None, alias="_comment")
    labels: _LabelOptions
    fail_closed: _RoleOptions
    disclosure: tuple[PromptOption, ...] = Field(min_length=1)
    self_harm_urgent: tuple[PromptOption, ...] = Field(min_length=1)


class _HelplineEntry(_Model):
    country: _Country
    language: _Language | None = None
    name: _Text
    phone: _Text | None
    url: _Url | None
    hours: _Text | None
    source: _Text | None
    checked: datetime.date
    unverified: bool = False
    note: _Text | None = None

    def to_helpline(self) -> Helpline:
        return Helpline(
            country=self.country, name=self.name, phone=self.phone, url=self.url, hours=self.hours
        )


class _MemberState(_Model):
    name: _Text
    languages: tuple[_Language, ...] = Field(min_length=1)


class _MemberStates(_Model):
    comment: str | None = Field(default=None, alias="_comment")
    states: dict[_Country, _MemberState]


class _HelplinesFile(_Model):
    checked: datetime.date
    sources: _Text
    member_states: _MemberStates
    locale_default_country: dict[_Language, _Country]
    default: _HelplineEntry
    helplines: tuple[_HelplineEntry, ...]


_M = TypeVar("_M", bound=BaseModel)


def _describe(error: Mapping[str, object]) -> str:
    loc = error.get("loc", ())
    path = ".".join(str(part) for part in loc) if isinstance(loc, tuple) else str(loc)
    kind = error.get("type")
    if kind == "missing":
        return f"missing key {path!r}"
    if kind == "extra_forbidden":
        return f"unknown key {path!r}"
    return f"{path!r}: {error.get('msg')}"


def _parse(model: type[_M], raw: str, where: str) -> _M:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PromptDataError(f"{where}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise PromptDataError(f"{where}: {problems}") from None


def _read(root: Traversable, *parts: str) -> str:
    where = "/".join(parts)
    node = root
    for part in parts:  # one part at a time: Python 3.10's Traversable.joinpath takes one
        node = node.joinpath(part)
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise PromptDataError(f"{where}: file is missing") from None
    except UnicodeDecodeError:
        raise PromptDataError(f"{where}: not UTF-8 text") from None


# --------------------------------------------------------------------------- loaded data


@dataclass(frozen=True, slots=True)
class _LocaleBook:
    language_name: str
    native_speaker_reviewed: bool
    rules: Mapping[Label, str]
    fail_closed_rule: str
    texts: Mapping[tuple[Label | None, Role, _Tier], str]
    captions: Mapping[PromptOption, str]
    ack_rule: str
    ack_texts: Mapping[_Tier, str]
    support_rules: Mapping[_Support, str]
    support_texts: Mapping[tuple[_Support, _Tier], str]


@dataclass(frozen=True, slots=True)
class _HelplineRecord:
    language: str | None
    helpline: Helpline
    unverified: bool = False


def _fill(template: str, rule: str, where: str, problems: list[str], *, rule_required: bool) -> str:
    count = template.count(_RULE)
    rest = template.replace(_RULE, "")
    if count > 1 or (rule_required and count == 0):
        problems.append(f"{where}: must contain {_RULE} exactly once (the prompt names the rule)")
    if "{" in rest or "}" in rest:
        problems.append(f"{where}: the only placeholder allowed is {_RULE}")
    text = template.replace(_RULE, rule)
    if len(text) > MAX_PROMPT_CHARS:
        problems.append(f"{where}: {len(text)} characters, more than {MAX_PROMPT_CHARS}")
    return text


def _locale_book(file: _LocaleFile, where: str, problems: list[str]) -> _LocaleBook:
    rules = {label: str(getattr(file.rules, label.value)) for label in Label}
    texts: dict[tuple[Label | None, Role, _Tier], str] = {}
    groups: list[tuple[Label | None, _RoleTexts, str]] = [
        (label, getattr(file.prompts, label.value), rules[label]) for label in Label
    ]
    groups.append((None, file.fail_closed, file.fail_closed_rule))
    for label, role_texts, rule in groups:
        section = f"prompts.{label.value}" if label is not None else "fail_closed"
        for role in Role:
            tier_texts: _TierTexts = getattr(role_texts, role.value)
            for tier in _Tier:
                key = f"{where}: {section}.{role.value}.{tier.value}"
                template: str = getattr(tier_texts, tier.value)
                texts[(label, role, tier)] = _fill(
                    template, rule, key, problems, rule_required=label is not None
                )
            if tier_texts.child == tier_texts.teen:
                problems.append(
                    f"{where}: {section}.{role.value}: the child text must differ from the teen one"
                )
    captions = {option: str(getattr(file.options, option.value)) for option in PromptOption}
    ack_texts: dict[_Tier, str] = {}
    for tier in _Tier:
        key = f"{where}: report_ack.{tier.value}"
        ack_texts[tier] = _fill(getattr(file.report_ack, tier.value), "", key, problems, rule_required=False)
        if _RULE in getattr(file.report_ack, tier.value):
            problems.append(f"{key}: the acknowledgement has no placeholder")
    if file.report_ack.child == file.report_ack.teen:
        problems.append(f"{where}: report_ack: the child text must differ from the teen one")
    support_rules = {_Support.DISCLOSURE: file.disclosure_rule, _Support.SELF_HARM_URGENT: file.urgent_rule}
    support_texts: dict[tuple[_Support, _Tier], str] = {}
    for kind, rule in support_rules.items():
        tier_texts = getattr(file, kind.value)
        for tier in _Tier:
            key = f"{where}: {kind.value}.{tier.value}"
            support_texts[(kind, tier)] = _fill(
                getattr(tier_texts, tier.value), rule, key, problems, rule_required=True
            )
        if tier_texts.child == tier_texts.teen:
            problems.append(f"{where}: {kind.value}: the child text must differ from the teen one")
    if file.review.native_speaker != (file.review.reviewed_on is not None):
        problems.append(
            f"{where}: review: give reviewed_on exactly when native_speaker is true (the date of the review)"
        )
    return _LocaleBook(
        language_name=file.language,
        native_speaker_reviewed=file.review.native_speaker,
        rules=MappingProxyType(rules),
        fail_closed_rule=file.fail_closed_rule,
        texts=MappingProxyType(texts),
        captions=MappingProxyType(captions),
        ack_rule=file.report_ack_rule,
        ack_texts=MappingProxyType(ack_texts),
        support_rules=MappingProxyType(support_rules),
        support_texts=MappingProxyType(support_texts),
    )


def _options(
    file: _OptionsFile, problems: list[str]
) -> dict[tuple[Label | None, Role], tuple[PromptOption, ...]]:
    groups: list[tuple[Label | None, _RoleOptions]] = [
        (label, getattr(file.labels, label.value)) for label in Label
    ]
    groups.append((None, file.fail_closed))
    options: dict[tuple[Label | None, Role], tuple[PromptOption, ...]] = {}
    for label, role_options in groups:
        section = f"labels.{label.value}" if label is not None else "fail_closed"
        for role in Role:
            chosen: tuple[PromptOption, ...] = getattr(role_options, role.value)
            if len(set(chosen)) != len(chosen):
                problems.append(f"{_OPTIONS_FILE}: {section}.{role.value}: an option is listed twice")
            if label is not None and role is Role.RECIPIENT and not chosen:
                problems.append(f"{_OPTIONS_FILE}: {section}.recipient: offer recipients at least one option")
            options[(label, role)] = chosen
    return options


def _check_entry(entry: _HelplineEntry, where: str, oldest: datetime.date, problems: list[str]) -> None:
    if entry.unverified:
        if entry.phone is not None:
            problems.append(f"{where}: an unverified entry must not name a phone number")
        if entry.note is None:
            problems.append(f"{where}: an unverified entry needs a note saying what was found")
    elif entry.source is None or "http" not in entry.source:
        problems.append(f"{where}: source must name the page (URL) the entry was checked against")
    if entry.phone == HARMONISED_NUMBER and (entry.unverified or entry.source is None):
        problems.append(f"{where}: {HARMONISED_NUMBER} needs a source confirming it for the country")
    if entry.checked < oldest:
        problems.append(f"{where}: checked {entry.checked} is older than the file's checked {oldest}")


def _helplines(file: _HelplinesFile, problems: list[str]) -> dict[str, tuple[_HelplineRecord, ...]]:
    by_country: dict[str, list[_HelplineRecord]] = {}
    seen: set[tuple[str, str | None]] = set()
    _check_entry(file.default, f"{_HELPLINES_FILE}: default", file.checked, problems)
    dates = [file.default.checked]
    for index, entry in enumerate(file.helplines):
        if (entry.country, entry.language) in seen:
            problems.append(f"{_HELPLINES_FILE}: helplines: {entry.country} listed twice for one language")
        seen.add((entry.country, entry.language))
        _check_entry(entry, f"{_HELPLINES_FILE}: helplines.{index} ({entry.country})", file.checked, problems)
        dates.append(entry.checked)
        by_country.setdefault(entry.country, []).append(
            _HelplineRecord(entry.language, entry.to_helpline(), entry.unverified)
        )
    if file.checked != min(dates):
        problems.append(f"{_HELPLINES_FILE}: checked must be the oldest entry's checked date, {min(dates)}")
    for country in REQUIRED_HELPLINE_COUNTRIES:
        if country not in by_country:
            problems.append(f"{_HELPLINES_FILE}: helplines: missing country {country}")
    states = file.member_states.states
    for country in COUNCIL_OF_EUROPE_MEMBER_STATES:
        if country not in states:
            problems.append(f"{_HELPLINES_FILE}: member_states.states: missing member state {country}")
    for country in states:
        if country not in COUNCIL_OF_EUROPE_MEMBER_STATES:
            problems.append(f"{_HELPLINES_FILE}: member_states.states: {country} is not a member state")
    if file.default.phone != HARMONISED_NUMBER:
        problems.append(f"{_HELPLINES_FILE}: default.phone must be the harmonised number {HARMONISED_NUMBER}")
    for language, country in file.locale_default_country.items():
        if country not in by_country:
            problems.append(
                f"{_HELPLINES_FILE}: locale_default_country.{language}: no helpline for {country}"
            )
    return {country: tuple(records) for country, records in by_country.items()}


def _load_from(root: Traversable) -> PromptBook:
    """Read and validate the data files under ``root``, laid out like ``safechat.policy.data``.

    Raises:
        PromptDataError: a file is missing, is not valid JSON, or breaks the schema or a
            content rule; the message names the file and every key that is wrong.
    """
    problems: list[str] = []
    prompt_dir = root.joinpath(_PROMPTS_DIR)
    try:
        names = sorted(n.name for n in prompt_dir.iterdir() if n.name.endswith(".json") and n.is_file())
    except (FileNotFoundError, NotADirectoryError):
        raise PromptDataError(f"{_PROMPTS_DIR}/: folder is missing") from None
    locales: dict[str, _LocaleBook] = {}
    for name in names:
        where = f"{_PROMPTS_DIR}/{name}"
        file = _parse(_LocaleFile, _read(root, _PROMPTS_DIR, name), where)
        if file.locale != name.removesuffix(".json"):
            problems.append(f"{where}: locale is {file.locale!r} but the file name says {name!r}")
        locales[file.locale] = _locale_book(file, where, problems)
    if FALLBACK_LOCALE not in locales:
        problems.append(
            f"{_PROMPTS_DIR}/{FALLBACK_LOCALE}.json: file is missing (it is the fallback language)"
        )
    options_file = _parse(_OptionsFile, _read(root, _OPTIONS_FILE), _OPTIONS_FILE)
    options = _options(options_file, problems)
    support_options = {
        _Support.DISCLOSURE: options_file.disclosure,
        _Support.SELF_HARM_URGENT: options_file.self_harm_urgent,
    }
    for kind, chosen in support_options.items():
        if len(set(chosen)) != len(chosen):
            problems.append(f"{_OPTIONS_FILE}: {kind.value}: an option is listed twice")
    helpline_file = _parse(_HelplinesFile, _read(root, _HELPLINES_FILE), _HELPLINES_FILE)
    helplines = _helplines(helpline_file, problems)
    for language in locales:
        if language not in helpline_file.locale_default_country:
            problems.append(f"{_HELPLINES_FILE}: locale_default_country: missing key {language!r}")
    for country, state in helpline_file.member_states.states.items():
        for language in state.languages:
            if language not in locales:
                problems.append(
                    f"{_PROMPTS_DIR}/{language}.json: file is missing"
                    f" (an official language of member state {country})"
                )
    if problems:
        raise PromptDataError("invalid prompt data: " + "; ".join(problems))
    return PromptBook(
        _locales=MappingProxyType(locales),
        _options=MappingProxyType(options),
        _support_options=MappingProxyType(support_options),
        _helplines=MappingProxyType(helplines),
        _default_helpline=helpline_file.default.to_helpline(),
        _locale_default_country=MappingProxyType(dict(helpline_file.locale_default_country)),
        _checked=helpline_file.checked,
        _member_states=MappingProxyType(
            {country: state.languages for country, state in helpline_file.member_states.states.items()}
        ),
    )


# --------------------------------------------------------------------------- locale tags


@dataclass(frozen=True, slots=True)
class _Tag:
    language: str  # lower case; "" when the tag has none
    region: str | None  # ISO 3166-1 alpha-2, upper case


def _parse_tag(locale: str | None) -> _Tag:
    """Language and region of a tag: ``"fr-BE"``, ``"fr_BE.UTF-8"``, ``"zh-Hant-TW"``."""
    region = next((p.upper() for p in locale_subtags(locale)[1:] if len(p) == 2 and p.isalpha()), None)
    language = locale_language(locale) or ""
    return _Tag(_LANGUAGE_ALIASES.get(language, language), _normalize_country(region))


def _normalize_country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if not code:
        return None
    return _COUNTRY_ALIASES.get(code, code)


# --------------------------------------------------------------------------- the book


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PromptBook:
    """Every child-facing prompt, option and helpline, validated and immutable.

    Build it with :meth:`load`; the constructor is internal.
    """

    _locales: Mapping[str, _LocaleBook]
    _options: Mapping[tuple[Label | None, Role], tuple[PromptOption, ...]]
    _support_options: Mapping[_Support, tuple[PromptOption, ...]]
    _helplines: Mapping[str, tuple[_HelplineRecord, ...]]
    _default_helpline: Helpline
    _locale_default_country: Mapping[str, str]
    _checked: datetime.date
    _member_states: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls) -> PromptBook:
        """Read and validate the shipped data files (package ``safechat.policy.data``).

        Every language must have every label x role x tier text, a rule name per label, a
        ``fail_closed`` text per role x tier, a ``report_ack`` text per tier (the acknowledgement
        of a child's report), a ``disclosure`` and a ``self_harm_urgent`` text per tier (with
        their rule names ``disclosure_rule`` and ``urgent_rule``) and a caption per option; every
        rendered text
        must name its rule and be at most :data:`MAX_PROMPT_CHARS` characters.

        Raises:
            PromptDataError: a file is missing or malformed; the message names the file and
                the keys that are missing or wrong. Never falls back to defaults silently.
        """
        return _load_from(files(DATA_PACKAGE))

    @property
    def locales(self) -> tuple[str, ...]:
        """The languages with prompt texts, as sorted lower-case codes (``"de"``, ``"en"``, ...)."""
        return tuple(sorted(self._locales))

    @property
    def helplines_checked(self) -> datetime.date:
        """The oldest date on which a helpline entry was checked against its sources (each entry
        records its own date in ``helplines.json``)."""
        return self._checked

    @property
    def reviewed_locales(self) -> tuple[str, ...]:
        """The languages whose prompt texts a native speaker has reviewed (``review`` in each
        prompt file), sorted. Every other locale's texts are unreviewed."""
        return tuple(sorted(code for code, book in self._locales.items() if book.native_speaker_reviewed))

    @property
    def member_state_languages(self) -> Mapping[str, tuple[str, ...]]:
        """The Council of Europe member states (ISO 3166-1 alpha-2) and their official languages,
        as listed in ``helplines.json``; every language has a prompt file."""
        return self._member_states

    @property
    def unverified_helpline_countries(self) -> tuple[str, ...]:
        """Countries whose entry is marked ``unverified``: no child helpline could be confirmed,
        so their :class:`~safechat.types.Helpline` has no phone number. Sorted."""
        return tuple(
            sorted(code for code, records in self._helplines.items() if any(r.unverified for r in records))
        )

    def render(
        self,
        *,
        label: Label | None,
        role: Role,
        age_band: AgeBand | str | None,
        locale: str,
        country: str | None = None,
        fail_closed: bool = False,
    ) -> Prompt:
        """The prompt to show one user.

        Args:
            label: the harm the prompt is about; ``None`` only with ``fail_closed=True``.
            role: whether the prompt is for the writer (sender) or the reader (recipient).
            age_band: the user's band; ``under_13`` gets the simpler child wording, every other
                band the teen wording. ``None`` or an unknown name counts as ``under_13``.
            locale: a language tag such as ``"fr"``, ``"fr-BE"``, ``"fr_BE"`` or ``"FR"``. Its
                language picks the texts (an unknown language gets English); its region, or the
                language's default country, picks the helpline.
            country: an ISO 3166-1 alpha-2 code that overrides the locale's region for the
                helpline. A country with no entry gets the harmonised 116 111 entry.
            fail_closed: render the "message held while we check it" text used when the
                engine had an internal problem, whatever the label.

        Returns:
            A :class:`~safechat.types.Prompt` whose ``locale`` is the language actually used,
            whose ``rule`` is named in ``text``, and which always carries a helpline.

        Raises:
            InvalidInputError: ``label`` is ``None`` and ``fail_closed`` is false.
        """
        band = AgeBand.parse(age_band)
        role = Role(role)
        tag = _parse_tag(locale)
        language = tag.language if tag.language in self._locales else FALLBACK_LOCALE
        book = self._locales[language]
        key: Label | None
        if fail_closed:
            key = None
        elif label is None:
            raise InvalidInputError("a prompt needs a label unless fail_closed is set")
        else:
            key = Label(label)
        return Prompt(
            label=Label(label) if label is not None else None,
            role=role,
            locale=language,
            age_band=band,
            text=book.texts[(key, role, _tier(band))],
            rule=book.rules[key] if key is not None else book.fail_closed_rule,
            options=self._options[(key, role)],
            helpline=self._helpline_for(country, tag),
        )

    def acknowledgement(
        self, age_band: AgeBand | str | None, locale: str, country: str | None = None
    ) -> Prompt:
        """What a child sees once their report is stored: thanks, what happens next, where to get help now.

        Args:
            age_band: the reporter's band; ``under_13`` (also ``None`` or unknown) gets the child
                wording, every other band the teen wording.
            locale: a language tag; an unknown language gets English. Its region, or the
                language's default country, picks the helpline.
            country: ISO 3166-1 alpha-2 code that overrides the locale's region for the helpline.

        Returns:
            A :class:`~safechat.types.Prompt` with ``label`` ``None``, role ``sender`` (the child
            who reported), the option :attr:`~safechat.types.PromptOption.TALK_TO_SOMEONE` and
            the helpline.
        """
        band = AgeBand.parse(age_band)
        tag = _parse_tag(locale)
        language = tag.language if tag.language in self._locales else FALLBACK_LOCALE
        book = self._locales[language]
        return Prompt(
            label=None,
            role=Role.SENDER,
            locale=language,
            age_band=band,
            text=book.ack_texts[_tier(band)],
            rule=book.ack_rule,
            options=_ACK_OPTIONS,
            helpline=self._helpline_for(country, tag),
        )

    def disclosure(self, age_band: AgeBand | str | None, locale: str, country: str | None = None) -> Prompt:
        """What a child who tells of harm done to them sees (bullying, grooming, abuse): it is not
        their fault, they can report it, someone to talk to, and the helpline.

        Args:
            age_band: the teller's band; ``under_13`` (also ``None`` or unknown) gets the child
                wording, every other band the teen wording.
            locale: a language tag; an unknown language gets English. Its region, or the
                language's default country, picks the helpline.
            country: ISO 3166-1 alpha-2 code that overrides the locale's region for the helpline.

        Returns:
            A :class:`~safechat.types.Prompt` with ``label`` ``None``, role ``sender`` (the
            teller), the options of ``prompt_options.json``'s ``disclosure`` and the helpline.
        """
        return self._support(_Support.DISCLOSURE, Role.SENDER, None, age_band, locale, country)

    def self_harm_urgent(
        self, age_band: AgeBand | str | None, locale: str, country: str | None = None
    ) -> Prompt:
        """What the reader of a message at imminent risk of self-harm sees: their friend may be in
        danger now; tell a trusted adult now or call the helpline; it is not their fault.

        Args:
            age_band: the reader's band (child or teen wording, as :meth:`disclosure`).
            locale: a language tag; an unknown language gets English.
            country: ISO 3166-1 alpha-2 code that overrides the locale's region for the helpline.

        Returns:
            A :class:`~safechat.types.Prompt` with ``label`` ``self_harm``, role ``recipient``,
            the options of ``prompt_options.json``'s ``self_harm_urgent`` and the helpline.
        """
        return self._support(
            _Support.SELF_HARM_URGENT, Role.RECIPIENT, Label.SELF_HARM, age_band, locale, country
        )

    def _support(
        self,
        kind: _Support,
        role: Role,
        label: Label | None,
        age_band: AgeBand | str | None,
        locale: str,
        country: str | None,
    ) -> Prompt:
        band = AgeBand.parse(age_band)
        tag = _parse_tag(locale)
        language = tag.language if tag.language in self._locales else FALLBACK_LOCALE
        book = self._locales[language]
        return Prompt(
            label=label,
            role=role,
            locale=language,
            age_band=band,
            text=book.support_texts[(kind, _tier(band))],
            rule=book.support_rules[kind],
            options=self._support_options[kind],
            helpline=self._helpline_for(country, tag),
        )

    def helpline(self, country: str | None, locale: str) -> Helpline:
        """The child helpline for ``country`` (ISO 3166-1 alpha-2, case-insensitive).

        When ``country`` is ``None`` or blank, the region of ``locale`` (``"fr-BE"`` -> BE) is
        used, then the default country of its language (``"fr"`` -> FR). Where a country has one
        helpline per language (Belgium), the locale's language chooses. An unknown or
        unresolvable country gets the harmonised European number 116 111 (country ``"EU"``). A
        country whose entry is marked ``unverified`` (no child helpline could be confirmed) gets
        that entry, with no phone number: 116 111 is not claimed where no source confirms it."""
        return self._helpline_for(country, _parse_tag(locale))

    def caption(self, option: PromptOption, locale: str) -> str:
        """The button caption for ``option`` in the language of ``locale`` (English if unknown)."""
        language = _parse_tag(locale).language
        book = self._locales.get(language) or self._locales[FALLBACK_LOCALE]
        return book.captions[PromptOption(option)]

    def _helpline_for(self, country: str | None, tag: _Tag) -> Helpline:
        code = _normalize_country(country) or tag.region or self._locale_default_country.get(tag.language)
        records = self._helplines.get(code) if code else None
        if not records:
            return self._default_helpline
        for record in records:
            if record.language == tag.language:
                return record.helpline
        return records[0].helpline

    def __repr__(self) -> str:
        return f"PromptBook(locales={self.locales!r}, countries={len(self._helplines)})"
