"""A small TOML writer for policy files (no dependency; ``tomllib`` reads what it writes).

Supports what policies hold: tables (nested dicts), strings, booleans, integers, floats and
arrays (of scalars, arrays or inline tables). ``None`` has no TOML form and is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from safechat.policy.policy import Policy

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"TOML keys must be strings, not {type(key).__name__}")
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    text = repr(value)
    return text if any(c in text for c in ".eEn") else text + ".0"


def value_to_toml(value: object, *, path: str = "value") -> str:
    """One TOML value (inline form).

    Raises:
        TypeError: ``None`` or a type TOML cannot hold; the message names ``path``.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        items = [f"{_key(k)} = {value_to_toml(v, path=f'{path}.{k}')}" for k, v in value.items()]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return "[" + ", ".join(value_to_toml(v, path=f"{path}[{i}]") for i, v in enumerate(value)) + "]"
    raise TypeError(f"{path}: {type(value).__name__} has no TOML form")


def _value_block(value: object, *, path: str) -> str:
    """Like :func:`value_to_toml`, but a long array goes one item per line."""
    inline = value_to_toml(value, path=path)
    if len(inline) <= 88 or isinstance(value, (str, Mapping)) or not isinstance(value, Sequence):
        return inline
    items = [value_to_toml(v, path=f"{path}[{i}]") for i, v in enumerate(value)]
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def _table(lines: list[str], data: Mapping[str, Any], prefix: tuple[str, ...]) -> None:
    scalars = [(k, v) for k, v in data.items() if not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping)]
    if prefix and (scalars or not tables):
        if lines:
            lines.append("")
        lines.append("[" + ".".join(_key(part) for part in prefix) + "]")
    dotted = ".".join(prefix) or "(top level)"
    for key, value in scalars:
        lines.append(f"{_key(key)} = {_value_block(value, path=f'{dotted}.{key}')}")
    for key, value in tables:
        _table(lines, value, (*prefix, key))


def dumps(data: Mapping[str, Any], *, header: str = "") -> str:
    """``data`` as a TOML document; ``header`` becomes leading ``#`` comment lines.

    Raises:
        TypeError: a value TOML cannot hold (``None``, bytes, objects), naming its path.
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    body: list[str] = []
    _table(body, data, ())
    return "\n".join(lines + body) + "\n"


def policy_to_toml(policy: Policy, *, header: str = "") -> str:
    """A policy file that :meth:`Policy.from_toml` reads back to an equal policy.

    Defaults are left out of label and rule tables to keep them short: ``support = false``,
    ``settles_rules = false``, empty ``language_thresholds`` and ``language_high_thresholds``
    and an empty ``tempers_labels``; unset fields (``review``, ``review_threshold``...) too.
    """
    data = policy.model_dump(mode="json", exclude_none=True)
    for band in data["bands"].values():
        for section in ("labels", "rules"):
            for entry in band[section].values():
                for name in ("support", "settles_rules"):
                    if entry.get(name) is False:
                        del entry[name]
                for name in ("language_thresholds", "language_high_thresholds"):
                    if entry.get(name) == {}:
                        del entry[name]
                if entry.get("tempers_labels") == []:
                    del entry["tempers_labels"]
    return dumps(data, header=header)
