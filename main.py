"""Start GCM Dialogue: the desktop application, or a command when one is given.

python main.py                      the application, on the last or default workspace
python main.py --demo               the application, on the demo meeting
python main.py meetings --db FILE   a command (see --help)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from gcm_dialogue import cli

    args = cli.parse(argv)
    if args.command is not None:
        return cli.run(args)
    from ui.app import run_app  # only the GUI needs Qt

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
