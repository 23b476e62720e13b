"""``safechat``: check one message, score JSONL streams; calibrate, eval, policy and bank tools.

Exit codes: 0 success; 1 some input lines were malformed (the good ones were answered);
2 usage or configuration error (bad policy, missing bundle).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from safechat.calibration.progress import Progress
from safechat.cli.console import register_console
from safechat.cli.exemplars import register_exemplars
from safechat.cli.render import decision_json, decision_text
from safechat.cli.reports import register_reports
from safechat.cli.rescore import register_rescore
from safechat.cli.score import DEFAULT_WINDOW, input_size, run_score
from safechat.cli.tools import register_tools
from safechat.conversation import ConversationModerator, open_store
from safechat.engine import DEFAULT_MAX_TEXT_CHARS, Moderator
from safechat.errors import SafechatError
from safechat.types import AgeBand


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundle", metavar="DIR", help="model bundle directory (default: the shipped one)")
    parser.add_argument("--policy", metavar="FILE", help="policy TOML file (default: the shipped one)")
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0 = one per core)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="safechat", description="Moderation for children's chat.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="moderate one message and show the decision")
    check.add_argument("text", help="the message")
    check.add_argument(
        "--age-band", default=None, help=f"one of {[b.value for b in AgeBand]} (default under_13)"
    )
    check.add_argument(
        "--locale", default=None, help="prompt language, e.g. en, fr, de-AT (default: the message's, else en)"
    )
    check.add_argument("--country", default=None, help="ISO country code for the helpline")
    check.add_argument("--json", action="store_true", help="print the decision as JSON")
    _common(check)
    check.set_defaults(handler=_check)

    score = commands.add_parser(
        "score", help="JSONL in on stdin, one decision per line out on stdout, same order"
    )
    score.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_WINDOW,
        help=f"lines read ahead and decided together, sorted by length inside (default {DEFAULT_WINDOW}); "
        "from a pipe, answered as soon as no more lines are waiting",
    )
    score.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: for a file, on a TTY)"
    )
    score.add_argument(
        "--conversation",
        action="store_true",
        help="lines are conversation messages in order; adds conversation_risk and stages",
    )
    score.add_argument(
        "--conversation-store",
        metavar="URL",
        default=None,
        help="where conversation state lives: memory (default) or redis://host:port/db; "
        "also SAFECHAT_CONVERSATION_STORE",
    )
    _common(score)
    score.set_defaults(handler=_score)

    serve = commands.add_parser(
        "serve",
        help="run the gRPC sidecar (needs the server extra)",
        description="Settings also come from SAFECHAT_* environment variables "
        "(e.g. SAFECHAT_GRPC__PORT, SAFECHAT_TOKEN); flags win.",
    )
    serve.add_argument("--host", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="gRPC port (default 50051; 0 picks a free one)")
    serve.add_argument("--metrics-port", type=int, help="Prometheus port (default 9464; 0 picks a free one)")
    serve.add_argument("--http-port", type=int, help="also serve the HTTP/JSON API here (0 picks a free one)")
    serve.add_argument("--no-metrics", action="store_true", help="do not serve metrics")
    serve.add_argument("--no-reflection", action="store_true", help="turn server reflection off")
    serve.add_argument("--bundle", metavar="DIR", help="model bundle directory (default: the shipped one)")
    serve.add_argument("--policy", metavar="FILE", help="policy TOML file (default: the shipped one)")
    serve.add_argument(
        "--threads", type=int, help="onnxruntime threads per model run (default 1; 0 = one per core)"
    )
    serve.add_argument(
        "--console",
        action="store_true",
        help="serve the review console at /console on the HTTP port (see README, Review console)",
    )
    serve.add_argument(
        "--processes",
        type=int,
        help="sidecar processes sharing the ports, each with its own model (default 1)",
    )
    serve.set_defaults(handler=_serve)
    register_tools(commands, _common)
    register_reports(commands)
    register_rescore(commands, _common)
    register_exemplars(commands)
    register_console(commands)
    return parser


def _load(args: argparse.Namespace) -> Moderator:
    # check and score show each decision's review; they queue nothing in a report store
    return Moderator.load(bundle=args.bundle, policy=args.policy, threads=args.threads, queue_reviews=False)


def _check(args: argparse.Namespace) -> int:
    if args.age_band is not None and not AgeBand.is_known(args.age_band):
        bands = [b.value for b in AgeBand]
        print(f"safechat: unknown --age-band {args.age_band!r}; use one of {bands}", file=sys.stderr)
        return 2
    moderator = _load(args)
    decision = moderator.moderate(args.text, age_band=args.age_band, locale=args.locale, country=args.country)
    if args.json:
        print(json.dumps(decision_json(decision), ensure_ascii=False))
    else:
        print(decision_text(decision))
    return 0


def _score(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        print("safechat: --batch-size must be at least 1", file=sys.stderr)
        return 2
    moderator = _load(args)
    size = input_size(sys.stdin.buffer)
    progress = Progress(
        sys.stderr,
        label="safechat score",
        total_bytes=size or 0,
        enabled=args.progress or (size is not None and sys.stderr.isatty()),
    )
    scorer: Moderator | ConversationModerator = moderator
    if args.conversation:
        url = args.conversation_store or os.environ.get("SAFECHAT_CONVERSATION_STORE", "memory")
        scorer = ConversationModerator(moderator, store=open_store(url))
    return run_score(
        scorer, sys.stdin.buffer, sys.stdout, sys.stderr, batch_size=args.batch_size, progress=progress
    )


def _serve(args: argparse.Namespace) -> int:
    try:
        from pydantic import ValidationError
        from safechat_server.app import serve
        from safechat_server.settings import ServerSettings
    except ImportError as err:
        print(
            f"safechat serve needs the server extra: pip install 'safechat[server]' ({err.name} is missing)",
            file=sys.stderr,
        )
        return 2
    overrides: dict[str, dict[str, object]] = {"grpc": {}, "metrics": {}, "model": {}, "http": {}}
    for section, key, value in (
        ("grpc", "host", args.host),
        ("grpc", "port", args.port),
        ("metrics", "port", args.metrics_port),
        ("http", "port", args.http_port),
        ("model", "bundle", args.bundle),
        ("model", "policy", args.policy),
        ("model", "threads", args.threads),
    ):
        if value is not None:
            overrides[section][key] = value
    if args.no_metrics:
        overrides["metrics"]["enabled"] = False
    if args.no_reflection:
        overrides["grpc"]["reflection"] = False
    if args.console:
        overrides["console"] = {"enabled": True}
    top: dict[str, object] = {} if args.processes is None else {"processes": args.processes}
    try:
        settings = ServerSettings(**{k: v for k, v in overrides.items() if v}, **top)  # type: ignore[arg-type]
    except ValidationError as err:
        for problem in err.errors():
            path = ".".join(str(part) for part in problem["loc"])
            print(f"safechat serve: setting {path}: {problem['msg']}", file=sys.stderr)
        return 2
    return serve(settings)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # undecodable input must not crash the output
        sys.stdout.reconfigure(errors="backslashreplace")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except SafechatError as err:
        print(f"safechat: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


__all__ = ["DEFAULT_MAX_TEXT_CHARS", "build_parser", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
