"""The Relazione's sections on the organization: the summary, the areas (scheda c), the dirigenti
(scheda d), the units and the 30/6 monitoring."""

from __future__ import annotations

import html
from decimal import Decimal

from markupsafe import Markup

from ciclope.core import scoring
from ciclope.core.money import PERFORMANCE
from ciclope.core.reports import fmt, progressions, stats, svg, transparency
from ciclope.core.reports.model import (
    Block,
    Figure,
    Figures,
    Flag,
    Heading,
    Kpis,
    Negative,
    Table,
    Text,
    Total,
    Verdict,
    columns,
)
from ciclope.core.reports.relazione.names import Names, not_run, reached
from ciclope.core.result import Result

# which class a score on a class's bound falls in: 70 is in «70–80», not in «60–70»; 100 in «90–100»
CLASSES = "classi di 10 punti: «60–70» è da 60 a meno di 70"

NO_CHARTS = "Nessun grafico: le fasi di valutazione non sono state eseguite."
# the phases ran but nothing of the ente or of its units was measured: no chart of empty bars, a sentence
NOTHING_MEASURED = "Nessun grafico: né l'ente né le sue unità hanno un raggiungimento misurato degli obiettivi."


def summary(r: Result, names: Names) -> list[Block]:
    org = r.org
    att = r.attestation
    kpis = Kpis(
        (
            ("Performance dell'ente (calcolata)", fmt.pct(org.ente) if org else fmt.NONE),
            (r.ente.body.said("Performance attestata dall'OIV"), fmt.attested(att)),
            people_kpi(r),
            ("Premi distribuiti / stanziati", money_kpi(r)),
            # a fund that pays no premium (the progressioni's): what its selected cost, said beside the premiums
            *(((progressions.KPI, progressions.kpi(r, False)),) if progressions.given_funds(r) else ()),
        )
    )
    return [kpis, verdict(r, names), charts(r, names)]


EVALUATED_KPI = "Persone valutate / in organico"
PAID_KPI = "Persone pagate senza valutazione individuale / in organico"


def people_kpi(r: Result) -> tuple[str, str]:
    """The people evaluated out of those in organico; where nobody is evaluated individually and a premium paid
    people all the same (a regulation without individual evaluation), those it paid, said so: «0 / 10 Persone
    valutate» told an OIV nothing of the nine paid."""
    paid = transparency.paid_unevaluated(r)
    if paid:
        return PAID_KPI, f"{paid} / {len(r.ente.people)}"
    evaluated = sum(1 for s in r.scores.values() if s.score is not None)
    return EVALUATED_KPI, f"{evaluated} / {len(r.ente.people)}"


NO_FUND = "nessun fondo"  # a regulation that pays no premium (only progressions): not «€ 0,00 / € 0,00»
# the table of the funds of premiums when there is none: a fund of the progressions is said in its own section
NO_PREMIUM_FUND = "Nessun fondo per i premi."


def money_kpi(r: Result) -> str:
    """The premiums distributed and allocated: the performance funds, as the public Relazione and art. 20 count them;
    a position pay is no premium."""
    if r.rewards is None:
        return fmt.NONE
    pools = r.ledger.pools_of(PERFORMANCE).values()
    if not pools:
        return NO_FUND
    total = sum((p.amount for p in pools), Decimal(0))
    dist = sum((p.distributed for p in pools), Decimal(0))
    return f"{fmt.euro(dist)} / {fmt.euro(total)}"


def in_sentence(words: str) -> Markup:
    """Words the box's template puts inside its own sentence, escaped as that sentence is written (apostrophes as
    they are: «dell'OIV», not an entity)."""
    return Markup(html.escape(words, quote=False))


def verdict(r: Result, names: Names) -> Verdict:
    att, org = r.attestation, r.org
    validated = None
    if reached(r, "rendicontazione"):  # a 30/6 report does not speak of next year's acts
        on = r.ente.approvals.get("relazione_validated_oiv")
        validated = fmt.value(on) if on else "non ancora registrata"
    separate = ""
    if org is not None and org.separate:
        separate = "; ".join(f"{names.area(k)}: {fmt.pct(v)}" for k, v in org.separate.items())
    return Verdict(
        present=att is not None,
        attested=fmt.attested(att) if att else "",
        # nothing computed, nothing to call «la calcolata»: the box says «—» for both, as it always did
        given=att is not None and (att.given or att.computed is None),
        computed=fmt.pct(att.computed) if att else "",
        differs=att is not None
        and att.given
        and att.attested is not None
        and att.computed is not None
        and att.attested != att.computed,
        judgement=(att.judgement or "non espresso") if att else "",
        motivation=(att.motivation or "") if att else "",
        validated=validated,
        separate=separate,
        of_body=in_sentence(r.ente.body.said("dell'OIV")),
        the_body=in_sentence(r.ente.body.said("l'OIV")),
        errors=len(r.errors),
        warnings=sum(1 for v in r.violations if not v.is_error and not v.is_notice),
        notices=sum(1 for v in r.violations if v.is_notice),
    )


def unit_bar(name: str, kind: str, value: Decimal | None, ente: Decimal | None) -> str:
    """A unit's bar by its name (its code is no reader's); the root unit, named as the ente is, says that its bar is
    its own objectives' where they give another figure than the ente's performance beside it."""
    return f"{name} (obiettivi propri)" if kind == "ente" and value is not None and value != ente else name


def charts(r: Result, names: Names) -> Figures:
    """The achievement charts of the areas (or first-level objectives) and units, then the score charts,
    which count people (``personal``)."""
    org, ente = r.org, r.ente
    figures = []
    if org is not None and (org.areas or org.separate):
        items = [(names.area(k), names.area(k, full=True), v) for k, v in org.areas.items()]
        items += [(names.area(k) + " (a parte)", names.area(k, full=True), v) for k, v in org.separate.items()]
        items.append(("Ente", f"Performance dell'ente — {ente.name}", org.ente))
        figures.append(Figure(svg.achievement_bars("grafico-aree", "Raggiungimento per area strategica", items)))
    elif org is not None and org.objectives:
        tops = [o for o in ente.objectives.values() if o.parent is None and o.kind != "individual"]
        items = [(f"{o.id} {o.title}", f"{o.id} — {o.title}", org.objectives.get(o.id)) for o in tops]
        items.append(("Ente", f"Performance dell'ente — {ente.name}", org.ente))
        title = "Raggiungimento per obiettivo di primo livello"
        figures.append(Figure(svg.achievement_bars("grafico-aree", title, items)))
    # a chart of units none of which has an achievement would be bars of «non valutato» on an empty axis: the
    # units' table says why each has none
    if org is not None and any(v is not None for v in org.units.values()):
        bars = {u.id: unit_bar(u.name or u.id, u.kind, org.units.get(u.id), org.ente) for u in ente.units.values()}
        items = [(bars[uid], bars[uid], org.units.get(uid)) for uid in ente.units if uid in org.units]
        figures.append(Figure(svg.achievement_bars("grafico-unita", "Raggiungimento per unità organizzativa", items)))
    if r.scores and not stats.unscored(r):  # nobody scored: no chart of zeros (the section says why, in a sentence)
        histogram = svg.count_bars(
            "grafico-punteggi",
            "Distribuzione dei punteggi individuali",
            stats.histogram(r),
            axis=f"punteggio{' su 100' if stats.own_scale(r) is not None else ''} ({CLASSES})",
        )
        figures.append(Figure(histogram, personal=True))
    if r.scores:
        levels = svg.count_bars("grafico-livelli", "Persone per livello o esito", stats.distribution(r))
        figures.append(Figure(levels, personal=True))
    return Figures(tuple(figures), NO_CHARTS if org is None else NOTHING_MEASURED)


def areas(r: Result, names: Names) -> list[Block]:
    if not reached(r, "valutazione"):
        return [not_run(r, "valutazione")]
    org, ente = r.org, r.ente
    assert org is not None  # the evaluation ran
    if not ente.areas:
        return objectives_without_areas(r)
    rows: list = []
    for a in ente.areas.values():
        objs = [o for o in ente.objectives.values() if o.area == a.id and o.kind != "individual"]
        scored = sum(1 for o in objs if org.objectives.get(o.id) is not None)
        value = org.separate.get(a.id) if a.separate else org.areas.get(a.id)
        note = "rendicontata a parte, esclusa dal totale" if a.separate else ""
        if value is None:
            why = org.not_scored.get(f"area:{a.id}", "nulla di misurato")
            note = (note + "; " if note else "") + "non valutata: " + why
        rows.append((a.id, a.name, fmt.value(a.weight), f"{scored} / {len(objs)}", fmt.pct(value), note))
    total = ("", f"Performance dell'ente — {ente.name}", "", "", fmt.pct(org.ente))
    rows.append(Total((*total, "media ponderata delle aree non separate")))
    head = ("Area", "Denominazione", "Peso", "Obiettivi valutati", "Raggiungimento", "Note")
    return [Text(AREAS_INTRO, "muted"), Table("", columns(head, (2, 3, 4)), rows)]


# what the «scheda c» is, for a reader who does not know the Relazione's customary tables by their letters
AREAS_INTRO = (
    "Le aree strategiche dell'ente, ciascuna con il suo peso, gli obiettivi valutati e il raggiungimento: la "
    "performance dell'ente è la media ponderata delle aree, senza quelle rendicontate a parte."
)


def objectives_without_areas(r: Result) -> list[Block]:
    org, ente = r.org, r.ente
    assert org is not None  # the evaluation ran
    rows: list = [
        (
            o.id,
            o.title,
            fmt.KIND_LABELS.get(o.kind, o.kind),
            fmt.value(o.weight),
            fmt.pct(org.objectives.get(o.id)),
            org.not_scored.get(f"objective:{o.id}", ""),
        )
        for o in ente.objectives.values()
        if o.parent is None and o.kind != "individual"
    ]
    rows.append(Total(("", f"Performance dell'ente — {ente.name}", "", "", fmt.pct(org.ente), "")))
    return [
        Text(
            "L'ente non ha aree strategiche: la performance dell'ente è la media ponderata "
            "degli obiettivi di primo livello.",
            "muted",
        ),
        Table("", columns(("Obiettivo", "Titolo", "Tipo", "Peso", "Raggiungimento", "Note"), (3, 4)), rows),
    ]


def dirigenti(r: Result, names: Names) -> list[Block]:
    if not reached(r, "valutazione"):
        return [not_run(r, "valutazione")]
    ente, org = r.ente, r.org
    assert org is not None  # the evaluation ran
    people, with_po = fmt.scheda_d_people(ente)
    if with_po and not people:  # nobody to list: one sentence says so, not a note on the PO and an empty table
        return [Text(fmt.no_heads(), "muted")]
    rows = []
    for p in people:
        s = r.scores.get(p.id)
        rows.append(
            (
                p.name or p.id,
                fmt.role_label(p.role, ente.year, r.plugin.staff_words),
                ", ".join(names.unit(u.id) for u in ente.headed_by(p.id)) or fmt.NONE,
                fmt.pct(stats.head_organizational(r, p.id)),
                fmt.score(scoring.shown(s) if s else None),  # beside the level, on the scale of its thresholds
                (fmt.level(s.level, r.plugin.ente_labels) if s and s.level else fmt.NONE),
                fmt.status(r.status_of(p.id), r.plugin.status_labels),
            )
        )
    head = (
        "Responsabile" if with_po else "Dirigente",
        "Ruolo",
        "Unità dirette",
        "Performance organizzativa",
        fmt.individual_score_head(stats.own_scale(r)),
        "Livello",
        "Esito",
    )
    intro = (
        f"Performance organizzativa di ciascun {'responsabile' if with_po else 'dirigente'} (media ponderata del suo "
        "cruscotto o media semplice degli "
        "obiettivi di cui è responsabile, i cui pesi non contano; senza né l'uno né gli altri, il raggiungimento "
        "dell'unità che dirige) e valutazione individuale."
    )
    return [
        Text(intro, "muted"),
        *(
            [
                Text(
                    fmt.no_dirigenti(
                        r.plugin.staff_words, r.ente.year, any(p.is_po for p in people), fmt.ente_locale(r)
                    ),
                    "muted",
                )
            ]
            if with_po
            else []
        ),
        Table("", columns(head, (3, 4)), rows, empty="Nessun dirigente tra il personale."),
    ]


def units(r: Result, names: Names) -> list[Block]:
    if not reached(r, "valutazione"):
        return [not_run(r, "valutazione")]
    org = r.org
    assert org is not None  # the evaluation ran
    rows = []
    for u in r.ente.units.values():
        fig = r.figures.get(f"unit:{u.id}")
        how = fig.formula if fig is not None else ""
        rows.append(
            (
                *(() if names.public else (u.id,)),  # the code is the office's, not a public reader's
                u.name,
                u.kind_label,
                names.unit(u.parent),
                names.person(u.head),
                fmt.pct(org.units.get(u.id)),
                how or org.not_scored.get(f"unit:{u.id}", ""),
            )
        )
    head = ("Unità", "Denominazione", "Tipo", "Unità superiore", "Responsabile", "Raggiungimento", "Come è calcolato")
    if names.public:
        return [Table("", columns(head[1:], (4,)), rows)]
    return [Table("", columns(head, (5,)), rows)]


def monitoring(r: Result, names: Names) -> list[Block]:
    if not reached(r, "monitoraggio"):
        return [not_run(r, "monitoraggio")]
    rows = []
    negative = 0
    for iid, m in r.monitoring.items():
        ind = r.ente.indicators.get(iid)
        percent = bool(ind and ind.percent)
        dev: str | Negative = fmt.signed_pct(m.deviation)
        if m.deviation < 0:
            negative += 1
            dev = Negative(fmt.signed_pct(m.deviation))
        kind = fmt.TYPE_LABELS.get(ind.type, "") if ind else ""
        name, objective = (ind.name, ind.objective) if ind else ("", "")
        target, actual = fmt.measure(m.target, percent), fmt.measure(m.actual, percent)
        rows.append((iid, name, objective, kind, target, actual, fmt.pct(m.achievement), dev))
    head = ("Indicatore", "Nome", "Obiettivo", "Tipo", "Target al 30/6", "Valore al 30/6", "Raggiungimento")
    return [
        Text(
            f"Indicatori con target intermedio misurati al 30/6: {len(rows)}; con scostamento "
            f"negativo: {negative}. Scostamento = valore al 30/6 / target al 30/6 − 100% (per «meno è meglio» il "
            "rapporto inverso), come a fine anno.",
            "muted",
        ),
        Table(
            "",
            columns((*head, "Scostamento"), (4, 5, 6, 7)),
            rows,
            empty="Nessun indicatore con target e valore al 30/6.",
        ),
        *revisions(r),
    ]


def revisions(r: Result) -> list[Block]:
    rows = [
        (
            rv.indicator,
            rv.field,
            rv.old,
            rv.new,
            rv.reason,
            Flag("applicata", "ok") if rv.applied else Flag("non applicata", "warn"),
            rv.why,
        )
        for rv in r.revisions
    ]
    head = ("Indicatore", "Campo", "Valore precedente", "Nuovo valore", "Motivazione", "Esito", "Perché")
    return [
        Heading("Revisioni dei target in corso d'anno"),
        Table("", columns(head), rows, empty="Nessuna revisione registrata."),
        Text(
            r.ente.body.said("Una revisione si applica solo se validata dall'OIV e approvata; tutte sono elencate."),
            "muted",
        ),
    ]
