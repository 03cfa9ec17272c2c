"""``python -m cleantext`` runs the command line."""

from cleantext.cli import main

main()
