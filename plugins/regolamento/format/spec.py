"""The format of a declared regulation (``formato = 1`` and ``2``), in one place.

Each class is a table of the TOML file; each field is a key, declared with :func:`key`: its TOML name
(Italian, as the office writes it), its kind, whether it is required, its bounds or choices and an Italian
description. The reader (:mod:`read.reader`), the JSON Schema (:mod:`format.schemagen`) and the reference of
``docs/regolamento.md`` are all derived from these declarations, so they cannot disagree.

Kinds: ``int``, ``number`` (a Decimal; with ``formula``, also a formula ``"=…"``), ``formula`` (only a formula),
``money`` (a Decimal of euro, ≥ 0, at most 2 decimals), ``text``,
``choice``, ``date``, ``bool``, ``texts`` (a list of texts), ``table`` (one nested table), ``tables`` (a list
of nested tables), ``numbers`` (a table of free names → numbers), ``labels`` (free names → texts).

A key declared with ``since=2`` belongs to format 2: a file that writes it says ``formato = 2``. Format 2 is
format 1 with more blocks, so every format 1 file reads as it always did, and the same file with
``formato = 2`` gives the same results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import fmt, money
from ciclope.plugins.regolamento.format import funds, methods
from ciclope.plugins.regolamento.format.acts import ACTS
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.funds import labels_by_code

FORMAT = 2
FORMATS = (1, 2)  # the versions this release reads; FORMAT, the newest, is what new files say
ROLES = ("dipendente", "po", "dirigente", "segretario")
PHASES = ("pianificazione", "risorse", "monitoraggio", "valutazione", "premialita", "rendicontazione")
ENTE_KINDS = (
    "comune",
    "unione",
    "comunita_montana",
    "provincia",
    "citta_metropolitana",
    "istituzione_comunale",
    "regione",
    "camera_di_commercio",
    "ministero",
    "universita",
    "istituzione_afam",
    "azienda_sanitaria",
    "autorita",
    "agenzia",
    "ente_di_ricerca",
    "azienda_servizi_persona",
    "ipab",
    "ente_parco",
    "ordine_professionale",
    "consorzio",
    "ente_pubblico",
    "fondazione",
    "societa",
    "altro",
)
# the kinds of ente whose calendar the law does not date: an ordine professionale applies the principles of the D.Lgs.
# 150/2009 with regulations of its own, «ad eccezione dell'articolo 14 nonché delle disposizioni di cui al titolo III»
# (DL 101/2013 art. 2 c. 2-bis); a società is no public administration of the D.Lgs. 165/2001 (art. 1 c. 2). A date
# their regulation does not declare is no act missing, and no act of theirs is out of the order art. 14 sets (a
# reading, docs/regolamento.md)
UNDATED = frozenset({"ordine_professionale", "societa"})
COMPARTI = ("funzioni_locali", "altro")  # altro: a contract ciclope has no national layer for (a regional one)
METHODS = methods.PREMIO
# format 2: a part may also be a budget from the fund, a bonus for the best of an earlier part, amounts decided
PART_METHODS = methods.PARTS
# a part's ``arrotondamento``: «matematico», each share half-up to the cent (absent: down, the leftover cents to the
# largest remainders, rules/core.md §4)
HALF_UP = "matematico"
ROUNDINGS = (HALF_UP,)
RULES = ("assenze", "punteggio_minimo", "insufficiente", "sanzione", "unita_sotto", "formula")
MEASURES = ("assenze", "quota_tempo")
# A value of a key written with its word of before (the English «fte» of the time worked): still read, silently, as
# the word it became, as the formulas read the name (format.quantities.FORMER_NAMES)
FORMER_TIME = {"fte": "quota_tempo"}
COMPONENTS = ("scheda", "unita", "ente", "cruscotto")
RESULT_METHODS = ("percentuale", "fondo", "quota_posizione", "formula")
# how ``parti`` of a [[riduzioni]] names the result pay of [risultato_po]: the table's own name, never a part's
RESULT_PART = "risultato_po"


def key(
    toml: str,
    kind: str,
    doc: str,
    *,
    required: bool = False,
    default: Any = None,
    choices: tuple[str, ...] = (),
    lo: str | None = None,
    hi: str | None = None,
    table: type | None = None,
    example: Any = None,
    since: int = 1,
    points: bool = False,
    days: bool = False,
    formula: str | None = None,
    converter: Callable[[Any], Any] | None = None,
    one: bool = False,
    former: Mapping[str, str] | None = None,
) -> Any:
    """A field that is a key of the TOML file (the metadata the reader and the schema read); ``converter`` reads
    the value as the rest of the plugin names it (a fund as ente.toml's key is read); ``one``: a list of tables
    that may also be written as one table (``[risultato_po]`` for a single ``[[risultato_po]]``); ``former``: a value's
    word of before → the word it became, read as that word."""
    meta = {
        "toml": toml,
        "kind": kind,
        "doc": doc,
        "required": required,
        "choices": choices,
        "lo": None if lo is None else Decimal(lo),
        "hi": None if hi is None else Decimal(hi),
        "table": table,
        "example": example,
        "since": since,
        "points": points,  # a score threshold, in points of the regulation's scale: never a percentage
        "days": days,  # a number of days: never a percentage
        "formula": formula,  # the place (format.quantities.PLACES) where the key may be written "=…"
        "one": one,  # of a list of tables: one table alone is a list of one
        "former": dict(former or {}),
    }
    if required:
        return attrs.field(metadata=meta, kw_only=True, converter=converter)
    if isinstance(default, (dict, list, tuple)):
        return attrs.field(factory=lambda: type(default)(default), metadata=meta, kw_only=True, converter=converter)
    return attrs.field(default=default, metadata=meta, kw_only=True, converter=converter)


FONTE_DOC = "l'articolo del regolamento da cui viene la regola: si legge in ogni spiegazione (es. \"art. 9 c. 2\")"
NOTA_DOC = "una nota libera, riportata nelle spiegazioni"
# a reading of the office where the text is silent or unclear (a threshold the published text leaves out): the
# Relazione lists it among its assumptions, `regolamento leggi` in its last article
IPOTESI_DOC = (
    "una lettura dell'ufficio dove il testo tace o non è chiaro (un numero che manca, una regola letta in un modo): "
    "la Relazione la elenca tra le ipotesi, con la fonte del blocco"
)
IPOTESI_EXAMPLE = "la soglia di 60 punti non è nel testo pubblicato"
GRADES_DOC = (
    "le categorie (A, B, C, D, DIR) o Aree del CCNL 16.11.2022 (Operatori, Operatori esperti, Istruttori, "
    "Funzionari), come la colonna categoria di persone.csv"
)


@attrs.frozen
class Act:
    """[atto] — l'atto che approva il sistema di misurazione e valutazione."""

    title: str = key(
        "titolo",
        "text",
        "il titolo dell'atto, come lo citano i documenti pubblicati",
        required=True,
        example="Sistema di misurazione e valutazione della performance del Comune di Esempio",
    )
    short: str = key(
        "sigla",
        "text",
        "il nome breve con cui le spiegazioni, le tabelle e le schede citano l'atto («SMVP, art. 6»): l'elenco degli "
        "atti della Relazione dà il titolo intero con la sigla tra parentesi (se manca: il titolo intero ovunque)",
        default="",
        example="SMVP",
    )
    kind: str = key("tipo_ente", "choice", "il tipo di ente", required=True, choices=ENTE_KINDS, example="comune")
    date: dt.date | None = key("data", "date", "la data dell'atto di approvazione", example="2024-01-15")
    comparto: str | None = key(
        "comparto",
        "choice",
        "il comparto di contrattazione: vi si applica il livello nazionale (CCNL); «altro» per un contratto che "
        "ciclope non applica (il contratto regionale di un comune di una regione a statuto speciale)",
        choices=COMPARTI,
        example="funzioni_locali",
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)

    @property
    def cited(self) -> str:
        """The act as each figure's source names it: its sigla, else its title."""
        return self.short or self.title

    @property
    def listed(self) -> str:
        """The act as the Relazione's list of acts names it: the title, with the sigla the figures cite it by where the
        title does not already say it («Criteri … (CCDI 2026)» is never followed by «(«CCDI 2026»)»)."""
        return f"{self.title} («{self.short}»)" if self.short and self.short not in self.title else self.title


def _weight(toml: str, doc: str, example: Any) -> Any:
    return key(toml, "number", doc, default=Decimal(0), lo="0", hi="1", example=example)


def _card_weight() -> Any:
    return _weight("scheda", "peso, da 0 a 1, della scheda di valutazione individuale (in punti, da 0 a 100)", 0.6)


def _unit_weight() -> Any:
    return _weight(
        "unita", "peso, da 0 a 1, del grado di raggiungimento degli obiettivi dell'unità (in punti: × 100)", 0.4
    )


def _ente_weight() -> Any:
    return _weight("ente", "peso, da 0 a 1, della performance organizzativa dell'ente (in punti: × 100)", 0)


def _dashboard_weight() -> Any:
    return _weight("cruscotto", "peso, da 0 a 1, del cruscotto personale (cruscotti.csv; in punti: × 100)", 0)


def _objectives_weight() -> Any:
    return key(
        "obiettivi",
        "number",
        "peso degli obiettivi individuali e di gruppo (× 100): gli obiettivi «individual» di cui la persona è "
        "titolare e le voci dei cruscotti a lei intestati (cruscotti.csv), ognuna una volta; senza obiettivi "
        "misurati il peso passa all'unità",
        default=Decimal(0),
        lo="0",
        hi="1",
        example=0.3,
        since=2,
    )


@attrs.frozen
class Weights:
    """[punteggio.<ruolo>] — i pesi delle componenti del punteggio di un ruolo (somma 1)."""

    card: Decimal = _card_weight()
    unit: Decimal = _unit_weight()
    ente: Decimal = _ente_weight()
    dashboard: Decimal = _dashboard_weight()
    objectives: Decimal = _objectives_weight()
    source: str = key(
        "fonte", "text", FONTE_DOC + "; se manca vale quella di [punteggio]", default="", example="art. 5 c. 2"
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class GradeWeights:
    """[[punteggio.categorie]] — i pesi delle componenti del punteggio di una o più categorie (o Aree) del
    contratto, al posto di quelli del ruolo (somma 1)."""

    grades: tuple[str, ...] = key(
        "categorie",
        "texts",
        GRADES_DOC,
        required=True,
        example=["A", "B", "C"],
    )
    roles: tuple[str, ...] = key(
        "ruoli", "texts", "i ruoli a cui si applicano questi pesi", default=("dipendente",), choices=ROLES
    )
    card: Decimal = _card_weight()
    unit: Decimal = _unit_weight()
    ente: Decimal = _ente_weight()
    dashboard: Decimal = _dashboard_weight()
    objectives: Decimal = _objectives_weight()
    source: str = key(
        "fonte", "text", FONTE_DOC + "; se manca vale quella di [punteggio]", default="", example="art. 5 c. 3"
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Score:
    """[punteggio] — il punteggio individuale: la scheda e, per ruolo, componenti organizzative pesate."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 5")
    staff: Weights | None = key(
        "dipendente", "table", "i pesi per i dipendenti (se manca: la sola scheda)", table=Weights
    )
    po: Weights | None = key("po", "table", "i pesi per le PO / EQ", table=Weights)
    dirigente: Weights | None = key("dirigente", "table", "i pesi per i dirigenti", table=Weights)
    segretario: Weights | None = key("segretario", "table", "i pesi per il segretario", table=Weights)
    grades: tuple[GradeWeights, ...] = key(
        "categorie",
        "tables",
        "i pesi per categoria (o Area) del contratto: valgono al posto di quelli del ruolo per le persone di quelle "
        "categorie",
        default=(),
        table=GradeWeights,
    )
    scale: Decimal | None = key(
        "su",
        "number",
        "la scala dei punteggi del regolamento (es. 400 punti): le soglie del file (livelli, esclusioni per "
        "punteggio, soglie del premio, soglia positiva e gradini del risultato) sono scritte in punti su questa "
        "scala, e nelle formule punteggio e scheda sono in punti su questa scala (la quota dal punteggio è punteggio "
        "/ 400); il punteggio resta calcolato anche su 100",
        lo="1",
        hi="10000",
        example=400,
        since=2,
    )
    unit_kind: str = key(
        "tipo_unita",
        "text",
        "il tipo di unità (come nella colonna tipo di unità.csv: settore, direzione e dipartimento valgono area) il "
        "cui raggiungimento è la componente unita: quella di questo tipo diretta dalla persona, altrimenti la più "
        "vicina di questo tipo risalendo dalla sua unità (se manca la chiave: l'unità che dirige, o la sua); è "
        "l'unità di ogni regola che legge l'unità della persona (unita nelle formule, l'esclusione unita_sotto, "
        "per_unita, i requisiti)",
        default="",
        example="servizio",
        since=2,
    )
    unmeasured_unit: str = key(
        "senza_unita",
        "choice",
        "se l'unità non ha un raggiungimento misurato: non_valutato (la persona resta senza punteggio) o sposta (il "
        "peso dell'unità passa agli obiettivi individuali e di gruppo misurati, altrimenti alla scheda)",
        default="non_valutato",
        choices=("non_valutato", "sposta"),
        since=2,
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Step:
    """Un gradino di una scala di livelli: da questo punteggio in su (fino al gradino sopra)."""

    name: str = key("nome", "text", "il nome del livello, come lo leggono le persone", required=True, example="A")
    min: Decimal | Formula = key(
        "da",
        "number",
        "il punteggio minimo del livello (0–100, o sulla scala di [punteggio] su), o una formula (formato 2) che lo "
        "calcola per l'anno, es. \"=MEDIA.ENTE(punteggio) + 1\"",
        required=True,
        lo="0",
        hi="100",
        example=95,
        points=True,
        formula="soglia",
    )


@attrs.frozen
class Requirement:
    """[[livelli.requisiti]] — un requisito di una parte del punteggio per il livello (formato 2): chi non lo
    raggiunge scende di un livello (o non ha livello), qualunque sia il punteggio complessivo."""

    part: str = key(
        "parte",
        "text",
        "la parte: scheda, unita, ente, cruscotto, o una sezione della scheda scritta come «sezione:Nome»",
        required=True,
        example="sezione:Comportamenti",
    )
    min: Decimal = key(
        "minimo",
        "number",
        "il minimo della parte, in centesimi del suo massimo (0–100): 140 punti su 200 sono 70",
        required=True,
        lo="0",
        hi="100",
        example=70,
    )
    effect: str = key(
        "effetto",
        "choice",
        "un_livello_sotto (il livello del punteggio scende di un gradino) o nessun_livello",
        default="un_livello_sotto",
        choices=("un_livello_sotto", "nessun_livello"),
    )
    roles: tuple[str, ...] = key("ruoli", "texts", "i ruoli a cui si applica", default=ROLES, choices=ROLES)
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 8 c. 3")


@attrs.frozen
class Levels:
    """[livelli] — le scale di livelli, dal più alto: per tutti, o per un ruolo se il regolamento lo distingue."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 7")
    ladder: tuple[Step, ...] = key(
        "scala", "tables", "la scala di tutti i ruoli, dal livello più alto", required=True, table=Step
    )
    staff: tuple[Step, ...] | None = key(
        "dipendente", "tables", "la scala dei dipendenti, se diversa (vuota, [], senza livelli)", table=Step
    )
    po: tuple[Step, ...] | None = key(
        "po", "tables", "la scala delle PO / EQ, se diversa (vuota, [], senza livelli)", table=Step
    )
    dirigente: tuple[Step, ...] | None = key(
        "dirigente", "tables", "la scala dei dirigenti, se diversa (vuota, [], senza livelli)", table=Step
    )
    segretario: tuple[Step, ...] | None = key(
        "segretario", "tables", "la scala del segretario, se diversa (vuota, [], senza livelli)", table=Step
    )
    requirements: tuple[Requirement, ...] = key(
        "requisiti",
        "tables",
        "i requisiti di una parte del punteggio (una sezione della scheda, l'unità …) per il livello raggiunto",
        default=(),
        table=Requirement,
        since=2,
    )
    formula: Formula | None = key(
        "formula",
        "formula",
        "il livello come formula, quando il testo non lo legge su un solo punteggio: dà il nome di un livello della "
        "scala (LIVELLO(x) è il livello della scala per x punti, SOTTO e SOPRA un livello più in basso o più in alto)",
        example='=SE(LIVELLO(SEZIONE("Risultati")) = LIVELLO(SEZIONE("Comportamenti")); LIVELLO(SEZIONE("Risultati")); '
        'SOTTO(MAX(LIVELLO(SEZIONE("Risultati")); LIVELLO(SEZIONE("Comportamenti")))))',
        since=2,
        formula="livello",
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Exclusion:
    """[[esclusioni]] — chi non accede al premio, nell'ordine scritto: vale la prima regola che si applica."""

    rule: str = key(
        "regola",
        "choice",
        "la regola: assenze oltre N giorni, punteggio minimo, insufficiente "
        "rendimento dichiarato, sanzione disciplinare oltre un tipo, unità sotto una soglia di "
        "raggiungimento, o una condizione scritta come formula (formato 2)",
        required=True,
        choices=RULES,
        example="sanzione",
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 11 c. 3")
    status: str = key(
        "stato", "text", "lo stato di chi è escluso (default: escluso_<regola>)", default="", example="escluso_sanzione"
    )
    days: Decimal | None = key(
        "giorni", "number", "per «assenze»: escluso chi supera questi giorni", lo="0", hi="366", example=150, days=True
    )
    min: Decimal | None = key(
        "minimo",
        "number",
        "per «punteggio_minimo»: il punteggio minimo (0–100); per "
        "«unita_sotto»: il raggiungimento minimo dell'unità (0–1)",
        lo="0",
        hi="100",
        example=60,
        points=True,
    )
    above: str | None = key(
        "oltre", "text", "per «sanzione»: escluso chi ha una sanzione più grave di questa", example="rimprovero_verbale"
    )
    scale: tuple[str, ...] = key(
        "scala",
        "texts",
        "per «sanzione»: i tipi di sanzione dal più lieve (colonna sanzione di persone.csv)",
        default=(),
        example=["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"],
    )
    synonyms: dict[str, str] = key(
        "sinonimi",
        "labels",
        "per «sanzione»: altri nomi dei tipi della scala, come li scrive l'ufficio (nome → tipo della scala); "
        "maiuscole, accenti e spazi non contano, e «censura» vale già rimprovero_scritto",
        default={},
        example={"richiamo scritto": "rimprovero_scritto"},
    )
    level: str | None = key(
        "livello",
        "text",
        "per «insufficiente»: il livello di chi è dichiarato di insufficiente rendimento, qualunque sia il punteggio",
        example="non adeguata",
        since=2,
    )
    condition: Formula | None = key(
        "condizione",
        "formula",
        "per «formula»: chi è escluso, una condizione sui dati della persona («il personale che ha prestato servizio "
        "per meno di 90 giorni nell'anno»)",
        example="=giorni_servizio < 90 giorni",
        formula="esclusione",
        since=2,
    )
    parts: tuple[str, ...] = key(
        "parti",
        "texts",
        "le parti del premio ([[premi]]) a cui l'esclusione si applica, quando il testo la limita a "
        "esse (se manca: a tutte le parti, anche ai premi decisi e scritti in premi.csv)",
        default=(),
        example=["produttività"],
        since=2,
    )
    hearing: bool = key(
        "contraddittorio",
        "bool",
        "per «punteggio_minimo»: true se sotto il minimo la valutazione è negativa e non è definitiva senza il "
        "contraddittorio con la persona, registrato in ricorsi.csv (come per [risultato_po]); senza, un errore",
        default=False,
        since=2,
    )
    roles: tuple[str, ...] = key(
        "ruoli",
        "texts",
        "i ruoli a cui l'esclusione si applica, quando il testo la limita a essi («i dirigenti sotto 60 punti»)",
        default=ROLES,
        choices=ROLES,
        example=["dirigente"],
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)

    @property
    def gives(self) -> str:
        """The status the exclusion gives a person: its own ``stato``, else «escluso_» and its rule."""
        return self.status or f"escluso_{self.rule}"


@attrs.frozen
class Bracket:
    """Uno scaglione di una riduzione: da un valore a un valore (compresi), la riduzione del premio."""

    start: Decimal = key(
        "da", "number", "l'inizio dello scaglione (compreso)", required=True, lo="0", hi="366", example=11
    )
    end: Decimal | None = key(
        "a",
        "number",
        "la fine dello scaglione (compresa); manca nell'ultimo, che vale «oltre»",
        lo="0",
        hi="366",
        example=30,
    )
    cut: Decimal = key(
        "riduzione", "number", "la riduzione del premio (0–1): 0.1 è il 10%", required=True, lo="0", hi="1", example=0.1
    )


@attrs.frozen
class Reduction:
    """[[riduzioni]] — una riduzione del premio: gli scaglioni di un dato della persona (i giorni di assenza, il
    tempo lavorato o una colonna dichiarata, come gli eventi di malattia) e la riduzione di ciascuno, o la riduzione
    di ciascuno da una formula (l'1% per ogni giorno di assenza oltre i 15)."""

    measure: str = key(
        "misura",
        "text",
        "con gli scaglioni, il dato della persona: assenze (i giorni di assenza, colonna giorni_assenza di "
        "persone.csv), quota_tempo (il tempo lavorato) o il nome di una colonna di persone.csv dichiarata in "
        "[[colonne]] di tipo numero o giorni (es. gli eventi di malattia dell'anno; formato 2)",
        default="",
        example="assenze",
        former=FORMER_TIME,
    )
    brackets: tuple[Bracket, ...] = key(
        "scaglioni",
        "tables",
        "gli scaglioni, dal primo (da 0), contigui, in ordine (con misura; senza, la riduzione è una formula)",
        default=(),
        table=Bracket,
    )
    formula: Formula | None = key(
        "riduzione",
        "formula",
        "al posto di misura e scaglioni, la riduzione di ciascuno da una formula, una percentuale tenuta "
        "tra 0% e 100% («ridotto dell'1% per ogni giorno di assenza oltre i 15»)",
        example="=MAX(0%; (assenze - 15 giorni) * 1% al giorno)",
        formula="riduzione",
        since=2,
    )
    parts: tuple[str, ...] = key(
        "parti",
        "texts",
        "le parti del premio ridotte, per nome (se manca: tutte); risultato_po è la retribuzione di risultato "
        "delle PO / EQ di [risultato_po], ridotta solo se nominata (il taglio resta non pagato)",
        default=(),
        example=["presenza"],
        since=2,
    )
    savings: str | Formula = key(
        "economie",
        "text",
        "dove vanno i tagli: ripartite (tra i colleghi della stessa parte, il default), residuo (restano "
        "residuo della parte), il nome di una parte successiva dello stesso fondo o una formula che dà a ciascuno "
        "il suo gruppo (il settore): i tagli di ogni gruppo vanno ai colleghi della parte dello stesso gruppo",
        default="ripartite",
        example="obiettivi",
        since=2,
        formula="economie",
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 10 c. 3")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class BandShare:
    """Una fascia di merito: la sua quota di personale e la sua quota di risorse, o il suo coefficiente pro capite."""

    name: str = key("nome", "text", "il nome della fascia", required=True, example="alta")
    staff: Decimal = key(
        "personale", "number", "la quota di personale (0–1)", required=True, lo="0", hi="1", example=0.2
    )
    resources: Decimal | None = key(
        "risorse", "number", "la quota di risorse (0–1); o, al suo posto, coefficiente", lo="0", hi="1", example=0.5
    )
    coefficient: Decimal | None = key(
        "coefficiente",
        "number",
        "il coefficiente pro capite della fascia, come il testo lo scrive («parametro 2 al 20% del "
        "personale»), al posto della quota di risorse: il fondo è diviso per coefficiente × quota pagata",
        lo="0",
        hi="1000",
        example=2,
        since=2,
    )

    @property
    def per_capita(self) -> Decimal:
        """The band's money weight per person: its coefficient, or its resources over its staff."""
        if self.coefficient is not None:
            return self.coefficient
        return (self.resources or Decimal(0)) / self.staff if self.staff else Decimal(0)


MONTHS = fmt.MONTHS  # «mese» of an instalment, as the text names it


@attrs.frozen
class InstalmentRule:
    """Una rata del premio: quota, acconto o conguaglio, il mese con le cui competenze si paga e il suo periodo."""

    share: Decimal | None = key(
        "quota",
        "number",
        "la quota del premio di ciascuno pagata in questa rata (0–1, o «50%»); le quote delle rate sommano a 1. "
        "Ogni rata ma l'ultima è arrotondata per difetto al centesimo, l'ultima prende il resto. Al suo posto, "
        "acconto o conguaglio",
        lo="0",
        hi="1",
        example="50%",
    )
    advance: Formula | None = key(
        "acconto",
        "formula",
        "un acconto pagato prima dei risultati, al posto della quota: una formula in euro sui dati della persona "
        "(non la valutazione né i risultati dell'anno), per difetto al centesimo, pagata a chi è dei ruoli della "
        "parte e in servizio nel mese della rata; le rate con acconto finiscono con il conguaglio",
        example="=50% * 1000 €",
        formula="acconto",
        since=2,
    )
    balance: bool = key(
        "conguaglio",
        "bool",
        "true: l'ultima rata, dopo gli acconti, paga il premio dell'anno meno gli acconti pagati; se è negativo è un "
        "recupero (chi ha avuto un acconto e non ha premio restituisce l'acconto)",
        default=False,
        example=True,
        since=2,
    )
    month: str = key(
        "mese",
        "choice",
        "il mese con le cui competenze si paga la rata",
        required=True,
        choices=MONTHS,
        example="agosto",
    )
    year: str = key(
        "anno",
        "choice",
        "stesso: il mese dell'anno del ciclo; successivo: dell'anno dopo («con le competenze del successivo mese "
        "di febbraio»)",
        default="stesso",
        choices=("stesso", "successivo"),
    )
    period: str = key(
        "riferita",
        "text",
        "il periodo dell'anno a cui la rata si riferisce, come lo scrive il testo",
        default="",
        example="primo semestre",
    )

    @property
    def month_number(self) -> int:
        return MONTHS.index(self.month) + 1

    @property
    def later(self) -> int:
        """The years after the cycle's in which the instalment is paid (0 or 1)."""
        return 1 if self.year == "successivo" else 0

    @property
    def when(self) -> str:
        """The month in words: «agosto», «febbraio dell'anno successivo»."""
        return self.month + (" dell'anno successivo" if self.later else "")

    @property
    def kind(self) -> str:
        """What the instalment pays: a share of the premium, an advance or the balance (``money`` kinds)."""
        if self.advance is not None:
            return money.ADVANCE
        return money.BALANCE if self.balance else money.SHARE


# The fund of a premium or part that writes no ``fondo``: every such part takes it, so they share one fund.
DEFAULT_FUND = "performance_individuale"


@attrs.frozen
class Premium:
    """[premio] — il premio di performance individuale: un metodo, il fondo, chi vi accede, il residuo."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 10")
    method: str = key(
        "metodo",
        "choice",
        methods.described(methods.PREMIO),
        required=True,
        choices=METHODS,
        example="soglie",
    )
    fund: str = key(
        "fondo",
        "text",
        "il fondo di [fondi] in ente.toml (se manca: performance_individuale, lo stesso per ogni parte che non "
        "scrive fondo); quando il testo dà l'importo di ciascuno e nessun fondo da dividere, una parte formula con "
        "dovuto = true e un fondo suo, senza riga in ente.toml",
        default=DEFAULT_FUND,
        converter=funds.code_of,
    )
    roles: tuple[str, ...] = key(
        "ruoli",
        "texts",
        "i ruoli pagati da questo fondo",
        default=("dipendente",),
        choices=ROLES,
        example=["dipendente"],
    )
    evaluation: bool = key(
        "valutazione",
        "bool",
        "false: il premio non legge nessuna valutazione individuale e paga tutto il personale in servizio "
        "dei suoi ruoli (persone.csv), valutato o no; metodi proporzionale (il peso, se manca 1, × la quota pagata) e "
        "formula; le formule non leggono punteggio, scheda, livello, SEZIONE né LIVELLO",
        default=True,
        example=False,
        since=2,
    )
    part_time: str = key(
        "tempo_parziale",
        "choice",
        "proporzionale: il premio × il tempo lavorato; intero: come a tempo pieno (anche quando la formula legge "
        "già un dato della persona che conta il tempo: la sua componente in euro, le ore, le giornate)",
        default="proporzionale",
        choices=("proporzionale", "intero"),
    )
    prorate: bool = key(
        "rateo_giorni",
        "bool",
        "chi è assunto o cessa in corso d'anno riceve il premio in "
        "proporzione ai giorni di servizio (colonne assunzione, cessazione di persone.csv)",
        default=False,
    )
    residual: str = key(
        "residuo",
        "choice",
        "con un massimo pro capite: resta (il non distribuito resta "
        "residuo) o ridistribuisci (tutto il fondo, in proporzione)",
        default="resta",
        choices=("resta", "ridistribuisci"),
    )
    admitted: str = key(
        "stato_ammessi",
        "text",
        "lo stato di chi accede al premio (default: quello della valutazione)",
        default="",
        example="in_fascia",
    )
    list_excluded: bool = key(
        "elenca_esclusi",
        "bool",
        "gli esclusi compaiono tra i premi con 0 € (true) o solo con il loro stato (false); chi la condizione della "
        "parte (ammesso) lascia fuori non è escluso: dove un'altra parte dello stesso fondo lo paga, la parte vi "
        "compare con 0 € e il motivo",
        default=True,
    )
    by_unit: bool = key("per_unita", "bool", "per «proporzionale»: anche × il raggiungimento dell'unità", default=False)
    maximum: Decimal | None = key(
        "massimo",
        "money",
        "per «soglie» e «livelli»: il premio massimo pro capite (euro, a tempo pieno)",
        example="1500.00",
    )
    full: Decimal | None = key(
        "piena",
        "number",
        "per «soglie»: da questo punteggio il 100% del massimo",
        lo="0",
        hi="100",
        example=95,
        points=True,
    )
    floor: Decimal | None = key(
        "minima", "number", "per «soglie»: sotto questo punteggio nulla", lo="0", hi="100", example=60, points=True
    )
    between: str = key(
        "tra_le_soglie",
        "choice",
        "per «soglie», tra minima e piena: punteggio (il massimo per la percentuale del punteggio sul totale: 80 "
        "punti su 100, l'80%) o lineare (dallo 0% alla minima al 100% alla piena, in proporzione ai punti)",
        default="punteggio",
        choices=("punteggio", "lineare"),
    )
    coefficients: Mapping[str, Decimal] = key(
        "coefficienti",
        "numbers",
        "per «livelli»: il coefficiente di ogni livello, come lo scrive il testo (fino a 1 con un massimo pro capite, "
        "anche sopra 1 quando il fondo è diviso per pesi); ogni livello dei ruoli pagati ha il suo, 0 se non dà premio",
        default={},
        lo="0",
        hi="1000",
        example={"A": 1, "B": 0.8},
    )
    grade_factors: Mapping[str, Decimal] = key(
        "parametri",
        "numbers",
        "per «proporzionale» e «livelli» senza massimo: il parametro di ogni categoria (o Area) del contratto, che "
        "moltiplica il peso della persona nella ripartizione del fondo",
        default={},
        lo="0",
        hi="1000",
        example={"B": 100, "C": 110, "D": 130},
    )
    bands: tuple[BandShare, ...] = key(
        "fasce", "tables", "per «fasce»: le fasce, dalla più alta", default=(), table=BandShare
    )
    band_money: str = key(
        "ripartizione",
        "choice",
        "per «fasce»: pro_capite (il fondo diviso per il peso pro capite di ogni fascia, risorse / personale) o "
        "per_fascia (a ogni fascia la sua quota di risorse del fondo, divisa tra chi vi è collocato)",
        default="pro_capite",
        choices=("pro_capite", "per_fascia"),
    )
    within_band: str = key(
        "in_fascia",
        "choice",
        "per «fasce» con ripartizione per_fascia: la quota della fascia divisa in proporzione alla quota pagata "
        "(quota_tempo: il tempo lavorato) o al punteggio × la quota pagata (punteggio)",
        default="quota_tempo",
        choices=("quota_tempo", "punteggio"),
        former=FORMER_TIME,
    )
    top_cap: Decimal | None = key(
        "tetto_prime_fasce",
        "number",
        "per «fasce»: la quota massima del personale in servizio nella prima fascia (3 fasce) o nelle prime due (4–5)",
        lo="0",
        hi="1",
        example=0.3,
    )
    instalments: tuple[InstalmentRule, ...] = key(
        "rate",
        "tables",
        "le rate in cui si paga il premio di ciascuno, nell'ordine in cui si pagano (se mancano: una volta, "
        "per l'anno): ogni rata con la sua quota, il mese e l'anno con le cui competenze si paga e il periodo a cui "
        "si riferisce; il calendario è nelle schede, nella Relazione e in results.json",
        default=(),
        table=InstalmentRule,
        since=2,
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)

    @property
    def weighs_evaluations(self) -> bool:
        """Paid by an individual evaluation to people weighed here, not a decided prize: what [differenziazione]
        checks when it names no parts."""
        return self.evaluation and not methods.METHODS[self.method].chosen


@attrs.frozen
class Part(Premium):
    """[[premi]] — una parte del premio individuale (formato 2): il suo nome, il suo metodo, la sua quota del
    fondo, le sue graduatorie e dove va ciò che non paga. Le parti si pagano nell'ordine scritto."""

    name: str = key(
        "nome", "text", "il nome della parte, come lo leggono le persone", required=True, example="presenza"
    )
    method: str = key(
        "metodo",
        "choice",
        methods.described(methods.PARTS),
        required=True,
        choices=PART_METHODS,
        example="fasce",
    )
    fund_share: Decimal | Formula | None = key(
        "quota_fondo",
        "number",
        "la quota del fondo che va a questa parte (0–1); le parti di uno stesso fondo (anche quelle senza fondo, che "
        "condividono performance_individuale) la scrivono ciascuna, anche 0, e sommano al più 1; ciò che resta è "
        "residuo (se manca, per la sola parte del suo fondo: tutto il fondo). O una formula (formato 2) che la "
        "calcola per l'anno dai risultati, uguale per tutti: «in proporzione al grado di raggiungimento degli "
        "obiettivi dell'ente» è "
        "\"=40% * ente\"",
        lo="0",
        hi="1",
        example=0.7,
        formula="quota_fondo",
    )
    of_shares: tuple[Decimal, ...] = key(
        "di_cui",
        "shares",
        "la parte ha questa quota della quota_fondo («il 20% alla performance organizzativa, di cui l'80% in base al "
        "risultato del settore»: quota_fondo = 20%, di_cui = 80%); le va quota_fondo × di_cui del fondo. Con più "
        "livelli, una lista, dal più esterno («di cui il 20%, di cui il 65% ai quadri»: di_cui = [\"20%\", \"65%\"])",
        default=(),
        lo="0",
        hi="1",
        example="80%",
        since=2,
    )

    @property
    def share(self) -> Decimal | None:
        """The share of the fund the part takes: ``quota_fondo``, × each ``di_cui`` when it has them; None: the whole
        fund (or what is left of it), or a share its formula gives for the year (:mod:`...pay.fundshares`)."""
        if self.fund_share is None or isinstance(self.fund_share, Formula):  # a formula's: known once computed
            return None
        share = self.fund_share
        for of in self.of_shares:
            share *= of
        return share

    rankings: str | Formula = key(
        "graduatorie",
        "choice",
        "ente (una graduatoria), area (una per struttura di primo livello di unità.csv), categoria (una per "
        "categoria o Area del contratto; con [gradi], una per grado dichiarato) o una formula che dà a ciascuno il "
        "nome della sua graduatoria (un dato dichiarato: il settore, il profilo)",
        default="ente",
        choices=("ente", "area", "categoria"),
        example="=settore",
        formula="graduatorie",
    )
    ranking_split: str | Formula = key(
        "riparto_graduatorie",
        "choice",
        "con più graduatorie, la quota di ciascuna: in proporzione al personale in servizio (personale), al suo "
        "tempo lavorato (quota_tempo) o alla somma, sul suo personale in servizio, di una formula (il peso di "
        "ciascuno)",
        default="personale",
        choices=("personale", "quota_tempo"),
        former=FORMER_TIME,
        example='=quota_tempo * SE(categoria = "D"; 120; SE(categoria = "C"; 110; 100))',
        formula="riparto_graduatorie",
    )
    residual_to: str | None = key(
        "residuo_a",
        "text",
        "il nome di una parte successiva a cui va ciò che questa parte non paga (anche di un altro fondo: il fondo di "
        "questa parte si riduce, quello dell'altra cresce di altrettanto)",
        example="obiettivi",
    )
    among: str | None = key(
        "tra",
        "text",
        "per «migliori»: il nome della parte (con metodo fasce) della cui fascia si premiano i migliori",
        example="fasce",
    )
    band: str | None = key("fascia", "text", "per «migliori»: la fascia di quella parte", example="alta")
    best_share: Decimal | None = key(
        "quota_vincitori",
        "number",
        "per «migliori»: la quota massima dei collocati nella fascia premiati (per difetto; i pari merito al limite "
        "sono esclusi)",
        lo="0",
        hi="1",
        example=0.05,
    )
    decision: str | None = key(
        "decisione",
        "text",
        "per «migliori» e «importi»: la chiave di [atti] in ente.toml dell'atto che ogni anno istituisce la parte "
        "(migliori) o ne approva gli importi scritti in premi.csv (importi): senza, nulla è pagato",
        example="bonus_decided",
    )
    decided_from: str | None = key(
        "decisione_dal", "text", "il primo giorno valido della decisione, GG/MM dell'anno precedente", example="01/02"
    )
    decided_by: str | None = key(
        "decisione_entro", "text", "l'ultimo giorno valido della decisione, GG/MM dell'anno del ciclo", example="31/01"
    )
    admitted_if: Formula | None = key(
        "ammesso",
        "formula",
        "chi partecipa alla parte, oltre alle esclusioni: una condizione sulla persona (es. la valutazione più "
        "elevata dell'anno)",
        example="=punteggio = MAX.ENTE(punteggio)",
        formula="ammesso",
    )
    weight: Formula | None = key(
        "peso",
        "formula",
        "per «proporzionale»: il peso di ciascuno nella ripartizione del fondo al posto del punteggio (moltiplicato "
        "per la quota pagata e, con parametri, per il parametro del grado)",
        example="=punteggio * SE(ruolo = \"po\"; 1,2; 1)",
        formula="peso",
    )
    rounding: str | None = key(
        "arrotondamento",
        "choice",
        "per «proporzionale»: matematico quando il regolamento arrotonda ogni quota al centesimo per eccesso se il "
        "millesimo è pari o superiore a 5, per difetto altrimenti; i centesimi che così restano non sono pagati e "
        "restano residui, e se le quote così arrotondate superano il fondo (o quello della graduatoria) sono ripartite "
        "al centesimo con il metodo dei resti più alti. Se manca, ogni quota è per difetto al centesimo e i centesimi "
        "che restano vanno alle quote con i resti più alti",
        choices=ROUNDINGS,
        example="matematico",
        since=2,
    )
    amount: Formula | None = key(
        "importo",
        "formula",
        "per «formula»: l'importo di ciascuno (in euro, arrotondato al centesimo, moltiplicato per la quota pagata); "
        "con incarichi, l'importo di ogni incarico",
        example="=30% * PREMIO(\"produttività\")",
        formula="importo",
    )
    owed: bool = key(
        "dovuto",
        "bool",
        "per «formula»: true quando l'importo è dovuto (dal contratto o dal regolamento) e non è la quota di un "
        "fondo: ciascuno lo riceve per intero; il fondo della parte non si scrive in [fondi] di ente.toml, è la somma "
        "di ciò che la parte paga e non lascia residuo",
        default=False,
        example=True,
        since=2,
    )
    cap: Formula | None = key(
        "massimo_persona",
        "formula",
        "per «proporzionale», «livelli» senza massimo e «fasce» pro capite: l'importo massimo di ciascuno, una formula in "
        "euro («fino a 1,5 volte l'indennità di Ente»), per difetto al centesimo; ciò che supera il massimo resta "
        "residuo, o con residuo = \"ridistribuisci\" va agli altri in proporzione",
        example="=1,5 * indennita_ente",
        formula="massimo_persona",
    )
    assignments: str | None = key(
        "incarichi",
        "text",
        "per «formula»: il tipo degli incarichi di incarichi.csv (colonna tipo) che la parte paga, uno per riga; la "
        "formula legge giorni (i giorni dell'incarico nell'anno in servizio), dal e al (il suo primo e ultimo giorno), "
        "sostituito (la persona sostituita, con DI), le colonne dichiarate con elenco = incarichi (il punteggio del "
        "settore) o progetti (il budget del progetto della riga) e SOMMA.INCARICHI (la somma sul gruppo di progetto)",
        example="reggenza",
    )
    combine: str = key(
        "tra_gli_incarichi",
        "choice",
        "con più incarichi della stessa persona: somma (tutti), massimo (solo il migliore) o contemporanei (il "
        "migliore tra quelli svolti nello stesso periodo, cioè che si sovrappongono; quelli di periodi diversi si "
        "sommano)",
        default="somma",
        choices=("somma", "massimo", "contemporanei"),
    )
    national_bonus: bool = key(
        "maggiorazione",
        "bool",
        "true: questa parte è la maggiorazione del premio individuale del contratto nazionale (art. 69 CCNL "
        "21.5.2018, art. 81 CCNL 16.11.2022, art. 48 CCNL 23.2.2026) come la scrive il contratto integrativo: "
        "il comparto non la calcola una seconda volta da [ente.nazionale] (una sola parte)",
        default=False,
        example=True,
    )
    performance: str = key(
        "performance",
        "choice",
        "individuale, organizzativa o nessuna: la parte paga il premio correlato alla performance individuale (art. 68 "
        "c. 2 lett. b CCNL 21.5.2018) o alla performance organizzativa (lett. a), oppure un compenso che non è un premio "
        "correlato alla performance (nessuna: un incentivo previsto da una legge, come i progetti di potenziamento "
        "della polizia locale dell'art. 208 CdS, le funzioni tecniche, l'ISTAT; art. 68 c. 2 lett. g CCNL 21.5.2018, "
        "art. 80 c. 2 lett. g CCNL 16.11.2022), pagato da un fondo che solo parti di questo tipo pagano e pubblicato a "
        "parte, fuori dai premi per la performance. La maggiorazione del premio individuale che il comparto calcola da "
        "[ente.nazionale] legge il valore medio dei soli premi delle parti individuali",
        default="individuale",
        choices=("individuale", "organizzativa", "nessuna"),
        example="organizzativa",
    )
    set_aside: bool = key(
        "accantonata",
        "bool",
        "true: la parte (metodo formula) è accantonata prima della parte che le manda ciò che non paga (residuo_a): "
        "i suoi importi si calcolano sui premi di quella parte divisa sul fondo intero; il residuo li paga per primo e, "
        "se non basta, il fondo di quella parte si riduce dell'intero accantonamento ed è diviso di nuovo, una volta "
        "(come la maggiorazione del contratto nazionale: art. 69 CCNL 21.5.2018). Le sue formule non leggono fondo (il "
        "suo fondo è l'accantonamento): una media pro capite si legge sui premi di quella parte, "
        '=30% * SOMMA.ENTE(PREMIO("…")) / CONTA.ENTE(PREMIO("…") > 0 €)',
        default=False,
        example=True,
    )


def name_of(pr: Premium) -> str:
    """How figures, messages and the calendar call a part of the premium: its name, «premio» for [premio]."""
    return pr.name if isinstance(pr, Part) else "premio"


@attrs.frozen
class PayStep:
    """Un gradino della retribuzione di risultato: da questo punteggio, questa quota della posizione."""

    min: Decimal = key(
        "da", "number", "il punteggio minimo (0–100)", required=True, lo="0", hi="100", example=95, points=True
    )
    share: Decimal = key(
        "quota", "number", "la quota della retribuzione di posizione (0–1)", required=True, lo="0", hi="1", example=0.25
    )


@attrs.frozen
class ResultPay:
    """[[risultato_po]] — la retribuzione di risultato di un gruppo di ruoli: una per gruppo, ruoli e fondi diversi."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 12")
    method: str = key(
        "metodo",
        "choice",
        "percentuale (della retribuzione di posizione per fascia di "
        "punteggio), fondo (ripartito per retribuzione di posizione × punteggio), quota_posizione (formato 2: "
        "a ciascuno un massimo, fondo × retribuzione di posizione / Σ, pagato × punteggio / 100; in un solo "
        "[[risultato_po]]) o formula "
        "(formato 2: a ciascuno l'importo della formula importo)",
        required=True,
        choices=RESULT_METHODS,
        example="percentuale",
    )
    roles: tuple[str, ...] = key(
        "ruoli",
        "texts",
        "i ruoli pagati: due [[risultato_po]] non pagano lo stesso ruolo",
        default=("po",),
        choices=ROLES,
    )
    fund: str = key(
        "fondo",
        "text",
        "il fondo di [fondi] in ente.toml (per «percentuale» e «formula»: se c'è, un tetto); ogni [[risultato_po]] "
        "ha il suo",
        default="risultato_po",
        converter=funds.code_of,
    )
    positive: Decimal = key(
        "soglia_positiva",
        "number",
        "sotto questo punteggio la valutazione è negativa: nessuna retribuzione di risultato; in punti sulla scala "
        "di [punteggio] su, anche quando manca (60 su 200 è il 30%)",
        default=Decimal(60),
        lo="0",
        hi="100",
        example=60,
        points=True,
    )
    hearing: bool = key(
        "contraddittorio",
        "bool",
        "una valutazione negativa non è definitiva senza il contraddittorio (ricorsi.csv)",
        default=True,
    )
    steps: tuple[PayStep, ...] = key(
        "percentuali", "tables", "per «percentuale»: i gradini, dal più alto", default=(), table=PayStep
    )
    amount: Formula | None = key(
        "importo",
        "formula",
        "per «formula»: la retribuzione di risultato di ciascuno valutato positivamente, in euro (mai sotto zero, "
        "arrotondata al centesimo); la formula legge anche fondo, il fondo di [fondi] che la chiave fondo nomina",
        example="=MESI(16 giorni) / 12 * punteggio / 100 * SE(punteggio >= 90; 1; 0,8) * 10000 €",
        since=2,
        formula="risultato",
    )
    vacant: str = key(
        "posizioni_vacanti",
        "choice",
        "per «quota_posizione» con [posizioni]: la quota di una posizione vacante o non pagata nell'anno va ai titolari "
        "(«titolari»: il fondo si divide tra chi è pagato) o resta residua («residuo»: il fondo si divide tra tutte le "
        "posizioni, ciascuna per la retribuzione dovuta, l'annua se non è pagata)",
        default="titolari",
        choices=("titolari", "residuo"),
        example="residuo",
        since=2,
    )
    attested: bool = key(
        "ridotto_attestata",
        "bool",
        "il fondo è ridotto in proporzione alla performance dell'ente attestata dall'OIV (attestazione_oiv in "
        "[atti], altrimenti quella calcolata), al centesimo, prima del riparto",
        default=False,
        example=True,
        since=2,
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Event:
    """[[calendario]] — un atto del ciclo con la sua scadenza."""

    act: str = key("atto", "text", "il nome dell'atto", required=True, example="Piano della performance")
    phase: str = key("fase", "choice", "la fase del ciclo", required=True, choices=PHASES, example="pianificazione")
    due: str | None = key(
        "scadenza",
        "text",
        "giorno e mese, GG/MM: obbligatoria se mancano dopo e giorni (con dopo e giorni: la data se l'atto di dopo "
        "non è datato)",
        example="31/01",
    )
    after: str | None = key(
        "dopo",
        "text",
        "l'atto di [atti] in ente.toml da cui si contano i giorni: «il Piano entro 45 giorni dal bilancio»",
        example="bilancio_approvato",
        since=2,
    )
    days: int | None = key("giorni", "int", "i giorni dopo l'atto di dopo", example=45, since=2)
    year: str = key(
        "anno",
        "choice",
        "l'anno della scadenza rispetto al ciclo",
        default="ciclo",
        choices=("precedente", "ciclo", "successivo"),
    )
    approval: str | None = key(
        "approvazione", "text", "la chiave di [atti] in ente.toml che prova l'atto", example="piano_adottato"
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 4")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class CardItem:
    """Una voce della scheda di valutazione: la sezione, la voce, il punteggio massimo e il peso."""

    section: str = key("sezione", "text", "la sezione della scheda", required=True, example="Comportamenti")
    item: str = key(
        "voce", "text", "la voce, come la legge il valutatore", required=True, example="Capacità di lavorare in gruppo"
    )
    max_points: Decimal = key(
        "massimo", "number", "il punteggio massimo della voce", required=True, lo="0.01", hi="1000", example=10
    )
    weight: Decimal | None = key(
        "peso", "number", "il peso della voce nella scheda (se manca: il suo massimo)", lo="0", hi="1000", example=20
    )


@attrs.frozen
class Card:
    """[[scheda]] — la scheda di valutazione individuale di uno o più ruoli: le sue voci, che `ciclope template`
    e `ciclope raccolta` scrivono nelle cartelle di lavoro dei valutatori."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 6, allegato A")
    roles: tuple[str, ...] = key(
        "ruoli", "texts", "i ruoli valutati con questa scheda", default=ROLES, choices=ROLES, example=["dipendente"]
    )
    grades: tuple[str, ...] = key(
        "categorie",
        "texts",
        GRADES_DOC + ": solo le persone di queste categorie (o Aree) sono valutate con questa scheda (se manca: tutte)",
        default=(),
        example=["A", "B", "C"],
    )
    items: tuple[CardItem, ...] = key("voci", "tables", "le voci della scheda", required=True, table=CardItem)
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Criterion:
    """Un criterio della pesatura delle posizioni: il codice (la colonna di posizioni.csv), il nome e il peso."""

    code: str = key(
        "codice",
        "text",
        "il codice del criterio: la colonna di posizioni.csv con la sua valutazione",
        required=True,
        example="A1",
    )
    name: str = key("nome", "text", "il nome del criterio", required=True, example="Complessità organizzativa")
    weight: Decimal = key(
        "peso", "number", "il peso del criterio (i pesi sommano a 100)", required=True, lo="0", hi="100", example=20
    )


@attrs.frozen
class PositionBand:
    """Una fascia della retribuzione di posizione: da questo valore della posizione, questa retribuzione annua."""

    min: Decimal = key(
        "da",
        "number",
        "il valore minimo della posizione (0–100) per la fascia",
        required=True,
        lo="0",
        hi="100",
        example=85,
    )
    amount: Decimal = key(
        "importo", "money", "la retribuzione di posizione annua della fascia (euro)", required=True, example="14000.00"
    )


@attrs.frozen
class PositionWeighting:
    """[posizioni] — la pesatura delle posizioni organizzative (formato 2): il valore di ogni posizione dai criteri
    pesati (posizioni.csv), la retribuzione di posizione in proporzione al valore tra un minimo e un massimo, o
    quella della fascia che il valore raggiunge."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 4")
    criteria: tuple[Criterion, ...] = key(
        "criteri", "tables", "i criteri, con i pesi che sommano a 100", required=True, table=Criterion
    )
    scale: Decimal = key(
        "scala",
        "number",
        "la valutazione più alta di un criterio (da 1 a scala; bassa/media/alta valgono 1/3/5)",
        default=Decimal(5),
        lo="2",
        hi="100",
        example=5,
    )
    fund: str = key(
        "fondo",
        "text",
        "il fondo di [fondi] in ente.toml con tutte le risorse delle posizioni (posizione e risultato)",
        required=True,
        example="posizioni_po",
        converter=funds.code_of,
    )
    result_share: Decimal = key(
        "quota_risultato",
        "number",
        "la quota del fondo destinata alla retribuzione di risultato (0–1): va al fondo di [risultato_po]",
        default=Decimal(0),
        lo="0",
        hi="1",
        example=0.15,
    )
    minimum: Decimal | None = key(
        "minimo",
        "money",
        "la retribuzione di posizione annua minima (euro), senza fasce: la retribuzione è in proporzione al valore",
        example="5000.00",
    )
    maximum: Decimal | None = key(
        "massimo",
        "money",
        "la retribuzione di posizione annua massima (euro), senza fasce: la retribuzione è in proporzione al valore",
        example="16000.00",
    )
    bands: tuple[PositionBand, ...] = key(
        "fasce",
        "tables",
        "al posto di minimo e massimo: le fasce della retribuzione di posizione, dalla più alta; ogni posizione ha "
        "l'importo della fascia più alta che il suo valore raggiunge (sotto la più bassa, nulla), e la somma delle "
        "fasce di tutte le posizioni, vacanti comprese, sta nel fondo di posizione",
        default=(),
        table=PositionBand,
    )
    bands_source: str = key(
        "fonte_fasce",
        "text",
        "l'articolo del regolamento che dice le fasce, se non è quello di fonte (es. \"art. 5\")",
        default="",
        example="art. 5",
    )
    instalments: int = key(
        "rate",
        "int",
        "in quante rate l'anno si paga la retribuzione di posizione (1–14, es. 13 mensilità): le rate sono "
        "arrotondate per difetto al centesimo e l'ultima prende il resto, così la somma è la retribuzione dovuta "
        "(l'annua per un anno intero a tempo pieno); un incarico di parte dell'anno si paga in meno rate, i suoi mesi "
        "× rate / 12 per eccesso",
        default=1,
        example=13,
    )
    interim: Decimal | None = key(
        "interim",
        "number",
        "la maggiorazione di chi, già titolare di una posizione, ne copre ad interim una vacante (colonne interim, "
        "interim_dal, interim_al di posizioni.csv): questa quota della retribuzione di posizione della posizione "
        "coperta, per i giorni dell'interim (tra il 15% e il 25%, CCNL 21.5.2018 art. 15 c. 6, per le EQ CCNL "
        "23.2.2026 art. 16 c. 5; la colonna "
        "interim_misura la dice per un interim), pagata nella retribuzione di risultato: dal fondo di risultato "
        "prima del riparto, e solo a chi riceve la retribuzione di risultato",
        lo="0.15",
        hi="0.25",
        example=0.2,
    )
    holder_requirements: Formula | None = key(
        "requisiti",
        "formula",
        "i requisiti del titolare per l'incarico: una condizione sulla persona (es. la categoria); chi non li ha non è "
        "pagato e un errore lo dice",
        example='=categoria = "D"',
        formula="requisiti",
    )
    part_time: str = key(
        "tempo_parziale",
        "choice",
        "la retribuzione di posizione di un titolare a tempo parziale: proporzionale (× il tempo lavorato, il riproporzionamento "
        "del contratto, CCNL 22.1.2004 art. 11) o intero (come a tempo pieno, se l'atto dell'ente lo decide)",
        default="proporzionale",
        choices=("proporzionale", "intero"),
        since=2,
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Progressions:
    """[progressioni] — la selezione per le progressioni economiche (formato 2): chi è candidato, in che ordine (e chi
    precede a parità), in quante graduatorie, quanti posti o fino a concorrenza di quali risorse; i pari merito al
    limite sono esclusi. Nessun premio: la graduatoria e l'elenco dei selezionati."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 20")
    roles: tuple[str, ...] = key("ruoli", "texts", "i ruoli", default=("dipendente",), choices=ROLES)
    candidates: Formula | None = key(
        "candidati",
        "formula",
        "chi è candidato: una condizione sulla persona (se manca: ogni valutato dei ruoli); con la condizione è "
        "candidato anche chi non ha la valutazione dell'anno, se la condizione non legge il punteggio e la "
        "graduatoria è una formula (le valutazioni degli anni passati, l'esperienza)",
        example='=E(livello = "A"; punteggio >= 80)',
        formula="candidati",
    )
    order: Formula | None = key(
        "graduatoria",
        "formula",
        "il numero che ordina i candidati, dal più alto (se manca: il punteggio)",
        example="=punteggio",
        formula="graduatoria",
    )
    ties: tuple[Formula, ...] = key(
        "a_parita",
        "formulas",
        "a parità di graduatoria, i numeri che decidono chi precede, nell'ordine scritto e ciascuno dal più alto "
        "(es. l'anzianità nella posizione economica, poi l'età); con il meno davanti, dal più basso (=-eta: precede "
        "il più giovane); chi resta pari merito al limite è escluso",
        default=(),
        example=["=anzianita_posizione", "=eta"],
        formula="graduatoria",
    )
    rankings: str = key(
        "graduatorie",
        "choice",
        "ente (una graduatoria) o categoria (una per categoria o Area del contratto; con [gradi], una per grado "
        "dichiarato): con più graduatorie, posti e quota valgono per ciascuna",
        default="ente",
        choices=("ente", "categoria"),
    )
    places: int | None = key("posti", "int", "quanti sono selezionati (in ciascuna graduatoria)", example=3)
    places_by_ranking: Mapping[str, Decimal] = key(
        "posti_graduatorie",
        "numbers",
        'con graduatorie = "categoria": i posti di ciascuna graduatoria, numeri interi, per lettera o Area della '
        "categoria (come in risorse_graduatorie) o per nome del grado, al posto di posti: «1 per l'Area Operatori, 9 "
        "per gli Operatori esperti»; una graduatoria senza candidati può mancare",
        default={},
        lo="0",
        hi="100000",
        example={"Operatori": 1, "Istruttori": 18},
    )
    share: Decimal | None = key(
        "quota",
        "number",
        "quanti sono selezionati, come quota (per difetto) del personale in servizio dei ruoli o dei candidati "
        "(quota_su), in ciascuna graduatoria",
        lo="0",
        hi="1",
        example=0.3,
    )
    share_of: str = key(
        "quota_su",
        "choice",
        "su chi si conta la quota: il personale in servizio dei ruoli (personale) o i candidati (candidati, «il 50% "
        "dei dipendenti ammessi alla selezione»)",
        default="personale",
        choices=("personale", "candidati"),
    )
    cost: Formula | None = key(
        "costo",
        "formula",
        "quanto costa la progressione di ciascun candidato, in euro (es. il differenziale stipendiale della sua Area): "
        "con risorse, i candidati sono selezionati in ordine di graduatoria fino a concorrenza delle risorse",
        example='=PIÙ.SE(categoria = "C"; 750 €; categoria = "D"; 850 €)',
        formula="costo",
    )
    resources: Decimal | None = key(
        "risorse",
        "money",
        "le risorse destinate alle progressioni (euro): in ordine di graduatoria, è selezionato chi ha un costo che vi "
        "sta ancora; al primo che non vi sta la selezione si ferma (con più graduatorie: risorse_graduatorie)",
        lo="0",
        example="12000.00",
    )
    fund: str | None = key(
        "fondo",
        "text",
        "il fondo che dà le risorse, al posto di risorse: un fondo di [fondi] in ente.toml o la destinazione del fondo "
        "risorse decentrate con fondo_premi = questo nome (es. la destinazione alle progressioni); con "
        'graduatorie = "categoria", il tetto della somma di risorse_graduatorie',
        example="progressioni",
        converter=attrs.converters.optional(funds.code_of),
    )
    resources_by_ranking: Mapping[str, Decimal] = key(
        "risorse_graduatorie",
        "numbers",
        'con graduatorie = "categoria": le risorse (euro) di ciascuna graduatoria, per lettera o Area della categoria '
        "(come in punteggio.categorie) o per nome del grado; una graduatoria senza candidati può mancare",
        default={},
        lo="0",
        hi="100000000",
        example={"C": 3000, "D": 4500},
    )
    year_column: str | None = key(
        "colonna_anno",
        "text",
        "la colonna di [[colonne]] (delle persone, tipo anno) che scrive l'anno dell'ultima progressione: ciclope "
        "template --from vi scrive l'anno del ciclo eseguito per ciascun selezionato, e il modello dell'anno dopo "
        "lo ha già aggiornato",
        example="anno_ultima_progressione",
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Access:
    """[accesso] — gli atti senza i quali nessun premio è calcolato (formato 2): le date di [atti] in
    ente.toml, dopo la fine dell'anno valutato e nell'ordine scritto, se il regolamento lo chiede."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 39 c. 2")
    acts: tuple[str, ...] = key(
        "atti",
        "texts",
        "le chiavi di [atti] in ente.toml che devono avere una data, nell'ordine in cui gli atti si fanno: "
        f"{', '.join(ACTS)}, o l'approvazione di un atto di [[calendario]]",
        required=True,
        example=["relazione_approvata", "relazione_validata_oiv"],
    )
    after_year: bool = key("dopo_anno", "bool", "ogni atto è datato dopo la fine dell'anno valutato", default=True)
    in_order: bool = key(
        "in_ordine", "bool", "ogni atto è datato non prima di quello scritto prima di lui", default=True
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Status:
    """[[stati]] — uno stato dichiarato dal regolamento (formato 2), con il suo coefficiente: «non valutato per
    ritardo nella consegna delle schede: coefficiente 0,3». Chi lo ha (la colonna stato di persone.csv, o la
    condizione quando) non è valutato: è pagato con il coefficiente al posto della valutazione, e i documenti lo
    dicono con l'etichetta."""

    name: str = key(
        "nome",
        "text",
        "il nome dello stato (la parola della colonna stato di persone.csv)",
        required=True,
        example="ritardo_schede",
    )
    label: str = key(
        "etichetta",
        "text",
        "lo stato come lo leggono le persone",
        required=True,
        example="non valutato per ritardo nella consegna delle schede",
    )
    coefficient: Decimal = key(
        "coefficiente",
        "number",
        "il coefficiente del premio (0–1): con «livelli» al posto di quello del livello, con gli altri metodi al "
        "posto di punteggio / 100",
        required=True,
        lo="0",
        hi="1",
        example=0.3,
    )
    when: Formula | None = key(
        "quando",
        "formula",
        "una condizione che dà lo stato alle persone dei ruoli che il regolamento valuta (se manca: lo dà la colonna "
        "stato di persone.csv)",
        example="=scheda = 0",
        formula="stato",
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 14 c. 2")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Grades:
    """[gradi] — i gradi del contratto dell'ente quando non sono le categorie del comparto Funzioni Locali
    (formato 2): livelli economici (Federcasa: Q1, A1 …), fasce retributive (Funzioni Centrali: F1 …), profili. Le
    tabelle per grado (parametri, punteggio.categorie) li nominano e la colonna grado di persone.csv dice quello
    di ciascuno."""

    names: tuple[str, ...] = key(
        "nomi", "texts", "i gradi, come li scrive l'ufficio", required=True, example=["Q1", "Q2", "A1", "B1", "C1"]
    )
    contract: str = key("contratto", "text", "il contratto che li definisce", default="", example="CCNL Federcasa")
    word: str = key(
        "parola",
        "text",
        "come il contratto chiama un grado, detto prima del grado nella scheda personale, nelle spiegazioni e nel "
        "foglio di lavoro («categoria BS»), e al posto di «grado» nelle formule, nei parametri e negli articoli del "
        "regolamento («il parametro della categoria»); se manca, «grado»",
        default="",
        example="categoria",
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 3")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


COLUMN_KINDS = ("numero", "euro", "giorni", "percentuale", "punti", "testo", "sì/no", "data", "anno")
ENTE_LIST = "ente"  # the list of a datum of the ente itself: one value, the same for everyone
PROJECTS_LIST = "progetti"  # the list of the projects an appointment of incarichi.csv names (its column progetto)
# the list a declared column belongs to: people.csv, units.csv, incarichi.csv, progetti.csv, or the ente's own data
# (ente.toml [dati], or dati.csv of one row)
COLUMN_TABLES = ("persone", "unità", "incarichi", PROJECTS_LIST, ENTE_LIST)
DATA_SHEET = "dati"  # the sheet of the ente's own data: ente.toml [dati], dati.csv, the foglio dati


@attrs.frozen
class Column:
    """[[colonne]] — un dato che il regolamento usa e ciclope non legge da sé (formato 2): una colonna di persone.csv
    (o del foglio persone), di unità.csv quando il dato è dell'unità (il fatturato di un settore), di incarichi.csv
    quando è dell'incarico (il punteggio del settore retto ad interim), o un dato dell'ente scritto una volta nella
    tabella [dati] di ente.toml (il risparmio del bilancio consuntivo), con il suo tipo e il suo significato; le
    formule la leggono col suo nome, le frasi e il modello la dicono col significato («le guardie notturne e festive
    dell'anno»)."""

    name: str = key(
        "nome",
        "text",
        "il nome della colonna di persone.csv e delle formule: minuscole, cifre e _, es. guardie; non un nome "
        "già noto alle formule né una colonna di persone.csv",
        required=True,
        example="guardie",
    )
    kind: str = key(
        "tipo",
        "choice",
        "che cosa c'è nelle celle: numero, euro, giorni, percentuale (es. 80%), punti (un punteggio sulla scala del "
        "regolamento, es. il punteggio di un settore: LIVELLO lo legge), testo, sì/no (una condizione della "
        "persona, es. in servizio alla data dell'erogazione: le celle dicono sì o no) o data (un giorno della "
        "persona, es. la data del nuovo parametro: un estremo del periodo di MESI, il giorno di IN.SERVIZIO) o anno "
        "(un anno, es. quello dell'ultima progressione: un numero intero scritto senza il punto delle migliaia, "
        "2021, anche nel numero con cui una formula lo confronta)",
        required=True,
        choices=COLUMN_KINDS,
        example="numero",
    )
    meaning: str = key(
        "significato",
        "text",
        "come lo dicono le frasi e il modello: una frase breve con l'articolo, ripetuta così com'è (es. il "
        "fatturato del settore)",
        required=True,
        example="le guardie notturne e festive dell'anno",
    )
    table: str = key(
        "elenco",
        "choice",
        "l'elenco che ha la colonna: persone (il default), unità, incarichi, progetti o ente; il dato di un'unità vale "
        "per chi vi lavora (se la cella è vuota, quello dell'unità sopra); il dato di un incarico lo legge, incarico "
        "per incarico, solo l'importo di una parte con incarichi, e così il dato del progetto che l'incarico nomina "
        "nella colonna progetto (il budget del progetto); il dato dell'ente si scrive una volta nella tabella "
        "[dati] di ente.toml, vale per tutti e si legge in ogni formula, anche in un fondo o in una soglia",
        default="persone",
        choices=COLUMN_TABLES,
        example="unità",
    )
    values: tuple[str, ...] = key(
        "valori",
        "texts",
        "per una colonna di testo, le sole parole ammesse (maiuscole e minuscole non contano): un'altra parola è un "
        "errore con la riga, e il modello le offre in un menu a tendina",
        default=(),
        example=["Eccellente", "Oltre la media", "Distinto", "Adeguato"],
    )
    lowest: Decimal | None = key(
        "minimo",
        "number",
        "per una colonna di numeri (numero, euro, giorni, percentuale, punti), il valore più basso ammesso, come lo "
        "scrive la colonna: una cella sotto è un errore con la riga",
        example=0,
    )
    highest: Decimal | None = key(
        "massimo",
        "number",
        "per una colonna di numeri, il valore più alto ammesso («fino a 10 punti»: massimo = 10; una percentuale "
        'come "50%"): una cella sopra è un errore con la riga',
        example=10,
    )
    blank: Decimal | None = key(
        "se_vuota",
        "number",
        "per una colonna di numero, euro, giorni o percentuale, il valore di una cella vuota, quando il testo lo dice "
        "(0: chi non partecipa al progetto lascia vuote le sue ore); senza, una cella vuota è un errore che chiede "
        "di scriverla",
        example=0,
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 21 c. 3")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Definition:
    """[[definizioni]] — una formula con un nome (formato 2): un pezzo che il regolamento ripete (la tabella degli
    importi per ambito e livello) si scrive una volta e ogni formula lo legge col suo nome, come un nome delle
    formule. Il tipo (euro, percentuale, numero, testo, livello, vero/falso, giorni) è quello della sua formula; dove
    è letta vale come se la sua formula vi fosse scritta (le unità, che cosa vi si legge), e le spiegazioni dicono il
    suo valore con il suo nome."""

    name: str = key(
        "nome",
        "text",
        "il nome con cui le formule la leggono: minuscole, cifre e _, es. importo_tabella; non un nome già noto alle "
        "formule, una colonna dichiarata, una funzione o un'altra definizione",
        required=True,
        example="importo_tabella",
    )
    formula: Formula = key(
        "formula",
        "formula",
        "la formula: può leggere ogni nome, funzione e altra definizione (scritta prima o dopo, mai sé stessa); dove "
        "la si legge, vi si devono poter leggere anche i nomi che legge",
        required=True,
        example='=PIÙ.SE(grado = "A1"; 2476,82 €; grado = "A2"; 1882,37 €)',
        formula="definizione",
    )
    description: str = key(
        "descrizione",
        "text",
        "come la dicono le spiegazioni e le frasi: una frase breve con l'articolo (se manca: il suo nome)",
        default="",
        example="l'importo della tabella per livello",
    )
    source: str = key(
        "fonte",
        "text",
        "l'articolo da cui viene: le spiegazioni lo dicono accanto al valore (es. \"tabelle allegate\")",
        default="",
        example="accordo, tabelle allegate",
    )
    note: str = key("nota", "text", "una nota libera dell'ufficio", default="", example="tabelle del 2015")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Check:
    """[[controlli]] — un controllo del regolamento sui dati (formato 2): una condizione che deve valere per ogni
    persona valutata dei ruoli indicati; con per = valutatore o graduatoria le funzioni .GRUPPO leggono le persone
    dello stesso valutatore o della stessa graduatoria («un solo valutatore per graduatoria», «ogni valutatore
    usa almeno due livelli»); con per = ente la condizione vale una volta per l'ente e legge le persone solo dentro
    le funzioni sulle persone. Una condizione che legge PREMIO("parte") o FASCIA("parte") è controllata dopo che le
    parti del premio sono pagate («chi riceve il bonus non riceve il premio per l'innovazione»); una che legge
    FONDO("nome") quando i fondi dell'anno sono costituiti («il fondo non supera il 20% dei ricavi»). Dove non vale:
    un errore o un avviso con il messaggio del file (per l'ente, con i valori che la condizione ha letto)."""

    condition: Formula = key(
        "condizione",
        "formula",
        "la condizione che deve valere",
        required=True,
        example="=CONTA.DIVERSI.GRUPPO(livello) >= 2",
        formula="controllo",
    )
    per: str = key(
        "per",
        "choice",
        "persona (ogni persona; .GRUPPO è l'ente), valutatore (le persone di ciascun valutatore), graduatoria o "
        "ente (una volta per l'ente: le persone solo dentro le funzioni sulle persone, come il tetto di un fondo)",
        default="persona",
        choices=("persona", "valutatore", "graduatoria", "ente"),
    )
    severity: str = key("gravita", "choice", "errore o avviso", default="avviso", choices=("errore", "avviso"))
    message: str = key(
        "messaggio",
        "text",
        "che cosa non va, per chi legge",
        required=True,
        example="il valutatore non differenzia i livelli",
    )
    roles: tuple[str, ...] = key("ruoli", "texts", "i ruoli controllati", default=ROLES, choices=ROLES)
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 42 c. 2")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)

    @property
    def on_premium(self) -> bool:
        """Whether the condition reads what the parts paid: it is checked once they are paid, not on the data."""
        return not self.condition.uses.isdisjoint(("PREMIO", "FASCIA"))

    @property
    def stage(self) -> str:
        """When the condition is checked: ``premio`` once the parts are paid (it reads what they paid), ``fondi``
        once the year's funds are constituted and before any is paid (it reads a fund), else ``dati`` on the
        evaluations, before any money."""
        if self.on_premium:
            return "premio"
        return "fondi" if "FONDO" in self.condition.uses else "dati"


@attrs.frozen
class Differentiation:
    """[differenziazione] — il divieto di premi indifferenziati come il regolamento lo dice (formato 2; D.Lgs.
    150/2009 art. 18 c. 2): in ogni parte del premio pagata per valutazione, se i premiati sono almeno il minimo,
    tutti nello stesso livello o tutti con lo stesso importo (a meno del centesimo del resto maggiore) è un errore o
    un avviso; un livello che raccoglie più della quota massima dei premiati di una parte, un avviso."""

    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 42 c. 2, art. 46 c. 1")
    minimum: int = key(
        "minimo",
        "int",
        "i premiati di una parte da cui il controllo vale: con meno, livelli e importi uguali non sono giudicati",
        default=5,
        lo="2",
        hi="1000",
    )
    severity: str = key(
        "gravita",
        "choice",
        "errore (nessun premio è da erogare finché le valutazioni non sono differenziate) o avviso",
        default="errore",
        choices=("errore", "avviso"),
    )
    top_share: Decimal | None = key(
        "quota_massima",
        "number",
        "la quota dei premiati di una parte oltre la quale un solo livello è un avviso (0–1; se manca: nessuna)",
        lo="0",
        hi="1",
        example=0.8,
    )
    parts: tuple[str, ...] = key(
        "parti",
        "texts",
        "le parti del premio ([[premi]]) controllate, per nome (se manca: ogni parte pagata per valutazione "
        "individuale, tranne i premi decisi)",
        default=(),
        example=["produttività"],
    )
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Fund:
    """[[fondi]] — un fondo che il regolamento costituisce con una formula (formato 2): «un tetto complessivo pari
    all'85% del premio massimo per il numero medio dei dipendenti in forza». L'importo si calcola una volta per
    l'ente, prima della valutazione, sui dati del personale, per difetto al centesimo; le parti che nominano il fondo
    lo dividono come un fondo di [fondi] in ente.toml."""

    name: str = key(
        "nome",
        "text",
        "il nome del fondo, come lo nominano le parti del premio (fondo = …); non va scritto in [fondi] di ente.toml",
        required=True,
        example="premio_obiettivi",
        converter=funds.code_of,
    )
    amount: Formula = key(
        "importo",
        "formula",
        "l'importo del fondo: una formula in euro che legge i dati del personale dentro funzioni sulle persone, es. "
        "SOMMA.ENTE(giorni_servizio / giorni_anno) per il numero medio dei dipendenti in forza",
        required=True,
        example="=85% * 3600 € * SOMMA.ENTE(SE(ruolo = \"dipendente\"; giorni_servizio / giorni_anno; 0))",
        formula="fondo",
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 5 c. 2")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


# the indicator types a threshold of [[indicatori]] applies to, as indicatori.csv writes them: those measured as a
# ratio (a deadline or a SI/NO is 0% or 100% anyway)
INDICATOR_TYPES = {"più è meglio": "higher", "meno è meglio": "lower", "progetto": "project"}


@attrs.frozen
class IndicatorRule:
    """[[indicatori]] — il raggiungimento degli indicatori come lo dice il regolamento (formato 2): «sotto l'80% del
    target l'indicatore vale 0». Il raggiungimento di ogni indicatore dei tipi indicati, calcolato come dicono le
    regole comuni (consuntivo / target, o target / consuntivo, limitato a 100%) e arrotondato a 4 decimali, sotto la
    soglia vale 0, al 30/6 come a fine anno; le spiegazioni dicono il raggiungimento calcolato, la soglia e la fonte."""

    threshold: Decimal = key(
        "soglia",
        "number",
        "il raggiungimento (0–1, o in percentuale: \"80%\") sotto il quale l'indicatore vale 0; alla soglia vale "
        "quanto ha raggiunto",
        required=True,
        lo="0",
        hi="1",
        example="80%",
    )
    types: tuple[str, ...] = key(
        "tipi",
        "texts",
        "i tipi di indicatore a cui vale la soglia, come li scrive la colonna tipo di indicatori.csv (se manca: tutti "
        "quelli misurati con un rapporto; una scadenza o un SI/NO vale comunque 0% o 100%); un tipo sta in un solo "
        "blocco",
        default=tuple(INDICATOR_TYPES),
        choices=tuple(INDICATOR_TYPES),
        example=["più è meglio", "meno è meglio"],
    )
    maximum: Decimal | None = key(
        "massimo",
        "number",
        "il raggiungimento più alto di un indicatore (0–1): al più il 100%, come dicono le regole comuni; un "
        "regolamento che conta il superamento del target («fino al 120%») non si dichiara",
        lo="0",
        example=1,
    )
    source: str = key("fonte", "text", FONTE_DOC, required=True, example="art. 6 c. 3")
    note: str = key("nota", "text", NOTA_DOC, default="", example="come da delibera n. 12/2024")
    assumption: str = key("ipotesi", "text", IPOTESI_DOC, default="", example=IPOTESI_EXAMPLE)


@attrs.frozen
class Regulation:
    """Il file del regolamento."""

    format: int = key(
        "formato", "int", "la versione del formato: 1, o 2 per i blocchi del formato 2", required=True, example=2
    )
    act: Act = key("atto", "table", "l'atto", required=True, table=Act)
    columns: tuple[Column, ...] = key(
        "colonne",
        "tables",
        "i dati per persona che il regolamento dichiara (colonne di persone.csv lette dalle formule)",
        default=(),
        table=Column,
        since=2,
    )
    definitions: tuple[Definition, ...] = key(
        "definizioni",
        "tables",
        "le formule con un nome, che ogni formula legge col nome (un pezzo ripetuto si scrive una volta)",
        default=(),
        table=Definition,
        since=2,
    )
    # said before what reads them: the weights, the parametri, the graduatorie of a table by grade
    grades: Grades | None = key("gradi", "table", "i gradi del contratto dell'ente", table=Grades, since=2)
    indicators: tuple[IndicatorRule, ...] = key(
        "indicatori",
        "tables",
        "il raggiungimento degli indicatori: la soglia sotto la quale un indicatore vale 0",
        default=(),
        table=IndicatorRule,
        since=2,
    )
    score: Score | None = key("punteggio", "table", "il punteggio individuale (se manca: la sola scheda)", table=Score)
    cards: tuple[Card, ...] = key(
        "scheda",
        "tables",
        "le schede di valutazione, per ruolo (se mancano: le voci di valutazioni.csv)",
        default=(),
        table=Card,
    )
    levels: Levels | None = key("livelli", "table", "i livelli di valutazione", table=Levels)
    exclusions: tuple[Exclusion, ...] = key(
        "esclusioni", "tables", "chi non accede al premio", default=(), table=Exclusion
    )
    funds: tuple[Fund, ...] = key(
        "fondi",
        "tables",
        "i fondi che il regolamento costituisce con una formula (al posto dell'importo di [fondi] in ente.toml)",
        default=(),
        table=Fund,
        since=2,
    )
    premium: Premium | None = key("premio", "table", "il premio individuale", table=Premium)
    parts: tuple[Part, ...] = key(
        "premi",
        "tables",
        "le parti del premio individuale, ciascuna con il suo metodo, la sua quota del fondo e le sue graduatorie "
        "(al posto di [premio]); al più 50",
        default=(),
        table=Part,
        hi="50",  # of a list of tables: the most items (each part is paid, checked and explained for everyone)
        since=2,
    )
    reductions: tuple[Reduction, ...] = key(
        "riduzioni", "tables", "le riduzioni graduate del premio individuale", default=(), table=Reduction
    )
    result_pays: tuple[ResultPay, ...] = key(
        "risultato_po",
        "tables",
        "la retribuzione di risultato: una tabella, o una per gruppo di ruoli",
        default=(),
        table=ResultPay,
        one=True,
    )
    positions: PositionWeighting | None = key(
        "posizioni", "table", "la pesatura delle posizioni organizzative", table=PositionWeighting, since=2
    )
    access: Access | None = key("accesso", "table", "gli atti che aprono l'accesso ai premi", table=Access, since=2)
    statuses: tuple[Status, ...] = key(
        "stati", "tables", "gli stati dichiarati, ciascuno con il suo coefficiente", default=(), table=Status, since=2
    )
    checks: tuple[Check, ...] = key(
        "controlli", "tables", "i controlli del regolamento sui dati", default=(), table=Check, since=2
    )
    differentiation: Differentiation | None = key(
        "differenziazione",
        "table",
        "il divieto di premi indifferenziati: tutti i premiati nello stesso livello o con lo stesso importo",
        table=Differentiation,
        since=2,
    )
    progressions: Progressions | None = key(
        "progressioni", "table", "la selezione per le progressioni economiche", table=Progressions, since=2
    )
    calendar: tuple[Event, ...] = key("calendario", "tables", "gli atti del ciclo", default=(), table=Event)
    labels: Mapping[str, str] = key(
        "etichette",
        "labels",
        "le etichette in italiano di stati, livelli e fondi (la chiave di [fondi] in ente.toml) e i nomi dei ruoli "
        "(po e po_plurale)",
        default={},
        example={"escluso_sanzione": "escluso per sanzione disciplinare"},
        converter=labels_by_code,
    )

    @property
    def premiums(self) -> tuple[Premium, ...]:
        """The parts of the individual premium, in the order they are paid: [[premi]], or [premio] alone."""
        return self.parts or ((self.premium,) if self.premium is not None else ())

    @property
    def staff_premiums(self) -> tuple[Premium, ...]:
        """The parts a comparto's national layer reads as the staff's individual premium (the mean of the
        maggiorazione, the fund it is set aside from): of an individual method (a bonus of the best is a further
        premium) and paying a dipendente (a part only for PO / EQ, dirigenti or the Segretario pays another fund's
        result), not a compenso outside the performance premiums (``performance = "nessuna"``); in a fund that also
        pays the organizational performance, only its individual parts, the maggiorazione's own part not among them."""
        organizational = {p.fund for p in self.parts if p.performance == "organizzativa"}
        staff = [
            p
            for p in self.premiums
            if methods.METHODS[p.method].individual
            and "dipendente" in p.roles
            and not (isinstance(p, Part) and p.performance == "nessuna")
        ]
        return tuple(
            p
            for p in staff
            if p.fund not in organizational
            or (isinstance(p, Part) and p.performance == "individuale" and not p.national_bonus)
        )

    @property
    def known_funds(self) -> tuple[str, ...]:
        """The funds the regulation knows, as codes: paid by a part of the premium or by [risultato_po], weighed by
        [posizioni], giving [progressioni] its resources, constituted by [[fondi]] (``FONDO("nome")`` reads only
        these)."""
        blocks = (*self.premiums, *self.result_pays, *((self.positions,) if self.positions is not None else ()))
        progressions = self.progressions.fund if self.progressions is not None else None
        paying = [*(b.fund for b in blocks), *([progressions] if progressions else [])]
        return tuple(dict.fromkeys([*paying, *(f.name for f in self.funds)]))

    def constitutes(self, fund: str) -> bool:
        """Whether the regulation computes the fund ``fund`` itself ([[fondi]]): never written in ente.toml."""
        return any(block.name == fund for block in self.funds)

    @property
    def evaluated_roles(self) -> frozenset[str]:
        """The roles some part of the premium, or the result pay, pays by an individual evaluation: a person of
        another role needs no card."""
        roles = {role for pr in self.premiums if pr.evaluation for role in pr.roles}
        return frozenset(roles | self.result_roles)

    @property
    def result_pay(self) -> ResultPay | None:
        """The first entry of [[risultato_po]], None without one: the entry paid, in a view of one entry
        (:meth:`only`), as the code paying the result pay reads it."""
        return self.result_pays[0] if self.result_pays else None

    @property
    def result_roles(self) -> frozenset[str]:
        """The roles some entry of [[risultato_po]] pays."""
        return frozenset(role for rp in self.result_pays for role in rp.roles)

    @property
    def position_result(self) -> ResultPay | None:
        """The entry of [[risultato_po]] that [posizioni] ``quota_risultato`` feeds: the one sharing the fund by
        position pay (``metodo = "quota_posizione"``, at most one) or, without it, a lone entry by formula (which
        reads the weighted position pay and ``fondo``); None otherwise."""
        shared = next((rp for rp in self.result_pays if rp.method == "quota_posizione"), None)
        lone = self.result_pays[0] if len(self.result_pays) == 1 else None
        return shared or (lone if lone is not None and lone.method == "formula" else None)

    def result_of(self, role: str) -> ResultPay | None:
        """The entry of [[risultato_po]] that pays ``role`` (the roles of two entries never overlap), or None."""
        return next((rp for rp in self.result_pays if role in rp.roles), None)

    def only(self, rp: ResultPay) -> Regulation:
        """The regulation as the entry ``rp`` of [[risultato_po]] is paid: the same, with that entry first
        (:attr:`result_pay`), the others after it; each entry is paid on its own, from its own fund, to the people
        of its roles."""
        return attrs.evolve(self, result_pays=(rp, *(other for other in self.result_pays if other is not rp)))

    def result_block(self, rp: ResultPay) -> str:
        """The entry ``rp`` as a message names it in the file: «[risultato_po]» when it is the only one, else by the
        roles it was written with («[[risultato_po]] con ruoli = ["dirigente"]»)."""
        if len(self.result_pays) == 1:
            return "[risultato_po]"
        return f"[[risultato_po]] con ruoli = {fmt.toml_value(list(rp.roles))}"
