"""What may be logged about a message: a salted fingerprint that tells messages apart and holds
none of their text (safechat.privacy)."""

from __future__ import annotations

import hashlib
import logging
import re
import subprocess
import sys

import pytest

from safechat.privacy import describe, fingerprint
from tests.unit.fixtures import fake_moderator

TEXTS = [
    "",
    "a",
    "b",
    "a ",
    " a",
    "A",
    "hi",
    "hi!",
    "call me on 07700 900123",
    "call me on 07700 900124",
    "I live at 12 Elm Street",
    "I live at 21 Elm Street",
    "ich wohne in der Hauptstraße 5",
    "é",
    "e\u0301",  # the same letter decomposed: another text, another fingerprint
    "\ud800",  # a lone surrogate (surrogatepass): still a fingerprint, never an error
    "🙂",
    "x" * 10_000,
    "x" * 10_001,
    *[f"my number is 07700 900{i:03d}" for i in range(200)],
]


def test_the_same_text_gives_the_same_fingerprint() -> None:
    for text in TEXTS:
        assert fingerprint(text) == fingerprint(text)
        assert fingerprint(text) == fingerprint("".join(list(text)))  # equal, not identical, strings


def test_distinct_texts_give_distinct_fingerprints() -> None:
    prints = [fingerprint(text) for text in TEXTS]
    assert all(re.fullmatch(r"[0-9a-f]{12}", fp) for fp in prints)
    assert len(set(prints)) == len(TEXTS)


def test_a_fingerprint_holds_no_message_text() -> None:
    for text in TEXTS:
        assert describe(text) == f"fp={fingerprint(text)} len={len(text)}"
    longer = [text for text in TEXTS if len(text) >= 3]  # a letter or two may be hex digits
    assert len(longer) > 200
    for text in longer:
        assert text not in fingerprint(text) and text not in describe(text)
    for word in ("07700", "Elm", "Street", "Hauptstraße"):
        assert all(word not in describe(text) for text in TEXTS)


def test_the_fingerprint_is_salted() -> None:
    """An unsalted hash lets anyone test a guessed text against the logs."""
    for text in ("call me on 07700 900123", "hi", ""):
        data = text.encode("utf-8")
        names = ("md5", "sha1", "sha256", "sha512", "blake2b")
        unsalted = {hashlib.new(name, data).hexdigest()[:12] for name in names}
        assert fingerprint(text) not in unsalted


def test_another_process_fingerprints_the_same_text_differently() -> None:
    code = "from safechat.privacy import fingerprint; print(fingerprint('call me on 07700 900123'))"
    command = [sys.executable, "-c", code]
    runs = [subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip() for _ in "ab"]
    assert all(re.fullmatch(r"[0-9a-f]{12}", fp) for fp in runs)
    assert len({*runs, fingerprint("call me on 07700 900123")}) == 3


def test_decision_logs_tell_messages_apart_by_fingerprint_only(caplog: pytest.LogCaptureFixture) -> None:
    texts = ["call me on 07700 900123", "call me on 07700 900124"]
    moderator, _ = fake_moderator()
    with caplog.at_level(logging.DEBUG, logger="safechat"):
        for text in texts:
            moderator.moderate(text)
    logged = [record.getMessage() for record in caplog.records if record.getMessage().startswith("decision ")]
    assert len(logged) == len(texts)
    for line, text in zip(logged, texts, strict=True):
        assert describe(text) in line
        assert "07700" not in line
    assert describe(texts[0]) not in logged[1]
