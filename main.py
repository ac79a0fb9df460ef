"""Timeline Viewer: ``python main.py [FILE]``; ``--help`` lists the options."""

import sys

from viewer.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
