"""The normalisation pipeline.

Each step works on a list of ``(character, original_index)`` pairs so that every character of
the model text can be traced back to the original message (for masking and for spans).

Steps, in order:
1. invisible, bidi and control characters removed; whitespace unified; NFKC per character
   (stylised letters such as fullwidth or mathematical bold become plain letters);
2. combining marks composed; stacked marks on plain letters ("zalgo") dropped;
3. homoglyphs folded: Cyrillic, Greek and other lookalikes of Latin letters, inside words that
   mix them with Latin letters, or in a message that otherwise contains Latin words;
4. markup removed: HTML tags, and the whole of a script or style element ("<b>", "<script>...
   </script>"), each tag leaving a space;
5. spaced or dotted single letters collapsed ("k y s", "k.i.l.l"), wider gaps kept as word breaks
   ("k i l l   u r   s e l f" -> "kill ur self");
6. leetspeak undone inside words ("k1ll", "$hit", "n00b"); numbers, ordinals, units and
   handles ("lily_2013", "13yo", "1st", "ps5") are left alone;
7. masked words restored where exactly one word of harm, swearing or sex fits ("f*ck",
   "s*icide", "b**ch", a starred "*f*ck*"; :mod:`safechat.normalize.lexicon`);
8. runs of three or more of one letter shortened to the word they stretch: two letters where the
   word is spelt so ("gooood" -> "good"), else one ("stuuupid" -> "stupid", "diiiie" -> "die");
   the "www" that opens a web address is kept;
9. algospeak spellings with no everyday meaning of their own replaced by the word they stand for
   ("seggs" -> "sex", "n00dz" -> "nudes"; :data:`safechat.normalize.lexicon.ALGOSPEAK`);
10. whitespace collapsed.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from safechat.normalize.homoglyphs import latin_lookalikes, script_of
from safechat.normalize.lexicon import ALGOSPEAK, is_doubled_word, unmask
from safechat.types import Span

NORMALIZER_VERSION = "6"
"""Bumped whenever the model text for some input changes; recorded in model bundles."""


class Evasion(str, enum.Enum):
    """An evasion technique the normaliser undid. Each is itself a signal."""

    INVISIBLE = "invisible"
    BIDI = "bidi"
    STYLISED = "stylised"
    DIACRITICS = "diacritics"
    HOMOGLYPH = "homoglyph"
    MARKUP = "markup"
    SPACED = "spaced"
    LEETSPEAK = "leetspeak"
    MASKED = "masked"
    REPEATED = "repeated"
    ALGOSPEAK = "algospeak"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The result of :func:`normalize`.

    Attributes:
        original: the text as given.
        text: the model text (what the tokenizer and the rules see).
        evasions: evasion techniques that fired, in pipeline order, without repeats.
        origins: for each character of ``text``, the index of the original character it came from.
    """

    original: str
    text: str
    evasions: tuple[Evasion, ...]
    origins: tuple[int, ...]

    def __repr__(self) -> str:
        return (
            f"NormalizedText(len_original={len(self.original)}, len_text={len(self.text)}, "
            f"evasions={[e.value for e in self.evasions]})"
        )

    def original_span(self, span: Span) -> Span:
        """Map a span of :attr:`text` to the span of :attr:`original` it came from."""
        if not self.origins or span.start >= span.end:
            return Span(0, 0)
        start = self.origins[min(span.start, len(self.origins) - 1)]
        end = self.origins[min(span.end, len(self.origins)) - 1] + 1
        return Span(min(start, end), max(start, end))


_Chars = list[tuple[str, int]]

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")
_KEEP_CONTROLS = {"\n": " ", "\t": " ", "\r": " "}


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for the model and the rules.

    Never raises for any ``str``; the model text is at most 18 characters per original
    character (the worst NFKC expansion) and usually shorter. Idempotent:
    ``normalize(normalize(t).text).text == normalize(t).text``.

    Raises:
        TypeError: when ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    plain = text.isascii() and text.isprintable()  # most chat
    if plain and _already_normal(text):
        return NormalizedText(original=text, text=text, evasions=(), origins=tuple(range(len(text))))
    fired: list[Evasion] = []
    if plain:  # every character maps to itself; no combining marks or look-alike letters
        chars: _Chars = list(zip(text, range(len(text)), strict=True))
    else:
        chars = _unify_characters(text, fired)
        chars = _compose_marks(chars, fired)
        chars = _fold_homoglyphs(chars, fired)
    chars = _strip_markup(chars, fired)
    chars = _collapse_spaced(chars, fired)
    chars = _undo_leetspeak(chars, fired)
    chars = _unmask_words(chars, fired)
    chars = _shorten_repeats(chars, fired)
    chars = _replace_algospeak(chars, fired)
    chars = _collapse_whitespace(chars)
    seen: list[Evasion] = []
    for evasion in Evasion:
        if evasion in fired:
            seen.append(evasion)
    return NormalizedText(
        original=text,
        text="".join(c for c, _ in chars),
        evasions=tuple(seen),
        origins=tuple(i for _, i in chars),
    )


def _already_normal(text: str) -> bool:
    """Whether plain ASCII ``text`` comes through every step unchanged: no spaced-out word, no
    leetspeak character beside a letter, no masked word, no markup, no run of three, and single
    spaces inside only."""
    return (
        not text.startswith(" ")
        and not text.endswith(" ")
        and "  " not in text
        and _LEET_BESIDE_LETTER.search(text) is None
        and _ASCII_TRIPLE.search(text) is None
        and _SPACED_RUN.search(text) is None
        and _MASKED_WORD.search(text) is None
        and ("<" not in text or _MARKUP.search(text) is None)
        and _ALGOSPEAK_WORD.search(text) is None
    )


def _unify_characters(text: str, fired: list[Evasion]) -> _Chars:
    out: _Chars = []
    for index, char in enumerate(text):
        if char in _BIDI:
            fired.append(Evasion.BIDI)
            continue
        category = unicodedata.category(char)
        if category == "Cf" or char in _INVISIBLE_EXTRA or _is_variation_selector(char):
            if out and out[-1][0].isalnum():
                fired.append(Evasion.INVISIBLE)
            continue
        if category == "Cs":  # a lone surrogate: no character to keep
            continue
        if category == "Cc":
            if char in _KEEP_CONTROLS:
                out.append((" ", index))
            continue
        if category.startswith("Z"):
            out.append((" ", index))
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and not char.isascii() and folded.isascii() and folded.isalnum():
            fired.append(Evasion.STYLISED)
        for piece in folded:
            out.append((piece if not piece.isspace() else " ", index))
    return out


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _compose_marks(chars: _Chars, fired: list[Evasion]) -> _Chars:
    out: _Chars = []
    for char, index in chars:
        if out and unicodedata.category(char) in ("Mn", "Me"):
            previous, previous_index = out[-1]
            composed = unicodedata.normalize("NFC", previous + char)
            if len(composed) == 1:
                out[-1] = (composed, previous_index)
                continue
            if _is_ascii_letter(previous) or unicodedata.category(previous) in ("Mn", "Me"):
                fired.append(Evasion.DIACRITICS)
                continue
        out.append((char, index))
    return out


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _words(chars: _Chars) -> list[tuple[int, int]]:
    """``[start, end)`` index pairs of maximal runs of non-space characters."""
    bounds: list[tuple[int, int]] = []
    start = -1
    for position, (char, _) in enumerate(chars):
        if char == " ":
            if start >= 0:
                bounds.append((start, position))
                start = -1
        elif start < 0:
            start = position
    if start >= 0:
        bounds.append((start, len(chars)))
    return bounds


def _fold_homoglyphs(chars: _Chars, fired: list[Evasion]) -> _Chars:
    table = latin_lookalikes()
    if not any(c in table for c, _ in chars):
        return chars
    words = _words(chars)

    def letters(start: int, end: int) -> list[str]:
        return [c for c, _ in chars[start:end] if c.isalpha()]

    text_has_latin_word = any(any(script_of(c) == "LATIN" for c in letters(s, e)) for s, e in words)
    out = list(chars)
    for start, end in words:
        word_letters = letters(start, end)
        if not any(c in table for c in word_letters):
            continue
        has_latin = any(script_of(c) == "LATIN" for c in word_letters)
        all_lookalikes = all(c in table or script_of(c) == "LATIN" for c in word_letters)
        if has_latin or (all_lookalikes and text_has_latin_word):
            for position in range(start, end):
                char, index = out[position]
                if char in table:
                    out[position] = (table[char], index)
                    fired.append(Evasion.HOMOGLYPH)
    return out


_LEET = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "l",
    "€": "e",
    "+": "t",
}
_LEADING_LEET = frozenset("01357$!|")
_LEET_CLASS = "[" + re.escape("".join(_LEET)) + "]"
# Every run _leet_runs converts touches an ASCII letter of its token: without a leet character
# beside a letter there is nothing to convert.
_LEET_BESIDE_LETTER = re.compile(f"[A-Za-z]{_LEET_CLASS}|{_LEET_CLASS}[A-Za-z]")
# A script or style element with its content, or any one tag; bounded to stay linear.
_MARKUP = re.compile(
    r"<(script|style)\b[^<>]{0,300}>.{0,5000}?</\1\s*>|</?[A-Za-z][A-Za-z0-9:-]{0,20}(?:\s[^<>]{0,300})?/?>",
    re.IGNORECASE | re.DOTALL,
)


def _strip_markup(chars: _Chars, fired: list[Evasion]) -> _Chars:
    """Each tag becomes one space; repeated until none is left ("<scr<b>ipt>" leaves "<scr ipt>",
    itself a tag), so that normalising twice changes nothing more."""
    while True:
        text = "".join(c for c, _ in chars)
        if "<" not in text:
            return chars
        out: _Chars = []
        end = 0
        for match in _MARKUP.finditer(text):
            out += chars[end : match.start()]
            out.append((" ", chars[match.start()][1]))
            end = match.end()
        if end == 0:
            return chars
        fired.append(Evasion.MARKUP)
        chars = out + chars[end:]


_SINGLE = r"[^\W_]|[@$]"
_SEPARATOR = r"[ .\-_*·•/~,]+"
_SPACED_RUN = re.compile(rf"(?<![\w@$])(?:(?:{_SINGLE}){_SEPARATOR}){{2,}}(?:{_SINGLE})(?![\w@$])")


def _collapse_spaced(chars: _Chars, fired: list[Evasion]) -> _Chars:
    text = "".join(c for c, _ in chars)
    matches = list(_SPACED_RUN.finditer(text))
    if not matches:
        return chars
    drop: set[int] = set()
    for match in matches:
        run = match.group(0)
        kept = [c for c in run if c.isalnum() or c in "@$"]
        if not any(c.isalpha() for c in kept) and "." in run:
            continue  # version numbers, dates, IP addresses
        if not any(c.isalpha() for c in kept) and len(kept) < 5:
            continue  # "1 2 3"
        kept_spaces = _word_gaps(run)
        drop.update(
            match.start() + offset
            for offset, char in enumerate(run)
            if not (char.isalnum() or char in "@$") and offset not in kept_spaces
        )
        if any(c.isalpha() for c in kept):
            fired.append(Evasion.SPACED)
    return [pair for position, pair in enumerate(chars) if position not in drop]


_SEPARATOR_RUN = re.compile(_SEPARATOR)


def _word_gaps(run: str) -> set[int]:
    """Offsets in a spaced-out ``run`` of the spaces that part its words: where the letters are
    spaced evenly and the words by wider gaps ("g o  d i e" -> "go die"), the first space of each
    wider gap is kept."""
    gaps = [gap for gap in _SEPARATOR_RUN.finditer(run) if gap.group(0).isspace()]
    widths = {len(gap.group(0)) for gap in gaps}
    if len(widths) < 2:
        return set()
    narrowest = min(widths)
    return {gap.start() for gap in gaps if len(gap.group(0)) > narrowest}


_LEET_TOKEN = re.compile(r"[A-Za-z0-9@$!|€+]+")
_KEEP_TOKEN = re.compile(
    r"^\d+(?:st|nd|rd|th|s|am|pm|k|m|h|hr|hrs|min|mins|sec|kg|g|lb|lbs|km|cm|mm|ml|x|p|fps|d|gb|mb|tb|yo|y|yr|yrs|v\d+)$",
    re.IGNORECASE,
)


# Bounded repeats (the lengths e-mail and DNS allow) keep these linear on very long words.
_PROTECTED = re.compile(
    r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,253}"  # e-mail addresses
    r"|(?:https?://|www\.)\S+|\b[\w-]{1,63}\.(?:gg|com|me|net|org|io|tv)/\S*"  # links
    r"|(?<![\w@])@[\w.]+"  # handles
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK postcodes
)


def _undo_leetspeak(chars: _Chars, fired: list[Evasion]) -> _Chars:
    text = "".join(c for c, _ in chars)
    if _LEET_BESIDE_LETTER.search(text) is None:
        return chars
    protected = bytearray(len(text))
    for match in _PROTECTED.finditer(text):
        protected[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    out = list(chars)
    for token in _LEET_TOKEN.finditer(text):
        word = token.group(0)
        if _KEEP_TOKEN.match(word) or len(word) < 3 or not any(c.isalpha() for c in word):
            continue
        if any(protected[token.start() : token.end()]):
            continue
        runs = _leet_runs(word)
        while runs:  # a converted run can make its neighbour a run: repeat to a fixed point
            letters = list(word)
            for start, end in runs:
                for position in range(start, end):
                    letters[position] = _LEET[letters[position]]
                    char, index = out[token.start() + position]
                    out[token.start() + position] = (letters[position], index)
            word = "".join(letters)
            fired.append(Evasion.LEETSPEAK)
            runs = _leet_runs(word)
    return out


def _leet_runs(word: str) -> list[tuple[int, int]]:
    """Runs of leet characters inside ``word`` that stand for letters."""
    runs: list[tuple[int, int]] = []
    position = 0
    while position < len(word):
        if word[position] not in _LEET:
            position += 1
            continue
        end = position
        while end < len(word) and word[end] in _LEET:
            end += 1
        before = word[position - 1] if position > 0 else ""
        after = word[end : end + 2]
        run = word[position:end]
        interior = before.isalpha() and after[:1].isalpha() and end - position <= 2
        leading = (
            position == 0
            and end - position == 1
            and run in _LEADING_LEET
            and len(after) == 2
            and after.isalpha()
        )
        # a plural "s" written "$" after the word, alone or after one more leet letter
        # ("a$$", "b1tch3$", "ph0t0$")
        trailing_s = (
            before.isalpha()
            and end == len(word)
            and run.endswith("$")
            and (set(run) == {"$"} or len(run) == 2)
        )
        if interior or leading or trailing_s:
            runs.append((position, end))
        position = end
    return runs


# A word of letters with ``*`` standing for some of them ("f*ck", "b**ch", "f***"), not inside
# a "*starred*" action; the word itself may be starred or in bold ("the *f*ck*", "**sh*t**").
_MASKED_WORD = re.compile(r"(?<![A-Za-z*])\*{0,2}(?P<word>[A-Za-z][A-Za-z*]*\*[A-Za-z*]*)(?![A-Za-z*])")


def _unmask_words(chars: _Chars, fired: list[Evasion]) -> _Chars:
    text = "".join(c for c, _ in chars)
    if "*" not in text:
        return chars
    out = list(chars)
    for match in _MASKED_WORD.finditer(text):
        shown = match.group("word")
        opening = match.start("word") - match.start()  # the stars that open a starred word
        if opening and shown.endswith("*" * opening):
            shown = shown[:-opening]
        word = unmask(shown) if "*" in shown else None
        if word is None and shown.endswith("*"):  # the close of a *starred action*: "*about s*icide*"
            shown = shown.rstrip("*")
            word = unmask(shown) if "*" in shown else None
        if word is None:
            continue
        fired.append(Evasion.MASKED)
        for offset, (char, letter) in enumerate(zip(shown, word, strict=True)):
            if char == "*":
                out[match.start("word") + offset] = (letter, out[match.start("word") + offset][1])
    return out


# Three of one character in a row (letters in either case): without such a run in ASCII text,
# _shorten_repeats has nothing to drop.
_ASCII_TRIPLE = re.compile(r"(.)\1\1", re.IGNORECASE | re.DOTALL)
_RUN = re.compile(r"(.)\1{2,}", re.IGNORECASE | re.DOTALL)


def _shorten_repeats(chars: _Chars, fired: list[Evasion]) -> _Chars:
    """Letters: a run of three or more becomes the word it stretches (:func:`_letters_kept`).
    Other characters than letters, digits and spaces: a run keeps three ("!!!")."""
    text = "".join(c for c, _ in chars)
    if text.isascii() and _ASCII_TRIPLE.search(text) is None:
        return chars
    kept = [True] * len(chars)
    for run in _RUN.finditer(text):
        char = run.group(1)
        if _is_web_prefix(text, run.start(), run.end()):
            continue
        if char.isalpha():
            fired.append(Evasion.REPEATED)
            keep = _letters_kept(text, run.start(), run.end())
        elif not char.isalnum() and char != " ":
            keep = 3
        else:
            continue
        kept[run.start() + keep : run.end()] = [False] * (run.end() - run.start() - keep)
    return [pair for pair, keep_it in zip(chars, kept, strict=True) if keep_it]


def _is_web_prefix(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the "www" that opens a web address ("www.example.com")."""
    return (
        text[start:end].lower() == "www"
        and text[end : end + 1] == "."
        and (start == 0 or not text[start - 1].isalnum())
    )


def _letters_kept(text: str, start: int, end: int) -> int:
    """2 when the word around the run ``text[start:end]``, with the run as two letters and its
    other stretched runs as one, is spelt with a doubled letter ("gooood" -> "good"); else 1."""
    left = start
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    right = end
    while right < len(text) and text[right].isalpha():
        right += 1
    word = _RUN.sub(r"\1", text[left:start]) + text[start] * 2 + _RUN.sub(r"\1", text[end:right])
    return 2 if is_doubled_word(word) else 1


_ALGOSPEAK_WORD = re.compile(
    r"(?<![\w@])(?:" + "|".join(sorted(map(re.escape, ALGOSPEAK), key=len, reverse=True)) + r")(?![\w@])",
    re.IGNORECASE,
)


def _replace_algospeak(chars: _Chars, fired: list[Evasion]) -> _Chars:
    """Each algospeak word becomes the word it stands for; a new letter traces back to the
    original letter at its place (the last to the original word's last), so spans keep covering
    the whole original word."""
    text = "".join(c for c, _ in chars)
    matches = list(_ALGOSPEAK_WORD.finditer(text))
    if not matches:
        return chars
    fired.append(Evasion.ALGOSPEAK)
    out: _Chars = []
    end = 0
    for match in matches:
        out += chars[end : match.start()]
        origins = [index for _, index in chars[match.start() : match.end()]]
        word = ALGOSPEAK[match.group(0).lower()]
        places = [min(offset, len(origins) - 1) for offset in range(len(word))]
        places[-1] = len(origins) - 1  # the word's span covers the whole original word
        out += [(letter, origins[place]) for letter, place in zip(word, places, strict=True)]
        end = match.end()
    return out + chars[end:]


def _collapse_whitespace(chars: _Chars) -> _Chars:
    if chars and chars[0][0] != " " and chars[-1][0] != " ":
        text = "".join(c for c, _ in chars)
        if "  " not in text:
            return chars
    out: _Chars = []
    for char, index in chars:
        if char == " " and (not out or out[-1][0] == " "):
            continue
        out.append((char, index))
    if out and out[-1][0] == " ":
        out.pop()
    return out
