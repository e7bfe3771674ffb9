"""Antre — the one entry point: `python main.py <command>` (see `python main.py --help`)."""

import sys

from cli import main

if __name__ == "__main__":
    sys.exit(main())
