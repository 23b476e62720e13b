"""Homoglyph folding table built from the Unicode confusables data shipped by confusable-homoglyphs.

Only characters from other scripts that are confusable with a single ASCII letter are folded,
and only inside words that are evidently Latin-script words in disguise (see pipeline).
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

_FOLDED_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")


@lru_cache(maxsize=1)
def latin_lookalikes() -> dict[str, str]:
    """Map of non-Latin characters to the ASCII letter they are confusable with."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    table: dict[str, list[dict[str, str]]] = json.loads(raw)
    folded: dict[str, str] = {}
    for char, glyphs in table.items():
        if len(char) != 1 or not unicodedata.name(char, "").startswith(_FOLDED_SCRIPTS):
            continue
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalpha():
                folded[char] = target
                break
    return folded


def script_of(char: str) -> str:
    """A coarse script name for a letter: the first word of its Unicode name (LATIN, CYRILLIC...)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""
