"""Reviewer accounts: roles and argon2 password hashes.

Accounts are created with ``safechat console add-user`` (never with a default password); a
password is at least :data:`MIN_PASSWORD_CHARS` characters and is stored only as an argon2id
hash (``argon2-cffi``'s defaults, with the parameters inside the hash).
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_CHARS = 12
"""The shortest password accepted."""

MAX_PASSWORD_CHARS = 1024
"""The longest password accepted (argon2 hashes any length; this bounds the work per attempt)."""

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
"""Lower-case letters, digits, ``.``, ``_`` and ``-``; 2 to 64 characters."""

_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the account does not exist, so a wrong name costs what a wrong
    password does (made on first use: no work at import)."""
    return _HASHER.hash("not a password of anyone's")


class Role(str, enum.Enum):
    """What an account may do: each role can do everything the roles before it can.

    ``reviewer``: the queue, cases, dismiss, confirm, escalate to a lead, notes.
    ``lead``: also act on escalated cases and export case files.
    ``admin``: also read the audit log and the list of accounts.
    """

    REVIEWER = "reviewer"
    LEAD = "lead"
    ADMIN = "admin"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for reviewer, 1 for lead, 2 for admin."""
        return list(Role).index(self)

    def can(self, needed: Role) -> bool:
        """True when this role includes ``needed``."""
        return self.rank >= needed.rank


@dataclass(frozen=True, slots=True)
class Account:
    """A console account; ``password_hash`` is argon2id (excluded from ``repr``)."""

    username: str
    role: Role
    password_hash: str = field(repr=False)
    created_at: str


class InvalidAccount(ValueError):
    """A username, role or password that cannot be used; the message names the rule, never the password."""


def check_username(username: str) -> str:
    """``username`` when it matches :data:`USERNAME_PATTERN`.

    Raises:
        InvalidAccount: it does not.
    """
    if not USERNAME_PATTERN.match(username):
        raise InvalidAccount(
            "a username is 2 to 64 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return username


def parse_role(value: str) -> Role:
    """The :class:`Role` named ``value``.

    Raises:
        InvalidAccount: no role has that name.
    """
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InvalidAccount(f"role must be one of {', '.join(r.value for r in Role)}") from None


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``.

    Raises:
        InvalidAccount: shorter than :data:`MIN_PASSWORD_CHARS` or longer than
            :data:`MAX_PASSWORD_CHARS` characters, or blank.
    """
    if len(password) < MIN_PASSWORD_CHARS or not password.strip():
        raise InvalidAccount(f"a password has at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidAccount(f"a password has at most {MAX_PASSWORD_CHARS} characters")
    return _HASHER.hash(password)


def verify_password(account: Account | None, password: str) -> bool:
    """True when ``password`` is ``account``'s; ``None`` (no such account) is checked against a
    dummy hash, so it takes as long and is never true."""
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    stored = account.password_hash if account is not None else _dummy_hash()
    try:
        ok = _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    return bool(ok) and account is not None
