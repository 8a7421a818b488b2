"""Extra sections of the Relazione and of schede.xlsx (``ciclope_report_sections``).

Built from ``Rewards.extra`` (computed in :mod:`.rules`); nothing is computed here but counts and
shares for display. No names or ids of evaluated staff: head counts of 1–2 people are shown as
``<3`` and their amounts withheld (rules/core.md §6), since the Relazione is published (art. 28.1 lett. b).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ciclope.core import ReportSection, Result, fmt, hookimpl

from .common import BONUS_FUND, src

SMALL = "<3"


def _count(n: int) -> Any:
    return SMALL if 0 < n < 3 else n


def _amount(n: int, value: str | None) -> Any:
    if value is None or 0 < n < 3:
        return "—" if value is None else "riservato"
    return fmt.Money(value)


def _ratio(n: int, value: str | None) -> Any:
    """The grado di differenziazione: a pure number (rules/core.md §6: «4,11», never money)."""
    if value is None or 0 < n < 3:
        return "—" if value is None else "riservato"
    return Decimal(value)


@hookimpl(specname="ciclope_report_sections")
def sections(result: Result) -> list[ReportSection]:
    rewards = result.rewards
    if rewards is None or not rewards.extra or "rankings" not in rewards.extra:
        return []
    x = rewards.extra
    out = [_bands(x), _statuses(x), _differentiation(result, x)]
    if f"{BONUS_FUND}_detail" in x:
        out.append(_bonus(x))
    out.append(_progressions(x))
    if "savings" in x:
        out.append(_savings(x))
    out.append(_transparency(x))
    return [s for s in out if s is not None]


def _bands(x: Mapping[str, Any]) -> ReportSection:
    rows = []
    for rk in x["rankings"].values():
        for name, b in rk["bands"].items():
            rows.append(
                (
                    rk["label"],
                    name,
                    fmt.Percent(Decimal(b["staff_share"])),
                    fmt.Percent(Decimal(b["resources_share"])),
                    _count(b["count"]),
                    fmt.Money(b["pool"]),
                    _amount(b["count"], b["distributed"]),
                    fmt.Money(b["residual"]) if not 0 < b["count"] < 3 else "riservato",
                    _amount(b["count"], b["per_capita"]),
                )
            )
    scope = "una per struttura di massima dimensione" if x["ranking_scope"] == "area" else "una per tutto l'ente"
    return ReportSection(
        title="Fasce di merito (art. 17)",
        columns=(
            "Graduatoria",
            "Fascia",
            "Quota personale",
            "Quota risorse",
            "Persone",
            "Fondo della fascia",
            "Distribuito",
            "Residuo",
            "Pro capite",
        ),
        rows=tuple(rows),
        note=f"Graduatorie: {scope}. Dimensioni cumulative ⌊n × quote⌋, l'ultima fascia prende il resto; i pari "
        "merito non sono mai divisi tra due fasce (scendono nella inferiore); dentro la fascia il fondo è "
        f"ripartito in proporzione al tempo lavorato; una fascia vuota lascia il suo fondo come residuo "
        f"({src('17.2')}).",
    )


def _statuses(x: Mapping[str, Any]) -> ReportSection:
    labels = {
        "banded": "in fascia di merito",
        "adeguata": "prestazione adeguata (punteggio < 70)",
        "non_adeguata": "prestazione non adeguata (insufficiente rendimento)",
        "non_valutabile": "non valutabile (assenze oltre 5 mesi)",
        "escluso_peg": "esclusi dal premio (obiettivi PEG della struttura < 70%)",
        "not_evaluated": "senza scheda di valutazione",
    }
    rows = tuple((labels.get(k, k), _count(n)) for k, n in x["statuses"].items())
    return ReportSection(
        title="Esiti del personale (art. 17.2)",
        columns=("Esito", "Persone"),
        rows=rows,
        note=f"Solo il personale in fascia riceve il premio ({src('17.2')}).",
    )


def _differentiation(result: Result, x: Mapping[str, Any]) -> ReportSection | None:
    table = x.get("differentiation") or {}
    if not table:
        return None
    rows = []
    for who, d in sorted(table.items()):
        person = result.ente.people.get(who)
        flag = "valutazioni tutte uguali" if d["evaluations"] >= 5 and d["distinct_scores"] == 1 else ""
        rows.append(
            (
                who,
                result.plugin.role_label(person.role, result.ente.year) if person else "",
                d["evaluations"],
                d["mean"],
                d["sd"],
                d["distinct_scores"],
                d["distinct_levels"],
                flag,
            )
        )
    return ReportSection(
        title="Differenziazione dei giudizi (art. 11.2 d)",
        columns=(
            "Valutatore",
            "Ruolo",
            "Valutazioni",
            "Media",
            "Deviazione standard",
            "Punteggi diversi",
            "Livelli diversi",
            "Segnalazione",
        ),
        rows=tuple(rows),
        note="Per ogni valutatore, i punteggi di scheda che ha attribuito: la capacità di differenziare è una voce "
        f"della valutazione di dirigenti e PO ({src('11.2 lett. d')}; unicità del valutatore per graduatoria, "
        f"{src('12.2bis')}).",
    )


def _bonus(x: Mapping[str, Any]) -> ReportSection:
    d = x[f"{BONUS_FUND}_detail"]
    paid = len(d["paid"])
    rows = (
        ("Fondo", fmt.Money(d["pool"])),
        ("Decisione di istituzione", d["decided"] or "—"),
        ("Persone nella fascia alta", d["band_size"]),
        ("Vincitori al massimo (5%, per difetto)", d["max_winners"]),
        ("Vincitori", len(d["winners"])),
        ("Bonus pagati", paid),
        ("Non pagati (rinuncia o conflitto, art. 18.4)", len(d["withheld"])),
    )
    return ReportSection(
        title="Bonus delle eccellenze (art. 18)",
        columns=("Voce", "Valore"),
        rows=rows,
        note="Concorre la fascia di merito alta; al più il 5% della fascia, esclusi i pari merito al "
        f"taglio; fondo diviso in parti uguali; senza vincitori resta come residuo ({src('18')}).",
    )


def _progressions(x: Mapping[str, Any]) -> ReportSection:
    d = x["progressioni_detail"]
    rows = (
        ("Personale in servizio", x["staff_in_service"]),
        ("Limite (25%, per difetto)", d["limit"]),
        ("Punteggio minimo", d["min_score"]),
        ("Candidati (prime due fasce)", len(d["candidates"])),
        ("Selezionati", len(d["selected"])),
    )
    return ReportSection(
        title="Progressioni economiche (art. 20)",
        columns=("Voce", "Valore"),
        rows=rows,
        note="Candidati: personale nelle prime due fasce di merito con il punteggio minimo; "
        f"selezione per punteggio, esclusi i pari merito al taglio ({src('20')}). L'elenco "
        "nominativo dei selezionati resta agli atti dell'ufficio (uso interno).",
    )


def _savings(x: Mapping[str, Any]) -> ReportSection:
    s = x["savings"]
    rows = (
        ("Risparmi documentati", fmt.Money(s["documented"])),
        ("Validati dall'OIV", "sì" if s["validated"] else "no"),
        ("Utilizzabili (fino al 30%)", fmt.Money(s["available"])),
        ("Premi al personale coinvolto (fino a 2/3)", fmt.Money(s["staff"])),
        ("Incremento della contrattazione integrativa", fmt.Money(s["bargaining"])),
    )
    return ReportSection(
        title="Risparmi (art. 26)",
        columns=("Voce", "Importo"),
        rows=rows,
        note=f"Utilizzabili solo se documentati nella Relazione e validati dall'OIV ({src('26.5')}).",
    )


def _transparency(x: Mapping[str, Any]) -> ReportSection:
    t = x["transparency"]
    rows = []
    staff = t["personale"]
    rows.append(("Personale", "premi stanziati", "—" if staff["allocated"] is None else fmt.Money(staff["allocated"])))
    rows.append(("Personale", "premi distribuiti (fasce e bonus)", fmt.Money(staff["distributed"])))
    for name, b in staff["bands"].items():
        rows.append(("Personale", f"fascia {name}: persone", _count(b["count"])))
        rows.append(("Personale", f"fascia {name}: premio pro capite", _amount(b["count"], b["per_capita"])))
        rows.append(
            ("Personale", f"fascia {name}: grado di differenziazione", _ratio(b["count"], b["differentiation"]))
        )
    lead = t["dirigenti_po"]
    rows.append(
        (
            "Dirigenti e PO",
            "retribuzione di risultato stanziata",
            "—" if lead["allocated"] is None else fmt.Money(lead["allocated"]),
        )
    )
    rows.append(("Dirigenti e PO", "retribuzione di risultato distribuita", fmt.Money(lead["distributed"])))
    rows.append(("Dirigenti e PO", "persone premiate", _count(lead["paid"])))
    rows.append(
        (
            "Dirigenti e PO",
            "grado di differenziazione (massimo / minimo)",
            _ratio(lead["paid"], lead["differentiation"]),
        )
    )
    return ReportSection(
        title="Trasparenza, valutazione e merito (art. 28)",
        columns=("Gruppo", "Voce", "Valore"),
        rows=tuple(rows),
        note="Ammontare dei premi stanziati e distribuiti e grado di differenziazione nell'utilizzo della premialità "
        "(premio pro capite di ogni fascia / quello della fascia più bassa), per dirigenti e dipendenti "
        f"({src('28.1 lett. c, d')}). Gruppi di 1–2 persone: «<3», importi riservati.",
    )
