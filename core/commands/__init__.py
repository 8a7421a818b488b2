"""The ``ciclope`` command line and the commands that live in one module each."""
