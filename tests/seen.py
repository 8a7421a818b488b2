"""What a reader sees, as text: every page, document and workbook ciclope writes for people, rendered as its
reader meets it (a page's visible text, a PDF through pdftotext, a workbook through LibreOffice), and the
things a reader should never find in them.

Used by ``tests/test_what_people_see.py``; the lists here are maintained by hand: a word joins
:data:`ENGLISH` when a review finds it on a page."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

# A Python object printed instead of its words.
REPR = re.compile(
    r"\b(?:Text|Table|Heading|Prose|Kpis|Figures|Snippet|Flag|Decimal|PosixPath|Markup)\(|<object |"
    r"\bNone\b|\bnan\b|\bNaN\b|\bTrue\b|\bFalse\b|\{[a-z_]+\}"
)
# A file of the repository (the seeds, the rules, the code) named to a reader: acts are cited by title.
REPO_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt|\brules/[a-z_]+\.md|\bSPEC\.md|\b[a-z_]+\.py\b")
# A code written as code: lower-case words joined by «_» (performance_individuale, unit_item_weight).
CODE = re.compile(r"(?<![\w./@:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./@-])")
# English words found on pages in review, never Italian.
ENGLISH = frozenset(
    """banded band bands fund funds pool pools score scores scored weight weights item items evaluations
    evaluation appeals appeal revisions innovation renounced amount amounts person people kind resources
    approved paid threshold level levels evaluated achievement objective objectives indicators indicator
    actual unit units position pay none true false points section evaluator role category fte owner title
    kind head parent outcome stage field reason approved individual strategic operational""".split()
)
# Nouns after «1», where Italian wants the singular.
PLURALS = re.compile(
    r"(?<![\d.,/])\b1 (?:schede|indicatori|problemi|enti|persone|avvisi|errori|obiettivi|aree|valutatori|giorni|"
    r"righe|colonne|fogli|anni|mesi|note|premi|livelli|fasce|servizi|voci|cartelle|dirigenti|dipendenti|"
    r"posizioni|atti|scadenze|ricorsi|revisioni|esecuzioni|documenti|file di dati|celle|violazioni|fatte|mancanti)\b"
)
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# An identifier: lower-case words joined by «_» or «.» (``rating_max``, ``ccnl.art69.not_configured``,
# ``score:L3`` is caught by KEY). Numbers («art. 6.5»), abbreviations («D.Lgs.») and file names are not.
IDENT = re.compile(r"(?<![\w./@:«-])[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+(?![\w/@(-])")
# An internal figure key shown to a reader: «score:L3», «art69:fondo:performance_individuale».
KEY = re.compile(
    r"\b(?:score|award|pool|unit|card|person|position|indicator|objective|area|art69|ccnl|rata)"
    r":[\w:.-]+"
    # a plugin's code of a family of funds or units («staff:amm», «dirigenti:ana»): lower-case, no space after «:»
    r"|(?<![\w./@:-])[a-z][a-z0-9_]*:[a-z][a-z0-9_]*\b(?![/.])"
)
# A formula the office wrote in its regulation (``=MEDIA.ENTE(punteggio) + 1``), printed as «(formula: …)»: its
# words are the office's own, never a leak.
FORMULA = re.compile(r"\(formula: [^()]*(?:\([^()]*\)[^()]*)*\)|(?<![\w=<>!])=[A-Za-zÀ-ÿ(][^\n]*")
# A withheld figure printed «<3» (where euros go it reads «less than € 3»); a quoted «<3» is a word.
LESS_THAN_THREE = re.compile(r"(?<![«\w])<3(?![»\w])")
# A code beside a name, «Area Finanziaria (area-fin)» or «area-fin — Area Finanziaria»: a leak where the code is a
# unit's (:func:`unit_codes`), not an objective's «OB1 — Servizi», the plan's own name for it. An elided word is no
# code: «Performance dell'ente — Comune di …» says the ente's name.
NAMED_CODE = re.compile(r"\w \((?P<before>[\w.-]+)\)|(?<![\w'’.-])(?P<after>[\w.-]+) — \w")
# An amount in euro without its sign: thousands and two decimals (a score never reaches 1.000), not beside «€» or
# «euro»; nor beside «%»: a deviation of 85% from a target of 2%, «+4.150,00%», is a percentage.
# an amount whose € is not beside it; a negative one as fmt.euro writes it, «€ −1.200,00», has its €
AMOUNT = re.compile(
    r"(?<![€\d.,])(?<!€ )(?<!€\u00a0)(?<!€ −)(?<!€\u00a0−)\b\d{1,3}(?:\.\d{3})+,\d{2}\b(?! ?€)(?! ?euro)(?! ?%)"
)
# A date in the ISO order a program writes (2021-12-31): an Italian reader reads 31/12/2021.
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
# What a public page never shows: a file of the office or of ciclope, a fingerprint, a command.
PUBLIC_FILE = re.compile(r"\b[\w-]+\.(?:csv|toml|json|py|md|xlsx)\b")
PUBLISHED = frozenset({"trasparenza.csv", "premi-art20.csv"})
FINGERPRINT = re.compile(r"\b[0-9a-f]{16}…|SHA-256")
COMMAND = re.compile(
    r"\bciclope (?:run|validate|explain|site|template|raccolta|schede-personali|calendar|verify|report|compare|"
    r"plugins|history|diff|benchmark|demo|synth|regolamento|new-plugin)\b"
)
# What the office itself writes and may read as written: its files' names, a code named as such.
OFFICE_WRITES = re.compile(
    r"\S+\.(?:csv|toml|xlsx|json|md|html|pdf|ics)\b|codice «[^»]*»|"
    r"\[(?:fondi|atti|valutatori|ente\.parametri|ente\.nazionale)\] [a-z_0-9]+|\btarget_\d{4}\b"
)
# Italian abbreviations written with dots («n.d.»), never identifiers.
ABBREVIATIONS = frozenset({"n.d", "c.d", "p.es", "ecc"})


class _Visible(HTMLParser):
    """The text of a page a reader sees: no script, no style, no markup; a title attribute is seen on hover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parser.parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def workbooks_text(paths: list[Path], scratch: Path) -> dict[Path, str]:
    """Each workbook as LibreOffice shows it (every sheet, to HTML, then its visible text)."""
    scratch.mkdir(parents=True, exist_ok=True)
    out: dict[Path, str] = {}
    for k, path in enumerate(paths):
        # one folder per workbook: two workbooks of one name (schede.xlsx of two enti) do not collide
        here = scratch / str(k)
        here.mkdir()
        copy = here / path.name
        shutil.copy(path, copy)
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{scratch}/profile",
             "--convert-to", "html", "--outdir", str(here), str(copy)],
            capture_output=True, timeout=180, check=False,
        )  # fmt: skip
        html = here / (path.stem + ".html")
        out[path] = page_text(html) if html.is_file() else ""
    return out


def labelled_codes() -> frozenset[str]:
    """Every code that has an Italian word for people: the core's statuses, types, kinds and roles, every
    installed plugin's labels (statuses, components, funds), its parameters' choices with words, the sheets
    and columns of the workbook. A reader must see the word, never the code."""
    from ciclope.core import labels
    from ciclope.core.engine.registry import _plugin_info, available_plugins
    from ciclope.core.inputs.loading import HEADERS_IT, SHEET_TITLES

    words: dict[str, str] = {}
    for table in (labels.STATUS_LABELS, labels.TYPE_LABELS, labels.KIND_LABELS, labels.ROLE_LABELS):
        words.update(table)
    words.update(SHEET_TITLES)
    for columns in HEADERS_IT.values():
        words.update(columns)
    for name in available_plugins():
        info = _plugin_info(name)
        words.update(info.status_labels)
    return frozenset(code for code, word in words.items() if "_" in code and code != word)


def parameter_names() -> frozenset[str]:
    """The parameters of every installed plugin and their choices: what an office writes in ``[ente.params]`` of
    cycle.toml, so a document for the office may name them as written."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    names: set[str] = set()
    for name in available_plugins():
        for key, spec in Hooks.for_plugin(name)[0].first(hookspecs.ciclope_params, year=2024).items():
            names.add(key)
            names.update(str(c) for c in getattr(spec, "choices", ()) or ())
    return frozenset(names)


def vocabulary() -> frozenset[str]:
    """Every word an office writes in its files and may read named as written: the Italian names of the tables,
    columns and keys (core and plugins), the parameters' Italian keys, the funds, the keys of the declared
    regulation's format."""
    from ciclope.core import vocabulary as v
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    words: set[str] = set(v.SHEET_TITLES.values()) | set(v.SHEET_ALIASES)
    for cols in v.HEADERS_IT.values():
        words |= set(cols.values())
    for table in (
        v.ENTE_TABLES,
        v.APPROVAL_NAMES,
        v.FUND_NAMES,
        v.CYCLE_TABLES,
        v.CYCLE_KEYS,
        v.ENTE_KEYS,
        v.STORE_KEYS,
        v.MAGGIORAZIONE_KEYS,
    ):
        words |= set(table)
    words |= {
        "obiettivi_ente",
        "parita",
        "eta_minore",
        "quota_premio",
        "quota_personale",
        "ente.parametri",
        "ente.nazionale",
    }
    for name in available_plugins():
        hooks = Hooks.for_plugin(name)[0]
        for spec in hooks.first(hookspecs.ciclope_params, year=2024).values():
            words.add(spec.key)
        for schema in hooks.answers(hookspecs.ciclope_input_schema, params=None):
            words |= set(schema.titles.values()) | {f for f in schema.funds if f not in v.FUND_NAMES.values()}
            words |= {italian for code, italian in v.APPROVAL_NAMES.items() if code in schema.approvals}
            words |= {a for a in schema.approvals if a not in v.APPROVAL_NAMES.values()}
            for cols in schema.headers.values():
                words |= set(cols.values())
            for file, cols in (*schema.columns.items(), *schema.files.items()):
                own = schema.headers.get(file, {})
                words |= {code for code in cols if code not in own}  # a column whose code is its Italian name
    from ciclope.plugins.ccnl_funzioni_locali.fondo.table import table as fund_table

    fund = fund_table()  # the rows an office writes in its fondo sheet, each by its voce
    words |= set(fund.voci) | {r.id for r in fund.risorse} | {u.id for u in fund.usi}
    from ciclope.plugins.regolamento.format import spec as regulation

    words |= {
        m["toml"]
        for cls in vars(regulation).values()
        if isinstance(cls, type) and attrs_fields(cls)
        for m in attrs_fields(cls)
    }
    return frozenset(words)


def attrs_fields(cls: type) -> list[dict]:
    import attrs

    if not attrs.has(cls):
        return []
    return [dict(f.metadata) for f in attrs.fields(cls) if "toml" in f.metadata]


def office_words(folder: Path) -> frozenset[str]:
    """The words an office wrote in its declared regulations (levels, parts, statuses, its own keys): read as
    written wherever a page names them."""
    from ciclope.core.tomlcompat import read_toml

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                found.add(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(IDENT.findall(value))
            found.add(value)

    for path in folder.rglob("*.toml"):
        walk(read_toml(path))
    return frozenset(found)


def fund_keys(folder: Path) -> frozenset[str]:
    """The keys the offices under ``folder`` gave their funds in ente.toml ([fondi], or [funds]; outputs aside): a
    page names a fund by its name, never as «the key» the office typed (a key with no «_» reads like a word, so
    neither ``IDENT`` nor ``CODE`` sees it, and the office's words are allowed as written)."""
    from ciclope.core.tomlcompat import read_toml

    found: set[str] = set()
    for path in folder.rglob("ente.toml"):
        if "risultati" in path.parts or "out" in path.parts:
            continue
        doc = read_toml(path)
        for table in ("fondi", "funds"):
            if isinstance(doc.get(table), dict):
                found |= set(doc[table])
    return frozenset(found)


QUOTED = re.compile(r"«([^«»]+)»")


UNIT_FILES = ("units.csv", "unità.csv", "unita.csv", "strutture.csv")  # core/vocabulary.py's names of the sheet


def unit_codes(folder: Path) -> frozenset[str]:
    """The codes the offices under ``folder`` gave their units (the first column of their units' sheet; outputs
    aside): a public page names a unit, never beside its code."""
    found: set[str] = set()
    for path in folder.rglob("*.csv"):
        if path.name in UNIT_FILES and "risultati" not in path.parts and "out" not in path.parts:
            found |= {line.split(",", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:] if line}
    return frozenset(found)


def percent_inputs(folder: Path) -> dict[str, set[str]]:
    """Each indicator whose target or measures an office typed as percentages → the decimals that would show the
    same numbers as fractions («72%» → «0,72»): a page that names the indicator must show the percentage."""
    import csv

    out: dict[str, set[str]] = {}
    for path in folder.rglob("indicators.csv"):
        if "out" in path.parts:
            continue
        for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines()):
            for key, text in row.items():
                text = (text or "").strip()
                if key and (key.startswith(("target", "actual")) or key == "baseline") and text.endswith("%"):
                    number = text[:-1].replace(",", ".")
                    try:
                        share = float(number) / 100
                    except ValueError:
                        continue
                    if 0 < share < 1:
                        out.setdefault(row["id"], set()).add(f"{share:.4f}".rstrip("0").replace(".", ","))
    return out


def decimals_for_percentages(text: str, percents: dict[str, set[str]], reach: int = 14) -> list[str]:
    """Where a page names an indicator typed in percentages and shows one of its numbers as a decimal within the
    next ``reach`` lines (its row of a table): «0,72» where the office wrote «72%», or «0.72» (a workbook's General
    cell, as LibreOffice renders it in its default locale)."""
    lines = text.splitlines()
    found = []
    for n, line in enumerate(lines):
        shown = percents.get(line.strip())
        if not shown:
            continue
        for later in lines[n + 1 : n + 1 + reach]:
            if later.strip() in percents:
                break
            for decimal in {form for said in shown for form in (said, said.replace(",", "."))}:
                if re.search(rf"(?<![\d,.]){re.escape(decimal)}(?![\d%])", later):
                    found.append(f"percentuale: «{decimal}» per {line.strip()} (scritto «%»): …{later.strip()[:80]}…")
    return found


ID = re.compile(r"^([A-Za-z]+[-.]?)(\d+)$")


def out_of_natural_order(text: str, ids: frozenset[str]) -> list[str]:
    """A run of the office's ids (P1, P10, P2…) sorted as text but not as people count: the run of ids of one
    prefix, in the order the page shows them, when it is in text order and not in natural order."""
    runs: dict[str, list[str]] = {}
    found = []
    for line in text.splitlines():
        token = line.strip()
        m = ID.match(token)
        if not m or token not in ids:
            continue
        runs.setdefault(m.group(1), []).append(token)
    for run in runs.values():
        # the ids of one list repeat (a table lists them again below): look at each first run of distinct ids
        seen: list[str] = []
        for token in run:
            if token in seen:
                break
            seen.append(token)
        if len(seen) >= 3 and seen == sorted(seen) and seen != sorted(seen, key=lambda t: int(ID.match(t).group(2))):
            found.append(f"ordine: {', '.join(seen[:6])}… in ordine alfabetico, non naturale")
    return found


def terminal_text(text: str) -> str:
    """A terminal line with the parts meant for the log stripped: the rule's code after «errore»/«avviso» and the
    paths of files the office named on the command line."""
    text = re.sub(r"\b(errore|avviso) [a-z_]+(?:\.[a-z0-9_]+)+:", r"\1:", text)
    return re.sub(r"(?:/[\w.+-]+)+/?", " ", text)


def findings(
    text: str,
    codes: frozenset[str],
    strict: bool = False,
    allowed: frozenset[str] = frozenset(),
    public: bool = False,
    percents: dict[str, set[str]] | None = None,
    ids: frozenset[str] = frozenset(),
    units: frozenset[str] = frozenset(),
    funds: frozenset[str] = frozenset(),
) -> list[str]:
    """What a reader should not see in ``text``, each with a little of its context: a repr, a repository file, a
    date in ISO order, a code among ``codes`` (with ``strict``, for a document a person signs, any code but the office's own ids in
    ``allowed``), an English word, a plural after 1. A file's name (``people.csv``: the office's own files) and
    a code offered as what an office may write («il codice «rateo_giorni = true»») are not words. ``units``: the codes of the units
    of the cycle scanned, which a public page never prints beside a unit's name; ``funds``: the keys of ente.toml's
    [fondi] of the cycles scanned, which a page never quotes («produttivita»)."""
    found: list[str] = []

    def note(kind: str, m: re.Match[str]) -> None:
        start = max(0, m.start() - 40)
        found.append(f"{kind}: «{m.group()}» in …{text[start : m.end() + 40]!r}…")

    text = FORMULA.sub(" ", text)
    for kind, pattern in (
        ("repr", REPR), ("file", REPO_FILE), ("plural", PLURALS), ("chiave interna", KEY), ("data", ISO_DATE)
    ):  # fmt: skip
        for m in pattern.finditer(text):
            note(kind, m)
    # a PDF's layout may space € from its amount on one line; a line break between them is a flaw of the page
    for m in AMOUNT.finditer(re.sub(r"€[ \t]+(?=\d)", "€ ", text)):
        note("importo senza €", m)
    if public:
        for kind, pattern in (("impronta", FINGERPRINT), ("comando", COMMAND)):
            for m in pattern.finditer(text):
                note(kind, m)
        for m in PUBLIC_FILE.finditer(text):
            if m.group() not in PUBLISHED:
                note("nome di file", m)
        # a withheld figure in words, never «<3» where euros go (it reads «less than € 3»); a quoted «<3» is a word
        for m in LESS_THAN_THREE.finditer(text):
            note("<3 al posto di un importo", m)
        # a unit by its name alone: «Area Finanziaria (area-fin)», «area-fin — Area Finanziaria» give the office's code
        for m in NAMED_CODE.finditer(text):
            if (m.group("before") or m.group("after")) in units:
                note("codice accanto al nome", m)
    for m in QUOTED.finditer(text):
        if m.group(1) in (funds or ()):
            note("chiave di un fondo", m)
    found += decimals_for_percentages(text, percents or {})
    found += out_of_natural_order(text, ids)
    text = OFFICE_WRITES.sub(" ", text)
    for m in IDENT.finditer(text):
        if m.group() not in allowed and m.group() not in codes and m.group() not in ABBREVIATIONS:
            note("identificativo", m)
    for m in CODE.finditer(text):
        if m.group() in codes or (strict and m.group() not in allowed):
            note("code", m)
    text = CODE.sub(" ", text)
    for m in WORD.finditer(text):
        if m.group() in allowed:
            continue
        if m.group() in ENGLISH:  # lower case only: a capitalised word is a name (Fund Raising, Unit 3)
            note("English", m)
    return found
