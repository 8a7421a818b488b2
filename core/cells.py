"""Cell parsers for a plugin's own input columns (:class:`~ciclope.core.InputSchema`).

Each takes the text of a cell and returns its value, or raises ``ValueError`` with an Italian
message that the loader reports with the file, row and column. ``read_toml_text`` and ``parse_toml``
read a TOML file a user gives the plugin (a declared regulation) as the core reads its own: size,
nesting depth, numbers of at most 15 digits, no NaN or infinity, no control characters, links in a loop —
``ValueError`` in Italian. ``parse_unit_kind`` reads a unit's kind as units.csv does («settore» is an area).
``hint(word, known)`` is the `` (forse «X»?)`` a message adds after a name that is not among the known ones, when
one of them is clearly the nearest (the core's own messages use it too), ``nearest(word, known)`` that name itself
or None; ``share_hint(number)`` is what a share (0 to 1) written as a percentage without its sign says to write
instead («50»: «"50%" (o 0,5)»; ``toml=True`` in a TOML file: «(o 0.5)»). ``parse_days`` and ``parse_points`` read
a column of days or points: a number, never a percentage («50%» of days is an error, not half a day).
"""

from ciclope.core.model import UNIT_KIND_ALIASES, UNIT_KIND_LABELS, UNIT_KINDS
from ciclope.core.nearest import hint, nearest
from ciclope.core.tomlcompat import loads_checked as parse_toml
from ciclope.core.tomlcompat import read_text as read_toml_text
from ciclope.core.values import (
    blank_is,
    choice,
    parse_bool,
    parse_date,
    parse_days,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_nonnegative_int,
    parse_number,
    parse_percent,
    parse_points,
    parse_positive_fraction,
    parse_share,
    parse_text,
    share_hint,
    to_decimal,
)

# A unit's kind as units.csv's «tipo» reads it: the core's kinds, their Italian labels and the other words an office
# writes («settore» is an area) — for a plugin's own key that names a kind of unit, read as the units are.
parse_unit_kind = choice(
    *UNIT_KINDS, aliases={**{label: code for code, label in UNIT_KIND_LABELS.items()}, **UNIT_KIND_ALIASES}
)

__all__ = [
    "blank_is",
    "choice",
    "hint",
    "nearest",
    "parse_bool",
    "parse_date",
    "parse_days",
    "parse_id",
    "parse_money",
    "parse_nonnegative",
    "parse_nonnegative_int",
    "parse_number",
    "parse_percent",
    "parse_points",
    "parse_positive_fraction",
    "parse_share",
    "parse_text",
    "parse_toml",
    "parse_unit_kind",
    "read_toml_text",
    "share_hint",
    "to_decimal",
]
