"""Shared test helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def load_jsonl(name: str) -> list[dict[str, Any]]:
    """The records of ``tests/data/<name>``, one JSON object per non-blank line."""
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


import itertools  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402


def in_ci() -> bool:
    """True when the environment variable ``CI`` is set (CI runners set ``CI=true``; so does .ci/run)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(what: str) -> None:
    """A test needs ``what`` (a server binary, node modules): fail in CI, skip on a developer machine."""
    message = f"{what} is not available (.ci/run installs it)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


_SKIPPED_IN_CI = (
    "skipped in CI, where every test must run: {reason}. Install what it needs in .ci/run, or {fix}"
)


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    return str(longrepr[2]) if isinstance(longrepr, tuple) else str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (``CI`` set) a skipped test fails unless it is marked ``optional``: a skip that also
    fires in CI (a bundle, a table or a package missing) would hide a regression. xfail stays."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if (
        report.skipped
        and in_ci()
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("optional") is None
    ):
        report.outcome = "failed"
        fix = "mark the test @pytest.mark.optional if CI may go without it"
        report.longrepr = _SKIPPED_IN_CI.format(reason=_skip_reason(report), fix=fix)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """In CI a module that skips itself while being collected fails: it cannot be marked
    ``optional`` (skip in a fixture of an optional test instead)."""
    outcome = yield
    report: pytest.CollectReport = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and in_ci():
        report.outcome = "failed"
        fix = "skip in a fixture of tests marked @pytest.mark.optional, not while the module is collected"
        report.longrepr = _SKIPPED_IN_CI.format(reason=_skip_reason(report), fix=fix)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_binary() -> str:
    """The redis-server binary: fails in CI without it, skips on a developer machine."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (Debian package redis-server; .ci/run installs it)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return binary


def start_redis(binary: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """Start redis-server on loopback ``port`` (no persistence) and wait until it answers PING."""
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    process.wait(timeout=10)
    pytest.fail("redis-server did not start")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real redis-server on a free loopback port, started for this test session; yields its port.

    Without the redis-server binary the tests that need it fail in CI (CI is set) and are
    skipped on a developer machine.
    """
    binary = redis_binary()
    port = free_port()
    process = start_redis(binary, port, tmp_path_factory.mktemp("redis"))
    yield port
    process.terminate()
    process.wait(timeout=10)


class KillableRedis:
    """A redis-server of one test's own, to stop and start again on the same port."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self._binary = binary
        self._workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/1"
        self._process: subprocess.Popen[bytes] | None = start_redis(binary, self.port, workdir)

    def kill(self) -> None:
        """SIGKILL the server and wait until it is gone (its port refuses connections)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=10)
            self._process = None

    def restart(self) -> None:
        """Start a fresh, empty server on the same port."""
        self.kill()
        self._process = start_redis(self._binary, self.port, self._workdir)


@pytest.fixture
def killable_redis(tmp_path: Path) -> Iterator[KillableRedis]:
    """A redis-server for this test alone (not the session's): the test may kill and restart it."""
    server = KillableRedis(redis_binary(), tmp_path)
    yield server
    server.kill()


_REDIS_DATABASES = 16  # redis-server's default number of logical databases
_redis_tests = itertools.count()


def _flush_redis_db(port: int, db: int) -> None:
    """Empty database ``db`` of the redis-server on ``port`` (SELECT, then FLUSHDB, in RESP)."""
    commands = [("SELECT", str(db)), ("FLUSHDB",)]
    wire = "".join(f"*{len(c)}\r\n" + "".join(f"${len(a)}\r\n{a}\r\n" for a in c) for c in commands)
    reply = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(wire.encode())
        while reply.count(b"\r\n") < len(commands):
            chunk = conn.recv(1024)
            if not chunk:
                break
            reply += chunk
    assert reply == b"+OK\r\n" * len(commands), reply


@pytest.fixture
def redis_url(redis_server: int) -> Iterator[str]:
    """The URL of a Redis database of this test's own, empty when the test starts and emptied
    when it ends: no test sees another test's keys, whatever the order they run in.

    Tests take the server's databases 1-15 in turn (0, the default, is never used); each is
    flushed before the test, so a database used twice starts empty again.
    """
    db = 1 + next(_redis_tests) % (_REDIS_DATABASES - 1)
    _flush_redis_db(redis_server, db)
    yield f"redis://127.0.0.1:{redis_server}/{db}"
    _flush_redis_db(redis_server, db)


def _postgres_bin() -> Path | None:
    """The folder with initdb, pg_ctl and postgres: on PATH, else Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found is not None:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parent.parent.name)
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server on a free loopback port (socket dir in /tmp), for this session.

    PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` OS user. Without
    the binaries the tests that need it fail in CI (CI is set) and are skipped locally. Yields
    the URL of its ``postgres`` database (user ``postgres``, trust authentication on loopback).
    """
    import tempfile

    bindir = _postgres_bin()
    as_user: list[str] = []
    if bindir is not None and os.geteuid() == 0:
        runuser = shutil.which("runuser")
        as_user = [runuser, "-u", "postgres", "--"] if runuser else []
        try:
            import pwd

            owner = pwd.getpwnam("postgres")
        except KeyError:
            bindir = None
    if bindir is None or (os.geteuid() == 0 and not as_user):
        message = "PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    workdir = Path(tempfile.mkdtemp(prefix="safechat-pg-"))
    if as_user:
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
    data = workdir / "data"
    port = free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1"
    ctl = [*as_user, str(bindir / "pg_ctl"), "-D", str(data)]
    started = subprocess.run(
        [*ctl, "-o", options, "-l", str(workdir / "log"), "-w", "-t", "60", "start"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    if started.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.fail("PostgreSQL did not start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*ctl, "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the session's PostgreSQL server (see ``postgres_server``)."""
    import uuid

    psycopg = pytest.importorskip("psycopg")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.rsplit("/", 1)[0] + f"/{name}"
