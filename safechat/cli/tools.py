"""Subcommands for safety teams: ``calibrate``, ``eval``, ``policy validate`` and ``policy diff``.

Exit codes: 0 success; 1 the data had bad lines (reported by number, never by text) and
``--skip-bad-lines`` was not given; 2 usage or configuration error. Heavy modules are imported
only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from safechat.engine import Moderator
from safechat.types import AgeBand

if TYPE_CHECKING:
    from safechat.calibration.data import ScoredData
    from safechat.calibration.fit import Entry
    from safechat.policy.policy import Policy

_SHOWN_PROBLEMS = 20


def register_tools(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the safety-team subcommands to the ``safechat`` parser."""
    calibrate = commands.add_parser(
        "calibrate",
        help="fit thresholds per label and age band on labelled JSONL; write a policy TOML",
        description="Lines: {'text': ..., 'labels': [names] or {name: 0/1}, 'age_band'?: ...}. "
        "Labels with too few positives, and bands without data, keep the base policy's thresholds.",
    )
    calibrate.add_argument("--data", required=True, metavar="FILE", help="labelled JSONL")
    calibrate.add_argument(
        "--target",
        required=True,
        help="precision=P or recall=R, e.g. precision=0.9; or 'needs': fit every band to the actions "
        "the lines need (lines carry 'needs'), within --max-flagged",
    )
    calibrate.add_argument(
        "--max-flagged",
        type=float,
        default=0.04,
        help="with --target needs: most benign lines given anything but allow, per band (default 0.04)",
    )
    calibrate.add_argument("--out", required=True, metavar="FILE", help="where to write the policy TOML")
    calibrate.add_argument(
        "--band",
        choices=[b.value for b in AgeBand],
        help="fit only this band (lines without a band count as it)",
    )
    calibrate.add_argument(
        "--min-positives", type=int, default=20, help="fewest positives to fit (default 20)"
    )
    calibrate.add_argument("--version", dest="policy_version", help="version of the new policy")
    _data_options(calibrate)
    common(calibrate)
    calibrate.set_defaults(handler=_calibrate)

    evaluate = commands.add_parser(
        "eval", help="metrics, plots and an HTML report of a policy on labelled JSONL"
    )
    evaluate.add_argument("--data", required=True, metavar="FILE", help="labelled JSONL")
    evaluate.add_argument("--report", required=True, metavar="DIR", help="folder for report.html etc.")
    evaluate.add_argument(
        "--every-band",
        action="store_true",
        help="score each line once for every age band (its own age_band is ignored)",
    )
    _data_options(evaluate)
    common(evaluate)
    evaluate.set_defaults(handler=_eval)

    policy = commands.add_parser("policy", help="check or compare policy files")
    actions = policy.add_subparsers(dest="policy_command", required=True)
    validate = actions.add_parser(
        "validate", help="exit 0 if FILE is a valid policy, else list errors (exit 2)"
    )
    validate.add_argument("file", metavar="FILE")
    validate.set_defaults(handler=_validate)
    diff = actions.add_parser(
        "diff",
        help="thresholds, actions and settings that differ from A to B",
        description="A or B may be 'default' for the shipped policy. Exit 0 whether or not they differ.",
    )
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.set_defaults(handler=_diff)


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch-size", type=int, default=64, help="lines per model run (default 64)")
    parser.add_argument("--skip-bad-lines", action="store_true", help="report bad lines but go on")
    parser.add_argument("--progress", action="store_true", help="show progress on stderr (default: on a TTY)")


def _err(message: str) -> None:
    print(f"safechat: {message}", file=sys.stderr)


def _score(
    args: argparse.Namespace, moderator: Moderator, default_band: AgeBand, *, every_band: bool = False
) -> ScoredData | None:
    from safechat.calibration.data import score_file
    from safechat.calibration.progress import Progress

    path = Path(args.data)
    size = path.stat().st_size if path.is_file() else 0
    progress = Progress(
        sys.stderr,
        label=f"scoring {path.name}",
        total_bytes=size,
        enabled=args.progress or sys.stderr.isatty(),
    )
    data = score_file(
        moderator,
        path,
        default_band=default_band,
        batch_size=args.batch_size,
        keep_going=args.skip_bad_lines,
        progress=progress,
        every_band=every_band,
    )
    for problem in data.problems[:_SHOWN_PROBLEMS]:
        _err(f"{path.name}: {problem}")
    if data.problem_count > _SHOWN_PROBLEMS:
        _err(f"{path.name}: ... and {data.problem_count - _SHOWN_PROBLEMS} more bad line(s)")
    if data.problem_count and not args.skip_bad_lines:
        _err(f"{data.problem_count} bad line(s); fix them or pass --skip-bad-lines; nothing written")
        return None
    if data.size == 0:
        _err(f"{path.name}: no usable lines")
        return None
    return data


def _check_inputs(args: argparse.Namespace) -> bool:
    if args.batch_size < 1:
        _err("--batch-size must be at least 1")
        return False
    if not Path(args.data).is_file():
        _err(f"no data file {args.data}")
        return False
    return True


def _base_text(args: argparse.Namespace) -> str:
    """The text of the policy a fit starts from (``--policy``, else the shipped default): the
    fitted policy is written over it, so its comments and order stay."""
    from safechat.policy.policy import default_policy_text

    return Path(args.policy).read_text("utf-8") if args.policy else default_policy_text()


def _calibrate(args: argparse.Namespace) -> int:
    from safechat.calibration.fit import Target, calibrate
    from safechat.calibration.toml_writer import policy_to_toml

    if args.target == "needs":
        return _calibrate_needs(args)
    try:
        target = Target.parse(args.target)
    except ValueError as err:
        _err(str(err))
        return 2
    if args.min_positives < 1:
        _err("--min-positives must be at least 1")
        return 2
    if not _check_inputs(args):
        return 2
    moderator = Moderator.load(
        bundle=args.bundle, policy=args.policy, threads=args.threads, queue_reviews=False
    )
    band = AgeBand(args.band) if args.band else None
    data = _score(args, moderator, band or AgeBand.UNDER_13)
    if data is None:
        return 1
    result = calibrate(
        moderator.policy,
        data,
        target,
        bands=[band] if band else None,
        min_positives=args.min_positives,
        version=args.policy_version,
    )
    header = (
        f"Written by safechat calibrate ({target}) from {data.source}; see [provenance].\n"
        "Check it with: safechat policy validate FILE; compare: safechat policy diff BASE FILE"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(policy_to_toml(result.policy, header=header, base=_base_text(args)), "utf-8")
    print(_summary(result.entries))
    for note in result.adjustments:
        print(f"adjusted: {note}")
    print(f"wrote {out} (policy version {result.policy.version})")
    return 0


def _calibrate_needs(args: argparse.Namespace) -> int:
    from safechat.calibration.needs_fit import cases_from_lines, fit_to_needs, read_lines
    from safechat.calibration.toml_writer import policy_to_toml

    if not 0.0 <= args.max_flagged < 1.0:
        _err("--max-flagged must be in [0, 1)")
        return 2
    if not _check_inputs(args):
        return 2
    path = Path(args.data)
    lines, problems = read_lines(path)
    for problem in problems[:_SHOWN_PROBLEMS]:
        _err(f"{path.name}: {problem}")
    if problems and not args.skip_bad_lines:
        _err(f"{len(problems)} bad line(s); fix them or pass --skip-bad-lines; nothing written")
        return 1
    if args.band:
        lines = [line for line in lines if line.band.value == args.band]
    moderator = Moderator.load(
        bundle=args.bundle, policy=args.policy, threads=args.threads, queue_reviews=False
    )
    cases = cases_from_lines(moderator, lines, batch_size=args.batch_size)
    if not cases:
        _err(f"{path.name}: no line says what it needs ('needs')")
        return 1
    fit = fit_to_needs(
        moderator.policy,
        cases,
        max_flagged=args.max_flagged,
        min_positives=args.min_positives,
        version=args.policy_version,
    )
    header = (
        f"Written by safechat calibrate (needs, max benign flagged {args.max_flagged:g}) "
        f"from {path.name}; see [provenance].\n"
        "Check it with: safechat policy validate FILE; compare: safechat policy diff BASE FILE"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(policy_to_toml(fit.policy, header=header, base=_base_text(args)), "utf-8")
    for band, after in fit.after.items():
        before = fit.before[band]
        print(
            f"{band.value:9} harmful lines served (mean over labels) "
            f"{before.mean_share:.3f} -> {after.mean_share:.3f}; "
            f"benign flagged {before.flagged:.3f} -> {after.flagged:.3f}"
        )
    for change in fit.changes:
        print(f"changed: {change}")
    print(f"wrote {out} (policy version {fit.policy.version})")
    return 0


def _summary(entries: Sequence[Entry]) -> str:
    head = f"{'band':9} {'label':10} {'status':19} {'threshold':>16} {'precision':>9} {'recall':>7}"
    lines = [f"{head} {'pos/neg':>9}"]
    for e in entries:
        if e.status in ("not_in_data", "not_selected") and e.clamped_from is None:
            continue
        change = f"{e.base_threshold:g} -> {e.threshold:g}"
        p = "n/a" if e.precision is None else f"{e.precision:.3f}"
        r = "n/a" if e.recall is None else f"{e.recall:.3f}"
        status = e.status + (" (clamped)" if e.clamped_from is not None else "")
        counts = f"{e.positives}/{e.negatives}"
        lines.append(
            f"{e.band.value:9} {e.label.value:10} {status:19} {change:>16} {p:>9} {r:>7} {counts:>9}"
        )
    return "\n".join(lines)


def _eval(args: argparse.Namespace) -> int:
    from safechat.calibration.decisions import summary_lines
    from safechat.calibration.plots import require_matplotlib
    from safechat.calibration.report import write_report

    require_matplotlib()  # before any scoring
    if not _check_inputs(args):
        return 2
    moderator = Moderator.load(
        bundle=args.bundle, policy=args.policy, threads=args.threads, queue_reviews=False
    )
    data = _score(args, moderator, AgeBand.UNDER_13, every_band=args.every_band)
    if data is None:
        return 1
    metrics = write_report(data, moderator.policy, args.report, policy_version=moderator.policy_version)
    for name, label in metrics["labels"].items():
        auc = "n/a" if label["roc_auc"] is None else f"{label['roc_auc']:.3f}"
        ap = "n/a" if label["pr_auc"] is None else f"{label['pr_auc']:.3f}"
        print(f"{name:10} ROC-AUC {auc:>6}  PR-AUC {ap:>6}  positives {label['positives']}")
    for line in summary_lines(metrics["decisions"]):
        print(line)
    print(f"wrote {Path(args.report) / 'report.html'} and metrics.json")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from safechat.calibration.policy_diff import strictness_problems
    from safechat.errors import PolicyError
    from safechat.policy.policy import Policy

    try:
        policy = Policy.from_toml(args.file)
    except PolicyError as err:
        print(f"{args.file}: invalid", file=sys.stderr)
        print(str(err), file=sys.stderr)
        return 2
    for problem in strictness_problems(policy):
        print(f"warning: {problem}", file=sys.stderr)
    print(f"{args.file}: valid (policy version {policy.version})")
    return 0


def _policy(name: str) -> Policy:
    from safechat.policy.policy import Policy

    if name == "default" and not Path(name).exists():
        return Policy.default()
    return Policy.from_toml(name)


def _diff(args: argparse.Namespace) -> int:
    from safechat.calibration.policy_diff import diff_policies, render_diff

    a, b = _policy(args.a), _policy(args.b)
    changes = diff_policies(a, b)
    if args.json:
        record = {
            "a": {"file": args.a, "version": a.version},
            "b": {"file": args.b, "version": b.version},
            "changes": [change.as_dict() for change in changes],
        }
        print(json.dumps(record, indent=2))
    else:
        print(render_diff(changes, a_name=f"{args.a} ({a.version})", b_name=f"{args.b} ({b.version})"))
    return 0
