"""The module's configuration (the ``config:`` block under ``modules:`` in ``homeserver.yaml``).

Parsed once, when Synapse starts, into a frozen object; an unknown or bad key stops start-up
with its field path (a misspelt timeout must never be ignored silently).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

MIN_KEY_CHARS = 16


class ConfigProblem(ValueError):
    """A configuration that does not validate; the message names each field path that is wrong."""


class ModuleConfig(BaseModel):
    """Settings of :class:`safechat_matrix.SafechatModule`.

    Attributes:
        sidecar: the safechat sidecar's gRPC address (``host:port``); ignored with ``in_process``.
        token: the sidecar's bearer token (``SAFECHAT_TOKEN``), if it has one.
        in_process: run the safechat SDK inside Synapse instead of calling a sidecar.
        bundle, policy: what the SDK loads (``in_process`` only; default: the shipped ones).
        report_store: where forwarded reports and queued reviews go (``in_process`` only; the
            sidecar uses its own ``SAFECHAT_REPORTS__STORE``).
        conversation_store: conversation state for ``in_process`` (``memory`` or ``redis://...``).
        timeout_s: longest wait for one decision, in seconds (0 < t <= 10). A sidecar that does
            not answer in time counts as down: messages to rooms with children are refused.
        band_key: the secret that signs age bands (at least 16 characters). A band without a
            valid signature (e.g. one a user wrote into their own account data) counts as unknown.
        warn_hold_s: how long, in seconds, a warned message stays held: sending the same text
            again within this time delivers it.
        report_poll_s: how often, in seconds, Matrix event reports are forwarded to safechat.
        report_url: the link in a recipient's notice, with ``{room_id}`` and ``{event_id}``.
        max_text_chars: longest message text checked (the sidecar's ``grpc.max_text_chars``);
            a longer one is refused in rooms with children.
        refuse_encrypted: refuse encrypted messages (which no server can read) and turning
            encryption on, in rooms with children.
        max_in_flight: most calls to safechat waiting at once; a message beyond them gets no
            decision (refused in rooms with children), so no message ever queues for a thread.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    sidecar: str = "127.0.0.1:50051"
    token: SecretStr | None = None
    in_process: bool = False
    bundle: str | None = None
    policy: str | None = None
    report_store: str | None = None
    conversation_store: str = "memory"
    timeout_s: float = Field(default=0.5, gt=0, le=10)
    band_key: SecretStr
    warn_hold_s: float = Field(default=600.0, gt=0, le=86_400)
    report_poll_s: float = Field(default=5.0, gt=0, le=3600)
    report_url: str = "https://matrix.to/#/{room_id}/{event_id}"
    max_text_chars: int = Field(default=4096, ge=1, le=100_000)
    refuse_encrypted: bool = True
    max_in_flight: int = Field(default=32, ge=1, le=1024)

    @field_validator("band_key")
    @classmethod
    def _long_key(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < MIN_KEY_CHARS:
            raise ValueError(f"must be at least {MIN_KEY_CHARS} characters")
        return value

    @field_validator("sidecar")
    @classmethod
    def _address(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must be host:port, e.g. 127.0.0.1:50051")
        return value

    @field_validator("report_url")
    @classmethod
    def _template(cls, value: str) -> str:
        try:
            value.format(room_id="!r:example.org", event_id="$e")
        except (KeyError, IndexError, ValueError):
            raise ValueError("may use only {room_id} and {event_id}") from None
        return value

    @model_validator(mode="after")
    def _sdk_options(self) -> ModuleConfig:
        if not self.in_process:
            for name in ("bundle", "policy", "report_store"):
                if getattr(self, name) is not None:
                    raise ValueError(f"{name} needs in_process: true (the sidecar has its own)")
        return self


def parse(raw: Mapping[str, Any] | None) -> ModuleConfig:
    """Validate the module's ``config:`` block.

    Raises:
        ConfigProblem: naming every field path that is wrong (never a secret's value).
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise ConfigProblem("config: must be a mapping")
    try:
        return ModuleConfig.model_validate(dict(raw))
    except ValidationError as err:
        problems = []
        for error in err.errors():
            path = ".".join(str(part) for part in error["loc"]) or "config"
            problems.append(f"{path}: {error['msg']}")
        raise ConfigProblem("; ".join(problems)) from None
