"""tomllib's English messages in Italian, with a hint drawn from the line they point at (issue 42:
``budget_approved = 21/12/2020`` gave «Expected newline or end of document after a statement»)."""

from __future__ import annotations

import re
import unicodedata

_AT = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
_ITALIAN_DATE = re.compile(r"=\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*(#.*)?$")
# «12,50» or «1.000,00»: a number as an Italian text writes it, the comma for decimals and dots between thousands
_DECIMAL_COMMA = re.compile(r"=\s*(-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+)\s*(#.*)?$")
_BARE_TEXT = re.compile(r"\s*([A-Za-z_][\w.-]*)\s*=\s*([^\"'#\[{]*?)\s*(?:#.*)?$")
WORDS = {
    "Expected newline or end of document after a statement": "dopo un valore la riga deve finire",
    "Invalid value": "valore non valido",
    "Unterminated string": "testo tra virgolette non chiuso",
    "Cannot overwrite a value": "chiave ripetuta",
    "Cannot declare": "tabella ripetuta",
    "Expected ']' at the end of a table declaration": "manca la ] che chiude il nome della tabella",
    "Invalid statement": "riga non valida",
    "Found invalid character in string": "carattere non ammesso in un testo",
    # a line break inside quotes: the text was not closed on its line
    "Illegal character '\\n'": "testo tra virgolette non chiuso: manca la \" alla fine della riga",
    "Illegal character": "carattere non ammesso in un testo",
    "Found invalid character": "carattere non ammesso",
    "Expected '=' after a key in a key/value pair": "dopo il nome della chiave ci vuole =",
    "Expected ']]' at the end of an array declaration": "mancano le ]] che chiudono il nome della tabella",
    "Expected": "manca un segno (una virgola, una parentesi o =)",
    "Invalid date or datetime": "data non valida (si scrive AAAA-MM-GG)",
    "Invalid initial character for a key part": "il nome di una chiave comincia con una lettera o una cifra",
    "Unclosed array": "elenco non chiuso: manca la ]",
    "Unclosed inline table": "tabella tra graffe non chiusa: manca la }",
    "Unescaped '\\' in a string": "una \\ in un testo tra virgolette doppie si scrive \\\\ (o il testo tra virgolette semplici)",
    "Duplicate inline table key": "chiave ripetuta nella tabella tra graffe",
    "Cannot redefine namespace": "tabella ripetuta",
    "Cannot mutate immutable namespace": "tabella già scritta tra graffe",
    "Escaped character is not a Unicode scalar value": "carattere non valido",
    "Invalid hex value": "carattere non valido",
    "An object other than list found behind this key": "tabella ripetuta",
    "There is no nest behind this key": "tabella ripetuta",
}
ACCENT = "il nome di una chiave si scrive senza accenti"
# any other message of the parser: said in Italian all the same, never in English
UNKNOWN = "sintassi non valida"


# tables whose keys are codes ciclope reads, never a name with accents: a fund of ente.toml is the regulation's key
# (`fondo = "produttivita"`), a datum the name of a declared column, an act one of a list; a key there quoted with its
# accents is read as another code, so the hint gives only the key without them
CODE_TABLES = frozenset({"fondi", "funds", "atti", "approvals", "dati"})
_TABLE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _table(lines: list[str], line_no: int) -> str:
    """The name of the table (``[fondi]``) the line ``line_no`` is written in; "" at the top of the file or in a
    list of tables (``[[premi]]``)."""
    for line in reversed(lines[: line_no - 1]):
        if line.lstrip().startswith("["):
            found = _TABLE.match(line)
            return found.group(1) if found else ""
    return ""


def _hint(line: str, table: str = "") -> str:
    key_part = line.split("=", 1)[0].strip()
    if "=" in line and not key_part.startswith(("[", '"', "'")) and re.search(r"[^\x00-\x7f]", key_part):
        # «a_parità = …»: a key of TOML without quotes is made of plain letters, digits, _ and -
        plain = unicodedata.normalize("NFKD", key_part).encode("ascii", "ignore").decode()
        quoted = "" if table in CODE_TABLES else f' (o tra virgolette: "{key_part}" = …)'
        return f"{ACCENT}: {plain} = …{quoted}"
    found = _ITALIAN_DATE.search(line)
    if found:
        day, month, year = found.group(1), found.group(2), found.group(3)
        key = line.split("=", 1)[0].strip()
        return (
            f"in TOML le date si scrivono AAAA-MM-GG senza virgolette: {key} = {year}-{int(month):02d}-{int(day):02d}"
        )
    key = line.split("=", 1)[0].strip()
    percent = _BARE_PERCENT.search(line)
    if percent:  # «quota = 2%»: a percentage is a text of TOML, its sign inside the quotes
        return f'una percentuale si scrive tra virgolette: {key} = "{percent.group(1)}%"'
    found = _DECIMAL_COMMA.search(line)
    if found:
        number = found.group(1).replace(".", "").replace(",", ".")
        return (
            "in TOML i decimali si scrivono con il punto e senza il punto delle migliaia, o l'importo tra virgolette: "
            f'{key} = {number} (o "{number}")'
        )
    if re.search(r"=\s*[A-Za-zÀ-ÿ]", line) and not re.search(r"=\s*(true|false)\b", line):
        bare = _BARE_TEXT.match(line)  # the whole line one key and its text: the hint is the line, quoted
        return f'un testo va tra virgolette: {bare[1]} = "{bare[2]}"' if bare else "un testo va tra virgolette"
    return ""


def translate(message: str, text: str) -> str:
    """``message`` (tomllib's) in Italian, with the line and column and a hint when the line shows the cause."""
    head = _AT.split(message, 1)[0].strip()
    said = next((it for en, it in WORDS.items() if head.startswith(en)), UNKNOWN)
    found = _AT.search(message)
    if found is None or found.group(1) is None:
        return f"TOML non valido: {said} (alla fine del file)"
    line_no, column = int(found.group(1)), int(found.group(2))
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    hint = _hint(line, _table(lines, line_no))
    if hint.startswith(ACCENT):  # the parser stopped at the accent: what it expected there is no help
        said = "lettera accentata nel nome di una chiave"
    return f"TOML non valido alla riga {line_no}, colonna {column} («{line.strip()[:80]}»): {said}" + (
        f"; {hint}" if hint else ""
    )


_BARE_PERCENT = re.compile(r"=\s*(\d+(?:[.,]\d+)?)\s*%\s*(?:#.*)?$")  # «quota = 2%», «quota = 12,5 %»
