"""The regulation of the Camera di Commercio di Bergamo as computations (rules/bergamo.md).

Sources (cited in every figure and violation):

- ``000_c472ac27e970ca85.txt`` — Regolamento di organizzazione: Servizi (art. 11), posizioni
  organizzative (art. 26–28: category D, yearly evaluation, contraddittorio before a non-positive
  evaluation), the cycle (art. 37), Piano by January (art. 38), Relazione by June and its OIV
  validation that opens the rewards (art. 39), individual performance and its levels (art. 42–45),
  no undifferentiated or automatic rewards (art. 46).
- ``002_cb68e27bcf5376bc.txt`` — Piano della Performance 2021–2023: Balanced Scorecard with four
  perspectives and twelve strategic objectives (§3.1–3.2), the Servizi cruscotti with their
  "percentuale sintetica di raggiungimento" (§3.3), the Segretario Generale and Dirigente cruscotti
  (§4), the lavoro agile indicators (§5).

The organizational figures (indicators, objectives, perspectives, ente, Servizi, Segretario
Generale and Dirigente) are the core's (rules/core.md §1–2) on the plan as loaded: equal weights
within each cruscotto, "-" = not active, "monitoraggio" = not weighted. The plugin adds the
individual scores (:mod:`.scores`), the rewards with their OIV gate and differentiation checks
(:mod:`.awards`), the checks of the input (:mod:`.checks`, :mod:`.validation`) and the calendar
(:mod:`.rules`). Every function is pure apart from recording figures and problems in ``trace``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core import (
    Citation,
    Ente,
    Params,
    Person,
    Unit,
    fmt,
)

REG = "000_c472ac27e970ca85.txt"


PLAN = "002_cb68e27bcf5376bc.txt"


POOL = "performance_individuale"


PO_POOL = "risultato_po"  # [funds] risultato_po: the PO's result pay (art. 28)


LEVELS = ("non adeguata", "adeguata", "buona", "eccellente")  # params: level_* (assumption)


ZERO = Decimal("0.00")


HUNDRED = Decimal(100)


# rules/bergamo.md §1: times and costs are "lower is better" (002… §3.2: "Tempi medi…", "Giorni medi…",
# "Oneri correnti/Proventi correnti"); a name like these typed `higher` is probably a slip.
LOWER_NAMES = re.compile(r"^\s*(tempi medi|tempo medio|giorni medi|oneri correnti\s*/\s*proventi correnti)", re.I)


# Readings of the documents that are not parameters (README.md "Ipotesi"), shown in every report.
NOTES = (
    (
        "Pesi",
        "Il Piano non pubblica pesi: dentro ogni cruscotto (ente, Servizi, Segretario Generale, Dirigente, "
        "schede individuali/di gruppo) gli indicatori misurati pesano ugualmente; le quattro prospettive pesano "
        "ugualmente nella performance dell'ente. I pesi scritti nei dati prevalgono (002… §3.2; rules/core.md §2).",
    ),
    (
        "Indicatori",
        "«monitoraggio» = indicatore misurato ma non ponderato nell'anno (002… §3.2); «-» = non attivo "
        "nell'anno; i rapporti (numeratore/denominatore) si inseriscono come rapporto misurato; tempi e costi ("
        "«Tempi medi…», «Giorni medi…», «Oneri correnti/Proventi correnti») sono «meno è meglio». Un consuntivo "
        "mancante nel Piano si neutralizza con il motivo, senza inventare numeri.",
    ),
    (
        "Servizio di riferimento",
        "Per dipendenti e PO il risultato del Servizio è quello del Servizio che dirigono o "
        "a cui appartengono (il Servizio più vicino risalendo l'organigramma; in mancanza, la loro unità).",
    ),
    (
        "Obiettivi individuali/di gruppo",
        "Sono gli obiettivi individuali (tipo «individuale» in obiettivi.csv) di cui la persona è titolare più gli elementi "
        "dei cruscotti (cruscotti.csv) intestati alla persona; uno stesso indicatore si misura una volta sola. Senza "
        "obiettivi misurati il loro peso passa al risultato del Servizio; senza risultato del Servizio il suo peso passa "
        "agli obiettivi individuali o, in mancanza, alla scheda dei comportamenti (con avviso).",
    ),
    (
        "Segretario Generale e Dirigenti",
        "Punteggio = 100 × raggiungimento del proprio cruscotto (000… art. 43–44); "
        "la loro retribuzione di risultato segue metodologie proprie ed è fuori dal fondo dei premi per la performance "
        "individuale.",
    ),
    (
        "Accesso ai premi",
        "Nessun premio è calcolato finché l'OIV non ha validato la Relazione sulla performance "
        "([atti] relazione_validata_oiv in ente.toml, 000… art. 39.2).",
    ),
)


def ruled_notes(params: Params) -> tuple[tuple[str, str], ...]:
    """The readings that rest on a parameter, each saying the ente's value as people read it (a share as a
    percentage, a month by its name), never the parameter's code."""
    share = params["max_level_share"]
    month = fmt.MONTHS[int(params["monitoring_month"]) - 1]
    return (
        (
            "Differenziazione",
            f"Con almeno {params['differentiation_min']} premiati tutti nello stesso livello o con lo stesso importo "
            "è un errore (000… art. 42.2, 46.1): il riparto calcolato resta visibile per la verifica ma non è "
            f"erogabile. Un livello con più {fmt.the_pct(share, fmt.share_places(share), 'di')} dei premiati è "
            "segnalato con un avviso.",
        ),
        (
            "Calendario",
            "Piano entro il 31 gennaio (art. 38.1); monitoraggio con l'assestamento del bilancio entro la fine di "
            f"{month} (art. 37.3 lett. d); Relazione approvata dalla Giunta entro il 30 giugno dell'anno successivo "
            "(art. 39.1) e validata dall'OIV entro la stessa data (ipotesi, D.Lgs. 150/2009 art. 14 c. 4 lett. c).",
        ),
    )


def level_of(score: Decimal | None, params: Params) -> str | None:
    """The level of a 0–100 score (000… art. 42.2; thresholds are parameters, an assumption)."""
    return level_by(score, params["level_adeguata"], params["level_buona"], params["level_eccellente"])


def level_by(score: Decimal | None, adeguata: Decimal, buona: Decimal, eccellente: Decimal) -> str | None:
    """:func:`level_of` with its thresholds already read (000… art. 42.2)."""
    if score is None:
        return None
    if score >= eccellente:
        return "eccellente"
    if score >= buona:
        return "buona"
    if score >= adeguata:
        return "adeguata"
    return "non adeguata"


LEVEL_RANK = {level: k for k, level in enumerate(LEVELS)}


def level_rank(level: str | None) -> int:
    return LEVEL_RANK.get(level, -1)  # type: ignore[arg-type]  # None is simply not a level


def weights(params: Params) -> tuple[Decimal, Decimal, Decimal]:
    return params["w_unit"], params["w_objectives"], params["w_behaviour"]


ROLE_RANK = {"dipendente": 0, "po": 1, "dirigente": 2, "segretario": 3}


def servizio_of(ente: Ente, person: Person) -> Unit | None:
    """The Servizio whose result counts for a dipendente or PO (000… art. 11, 45.2 a).

    The unit the person heads if it is a Servizio, else the nearest Servizio at or above their
    unit, else their own unit (e.g. a staff office or the Azienda Speciale).
    """
    for unit in ente.headed_by(person.id):  # loops, not generators: asked for every person
        if unit.kind == "servizio":
            return unit
    return _servizio_of_unit(ente, person.unit)


def _servizio_of_unit(ente: Ente, unit_id: str) -> Unit | None:
    """The nearest Servizio at or above a unit, else the unit itself (:func:`servizio_of` for who heads none)."""
    chain = ente.unit_ancestors(unit_id)
    for unit in chain:
        if unit.kind == "servizio":
            return unit
    return chain[0] if chain else None


OBJECTIVES_SOURCE = Citation.joined([Citation.of(REG, "art. 45.2 lett. b"), Citation.of(PLAN, "§3.3")])


# the weights of a score's components are the plugin's assumption, named by their parameters
WEIGHTS = Citation("params w_unit/w_objectives/w_behaviour (ipotesi)")


PO_SOURCE = Citation.joined([Citation.of(REG, "art. 28.4"), WEIGHTS])


STAFF_SOURCE = Citation.joined([Citation.of(REG, "art. 45.2"), WEIGHTS])
