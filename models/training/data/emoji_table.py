"""Build ``emoji_words.json``: each emoji, as ``safechat.normalize`` leaves it, to its short name.

Names come from the ``emoji`` package (BSD; its English names are the Unicode CLDR short names),
a training-time dependency only: the runtime reads the table from the bundle
(``safechat.model.emoji_words``).

- Keys are the normalised form of each emoji (the normaliser drops variation selectors and
  zero-width joiners, so "🏳️‍🌈" is looked up as "🏳🌈"). An emoji the normaliser turns into ASCII
  (keycaps, ©) is left out: the model already reads it.
- Skin-tone variants are left out and the five tone modifiers map to nothing: a tone word next to
  every waving hand would teach the model nothing about harm and could tie colour words to it.
- Names are lower case with the punctuation of the package's form removed ("face with tears of
  joy"); a country or region flag reads "flag <name>".

    python -m models.training.data.emoji_table --out /tmp/emoji_words.json
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from safechat import normalize

TONES = "\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_REGIONAL = range(0x1F1E6, 0x1F200)


def _words(name: str) -> str:
    words = re.sub(r"[^0-9a-z&'’]+", " ", name.strip(":").replace("_", " ").casefold())
    return " ".join(words.replace("’", "'").split())


def build() -> dict[str, object]:
    import emoji

    words: dict[str, str] = {}
    for symbol, data in sorted(emoji.EMOJI_DATA.items(), key=lambda item: (len(item[0]), item[0])):
        if any(tone in symbol for tone in TONES):
            continue
        key = normalize(symbol).text.strip()
        if not key or key.isascii() or key in words:
            continue
        name = _words(str(data["en"]))
        if all(ord(c) in _REGIONAL for c in key) and not name.startswith("flag"):
            name = f"flag {name}"
        words[key] = name
    for tone in TONES:
        words[tone] = ""
    return {
        "format": 1,
        "source": (
            f"emoji {emoji.__version__} (Unicode CLDR short names), keys normalised by safechat.normalize"
        ),
        "words": words,
    }


def write(path: Path) -> int:
    table = build()
    path.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return len(table["words"])  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(f"{write(args.out)} emoji written to {args.out}")


if __name__ == "__main__":
    main()
