"""The command line: main.py's arguments, --check, --check --watch and --convert."""
