"""Start Ballerina: `python main.py` plays; `python main.py --help` lists the other commands."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's greeting is noise on the console

from game.cli import main  # noqa: E402  (the variable must be set before pygame is imported)

if __name__ == "__main__":
    sys.exit(main())
