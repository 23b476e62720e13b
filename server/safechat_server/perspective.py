"""A Perspective-compatible face (``POST /v1alpha1/comments:analyze``) on safechat's labels.

Each Perspective attribute is a documented rule over safechat's calibrated probabilities:

| attribute | rule |
|---|---|
| TOXICITY | max(bullying, hate, threat, sexual, profanity) |
| SEVERE_TOXICITY | max(hate, threat) |
| IDENTITY_ATTACK | hate |
| INSULT | bullying |
| PROFANITY | profanity |
| THREAT | threat |
| SEXUALLY_EXPLICIT | sexual |

These are probabilities of safechat's labels, not of Perspective's: the same comment can score
differently (docs/perspective-migration.md measures how). Nothing of the comment is stored,
whatever ``doNotStore`` says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from safechat.language import SUPPORTED
from safechat.types import Scores

ATTRIBUTES: Mapping[str, Callable[[Scores], float]] = {
    "TOXICITY": lambda s: max(s.bullying, s.hate, s.threat, s.sexual, s.profanity),
    "SEVERE_TOXICITY": lambda s: max(s.hate, s.threat),
    "IDENTITY_ATTACK": lambda s: s.hate,
    "INSULT": lambda s: s.bullying,
    "PROFANITY": lambda s: s.profanity,
    "THREAT": lambda s: s.threat,
    "SEXUALLY_EXPLICIT": lambda s: s.sexual,
}
SUPPORTED_LANGUAGES = SUPPORTED  # English and the multilingual bundle's languages
AttributeName = Literal[
    "TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT", "SEXUALLY_EXPLICIT"
]
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


class PerspectiveComment(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, description="The comment to score (UTF-8 plain text).")
    type: str | None = Field(default=None, description="PLAIN_TEXT (HTML is treated as plain text).")


class PerspectiveAttributeRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    scoreType: Literal["PROBABILITY"] | None = Field(  # noqa: N815
        default=None, description="Only PROBABILITY is supported."
    )
    scoreThreshold: float | None = Field(  # noqa: N815
        default=None, ge=0, le=1, description="Omit the attribute when its score is below this."
    )


class PerspectiveRequest(BaseModel):
    """Perspective's AnalyzeCommentRequest (fields safechat does not use are accepted and ignored)."""

    model_config = ConfigDict(extra="ignore")

    comment: PerspectiveComment
    requestedAttributes: dict[AttributeName, PerspectiveAttributeRequest] = Field(  # noqa: N815
        min_length=1, description="Attribute name -> options; {} takes the defaults."
    )
    languages: list[str] | None = None
    doNotStore: bool | None = Field(default=None, description="Ignored: safechat never stores comments.")  # noqa: N815
    spanAnnotations: bool | None = None  # noqa: N815
    clientToken: str | None = None  # noqa: N815
    sessionId: str | None = None  # noqa: N815
    communityId: str | None = None  # noqa: N815
    context: dict[str, Any] | None = None


class PerspectiveError(Exception):
    """An error in Perspective's shape: HTTP status, gRPC-style status name, message, details."""

    def __init__(self, message: str, *, error_type: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        detail = {
            "@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error",
            "errorType": self.error_type,
        }
        detail.update(self.extra)
        return {
            "error": {"code": 400, "message": self.message, "status": "INVALID_ARGUMENT", "details": [detail]}
        }


def check_languages(request: PerspectiveRequest) -> None:
    """Attribute names and score types are checked by the request schema; languages here.

    Raises:
        PerspectiveError: a language the attributes do not support.
    """
    attribute = next(iter(request.requestedAttributes))
    for language in request.languages or []:
        if language.split("-")[0].lower() not in SUPPORTED_LANGUAGES:
            raise PerspectiveError(
                f"Attribute {attribute} does not support request languages: {language}",
                error_type="LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                extra={
                    "languageNotSupportedByAttributeError": {"detectedLanguages": [], "attribute": attribute}
                },
            )


def sentences(text: str) -> list[tuple[int, int]]:
    """``[begin, end)`` character offsets of the sentences of ``text`` (for span scores)."""
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    return spans or [(0, len(text))]


def response(
    request: PerspectiveRequest,
    summary: Scores,
    spans: list[tuple[int, int, Scores]],
    detected: str | None = None,
) -> dict[str, Any]:
    """Perspective's AnalyzeCommentResponse, attributes in request order; ``detected`` is the
    comment's language when safechat could tell it."""
    scores: dict[str, Any] = {}
    for name, options in request.requestedAttributes.items():
        value = round(ATTRIBUTES[name](summary), 6)
        threshold = options.scoreThreshold
        if threshold is not None and value < threshold:
            continue
        entry: dict[str, Any] = {"summaryScore": {"value": value, "type": "PROBABILITY"}}
        if request.spanAnnotations:
            entry["spanScores"] = [
                {
                    "begin": begin,
                    "end": end,
                    "score": {"value": round(ATTRIBUTES[name](s), 6), "type": "PROBABILITY"},
                }
                for begin, end, s in spans
            ]
        scores[name] = entry
    body: dict[str, Any] = {
        "attributeScores": scores,
        "languages": list(request.languages or [detected or "en"]),
        "detectedLanguages": [detected] if detected else [],
    }
    if request.clientToken is not None:
        body["clientToken"] = request.clientToken
    return body
