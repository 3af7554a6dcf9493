"""``python -m kamgen.cli``: the same command as ``kamgen``."""

from kamgen.cli import main

main()
