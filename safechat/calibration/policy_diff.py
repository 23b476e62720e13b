"""Compare two policies and check one for band strictness.

A :class:`Change` is one field that differs: a label's threshold or action in a band, a rule's
action, a conversation setting, a band setting or a top-level field. ``direction`` says whether
B is stricter or looser than A for that field, where that is defined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from safechat.policy.policy import Policy
from safechat.types import LABELS, Action, AgeBand, Review

Direction = Literal["stricter", "looser"]

_LOWER_IS_STRICTER = frozenset(
    {
        "threshold",
        "high_threshold",
        "corroborating_threshold",
        "tempers_model_below",
        "review_threshold",
        "grooming_warn_risk",
        "grooming_escalate_risk",
        "hostility_messages",
    }
)
_HIGHER_IS_STRICTER = frozenset({"half_life_s", "hostility_window_s"})
_ACTIONS = frozenset(
    {
        "action",
        "high_action",
        "corroborated_action",
        "hostility_action",
        "fail_closed_action",
        "unread_action",
    }
)
_BAND_ORDER = [band.value for band in AgeBand]


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs between policy A and policy B (``None`` = absent on that side)."""

    path: str
    band: str | None
    section: str
    name: str | None
    field: str
    a: Any
    b: Any
    direction: Direction | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.path,
            "band": self.band,
            "section": self.section,
            "name": self.name,
            "field": self.field,
            "a": self.a,
            "b": self.b,
            "direction": self.direction,
        }


def _flatten(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    flat: dict[tuple[str, ...], Any] = {}
    for key, value in data.items():
        path = (*prefix, str(key))
        if isinstance(value, Mapping):  # an empty table is no field at all
            flat.update(_flatten(value, path))
        else:
            flat[path] = value
    return flat


def _direction(field: str, a: Any, b: Any) -> Direction | None:
    if field == "review" and a != b:  # asking a person to look (sooner) is stricter
        before = Review(a).priority if a is not None else 0
        after = Review(b).priority if b is not None else 0
        return "stricter" if after > before else "looser"
    if a is None or b is None:
        return None
    if field in _ACTIONS:
        stricter = Action(b).severity > Action(a).severity
    elif field in _LOWER_IS_STRICTER or field.startswith(
        ("language_thresholds.", "language_high_thresholds.")
    ):
        stricter = b < a
    elif field in _HIGHER_IS_STRICTER or field == "evasion_raises":
        stricter = b > a
    else:
        return None
    return "stricter" if stricter else "looser"


def _change(path: tuple[str, ...], a: Any, b: Any) -> Change:
    band = section = name = None
    if path[0] == "bands" and len(path) >= 3:
        band, section = path[1], path[2]
        if section in ("labels", "rules") and len(path) >= 5:
            name, field = path[3], ".".join(path[4:])
        else:
            field = ".".join(path[3:]) or section
            section = section if len(path) > 3 else "band"
    else:
        section, field = "policy", ".".join(path)
    return Change(".".join(path), band, section or "policy", name, field, a, b, _direction(field, a, b))


def _sort_key(change: Change) -> tuple[int, int, int, str, str]:
    band = _BAND_ORDER.index(change.band) if change.band in _BAND_ORDER else -1
    sections = ["policy", "band", "labels", "rules", "conversation"]
    section = sections.index(change.section) if change.section in sections else len(sections)
    label_order = [label.value for label in LABELS]
    name = label_order.index(change.name) if change.name in label_order else len(label_order)
    return (band, section, name, change.name or "", change.field)


def diff_policies(a: Policy, b: Policy) -> list[Change]:
    """Every field that differs, provenance excluded; policy fields first, then band by band."""
    left = _flatten(a.model_dump(mode="json", exclude={"provenance"}))
    right = _flatten(b.model_dump(mode="json", exclude={"provenance"}))
    changes = [
        _change(path, left.get(path), right.get(path))
        for path in dict.fromkeys([*left, *right])
        if left.get(path) != right.get(path)
    ]
    return sorted(changes, key=_sort_key)


def _show(value: Any) -> str:
    return "(absent)" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def render_diff(changes: list[Change], *, a_name: str, b_name: str) -> str:
    """Readable text: one line per change, grouped by band."""
    lines = [f"A: {a_name}", f"B: {b_name}"]
    if not changes:
        return "\n".join([*lines, "no differences"])
    group: str | None = "-"
    for change in changes:
        heading = change.band or ""
        if heading != group:
            group = heading
            lines.append(f"band {heading}:" if heading else "policy:")
        where = change.field if change.name is None else f"{change.section}.{change.name}.{change.field}"
        if change.section == "conversation":
            where = f"conversation.{change.field}"
        note = f"  ({change.direction})" if change.direction else ""
        lines.append(f"  {where}: {_show(change.a)} -> {_show(change.b)}{note}")
    stricter = sum(c.direction == "stricter" for c in changes)
    looser = sum(c.direction == "looser" for c in changes)
    lines.append(f"{len(changes)} change(s): {stricter} stricter, {looser} looser in B")
    return "\n".join(lines)


def strictness_problems(policy: Policy) -> list[str]:
    """Labels where a younger band has a higher (less strict) threshold than the next older band,
    for the plain threshold and for each language in either band's ``language_thresholds``."""
    bands = list(AgeBand)
    problems: list[str] = []
    for label in LABELS:
        for younger, older in zip(bands, bands[1:], strict=False):
            young_rule, old_rule = policy.band(younger).labels[label], policy.band(older).labels[label]
            languages = sorted({*young_rule.language_thresholds, *old_rule.language_thresholds})
            for language in [None, *languages]:
                young, old = young_rule.threshold_for(language), old_rule.threshold_for(language)
                if young > old:
                    field = "threshold" if language is None else f"language_thresholds.{language}"
                    problems.append(
                        f"bands.{younger.value}.labels.{label.value}.{field} {young:g} is above "
                        f"{older.value}'s {old:g}: younger bands should be at least as strict"
                    )
    return problems
