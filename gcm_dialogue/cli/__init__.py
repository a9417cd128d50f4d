"""The command line: ``gcm-dialogue COMMAND ...`` (or ``python main.py COMMAND ...``).

Each command lives in a module of this package that exposes ``register(subparsers)``;
``command_modules`` is the one place a new command is added. The application, started
without a command, parses its few options alone and never loads the command modules. Exit status: 0 on success, 1 with
a one-line reason on bad input or a failed check, 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..errors import KnownError
from ..i18n import LANGUAGES
from ..i18n import gettext as _


def command_modules() -> list:
    """The modules of the commands, in the order ``--help`` lists them."""
    from . import (
        agenda_commands,
        notes_commands,
        participant_commands,
        report_commands,
        survey_commands,
        workspace_commands,
    )

    return [
        workspace_commands,
        agenda_commands,
        notes_commands,
        participant_commands,
        report_commands,
        survey_commands,
    ]


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def subcommand_group(
    subparsers: argparse._SubParsersAction, name: str, help: str
) -> argparse._SubParsersAction:
    """The sub-subparsers of the command group ``name`` (``import``, ``export``, ...).

    Several modules add commands to one group (``import participants``, ``import
    responses``): the first call creates the group, later calls return the same
    sub-subparsers, so modules may register in any order.
    """
    existing = subparsers._name_parser_map.get(name)
    if existing is not None:
        return existing._gcm_group_subparsers  # type: ignore[attr-defined]
    group = subparsers.add_parser(name, help=help)
    inner = group.add_subparsers(dest=f"{name}_command", metavar="WHAT", required=True)
    group._gcm_group_subparsers = inner  # type: ignore[attr-defined]
    return inner


def _application_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The options of the application itself, which every command line may carry."""
    parser = argparse.ArgumentParser(
        prog="gcm-dialogue",
        description="GCM Dialogue: consultation meetings on migration, offline. "
        "Without a command, the desktop application starts.",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"GCM Dialogue {__version__}")
    parser.add_argument("--db", type=Path, help="workspace file to open in the application")
    parser.add_argument(
        "--demo", action="store_true", help="open the demo workspace, creating it on first use"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the application")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _application_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse arguments; exits with status 2 on wrong usage, as argparse does."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _names_a_command(argv) or {"-h", "--help"} & set(argv):
        return build_parser().parse_args(argv)
    # Only the application's options (the usual start): no need of the commands' parsers.
    options = _application_parser().parse_args(argv)
    options.command = None
    return options


def _names_a_command(argv: list[str]) -> bool:
    """Whether a word of ``argv`` is neither an option nor the value of one."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--lang"):
            next(words, None)  # its value
        elif not word.startswith("-"):
            return True
    return False


def run(args: argparse.Namespace) -> int:
    """Run a parsed command and return its exit status."""
    try:
        return int(args.func(args) or EXIT_OK)
    except KnownError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(_("error: interrupted"), file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader stopped reading (`| head`): not a failure. Point stdout at nothing so
        # that Python's own flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:  # a bug: say so, with the traceback, and fail
        print(_("error: internal error in GCM Dialogue; please report this:"), file=sys.stderr)
        traceback.print_exc()
        return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for commands only (the GUI is started by ``main.py``)."""
    args = parse(argv)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        print(_("gcm-dialogue: error: a command is required here"), file=sys.stderr)
        return EXIT_USAGE
    return run(args)
