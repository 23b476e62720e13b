"""``safechat console``: accounts of the review console, and the check of its case files.

    safechat console add-user NAME --role reviewer|lead|admin [--password-stdin] [--store URL]
    safechat console set-password NAME [--password-stdin] [--store URL]
    safechat console list-users [--store URL]
    safechat console verify CASE_FILE.json

The password is asked for twice at the terminal (or read as one line from stdin with
``--password-stdin``); it is never an argument and there is no default. The store is
``--store``, else the server's (``SAFECHAT_REPORTS__STORE``, ``SAFECHAT_REPORT_STORE``), else
``sqlite:///safechat-reports.db``. Needs the server extra. Exit codes: 0 success; 1 a broken case
file, or no such account; 2 usage, store or input error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from safechat.errors import SafechatError


def register_console(commands: Any) -> None:
    """Add ``console`` and its subcommands to the ``safechat`` sub-parsers ``commands``."""
    console = commands.add_parser(
        "console", help="review console accounts, and the check of exported case files (server extra)"
    )
    actions = console.add_subparsers(dest="console_command", required=True)

    add = actions.add_parser("add-user", help="create a console account")
    add.add_argument("username", metavar="NAME")
    add.add_argument("--role", required=True, help="reviewer, lead or admin")
    _password_and_store(add)
    add.set_defaults(handler=_add_user)

    reset = actions.add_parser("set-password", help="set an account's password (signs it out everywhere)")
    reset.add_argument("username", metavar="NAME")
    _password_and_store(reset)
    reset.set_defaults(handler=_set_password)

    listing = actions.add_parser("list-users", help="one account per line: name, role, created")
    listing.add_argument("--store", metavar="URL", default=None, help="the report store URL")
    listing.set_defaults(handler=_list_users)

    verify = actions.add_parser("verify", help="check a case file's SHA-256 hash chain")
    verify.add_argument("path", metavar="CASE_FILE.json", type=Path)
    verify.set_defaults(handler=_verify)


def _password_and_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password as one line from stdin"
    )
    parser.add_argument("--store", metavar="URL", default=None, help="the report store URL")


class _Usage(Exception):
    pass


def _store_url(args: argparse.Namespace) -> str:
    if args.store:
        return str(args.store)
    from pydantic import ValidationError
    from safechat_server.settings import ServerSettings

    try:
        return ServerSettings().report_store_url
    except ValidationError as err:
        raise _Usage(f"the server settings are not valid: {err.errors()[0]['loc']}") from None


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise _Usage("the two passwords differ")
    return first


def _run(args: argparse.Namespace, action: Any) -> int:
    try:
        from safechat_server.console import accounts, store
    except ImportError as err:
        print(
            f"safechat console needs the server extra: pip install 'safechat[server]' ({err.name} missing)",
            file=sys.stderr,
        )
        return 2
    try:
        return int(action(accounts, store))
    except (_Usage, accounts.InvalidAccount) as err:
        print(f"safechat console: {err}", file=sys.stderr)
        return 2
    except SafechatError as err:
        print(f"safechat console: {err}", file=sys.stderr)
        return 2


def _add_user(args: argparse.Namespace) -> int:
    def action(accounts: Any, store: Any) -> int:
        from safechat_server.console import audit

        from safechat.reports.types import utc_now

        username = accounts.check_username(args.username)
        role = accounts.parse_role(args.role)
        password_hash = accounts.hash_password(_password(args))
        tables = store.open_console_store(_store_url(args))
        try:
            tables.add_account(accounts.Account(username, role, password_hash, utc_now()))
            audit.record(tables, "cli", audit.ACCOUNT_CREATED, detail=f"user={username} role={role.value}")
        finally:
            tables.close()
        print(f"created {username} ({role.value})")
        return 0

    return _run(args, action)


def _set_password(args: argparse.Namespace) -> int:
    def action(accounts: Any, store: Any) -> int:
        from safechat_server.console import audit

        username = accounts.check_username(args.username)
        password_hash = accounts.hash_password(_password(args))
        tables = store.open_console_store(_store_url(args))
        try:
            if not tables.set_password(username, password_hash):
                print(f"safechat console: no account is named {username!r}", file=sys.stderr)
                return 1
            audit.record(tables, "cli", audit.PASSWORD_SET, detail=f"user={username}")
        finally:
            tables.close()
        print(f"password set for {username}; their sessions have ended")
        return 0

    return _run(args, action)


def _list_users(args: argparse.Namespace) -> int:
    def action(accounts: Any, store: Any) -> int:
        tables = store.open_console_store(_store_url(args))
        try:
            for account in tables.accounts():
                print(f"{account.username}\t{account.role.value}\t{account.created_at}")
        finally:
            tables.close()
        return 0

    return _run(args, action)


def _verify(args: argparse.Namespace) -> int:
    try:
        from safechat_server.console.export import verify_file
    except ImportError as err:
        print(f"safechat console needs the server extra ({err.name} is missing)", file=sys.stderr)
        return 2
    code, message = verify_file(args.path)
    print(message, file=sys.stdout if code == 0 else sys.stderr)
    return code
