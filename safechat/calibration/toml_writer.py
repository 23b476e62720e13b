"""Policy files written with ``tomlkit``: a new file, or a safety team's own file rewritten in place.

A policy that ``safechat calibrate --policy BASE`` fits is written over BASE's text: every comment,
the order of tables and keys, and the layout of each value the fit left alone stay as the team
wrote them; changed values take the place of the old ones (keeping a comment at the end of their
line), new keys join their table, and keys the policy no longer has are dropped. ``tomllib``
reads back an equal policy either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import InlineTable, Item, Table

from safechat.policy.policy import Policy

_INLINE_WIDTH = 88
"""An array longer than this inline goes one item per line."""

_LEFT_OUT: dict[str, Any] = {
    "support": False,
    "settles_rules": False,
    "language_thresholds": {},
    "language_high_thresholds": {},
    "tempers_labels": [],
}
"""Label and rule fields left out of a new entry when they hold their default."""


def value_to_toml(value: object, *, path: str = "value") -> str:
    """One TOML value (inline form).

    Raises:
        TypeError: ``None`` or a type TOML cannot hold; the message names ``path``.
    """
    return _item(value, path=path, inline=True).as_string()


def dumps(data: Mapping[str, Any], *, header: str = "") -> str:
    """``data`` as a TOML document; ``header`` becomes leading ``#`` comment lines.

    Raises:
        TypeError: a value TOML cannot hold (``None``, bytes, objects), naming its path.
    """
    document = tomlkit.document()
    for line in header.splitlines():
        document.add(tomlkit.comment(line.rstrip()))
    if header:
        document.add(tomlkit.nl())
    _fill(document, data, "")
    return tomlkit.dumps(document)


def policy_to_toml(policy: Policy, *, header: str = "", base: str | None = None) -> str:
    """A policy file that :meth:`Policy.from_toml` reads back to an equal policy.

    Args:
        header: leading ``#`` comment lines of a new file (not used with ``base``, whose own
            comments stay).
        base: the text of the policy file this one was fitted from; the policy is written over
            it, keeping its comments, order and untouched values.

    In a new file, defaults are left out of label and rule tables to keep them short:
    ``support = false``, ``settles_rules = false``, empty ``language_thresholds`` and
    ``language_high_thresholds`` and an empty ``tempers_labels``; unset fields (``review``,
    ``review_threshold``...) are always left out.

    Raises:
        tomlkit.exceptions.ParseError: ``base`` is not TOML.
    """
    data = policy.model_dump(mode="json", exclude_none=True)
    if base is not None:
        document = tomlkit.parse(base)
        _merge(document, data, "")
        return tomlkit.dumps(document)
    for band in data["bands"].values():
        for section in ("labels", "rules"):
            for entry in band[section].values():
                for name in [name for name, default in _LEFT_OUT.items() if entry.get(name) == default]:
                    del entry[name]
    return dumps(data, header=header)


def _fill(container: Container | Table, data: Mapping[str, Any], path: str) -> None:
    """Add ``data`` to ``container``: values first, then sub-tables (TOML puts a table's own
    values before its sub-tables)."""
    for key, value in data.items():
        if not isinstance(value, Mapping):
            container.add(key, _item(value, path=_join(path, key)))
    for key, value in data.items():
        if isinstance(value, Mapping):
            container.add(key, _table(value, _join(path, key)))


def _table(data: Mapping[str, Any], path: str) -> Table:
    table = tomlkit.table()
    _fill(table, data, path)
    return table


def _merge(container: Container | Table | InlineTable, data: Mapping[str, Any], path: str) -> None:
    """Write ``data`` over ``container`` in place, keeping what did not change as it is (an
    inline table stays inline)."""
    inline = isinstance(container, InlineTable)
    for key, value in data.items():
        here = _join(path, key)
        if key not in container:
            if _LEFT_OUT.get(key, ...) == value:
                continue
            if isinstance(value, Mapping) and not inline:
                container[key] = _table(value, here)
            else:
                container[key] = _item(value, path=here, inline=True)
            continue
        old = container[key]
        if _LEFT_OUT.get(key, ...) == value and _plain(old) != value:
            del container[key]  # emptied by the fit: left out, as in a new file
            continue
        if isinstance(value, Mapping) and isinstance(old, (Table, InlineTable, Container)):
            _merge(old, value, here)
        elif _plain(old) != value:
            container[key] = _item(value, path=here, inline=inline)
    for key in [key for key in container if key not in data]:
        del container[key]


def _plain(item: object) -> object:
    return item.unwrap() if isinstance(item, (Item, Container)) else item


def _item(value: object, *, path: str, inline: bool = False) -> Item:
    """``value`` as a tomlkit value: a mapping as an inline table (tables of their own are made by
    :func:`_table`), an array one item per line when it is long and not ``inline``."""
    _check(value, path)
    if isinstance(value, Mapping):
        table = tomlkit.inline_table()
        for key, inner in value.items():
            table.add(key, _item(inner, path=_join(path, key), inline=True))
        return table
    if isinstance(value, Sequence) and not isinstance(value, str):
        array = tomlkit.array()
        for index, inner in enumerate(value):
            array.append(_item(inner, path=f"{path}[{index}]", inline=True))
        if not inline and len(array.as_string()) > _INLINE_WIDTH:
            array.multiline(True)
        return array
    return tomlkit.item(value)


def _check(value: object, path: str) -> None:
    if isinstance(value, (bool, int, float, str)):
        return
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"{path}: TOML keys must be strings, not {type(key).__name__}")
        return
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return
    raise TypeError(f"{path}: {type(value).__name__} has no TOML form")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
