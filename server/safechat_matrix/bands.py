"""Age bands from Matrix account data, and a room's band.

An admin or the app sets a user's band through the module's admin endpoint, which stores it in
the user's global account data (type :data:`BAND_TYPE`) signed with the module's ``band_key``.
Users can write their own account data, so a band is trusted only with a valid signature: a
missing, unsigned or tampered record is unknown, and unknown means ``under_13`` (the strictest),
so a child cannot loosen their own protection. A room's band is its youngest member's.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any

from safechat import AgeBand

BAND_TYPE = "org.safechat.age_band"
"""Global account data type holding a user's signed age band."""
LOCALE_TYPE = "org.safechat.locale"
"""Global account data type holding a user's language tag and country (``{"locale": "fr-BE",
"country": "BE"}``): the language of their notices. Users may set it themselves."""

_ORDER = (AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17, AgeBand.ADULT)


def signature(key: bytes, user_id: str, band: AgeBand) -> str:
    """The HMAC-SHA256 (hex) that ties ``band`` to ``user_id`` under ``key``."""
    return hmac.new(key, f"{user_id}\n{band.value}".encode(), hashlib.sha256).hexdigest()


def band_record(key: bytes, user_id: str, band: AgeBand) -> dict[str, str]:
    """The account data content that records ``band`` for ``user_id``."""
    return {"age_band": band.value, "signature": signature(key, user_id, band)}


def band_from_record(key: bytes, user_id: str, content: Mapping[str, Any] | None) -> AgeBand | None:
    """The band a record gives ``user_id``, or ``None`` (unknown) when the record is missing,
    malformed, names no known band, or its signature does not verify."""
    if not isinstance(content, Mapping):
        return None
    name, sig = content.get("age_band"), content.get("signature")
    if not isinstance(name, str) or not isinstance(sig, str) or not AgeBand.is_known(name):
        return None
    band = AgeBand(name)
    if not hmac.compare_digest(sig, signature(key, user_id, band)):
        return None
    return band


def youngest(bands: Iterable[AgeBand | None]) -> AgeBand:
    """A room's band: its youngest member's. An unknown member (``None``) is ``under_13``, and
    so is a room with no known members."""
    ranks = [_ORDER.index(AgeBand.UNDER_13 if band is None else band) for band in bands]
    return _ORDER[min(ranks)] if ranks else AgeBand.UNDER_13


def has_children(room_band: AgeBand) -> bool:
    """True when a room with this band has anyone under 18 (or anyone of unknown age) in it."""
    return room_band is not AgeBand.ADULT


def locale_from_record(content: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """The ``(locale, country)`` a user set, each ``None`` when missing or malformed."""
    if not isinstance(content, Mapping):
        return None, None
    locale, country = content.get("locale"), content.get("country")
    good_locale = (
        locale
        if isinstance(locale, str) and 0 < len(locale) <= 35 and all(c.isalnum() or c in "-_" for c in locale)
        else None
    )
    good_country = (
        country.upper() if isinstance(country, str) and len(country) == 2 and country.isalpha() else None
    )
    return good_locale, good_country
