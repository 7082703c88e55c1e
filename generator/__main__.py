import sys

from .cli import main

if __name__ == "__main__":  # (a spawned worker imports no entry point, but be safe)
    sys.exit(main())
