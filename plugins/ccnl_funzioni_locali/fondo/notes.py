"""The words around the fund's figures: the base figures the office gave (the document's premises) and the
readings applied, each said once, in Italian, in the notes of the Relazione and of the relazione tecnico-finanziaria.
No person is named: the RIA of staff who left is given as a count and a total."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import Ente, money

from .constitution import Given
from .table import Table

CONFIDENCE = (
    "Affidabilità: le voci a «fonte secondaria» sono riportate da fonti secondarie affidabili (una raccolta pubblica "
    "delle clausole del contratto, ARAN, RGS) e vanno confermate sul testo firmato prima di farvi affidamento."
)
ROUNDING = (
    "Arrotondamenti: quote del monte salari e importi per persona al centesimo (per eccesso dallo 0,5); i tetti "
    "«fino a» per difetto"
)
# said only in a fund that splits an increase between the fund and the EQ (a ``quota_ripartita`` item: the 0,22%)
ROUNDING_SPLIT = (
    "; il riparto tra fondo ed EQ con il metodo dei resti più alti, così le due parti fanno l'intero al centesimo"
)
RESIDUAL = (
    "Residuo: torna nel fondo dell'anno dopo, come risorsa variabile, la parte delle risorse stabili non impegnata dai "
    "trattamenti fissi (lettura: le risorse variabili, che valgono per l'anno, si destinano per prime); il resto è "
    "economia di bilancio. La cifra si riporta tra le risorse variabili del fondo dell'anno dopo, da controllare sul "
    "consuntivo."
)
ART60 = (
    "Riduzione dell'art. 60 CCNL 23.2.2026: le persone che ricevono l'indennità di comparto al 1.1.2026 si contano per "
    "teste, compresi i tempi determinati (lettura delle regole); un ufficio che conta i part-time per la loro quota, "
    "come il calcolatore pubblico «Salario accessorio Funzioni Locali», scrive il numero equivalente. La riduzione è "
    "definitiva e conta ancora, figurativamente, per il limite e per il DL 25/2025."
)
DL25 = (
    "DL 25/2025: l'incremento e il rapporto con la spesa 2023 per i tabellari vanno comunicati nel conto annuale; in "
    "mancanza, il 25% dell'incremento resta congelato."
)
DL34 = (
    "Adeguamento del limite al personale (DL 34/2019 art. 33 c. 2): valore medio pro capite del 2018 arrotondato al "
    "centesimo, moltiplicato per il personale in più rispetto al 31.12.2018; con meno personale il limite iniziale "
    "non si riduce (lettura delle regole)."
)
ARREARS = (
    "Arretrati 2024–2025 dello 0,14% (art. 58 c. 1 CCNL 23.2.2026): entrano una sola volta, nel fondo 2026, come "
    "risorsa variabile fuori dal limite, e non contano nella base del 30% alla performance (lettura adottata: la base "
    "sono le risorse variabili dell'art. 79 c. 2 CCNL 16.11.2022, escluse quelle dell'art. 67 c. 3 lett. c, f e g "
    "CCNL 21.5.2018; gli arretrati sono l'incremento stabile dell'art. 58 c. 1 dovuto per gli anni passati, non una di "
    "quelle risorse)."
)
OPTIONAL_BASE = (
    "Incrementi facoltativi dello 0,22% (art. 79 c. 3 CCNL 16.11.2022; dal 2026 art. 58 c. 2 CCNL 23.2.2026): la "
    "quota del fondo è una risorsa variabile fuori dal limite e non conta nella base del 30% alla performance "
    "(lettura delle regole: la base sono le risorse variabili dell'art. 79 c. 2 CCNL 16.11.2022, escluse quelle "
    "dell'art. 67 c. 3 lett. c, f e g CCNL 21.5.2018; l'incremento è deciso da un altro comma). Un contratto "
    "integrativo può destinarlo alla performance: conta tra gli importi destinati, non nel minimo."
)
OPTIONAL_2026 = (
    "Incremento dello 0,22% del monte salari 2021 (art. 58 c. 2): al più lo 0,22% nell'anno (lettura adottata); il "
    "calcolatore pubblico «Salario accessorio Funzioni Locali» ammette nel 2026 il doppio, per le annualità 2025 e 2026."
)


def notes(ente: Ente, given: Given, lines: Sequence[money.FundLine], t: Table) -> tuple[str, ...]:
    keys = {x.key.split(":")[1] for x in lines}
    split = any(r.rule == "quota_ripartita" and r.id in keys for r in t.risorse_in(ente.year))
    said = [CONFIDENCE, ROUNDING + (ROUNDING_SPLIT if split else "") + ".", RESIDUAL]
    if "conglobamento_art60" in keys:
        said.append(ART60)
    if t.clause("dl25", ente.year) is not None and given.one("spesa_tabellari_2023") is not None:
        said.append(DL25)
    if given.one("dipendenti_anno") is not None:
        said.append(DL34)
    if "arretrati_014" in keys:
        said.append(ARREARS)
    if keys & {"opzionale_022_2018", "opzionale_022_2021"}:
        said.append(OPTIONAL_BASE)
    if "opzionale_022_2021" in keys:
        said.append(OPTIONAL_2026)
    return tuple(said)


def premises(given: Given, t: Table) -> tuple[tuple[str, Decimal, str], ...]:
    """The figures the office gave that are not themselves items of the fund: (what, value, ``money`` or ``num``),
    numbers that each document writes its way (in words on the page, with a number format in the workbook)."""
    items = {r.input for r in t.risorse if r.rule in ("importo", "ria", "quota_massima", "quota_ripartita")}
    out: list[tuple[str, Decimal, str]] = []
    for vid, v in t.voci.items():
        rows = given.of(vid)
        if not rows or vid in items or vid == "destinazione":
            continue
        if v.kind == "numero":
            if rows[0].number is not None:
                out.append((v.title, rows[0].number, "num"))
        else:
            total = sum((e.amount or Decimal(0) for e in rows), Decimal(0))
            out.append((v.title + (f" ({len(rows)} righe)" if len(rows) > 1 else ""), total, "money"))
    return tuple(out)
