"""Extra sections of the Relazione for the Brescia regulation (phase f): plain tables, Italian text."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Params, ReportSection, Result, fmt, hookimpl, money

from .common import DIR_VALUE, PO, RELEVANCE, SMVP, STAFF_VALUE

# Readings of the documents that are not parameters (rules/brescia.md; README.md "Scelte interpretative").
NOTES = (
    (
        "Livelli del punteggio",
        "La tabella della Scheda di valutazione (SMVP 2021) stampa «51 – 85» per Ottimo, che si "
        "sovrappone a Discreto e Buono: si legge 71–85. Punteggio ≤ 25 Non soddisfacente, ≤ 40 Sufficiente, ≤ 55 "
        "Discreto, ≤ 70 Buono, ≤ 85 Ottimo, oltre Eccellente. I livelli si attribuiscono a tutti i valutati.",
    ),
    (
        "Riduzione dei fondi",
        "Con performance attestata inferiore a 100% il fondo di risultato delle PO, il valore dei "
        "progetti per dirigenti e per il personale sono moltiplicati per la performance attestata e arrotondati al "
        "centesimo prima del riparto; la retribuzione di posizione non si riduce (SMVP 2021, §3).",
    ),
    (
        "Posizioni vacanti e interim",
        "Una posizione vacante è pesata e valorizzata come le altre, ma non erogata. La "
        "maggiorazione per interim (15–25% della retribuzione di posizione coperta) si preleva per prima dal fondo di "
        "risultato e si paga per intero con valutazione positiva (Delibera 9/C 2018, art. 3.4).",
    ),
    (
        "Durata dell'incarico",
        "Un incarico rispetta il massimo di 3 anni se termina entro la stessa data del terzo "
        "anno successivo all'inizio (Delibera 9/C 2018, art. 2.4).",
    ),
    (
        "Risorse variabili",
        "L'intervallo 25%–50% del §5.2 si verifica per ciascun fondo (dirigenti, personale) come "
        "parte variabile / (parte stabile + parte variabile); fuori intervallo è un errore, ma il riparto è comunque "
        "calcolato per consentire la verifica.",
    ),
    (
        "Calendario",
        "La validazione dell'OIV e l'approvazione della Giunta sono attese entro febbraio, la stesura "
        "della Relazione entro il 31 gennaio (SMVP 2021, §3.2).",
    ),
)


@hookimpl(specname="ciclope_report_sections")
def sections(ente: Ente, result: Result) -> list[ReportSection]:
    """The OIV attestation, the positions, the variable resources and the notes on the regulation."""
    found = [attestation_section(result), positions_section(ente, result), resources_section(ente, result)]
    return [s for s in found if s is not None] + [notes_section(result.params)]


def attestation_section(result: Result) -> ReportSection | None:
    att = result.attestation
    if att is None:
        return None
    fig = result.figures.get("attested")
    judgement = result.figures.get("judgement")
    return ReportSection(
        title="Attestazione dell'OIV: verifiche del regolamento (SMVP 2021, §3)",
        columns=("voce", "esito"),
        rows=(
            ("Attestazione", fig.note if fig is not None else "nessuna performance misurata né attestata"),
            (
                "Giudizio sintetico",
                f"{att.judgement or '—'} — {judgement.formula if judgement else 'non espresso'}",
            ),
        ),
        note="Attestazione al 100% ammessa solo per lievi scostamenti negativi; se la valutazione finale dell'OIV "
        "è inferiore a 100% i fondi della performance sono ridotti in proporzione.",
    )


def positions_section(ente: Ente, result: Result) -> ReportSection | None:
    if result.positions is None or not result.positions.positions:
        return None
    rows: list[tuple[object, ...]] = []
    titles = {r["id"]: r["title"] or "" for r in ente.table("positions")}
    for pid, p in result.positions.positions.items():
        interim = result.figures.get(f"position:{pid}:interim")
        rows.append(
            (
                pid,
                titles.get(pid, ""),
                (p.holder or "vacante") + ("" if p.paid else " (non erogata)"),
                p.score,
                _money(p.annual),
                _money(p.monthly),
                _money(p.monthly_last),
                _money(p.result_max),
                _money(interim.value) if interim else "—",
                _money(p.result) if p.result is not None else "non erogata",
            )
        )
    return ReportSection(
        title="Posizioni organizzative: pesatura e retribuzione (Delibera 9/C 2018, art. 3–6)",
        columns=(
            "posizione",
            "titolo",
            "titolare",
            "punteggio",
            "posizione annua",
            "rata (1ª–12ª)",
            "13ª rata",
            "risultato massimo",
            "interim",
            "risultato",
        ),
        rows=tuple(rows),
        note=f"Retribuzione di posizione tra i limiti dell'art. 3.2 ({PO}), ripartita in proporzione ai "
        "punteggi; risultato in proporzione alla retribuzione di posizione e alla valutazione.",
    )


def resources_section(ente: Ente, result: Result) -> ReportSection | None:
    projects = ente.table("projects")
    if not projects:
        return None
    rows = [
        (
            r["id"],
            r["title"] or "",
            r["relevance"],
            RELEVANCE.get(r["relevance"], ""),
            r["area"],
            "" if r["dirigente_weight"] is None else r["dirigente_weight"],
        )
        for r in projects
    ]
    for key, label in ((DIR_VALUE, "Valore progetti — dirigenti"), (STAFF_VALUE, "Valore progetti — personale")):
        gross = result.figures.get(f"pool:{key}")
        net = result.figures.get(f"pool:{key}:net")
        kind = "dirigenti" if key == DIR_VALUE else "staff"
        share = result.figures.get(f"resources:{kind}:variable_share")
        if gross is not None:
            rows.append(
                (
                    label,
                    "lordo / dopo la riduzione OIV",
                    "",
                    "",
                    "",
                    f"{fmt.euro(gross.value)} / {fmt.euro(net.value) if net else '—'}"
                    + (f" (quota variabile {fmt.pct(share.value)})" if share else ""),
                )
            )
    return ReportSection(
        title="Quantificazione delle risorse variabili (SMVP 2021, §5)",
        columns=("progetto", "titolo", "rilevanza", "coefficiente", "area", "peso del dirigente / importi"),
        rows=tuple(rows),
        note=f"{SMVP} §5: 2% (dirigenti) e 1% (personale) delle risorse stabili per punto di coefficiente; "
        "parte variabile tra il 25% e il 50% del fondo; pesi del dirigente entro ±20 punti dalla rilevanza.",
    )


def oiv_note(params: Params) -> tuple[str, str]:
    """The reading of the OIV's full attestation, with the ente's tolerance said as percentages (SMVP 2021, §3)."""
    tolerance = params["oiv_tolerance"]
    places = fmt.share_places(tolerance)
    return (
        "Attestazione dell'OIV",
        "Un'attestazione al 100% di una performance calcolata inferiore è applicata solo per lievi scostamenti (performance "
        f"calcolata pari almeno {fmt.the_pct(1 - tolerance, places, 'a')}: la tolleranza dell'OIV è {fmt.the_pct(tolerance, places)}) "
        "e con motivazione; altrimenti è segnalata come errore e si usa il valore calcolato. Ogni altra attestazione "
        "diversa dal calcolato richiede la motivazione (SMVP 2021, §3).",
    )


def notes_section(params: Params) -> ReportSection:
    return ReportSection(
        title="Note sull'applicazione del regolamento di Brescia",
        columns=("tema", "scelta"),
        rows=(NOTES[0], oiv_note(params), *NOTES[1:]),
        note="Le ipotesi con un valore (parametri del regolamento, modificabili per l'ente in "
        "[ente.parametri]) sono elencate tra le note dei parametri.",
    )


def _pct(value: Decimal | str | None) -> fmt.Percent | str:
    return "—" if value is None else fmt.Percent(Decimal(value))


def _money(value: Decimal | str | None) -> fmt.Money | str:
    """A money cell: € 1.234,56 in the Relazione, a number in € format in schede.xlsx."""
    return "—" if value is None else fmt.Money(money.r2(value))
