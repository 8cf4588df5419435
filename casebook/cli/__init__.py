"""The command line: `python -m casebook …`."""
