"""Output safety: spreadsheet formula neutralization (SPEC §8)."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A text cell that would start a formula in a spreadsheet gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)          # "-12.5" is a number, not a formula
            return value
        except ValueError:
            return "'" + value
    return value
