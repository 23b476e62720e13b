"""``python -m models.training build ...``: rebuild a shipped bundle (see ``pipelines/cli.py``)."""

from __future__ import annotations

import sys

from models.training.pipelines import cli

USAGE = "usage: python -m models.training build --bundle en|multi --data PATH --out DIR [--seed N]"


def main(argv: list[str]) -> None:
    if not argv or argv[0] != "build":
        raise SystemExit(USAGE)
    cli.main(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
