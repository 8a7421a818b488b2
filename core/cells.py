"""Cell parsers for a plugin's own input columns (:class:`~ciclope.core.InputSchema`).

Each takes the text of a cell and returns its value, or raises ``ValueError`` with an Italian
message that the loader reports with the file, row and column.
"""

from .values import (
    choice,
    parse_bool,
    parse_date,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_nonnegative_int,
    parse_number,
    parse_positive_fraction,
    parse_share,
    parse_text,
    to_decimal,
)

__all__ = [
    "choice",
    "parse_bool",
    "parse_date",
    "parse_id",
    "parse_money",
    "parse_nonnegative",
    "parse_nonnegative_int",
    "parse_number",
    "parse_positive_fraction",
    "parse_share",
    "parse_text",
    "to_decimal",
]
