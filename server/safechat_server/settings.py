"""Sidecar settings: the only place that reads the environment.

Precedence, highest first: command-line flags (passed as init arguments) > ``SAFECHAT_*``
environment variables (nested with ``__``, e.g. ``SAFECHAT_GRPC__PORT``) > a ``.env`` file named
by ``SAFECHAT_ENV_FILE`` > defaults. Unknown keys are errors.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from safechat.reports.store import DEFAULT_REPORT_STORE

_STRICT = ConfigDict(extra="forbid", frozen=True)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class GrpcSettings(BaseModel):
    """The gRPC listener."""

    model_config = _STRICT

    host: str = Field(default="127.0.0.1", description="bind address; loopback by default")
    port: int = Field(default=50051, ge=0, le=65535, description="0 picks a free port")
    max_receive_bytes: int = Field(default=256 * 1024, ge=1024, description="largest request accepted")
    max_text_chars: int = Field(default=4096, ge=1, description="longest message text accepted")
    max_batch_messages: int = Field(default=256, ge=1, description="most messages in one ModerateBatch")
    grace_s: float = Field(default=10.0, ge=0, description="in-flight calls get this long on shutdown")
    reflection: bool = Field(default=True, description="server reflection (exposes the schema)")
    workers: int = Field(default=32, ge=1, description="gRPC handler threads")
    keepalive_time_ms: int = Field(default=60_000, ge=1000)
    keepalive_timeout_ms: int = Field(default=20_000, ge=1000)
    min_ping_interval_ms: int = Field(
        default=30_000, ge=1000, description="clients may ping no more often than this"
    )


class BatchSettings(BaseModel):
    """Micro-batching: concurrent calls gathered into one model run."""

    model_config = _STRICT

    max_messages: int = Field(default=32, ge=1, description="most messages per model run")
    max_wait_ms: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="longest a call waits for others; 0: a free worker starts at once, and calls "
        "that arrive while the workers are busy share the next run",
    )
    workers: int = Field(
        default=0, ge=0, description="model runs in flight at once; 0 = one per available core"
    )
    queue_size: int = Field(default=1024, ge=1, description="waiting messages before RESOURCE_EXHAUSTED")
    min_budget_ms: float = Field(
        default=5.0, ge=0, description="a call with less deadline left fails fast with DEADLINE_EXCEEDED"
    )

    @property
    def worker_count(self) -> int:
        """``workers``, with 0 resolved to the cores this process may run on."""
        return self.workers or available_cores()


class TlsSettings(BaseModel):
    """Optional TLS; mutual TLS when ``client_ca`` is set."""

    model_config = _STRICT

    cert: Path | None = None
    key: Path | None = None
    client_ca: Path | None = None

    @model_validator(mode="after")
    def _pair(self) -> TlsSettings:
        if (self.cert is None) != (self.key is None):
            raise ValueError("tls.cert and tls.key go together")
        if self.client_ca is not None and self.cert is None:
            raise ValueError("tls.client_ca needs tls.cert and tls.key")
        for path in (self.cert, self.key, self.client_ca):
            if path is not None and not path.is_file():
                raise ValueError(f"file not found: {path}")
        return self

    @property
    def enabled(self) -> bool:
        return self.cert is not None


class MetricsSettings(BaseModel):
    """Prometheus metrics on their own HTTP port."""

    model_config = _STRICT

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=9464, ge=0, le=65535, description="0 picks a free port")


class ModelSettings(BaseModel):
    """Which bundle and policy to load."""

    model_config = _STRICT

    bundle: Path | None = Field(default=None, description="default: the shipped bundle")
    policy: Path | None = Field(default=None, description="default: the shipped policy")
    threads: int = Field(
        default=1,
        ge=0,
        description="onnxruntime threads per model run; 0 = one per core. With batch.workers "
        "runs in flight, workers x threads should not exceed the cores",
    )


class HttpSettings(BaseModel):
    """The optional HTTP/JSON API (and the Perspective-compatible endpoint)."""

    model_config = _STRICT

    port: int | None = Field(
        default=None, ge=0, le=65535, description="unset: no HTTP API; 0 picks a free port"
    )
    host: str = Field(default="127.0.0.1", description="bind address; loopback by default")
    timeout_s: float = Field(default=5.0, gt=0, description="longest a request waits for its decisions")
    header_timeout_s: float = Field(
        default=10.0, gt=0, description="a connection must send its request line and headers within this"
    )
    body_timeout_s: float = Field(
        default=30.0, gt=0, description="a request body must arrive whole within this (else 408)"
    )
    keep_alive_s: int = Field(default=5, ge=1, description="idle keep-alive connections close after this")
    max_header_bytes: int = Field(
        default=16 * 1024, ge=1024, description="largest request line and headers accepted"
    )


class ConversationSettings(BaseModel):
    """Where ModerateConversation keeps its state (stage sightings and message ids, never text)."""

    model_config = _STRICT

    store: str = Field(default="memory", description="memory, or redis://host:port/db for several replicas")
    ttl_s: float = Field(
        default=30 * 86_400, gt=0, description="state is forgotten this long after its last update"
    )
    max_keys: int = Field(default=100_000, ge=1, description="in-memory store: most sender/reader pairs kept")


_STORE_SCHEMES = ("sqlite:///", "postgresql://", "postgres://")


def _store_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(_STORE_SCHEMES):
        raise ValueError("must be sqlite:///path or postgresql://user@host/db")
    return value


class ReportSettings(BaseModel):
    """Where SubmitReport keeps children's reports (opened on the first report)."""

    model_config = _STRICT

    store: str | None = Field(
        default=None,
        description="sqlite:///path or postgresql://...; default: SAFECHAT_REPORT_STORE, else "
        + DEFAULT_REPORT_STORE,
    )

    @field_validator("store")
    @classmethod
    def _check_store(cls, value: str | None) -> str | None:
        return _store_url(value)


class ConsoleSettings(BaseModel):
    """The review console, served at ``/console`` by the HTTP server, on the report store."""

    model_config = _STRICT

    enabled: bool = Field(default=False, description="serve the console (needs http.port)")
    secure_cookies: bool = Field(
        default=True,
        description="session cookies only over HTTPS; turn off only for plain http on loopback",
    )
    session_hours: float = Field(default=8.0, gt=0, le=24, description="a sign-in lasts this long")
    retention_days: int = Field(
        default=90, ge=1, description="closed cases' evidence is deleted this long after their last change"
    )
    retention_check_s: float = Field(default=3600.0, gt=0, description="how often retention is applied")
    login_attempts: int = Field(
        default=5, ge=1, description="failed sign-ins per account, and per address, within login_window_s"
    )
    login_window_s: float = Field(default=900.0, gt=0, description="the window of login_attempts")


class ServerSettings(BaseSettings):
    """Everything ``safechat serve`` can be told."""

    model_config = SettingsConfigDict(
        env_prefix="SAFECHAT_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    grpc: GrpcSettings = GrpcSettings()
    batch: BatchSettings = BatchSettings()
    tls: TlsSettings = TlsSettings()
    metrics: MetricsSettings = MetricsSettings()
    model: ModelSettings = ModelSettings()
    conversation: ConversationSettings = ConversationSettings()
    http: HttpSettings = HttpSettings()
    reports: ReportSettings = ReportSettings()
    console: ConsoleSettings = ConsoleSettings()
    report_store: str | None = Field(
        default=None,
        description="SAFECHAT_REPORT_STORE (DESIGN's name); reports.store wins when both are set",
    )
    token: SecretStr | None = Field(
        default=None, description="when set, calls must send 'authorization: Bearer <token>'"
    )
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    processes: int = Field(
        default=1,
        ge=1,
        le=64,
        description="sidecar processes on the same ports, each with its own model (Linux); "
        "more than 1 uses more cores than one Python process can",
    )

    @field_validator("report_store")
    @classmethod
    def _check_report_store(cls, value: str | None) -> str | None:
        return _store_url(value)

    @model_validator(mode="after")
    def _console_needs_http(self) -> ServerSettings:
        if self.console.enabled and self.http.port is None:
            raise ValueError("console.enabled needs http.port (the console is served on the HTTP port)")
        return self

    @property
    def report_store_url(self) -> str:
        """The report store: ``reports.store``, else ``report_store``, else the default."""
        return self.reports.store or self.report_store or DEFAULT_REPORT_STORE
