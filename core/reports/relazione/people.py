"""The Relazione's sections on people (internal page): the individual evaluation and the rewards."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.conciliation import SOURCE as CONCILIATION_SOURCE
from ciclope.core.conciliation import apply_appeals
from ciclope.core.fmt import WORKBOOK
from ciclope.core.money import INCENTIVE
from ciclope.core.plugininfo import said_po_short
from ciclope.core.reports import fmt, sheets, stats
from ciclope.core.reports.model import Block, Flag, Flags, Heading, Table, Text, Total, columns
from ciclope.core.reports.relazione.names import Names, not_run, reached
from ciclope.core.reports.relazione.organization import NO_PREMIUM_FUND
from ciclope.core.result import Result

DIFFERENTIATION = (
    "Per ciascun valutatore: persone valutate, media e deviazione standard dei punteggi della "
    "scheda (o del punteggio individuale), numero di valori diversi e quota al livello più alto. "
    f"Segnalati i valutatori con almeno {stats.MIN_FLAGGED} valutazioni tutte uguali o con "
    f"almeno {fmt.the_pct(stats.NEAR_ALL, 0)} al livello più alto (art. 9 D.Lgs. 150/2009: "
    "differenziazione dei giudizi)."
)
CONCILIATION = (
    "Le fasi si considerano in ordine di data; l'ultima fase accolta sostituisce i punti della voce. "
    "{errors}Graduatorie e premi usano il punteggio dopo la conciliazione ({source})."
)
# where a row could not be applied, the run has an error about it: the note says so, never that the row is harmless
NOT_APPLIED = (
    "Le righe non considerate o non applicate (un ricorso senza un riesame precedente, una voce che la scheda non "
    "ha) sono errori da correggere, elencati tra le violazioni: finché non sono corrette i punti restano quelli della "
    "scheda. "
)
RESIDUAL = (
    "Il residuo di ogni fondo è la parte non distribuita; per ogni fondo distribuito + residuo "
    f"= stanziato, al centesimo. I singoli importi sono nelle {WORKBOOK} (uso interno)."
)


def individual(r: Result, names: Names) -> list[Block]:
    if not reached(r, "valutazione"):
        return [not_run(r, "valutazione")]
    total = len(r.ente.people)
    rows: list = [(k, n, fmt.pct(Decimal(n) / total) if total else fmt.NONE) for k, n in stats.distribution(r)]
    rows.append(Total(("Totale", total, fmt.pct(1) if total else fmt.NONE)))
    out: list[Block] = [
        Heading("Distribuzione per livello o esito"),
        Table("", columns(("Livello / esito", "Persone", "Quota"), (1, 2)), rows),
    ]
    unscored = stats.unscored(r)
    if unscored:  # a sentence, never a table of ten zeros
        out.append(Text(unscored))
    else:
        hist = stats.histogram(r)
        out += [
            Heading("Punteggi per classe (su 100)" if stats.own_scale(r) is not None else "Punteggi per classe"),
            Table("", columns([c for c, _ in hist], range(len(hist))), [[n for _, n in hist]]),
        ]
    if unscored != stats.NOT_FORESEEN:  # judgements to differentiate, where some were due
        out += [Heading("Differenziazione dei giudizi per valutatore"), Text(DIFFERENTIATION, "muted")]
        out.append(evaluators(r, names))
    return out + conciliation(r, names)


def evaluators(r: Result, names: Names) -> Table:
    evals, top_label = stats.evaluators(r)
    rows = []
    for ev in evals:
        flags = Flags(tuple(Flag(words, kind) for words, kind in ev.verdict))
        mean, spread = fmt.score(ev.mean), fmt.score(ev.spread)
        rows.append((names.person(ev.id), ev.count, mean, spread, ev.distinct, fmt.pct(ev.top_share), flags))
    head = (
        "Valutatore",
        "Valutazioni",
        "Media",
        "Deviazione standard",
        "Valori diversi",
        stats.upper_first(top_label),
        "Segnalazione",
    )
    files = f"{r.ente.sheet_said('evaluations')} o {r.ente.sheet_said('people')}"  # as the office names them
    empty = f"Nessun valutatore indicato (colonna valutatore di {files})."
    if not r.ente.evaluations:  # no card at all: nobody's evaluator has a judgement to differentiate
        empty = "Nessuna scheda di valutazione: la differenziazione dei giudizi per valutatore non si calcola."
    return Table("", columns(head, (1, 2, 3, 4, 5)), rows, empty=empty)


def conciliation(r: Result, names: Names) -> list[Block]:
    """Every stage of the conciliation and its effect, each person named as every table of people names them."""
    ente = r.ente
    if not ente.appeals:
        return []

    # what each row did, as the cycle decided it (date order): applied, refused, or ignored and why
    _, effects, problems = apply_appeals(ente)
    effect = {e.appeal.row: e.effect for e in effects}
    errors = NOT_APPLIED if any(p.is_error for p in problems) else ""
    rows = [
        (
            names.person(a.person),
            a.stage,
            fmt.value(a.date),
            a.outcome or fmt.NONE,
            a.new_points_item or fmt.NONE,
            fmt.value(a.new_points),
            effect.get(a.row, fmt.NONE),
        )
        for a in ente.appeals
    ]
    head = ("Persona", "Fase", "Data", "Esito", "Voce", "Nuovi punti", "Effetto")
    return [
        Heading("Conciliazione: riesami, ricorsi e contraddittori"),
        Table("", columns(head, (5,)), rows),
        Text(CONCILIATION.format(errors=errors, source=fmt.cite(CONCILIATION_SOURCE)), "muted"),
    ]


def rewards(r: Result, names: Names) -> list[Block]:
    if not reached(r, "premialita"):
        return [not_run(r, "premialita")]
    by_band = bands(r)
    said = f"Premi per fondo e {stats.band_word(r)}" if any(b.band for b in stats.bands(r)) else "Premi per fondo"
    out: list[Block] = [Heading("Fondi"), funds(r)]
    given = given_away(r)
    out += [*([Text(given, "muted")] if given else []), Heading(f"{said} (dati aggregati)"), by_band]
    if by_band.rows:
        out.append(Text(BANDS_NOTE, "muted"))
    if r.ledger.instalments:
        out += [Heading("Premi pagati in rate (dati aggregati)"), instalments(r)]
    if r.rewards is not None and (r.rewards.statuses or r.unpaid_unevaluated()):
        out += [Heading("Esiti della premialità"), outcomes(r), Text(OUTCOMES_NOTE, "muted")]
    if r.positions is not None and r.positions.positions:
        out += [Heading(f"{positions_named(r)}: pesatura e retribuzione"), positions(r, names)]
    out.append(Text(RESIDUAL, "muted"))
    return out


def given_away(r: Result) -> str:
    """Where a figure of 1–2 people the public documents withhold is given back by the figures every ente publishes
    (:func:`transparency.given_away`): said to the office before it publishes, as nothing can hide it."""
    from ciclope.core.reports import transparency  # the disclosure step: only for a Relazione of the premiums

    found = transparency.given_away(r)
    if not found:
        return ""
    if found[0].section == "gruppo":
        what = f"i premi distribuiti a {transparency.group_named(r, found[0].group)}"
    else:
        what = f"il distribuito {'del fondo' if len(found) == 1 else 'dei fondi'} {fmt.listed(fmt.quoted(ln.item) for ln in found)}"
    return (
        f"Riservatezza: nei documenti da pubblicare {what} è «riservato», perché di meno di 3 persone; ma si ricava per "
        "differenza dalle cifre che ogni ente pubblica e che nessun documento può nascondere: i premi stanziati e "
        "distribuiti dell'ente (D.Lgs. 33/2013, art. 20), gli stanziamenti dei fondi che i suoi atti decidono (il "
        "contratto integrativo e la sua relazione tecnico-finanziaria, art. 21) e, dove l'ente costituisce il fondo, le "
        "sue destinazioni. Chi ne riceve una parte può conoscere quella degli altri: ciclope lo dice "
        "perché l'ufficio lo sappia prima della pubblicazione."
    )


OUTCOMES_NOTE = (
    "Ogni persona della premialità (con un premio, anche di 0 €, un esito che la esclude o, non valutata, nessun "
    f"premio) è contata una volta, con l'esito della colonna «Esito» del foglio «Premi» delle {WORKBOOK}, dove è anche "
    "il motivo."
)


def outcomes(r: Result) -> Table:
    """Every person of the premium once, by their outcome as the Premi sheet says it, the most frequent first, and
    their total: never the outcomes a rule gave alone (an exclusion), as if the people paid had none."""
    assert r.rewards is not None
    status = sheets.statuses(r)
    counts: dict[str, int] = {}
    # a person's further awards are under «id:fund» (one per fund): each person once, by the award's person
    # and those not evaluated whom nothing pays (rules/core.md §3), «non valutato» as their row of «Premi» says
    paid = [a.person for a in r.rewards.awards.values()]
    for pid in dict.fromkeys([*paid, *r.rewards.statuses, *r.unpaid_unevaluated()]):
        said = status(pid)
        counts[said] = counts.get(said, 0) + 1
    rows: list = sorted(counts.items(), key=lambda kv: (-kv[1], fmt.natural(kv[0])))
    rows.append(Total(("Totale", sum(counts.values()))))
    return Table("", columns(("Esito", "Persone"), (1,)), rows)


# a fund of compensi that are not performance premiums (incentivi di legge): in the money of the ente, said so
NOT_PREMIUM = " (compenso non collegato alla performance)"


def funds(r: Result) -> Table:
    ledger, labels, docs = r.ledger, r.plugin.status_labels, r.plugin.documents
    rows: list = [
        (
            fmt.fund(name, p.label, labels) + (NOT_PREMIUM if p.kind == INCENTIVE else ""),
            fmt.cite(p.source, docs),
            fmt.euro(p.amount),
            fmt.euro(p.distributed),
            fmt.euro(p.residual),
        )
        for name, p in ledger.pools.items()
    ]
    if rows:  # the same totals as summary.json (core/ledger.py)
        totals = (fmt.euro(ledger.allocated), fmt.euro(ledger.distributed), fmt.euro(ledger.residual))
        rows.append(Total(("Totale (tutti i fondi)", "", *totals)))
    head = ("Fondo", "Fonte", "Stanziato", "Distribuito", "Residuo")
    return Table("", columns(head, (2, 3, 4)), rows, empty=NO_PREMIUM_FUND)


def bands(r: Result) -> Table:
    """The premiums by fund and band (by fund alone where no part has bands: no column of dashes)."""
    pools, labels, band = r.ledger.pools, r.plugin.status_labels, stats.band_words(r)
    banded = any(b.band for b in stats.bands(r))
    rows = [
        (
            fmt.fund(b.pool, pools[b.pool].label if b.pool in pools else "", labels),
            *((band(b.band) or fmt.NONE,) if banded else ()),
            b.count,
            b.unpaid,
            fmt.euro(b.total),
            fmt.euro(b.mean),
            fmt.euro(b.low),
            fmt.euro(b.high),
        )
        for b in stats.bands(r)
    ]
    word = stats.band_word(r).capitalize()
    head = ("Fondo", *((word,) if banded else ()), "Persone", "Non pagate", "Totale", "Media", "Minimo", "Massimo")
    numbers = tuple(range(len(head) - 6, len(head)))
    return Table("", columns(head, numbers), rows, empty="Nessun premio individuale calcolato.")


# what «Persone», «Non pagate» and «Media» of the table of premiums by fund and band count
BANDS_NOTE = (
    "Persone: chi ha un importo nel fondo, anche 0 (un escluso, chi resta sotto la soglia); Non pagate: quante di "
    "loro hanno 0. Media, minimo e massimo sono sui pagati, come nei dati pubblicati."
)


def instalments(r: Result) -> Table:
    """Each instalment of a premium the regulation pays in instalments: when, its share, whom and how much in all;
    with advances, what each is (an advance, the balance) and the recoveries of a balance apart."""
    pools, labels = r.ledger.pools, r.plugin.status_labels
    kinds = r.ledger.advances  # only then the column: the table of shares alone is unchanged
    rows = [
        (
            fmt.fund(i.pool, pools[i.pool].label if i.pool in pools else "", labels),
            stats.upper_first(i.what),
            fmt.month_it(i.year, i.month),
            i.period or fmt.NONE,
            *((KIND_SAID.get(i.kind, i.kind),) if kinds else ()),
            fmt.NONE if i.share is None else fmt.pct_share(i.share),
            i.count,
            fmt.euro(i.total) if i.total >= 0 else f"− {fmt.euro(-i.total)}",
        )
        for i in stats.instalments(r)
    ]
    head = ("Fondo", "Premio", "Mese di pagamento", "Riferita a", *(("Rata",) if kinds else ()), "Quota", "Persone",
            "Totale")  # fmt: skip
    return Table("", columns(head, (5, 6, 7) if kinds else (4, 5, 6)), rows)


# what an instalment is, in the Relazione's totals: a recovery says what it gives back
KIND_SAID = {"recupero": "recupero (conguaglio negativo)"}


def positions_named(r: Result) -> str:
    """The positions as the year's contract names them: «Elevate Qualificazioni» where its words name the role
    ``po`` «Elevata qualificazione» (Funzioni Locali from 2024; «Posizioni organizzative / Elevate Qualificazioni» in
    2023, the year of the change), «Posizioni organizzative» before and without a contract's words; the ente's own
    name of the group where it gives one («Responsabili di struttura»); «Posizioni dirigenziali» where every holder
    is a dirigente (a weighting of the dirigenza's posts)."""
    posts = r.positions.positions.values() if r.positions else ()
    held = {r.ente.people[p.holder].role for p in posts if p.holder is not None and p.holder in r.ente.people}
    if held == {"dirigente"}:
        return "Posizioni dirigenziali"
    said = said_po_short(r.ente.year, r.plugin.staff_words)
    known = {
        "PO": "Posizioni organizzative",
        "EQ": "Elevate Qualificazioni",
        "PO/EQ": "Posizioni organizzative / Elevate Qualificazioni",
    }
    return known.get(said, said[:1].upper() + said[1:])


def positions(r: Result, names: Names) -> Table:
    """Each position's annual pay, what its holder is due in the year (reduced for part time and for the days of the
    incarico) and the instalments of that due amount, which add up to it; the result pay of its holder."""
    assert r.positions is not None
    split, capped = stats.position_columns(r)
    rows = []
    for pid, p in r.positions.positions.items():
        # a position not paid (vacant) has no instalments: its annual pay is its weighing's, due to nobody
        rates = (p.paid_instalments, fmt.euro(p.monthly), fmt.euro(p.monthly_last)) if p.paid else (fmt.NONE,) * 3
        rows.append(
            (
                pid,
                ("vacante" if not p.holder else names.person(p.holder)) + ("" if p.paid else " (non erogata)"),
                fmt.score(p.score),
                fmt.euro(p.annual),
                fmt.euro(p.payable) if p.paid else fmt.NONE,
                *(rates if split else ()),
                *((fmt.euro(p.result_max),) if capped else ()),
                fmt.euro(p.result),
            )
        )
    head = (
        "Posizione",
        "Titolare",
        "Punteggio di pesatura",
        "Retribuzione annua",
        "Dovuta nell'anno",
        *(("Rate", "Rata", "Ultima rata") if split else ()),
        *(("Risultato massimo",) if capped else ()),
        "Risultato",
    )
    return Table("", columns(head, tuple(range(2, len(head)))), rows)
