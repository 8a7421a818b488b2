"""The lowest versions pyproject.toml declares, as a pip constraints file: ``name==floor`` for each ``name>=floor``
of the dependencies and of the extras named on the command line (default: ``test``), environment markers kept.

CI installs the project with these constraints in a venv of its own and runs the fast tests (.ci/run): a floor
that names a version lacking an API the code calls fails there, not at an office whose pip kept an old copy.

    python3 .ci/lowest.py [EXTRA…] > constraints.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# name, [extras], >=floor, anything after (more bounds), ;marker
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)\s*([^;]*)(;.*)?$")


def floors(requirements: list[str]) -> list[str]:
    """``name==floor[; marker]`` for each requirement with a ``>=`` floor; a requirement without one is an error:
    every dependency declares the lowest version it was checked with."""
    out = []
    for text in requirements:
        found = REQUIREMENT.match(text)
        if found is None:
            raise SystemExit(f"{text!r}: no «>=» floor to install (every dependency declares its lowest version)")
        name, _extras, floor, _rest, marker = found.groups()
        out.append(f"{name}=={floor}{marker or ''}")
    return out


def main(extras: list[str]) -> None:
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    print("\n".join(dict.fromkeys(floors(requirements))))


if __name__ == "__main__":
    main(sys.argv[1:] or ["test"])
