"""The stages of grooming a signal can belong to (shared by the English and the other languages' rules)."""

from __future__ import annotations

import enum


class GroomingStage(str, enum.Enum):
    """Stages of grooming a signal can belong to."""

    RAPPORT = "rapport"
    PROBING = "probing"
    SECRECY = "secrecy"
    ISOLATION = "isolation"
    ALONE_CHECK = "alone_check"
    PRIVATE_APP = "private_app"
    GIFTS = "gifts"
    IMAGE_REQUEST = "image_request"
    MEETING = "meeting"
    SEXUALISATION = "sexualisation"

    def __str__(self) -> str:
        return self.value


SECRECY_RULE = f"grooming.{GroomingStage.SECRECY.value}"
"""The rule code of a secrecy signal (the rules are ``grooming.<stage>``)."""
