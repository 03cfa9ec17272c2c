"""``python -m cleantext`` runs the command line."""

from cleantext.cli.main import main

main()
