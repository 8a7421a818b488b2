"""The Relazione's national sections: the provisions applied in the cycle year with their source and confidence
(rules: «The Relazione lists the national provisions applied»), and the two differentiation figures of rules §3.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from ciclope.core import Award, ReportSection, Result, fmt, hookimpl, provisions

from . import art48, art69, art69_own, ties
from .config import Maggiorazione, maggiorazione
from .differentiation import paid_in
from .fondo.eq import holders
from .national import article, in_force, table
from .quota import basis, po_resources

CALENDAR = {"piao", "obiettivi_individuali", "relazione"}
SMALL_GROUP = 3  # rules/core.md §6: the amounts of fewer people are theirs, never published


@hookimpl
def ciclope_report_sections(result: Result) -> list[ReportSection]:
    return [applied(result), differentiation(result)]


def applied(result: Result) -> ReportSection:
    rows = []
    notes = []
    for row in provisions.all_in_force(table(), result.ente.year):
        value = describe(row)
        rows.append(
            (
                result.ente.body.said(row.title),
                value,
                fmt.date_it(row.since),
                row.source,
                row.confidence,
                applied_to(row.id, result) or fmt.NONE,
            )
        )
        if row.note and row.id in READ_NOTES:
            notes.append(f"{row.title}: {row.note}")  # named: the note is read apart from its row
    return ReportSection(
        title="Disposizioni nazionali applicate (CCNL Funzioni Locali e leggi sulla performance)",
        columns=("Disposizione", "Valore", "In vigore dal", "Fonte", "Affidabilità", "Applicata a"),
        rows=tuple(rows),
        note="Le disposizioni in vigore nell'anno valutato (quella in vigore al 31 dicembre). Affidabilità «testo»: "
        "letta nel testo del contratto o della legge; «fonte secondaria»: riportata da fonti secondarie affidabili "
        "(ARAN, stampa specializzata), da confermare sul testo prima di farvi affidamento."
        + "".join(f" {n}." for n in notes)
        + (f" {READING}" if maggiorazione(result.params) is not None else "")
        + (f" {READING_48}" if in_force("maggiorazione_parita", result.ente.year) is not None else ""),
        public=True,
    )


# the provisions whose note tells the reader which text or date was applied
READ_NOTES = {"maggiorazione_art69", "eq_pay"}
READING = (
    "Maggiorazione del premio individuale, letture adottate: la quota «limitata» conta il personale valutato di "
    "ogni graduatoria (non solo i valutati positivamente), i posti vanno ai valutati positivamente dall'alto e un "
    "pari merito a cavallo del taglio è escluso; il valore medio è dei premi attribuiti (quanto il regolamento ha "
    "pagato, non il fondo); l'accantonamento è preso prima da quanto il regolamento lascia non distribuito e, solo "
    "per il resto, dal fondo, ripartito una sola volta dalla regola del regolamento: dove il regolamento paga importi "
    "con un massimo pro capite che il fondo ridotto non copre più, i premi sono ridotti in proporzione, come da un "
    "fondo insufficiente (lettura: la maggiorazione è a carico delle risorse del premio individuale, orientamento "
    "applicativo ARAN CFL126)."
)


READING_48 = (
    "Art. 48 CCNL 23.2.2026, letture adottate: i dipendenti che decidono la misura minima e l'applicazione sono le "
    "persone dell'ente sotto questo contratto in servizio nell'anno (dipendenti e incaricati di EQ), contate per "
    "teste e non per tempo lavorato, esclusi dirigenti e Segretario; dove valgono sia il minimo degli enti fino a 10 "
    "dipendenti sia quello degli obiettivi dell'intero ente, vale il più basso; i criteri di parità si applicano "
    "nell'ordine scritto ai soli pari merito al limite della quota, un criterio scioglie la parità solo tra persone "
    "che ne hanno tutte il dato, e ciò che resta pari a cavallo del limite è escluso; l'età mette prima la persona "
    "più anziana (DPR 487/1994 art. 5 c. 5 nel testo originario) o, se il contratto integrativo sceglie la regola "
    "dei concorsi, la più giovane (L. 127/1997 art. 3 c. 7, come modificato dalla L. 191/1998)."
)


def describe(row: provisions.Provision) -> str:
    """The provision's figure in Italian: «da € 5.000,00 a € 18.000,00», «almeno il 30%», «dal 15% al 25%», or «—»:
    a share (at most 1) as a percentage, an amount (from 100 up) in euro."""
    lo, hi = row.min, row.max
    if lo is not None and hi is not None:
        if _share(lo) and _share(hi):
            return f"dal {_said(lo)} al {_said(hi)}"
        return f"da {_said(lo)} a {_said(hi)}"
    if lo is not None:
        return f"almeno {'il ' if _share(lo) else ''}{_said(lo)}"
    if hi is not None:
        return f"al più {'il ' if _share(hi) else ''}{_said(hi)}"
    if row.value is None:
        return fmt.NONE
    unit = UNITS.get(row.id)
    return f"{fmt.decimal_it(row.value)} {unit}" if unit else fmt.decimal_it(row.value)


def _share(x: Decimal) -> bool:
    return Decimal(0) <= x <= Decimal(1)


def _said(x: Decimal) -> str:
    """A bound as people read it: a share as a percentage, an amount in euro, another number as it is."""
    if _share(x):
        return fmt.decimal_it((x * 100).normalize()) + "%"
    # a no-break space: in a narrow cell the € never ends a line without its amount
    return fmt.euro(x).replace(" ", "\u00a0") if x >= 100 else fmt.decimal_it(x)


# what a provision's ``value`` counts, where it is not a plain number
UNITS = {
    "piao": "giorni dal bilancio (se differito)",
    "piao_prima_applicazione": "giorni dal bilancio",
    "maggiorazione_non_applicabile": "dipendenti",
}


# the provisions of the contract that govern the comparto's own people, the dipendenti and the EQ (PO): none governs
# an ente whose people are only dirigenti (and a Segretario), whose contracts are others'; those of the EQ alone, none
# an ente without one
EQ_PROVISIONS = {"eq_pay", "eq_pay_senza_dirigenza", "po_result_per_person", "interim"}


def applied_to(pid: str, result: Result) -> str:
    """What of this ente's cycle the provision governs."""
    people = result.ente.people.values()
    if (pid in EQ_PROVISIONS or pid == "po_result_quota" or pid.startswith("maggiorazione_")) and not any(
        p.role in art48.ROLES for p in people
    ):
        return (
            f"non si applica: tra il personale nessun dipendente del comparto né {holders(result.ente.year)} (i "
            "dirigenti hanno il contratto della loro Area)"
        )
    # a parameter by its words (its label, else its description without the parenthesis), never its code
    bound = sorted(
        spec.label or spec.description.partition(" (")[0].lower()
        for spec in result.params.specs.values()
        if spec.national == pid
    )
    if bound:
        return "limiti di: " + "; ".join(bound)
    if pid in EQ_PROVISIONS and not any(p.role == "po" for p in people):
        return f"non si applica: nessuna {holders(result.ente.year)} tra il personale"
    if pid.startswith("maggiorazione_"):
        return maggiorazione_applied(pid, result)
    if pid == "differenziazione":
        return "controllo dei premi di ogni fondo"
    if pid == "po_result_quota":
        return quota_applied(result)
    return "calendario degli atti" if pid in CALENDAR else ""


def quota_applied(result: Result) -> str:
    """The ente's share of the PO/EQ resources that goes to result pay, as the check of :mod:`.quota` counts it."""
    row = in_force("po_result_quota", result.ente.year)
    if not any(p.role == "po" for p in result.ente.people.values()):  # as the check: the posts of dirigenti only
        return f"non si applica: nessuna {'EQ' if 'EQ' in row.title else 'PO'} tra il personale" if row else ""
    found = po_resources(result.ente, result.rewards) if result.rewards is not None else None
    if row is None or row.min is None or found is None or result.rewards is None:
        return ""
    position, paid = found
    share = paid / (position + paid)
    holders = sum(1 for p in result.ente.people.values() if p.role == "po")
    if holders < SMALL_GROUP:  # their pay: the section is published, where the Fondi table says «riservato»
        said = "sotto il minimo (avviso)" if share < row.min else "controllato"
        who = "EQ" if "EQ" in row.title else "PO"
        return f"{said}: almeno {fmt.the_pct(row.min, 0)} al risultato; importi riservati (meno di 3 {who})"
    below = " — sotto il minimo (avviso)" if share < row.min else ""
    return (
        f"risorse di posizione e risultato dell'ente: {fmt.the_pct(share)} al risultato (posizione {fmt.euro(position)}, "
        f"risultato {fmt.euro(paid)}; la posizione è {basis(result.ente, result.rewards)}){below}"
    )


def maggiorazione_applied(pid: str, result: Result) -> str:
    """What a provision of the maggiorazione governs in this ente: not applicable, not configured, the CCDI's choices,
    the minimum that holds for the ente and why (art. 48 CCNL 23.2.2026)."""
    ente, rule = result.ente, maggiorazione(result.params)
    why = art48.not_applicable(ente)
    if why:
        return why.partition(" (")[0] if pid in ("maggiorazione_art69", "maggiorazione_non_applicabile") else fmt.NONE
    staff = art48.employees(ente)
    if pid in ("maggiorazione_non_applicabile", "maggiorazione_enti_piccoli"):  # the ente's size, whoever pays it
        row = in_force(pid, ente.year)
        small = pid == "maggiorazione_enti_piccoli" and row is not None and row.value is not None and staff <= row.value
        return f"{'si applica' if small or pid.endswith('applicabile') else 'non si applica'}: l'ente ha {staff} dipendenti"
    own = result.figures.get(art69_own.OWN)
    if own is not None:  # the regulation's own part pays it, checked against the minimum that holds for the ente
        if pid != "maggiorazione_art69":
            return fmt.NONE
        paid = f"pagata dal regolamento dell'ente, parte «{own.value}»"
        floor = art48.minimum(ente.year, staff, False) if in_force("maggiorazione_parita", ente.year) else None
        if floor is None:  # before 2026 one minimum, the row's own value
            return paid
        return f"{paid}; minimo {fmt.decimal_it(floor.share * 100, 0)}%: {floor.reason} ({article(floor.source)})"
    if rule is None:
        return not_configured(result) if pid == "maggiorazione_art69" else fmt.NONE
    if pid == "maggiorazione_obiettivi_ente":
        return objectives_applied(result, rule)
    if pid == "maggiorazione_parita":
        warned = " (avviso)" if warned_of(result, "ccnl.maggiorazione.parita") else ""
        return ties.words(rule.ties) if rule.ties else f"non dichiarati{warned}: i pari merito al limite sono esclusi"
    said = (
        f"{fmt.pct(rule.share, 0)} del premio medio {fmt.the_pct(rule.quota, 0, 'a')} del personale valutato "
        "(contratto integrativo)"
    )
    floor = art48.minimum(ente.year, staff, art48.objectives(ente, rule))
    if floor is not None and in_force("maggiorazione_parita", ente.year) is not None:
        said += f"; minimo {fmt.decimal_it(floor.share * 100, 0)}%: {floor.reason} ({article(floor.source)})"
    return said


def objectives_applied(result: Result, rule: Maggiorazione) -> str:
    """Art. 48 c. 4 in this ente: declared by the CCDI and, where the fund is constituted in ciclope, with resources of
    art. 79 c. 2 lett. c in it; declared without them it does not apply, and the row says why."""
    if not rule.objectives:
        return "non dichiarata dal contratto integrativo"
    if art48.objectives(result.ente, rule):
        return "si applica (contratto integrativo)"
    said = next((v for v in result.violations if v.rule == "ccnl.maggiorazione.obiettivi_ente"), None)
    kind = "" if said is None else (" (errore)" if said.is_error else " (avviso)")
    return (
        f"dichiarata dal contratto integrativo, ma non si applica: il fondo risorse decentrate {result.ente.year} non "
        f"ha risorse per obiettivi dell'intero ente (art. 79 c. 2 lett. c){kind}"
    )


def not_configured(result: Result) -> str:
    """The maggiorazione the CCDI did not configure: «(avviso)» only where the cycle warned of it (art69's
    ``not_configured``, given when someone was paid an individual premium it would raise); else why no warning."""
    if warned_of(result, art69.NOT_CONFIGURED):
        return "non configurata dal contratto integrativo (avviso)"
    return "non configurata dal contratto integrativo; nessun premio individuale pagato da maggiorare, nessun avviso"


def warned_of(result: Result, rule: str) -> bool:
    """Whether the cycle of ``result`` recorded a problem of ``rule``: what a row says it warned of, it did."""
    return any(v.rule == rule for v in result.violations)


def differentiation(result: Result) -> ReportSection:
    ledger = result.ledger
    rows = []
    paid_by_pool = paid_in(ledger.awards)
    for name, pool in ledger.performance_pools.items():
        paid = paid_by_pool.get(name, [])
        if not paid:
            continue
        level, share = top_share(paid, result)
        label = fmt.fund(name, pool.label, result.plugin.status_labels)  # its words, never the code of [fondi]
        # the level (or a level recorded as band) by the label the ente's regulation gives it, as the Relazione's
        # distribution names it
        named = result.plugin.ente_labels.get(level, level)
        grade = ratio(paid, result)
        rows.append((label, len(paid), named, share, UNDEFINED if grade is None else grade))
    return ReportSection(
        title="Differenziazione dei premi (D.Lgs. 150/2009 art. 18 c. 2)",
        columns=("Fondo", "Premiati", "Livello più alto", "Quota al livello più alto", "Grado di differenziazione"),
        rows=tuple(rows),
        note="Livello più alto: il livello (o la fascia) del premiato con il punteggio più alto, «—» per un premio "
        "che non ne ha (la retribuzione di risultato); quota: i premiati in quel livello sul totale dei premiati del "
        "fondo. Grado di differenziazione: per il personale, premio pro "
        "capite (sui premiati) del livello o della fascia più premiata diviso quello della meno premiata con premio, "
        "non definito senza almeno due livelli o fasce con premio; per dirigenti e PO, importo individuale più alto "
        "diviso il più basso non nullo (un numero puro, due decimali). Qui è calcolato su ogni livello o fascia; i "
        "dati pubblicati (la Relazione da pubblicare, i dati per la trasparenza e dell'art. 20) lo calcolano sui "
        "gruppi che pubblicano, dove un livello o una fascia di "
        "meno di 3 persone è unito a quello sotto, e può quindi essere diverso.",
    )


def level_of(result: Result) -> Callable[[Award], str | None]:
    """An award's level (or band) as the workbook's «Premi per livello» counts it: its band where the premiums
    record bands (an award of none, as the result pay's, is in no level); the person's level only where no award
    has a band, and no table says otherwise."""
    banded = any(a.band for a in result.ledger.awards)

    def level(a: Award) -> str | None:
        if a.band or banded:
            return a.band
        score = result.scores.get(a.person)
        return score.level if score is not None else None

    return level


def top_share(paid: list[Award], result: Result) -> tuple[str, fmt.Percent | None]:
    level = level_of(result)

    def score(a: Award) -> Decimal:
        s = result.scores.get(a.person)
        return s.score if s is not None and s.score is not None else Decimal(-1)

    best = level(max(paid, key=lambda a: (score(a), a.person)))
    if best is None:
        return fmt.NONE, None
    share = Decimal(sum(1 for a in paid if level(a) == best)) / len(paid)
    return best, fmt.Percent(share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


LEADS = frozenset(("dirigente", "segretario", "po"))
UNDEFINED = "non definito (meno di due livelli o fasce con premio)"


def ratio(paid: list[Award], result: Result) -> Decimal | None:
    """The grado di differenziazione of rules/core.md §6 on the awards of one pool: for a pool of dirigenti and
    PO the highest individual amount over the lowest non-zero one; for staff the per-capita amount of the best
    paid level (or band) over the lowest non-zero one, None (not defined) when the awards have fewer than two
    levels or bands: one mean over itself would say 1,00 of premiums that may differ person by person."""
    people = result.ente.people
    if all(a.person in people and people[a.person].role in LEADS for a in paid):
        amounts = [a.amount for a in paid]
        return (max(amounts) / min(amounts)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    by_level: dict[str | None, list[Decimal]] = {}
    level = level_of(result)
    for a in paid:
        by_level.setdefault(level(a), []).append(a.amount)
    means = [sum(v, Decimal(0)) / len(v) for level, v in by_level.items() if level is not None]
    if len(means) < 2:
        return None
    return (max(means) / min(means)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
