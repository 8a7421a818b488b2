"""The rules between keys of the format 2 blocks (:mod:`read.consistency` calls :func:`check`): the criteria of a
position weighting, its bounds and the result pay it feeds, the acts that open the premiums, the result pay
method that only format 2 knows, the places of the progressions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import fmt
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.acts import ACTS
from ciclope.plugins.regolamento.format.expr import Call, Text, nodes
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.spec import (
    Access,
    Check,
    Differentiation,
    Event,
    Fund,
    Part,
    PositionWeighting,
    Premium,
    Progressions,
    ResultPay,
)

Error = Callable[..., None]
HUNDRED = Decimal(100)
# the fixed columns of positions.csv, each as the office writes it (the code is read too): no criterion's code
HEADERS = {
    "id": "codice",
    "title": "denominazione",
    "unit": "unità",
    "holder": "titolare",
    "start": "inizio_incarico",
    "end": "fine_incarico",
    "interim": "interim",
    "interim_from": "interim_dal",
    "interim_to": "interim_al",
    "interim_share": "interim_misura",
}
FIXED = tuple(HEADERS)
SAID = ", ".join(HEADERS.values())  # the fixed columns, in the office's words


def result_entries(parts: Mapping[str, Any]) -> list[tuple[str, ResultPay]]:
    """Each entry of [[risultato_po]] with its path in the file: «risultato_po» for one table alone (or a list of
    one), «risultato_po[i]» among several."""
    rps: tuple[ResultPay, ...] = parts.get("result_pays") or ()
    return [("risultato_po" if len(rps) == 1 else f"risultato_po[{i}]", rp) for i, rp in enumerate(rps)]


def check(parts: Mapping[str, Any], broken: set[str], error: Error) -> None:
    pw: PositionWeighting | None = parts.get("positions")
    entries = result_entries(parts)
    for path, rp in entries:
        if rp.method in ("quota_posizione", "formula") and parts.get("format") != 2:
            error(
                f"{path}.metodo",
                f"il metodo «{rp.method}» è del formato 2: scrivi formato = 2 in testa al file",
                "regolamento.formato",
            )
        if rp.vacant != "titolari" and pw is None:
            error(
                f"{path}.posizioni_vacanti",
                "le posizioni vacanti si conoscono dalla pesatura: posizioni_vacanti si scrive con [posizioni]",
                "regolamento.manca",
            )
    if pw is not None:
        positions(pw, error)
        # the entry split by position pay, which quota_risultato feeds; one entry alone is told its method
        shared = [(p, rp) for p, rp in entries if rp.method == "quota_posizione"] or entries[:1]
        single = len(entries) == 1 or (shared and shared[0][1].method == "quota_posizione")
        path, found = shared[0] if single else ("", None)
        result_fund(pw, found, path, "result_pays" in broken, error)
        pr: Premium | None = parts.get("premium")
        if pr is not None and pr.fund == pw.fund:
            error(
                "posizioni.fondo",
                f"il fondo {fmt.quoted(pw.fund)} è già quello del [premio]: usa due fondi distinti",
                "regolamento.valore",
            )
    access: Access | None = parts.get("access")
    if access is not None:
        acts(access, parts.get("calendar", ()), error)
    progressions: Progressions | None = parts.get("progressions")
    if progressions is not None:
        progression_limits(progressions, error)
        progression_fund(progressions, parts, error)
    declared_funds: Sequence[Fund] = parts.get("funds") or ()
    if declared_funds and not ({"premium", "parts", "result_pays", "positions"} & broken):
        constituted(declared_funds, parts, error)
    checks: Sequence[Check] = parts.get("checks") or ()
    if checks and not ({"premium", "parts", "result_pays", "positions", "funds"} & broken):
        read_funds(checks, parts, error)
    differentiation: Differentiation | None = parts.get("differentiation")
    if differentiation is not None and not ({"premium", "parts"} & broken):
        differentiated(differentiation, parts.get("premium"), parts.get("parts") or (), error)


def differentiated(block: Differentiation, premium: Premium | None, premiums: Sequence[Part], error: Error) -> None:
    """[differenziazione] checks a premium: the parts it names are parts of [[premi]]; without names, some part is
    paid by an individual evaluation."""
    if premium is None and not premiums:
        error("differenziazione", "il controllo vale sui premi: manca [premio] o [[premi]]", "regolamento.manca")
        return
    named = [part.name for part in premiums]
    for name in block.parts:
        if name not in named:
            where = f"una parte di [[premi]]{nearest(name, named)}" if named else "una parte: il file ha solo [premio]"
            error("differenziazione.parti", f"«{name}» non è il nome di {where}", "regolamento.valore")
    if not block.parts and not any(pr.weighs_evaluations for pr in (premium, *premiums) if pr is not None):
        error(
            "differenziazione",
            "nessuna parte del premio è pagata per valutazione individuale: scrivi le parti da controllare "
            '(es. parti = ["presenza"])',
            "regolamento.manca",
        )


def read_funds(checks: Sequence[Check], parts: Mapping[str, Any], error: Error) -> None:
    """The funds a check's condition reads (``FONDO("nome")``) are funds the regulation knows: paid by a part of the
    premium, by [risultato_po], weighed by [posizioni] or constituted by [[fondi]]. A name none of them writes is a
    fund the year would never have (or a slip of the pen: the nearest is said)."""
    known = {pr.fund for pr in (parts.get("premium"), *(parts.get("parts") or ())) if pr is not None}
    known |= {rp.fund for rp in parts.get("result_pays") or ()}
    known |= {block.fund for block in (parts.get("positions"),) if block is not None}
    known |= {f.name for f in parts.get("funds") or ()}
    known |= {p.fund for p in (parts.get("progressions"),) if p is not None and p.fund is not None}
    named = sorted(funds.said(name) for name in known)
    for i, check in enumerate(checks):
        for node in nodes(check.condition.tree):
            if isinstance(node, Call) and node.fn == "FONDO" and node.args and isinstance(node.args[0], Text):
                name = node.args[0].value
                if funds.code_of(name) not in known:
                    error(
                        f"controlli[{i}].condizione",
                        f"FONDO({fmt.quoted(name)}): il regolamento non paga da questo fondo e non lo costituisce"
                        f"{nearest(name, named)}; fondi del regolamento: {', '.join(named) or 'nessuno'}",
                        "regolamento.valore",
                    )


def constituted(declared: Sequence[Fund], parts: Mapping[str, Any], error: Error) -> None:
    """Each fund of [[fondi]] is named once, paid by a part of the premium or by [risultato_po], never owed (an owed
    fund is what its parts pay) nor the fund of [posizioni] (weighed on the amount of ente.toml)."""
    premiums = [pr for pr in (parts.get("premium"), *(parts.get("parts") or ())) if pr is not None]
    pw: PositionWeighting | None = parts.get("positions")
    paying = {pr.fund for pr in premiums} | {rp.fund for rp in parts.get("result_pays") or ()}
    progressions: Progressions | None = parts.get("progressions")
    if progressions is not None and progressions.fund is not None:
        paying.add(progressions.fund)
    seen: set[str] = set()
    for i, f in enumerate(declared, 1):
        where, said = f"fondi[{i}].nome", fmt.quoted(funds.said(f.name))
        if f.name in seen:
            error(where, f"il fondo {said} è già costituito da un altro blocco [[fondi]]", "regolamento.valore")
        seen.add(f.name)
        owed = [pr.name for pr in premiums if isinstance(pr, Part) and pr.owed and pr.fund == f.name]
        if owed:
            error(
                where,
                f"la parte «{owed[0]}» paga importi dovuti (dovuto = true): il suo fondo è la somma di ciò che paga, "
                f"non si costituisce con una formula; togli il fondo {said} da [[fondi]] o dovuto dalla parte",
                "regolamento.valore",
            )
        elif pw is not None and pw.fund == f.name:
            error(
                where,
                f"il fondo {said} è quello di [posizioni], che pesa le posizioni sull'importo di [fondi] in ente.toml: "
                "scrivilo lì",
                "regolamento.valore",
            )
        elif f.name not in paying:
            named = sorted(funds.said(name) for name in paying)
            error(
                where,
                f"nessuna parte del premio né [risultato_po] paga dal fondo {said}{nearest(funds.said(f.name), named)}",
                "regolamento.valore",
            )


def progression_limits(pr: Progressions, error: Error) -> None:
    """How many are selected is said (places, a share, or resources with each candidate's cost), and the resources
    match the graduatorie: one amount for the ente's one, an amount per graduatoria for several."""
    funded = pr.resources is not None or bool(pr.resources_by_ranking) or pr.fund is not None
    if pr.places is None and pr.share is None and not pr.places_by_ranking and not funded:
        error(
            "progressioni",
            "manca quanti sono selezionati: posti (es. posti = 3), quota del personale in servizio (es. quota = 0.3) "
            "o le risorse con il costo di ciascuno (risorse o fondo, e costo)",
            "regolamento.manca",
        )

    if funded and pr.cost is None:
        error(
            "progressioni.costo",
            "con le risorse serve il costo della progressione di ciascuno (es. costo = '=750 €')",
            "regolamento.manca",
        )
    if pr.cost is not None and not funded:
        error(
            "progressioni.risorse",
            "il costo di ciascuno si confronta con le risorse: manca risorse (es. risorse = 12000.00) o il fondo che "
            'le dà (es. fondo = "progressioni")',
            "regolamento.manca",
        )
    several = pr.rankings == "categoria"
    if several and pr.resources is not None:
        error(
            "progressioni.risorse",
            'con graduatorie = "categoria" le risorse si scrivono per graduatoria: risorse_graduatorie = '
            '{ "C" = 3000, "D" = 4500 }',
            "regolamento.valore",
        )
    if not several and pr.resources_by_ranking:
        error(
            "progressioni.risorse_graduatorie",
            'le risorse per graduatoria valgono con graduatorie = "categoria"; con una sola graduatoria: risorse',
            "regolamento.valore",
        )
    ranking_places(pr, error)


def ranking_places(pr: Progressions, error: Error) -> None:
    """``posti_graduatorie``: the places of each graduatoria, with one graduatoria per category, instead of ``posti``
    or ``quota`` (one limit, said once)."""
    if not pr.places_by_ranking:
        return
    if pr.rankings != "categoria":
        error(
            "progressioni.posti_graduatorie",
            'i posti per graduatoria valgono con graduatorie = "categoria"; con una sola graduatoria: posti',
            "regolamento.valore",
        )
    for written, key in ((pr.places, "posti"), (pr.share, "quota")):
        if written is not None:
            error(
                f"progressioni.{key}",
                f"i posti sono scritti due volte: {key} = {written} e posti_graduatorie; lascia posti_graduatorie "
                "se ogni graduatoria ha i suoi posti",
                "regolamento.valore",
            )


def progression_fund(pr: Progressions, parts: Mapping[str, Any], error: Error) -> None:
    """The resources from a fund (``fondo``) are not also written as an amount, nor a fund that pays a premium (its
    money would be spent twice); with a graduatoria per category the fund is the ceiling of the amounts of
    ``risorse_graduatorie``, which must then be written."""
    if pr.fund is None:
        return
    paying = [p for p in (parts.get("premium"), *(parts.get("parts") or ()), *(parts.get("result_pays") or ())) if p]
    if pr.fund in {p.fund for p in paying} | {b.fund for b in (parts.get("positions"),) if b is not None}:
        error(
            "progressioni.fondo",
            f"il fondo {fmt.quoted(funds.said(pr.fund))} paga già i premi o le posizioni: le progressioni hanno un "
            "fondo loro (nel foglio fondo, una destinazione alle progressioni con il suo fondo_premi)",
            "regolamento.valore",
        )
    if pr.resources is not None:
        error(
            "progressioni.fondo",
            f"le risorse sono scritte due volte: risorse = {pr.resources} e fondo = {funds.said(pr.fund)}; lascia "
            "fondo se le risorse sono quelle che il fondo destina alle progressioni, risorse se sono un importo "
            "deciso a parte",
            "regolamento.valore",
        )
    if pr.rankings == "categoria" and not pr.resources_by_ranking:
        error(
            "progressioni.risorse_graduatorie",
            'con graduatorie = "categoria" le risorse si scrivono per graduatoria, e il fondo ne è il tetto: '
            'risorse_graduatorie = { "C" = 3000, "D" = 4500 }',
            "regolamento.manca",
        )


def positions(pw: PositionWeighting, error: Error) -> None:
    """Weights summing to exactly 100, codes written once and none a fixed column, a minimum not above the
    maximum."""
    total = sum((c.weight for c in pw.criteria), Decimal(0))
    if not pw.criteria:
        error("posizioni.criteri", "nessun criterio: la pesatura ne richiede almeno uno", "regolamento.manca")
    elif total != HUNDRED:
        error("posizioni.criteri", f"i pesi dei criteri sommano a {total}, non a 100", "regolamento.somma")
    seen: set[str] = set()
    for i, c in enumerate(pw.criteria):
        if c.code in seen:
            error(
                f"posizioni.criteri[{i}].codice",
                f"il codice {fmt.quoted(c.code)} è già scritto prima",
                "regolamento.valore",
            )
        if c.code in FIXED or c.code in HEADERS.values():
            error(
                f"posizioni.criteri[{i}].codice",
                f"{fmt.quoted(c.code)} è una colonna fissa di posizioni.csv ({SAID}): scegli un altro codice",
                "regolamento.valore",
            )
        seen.add(c.code)
    if not 1 <= pw.instalments <= 14:
        error("posizioni.rate", f"{pw.instalments} rate: da 1 a 14 l'anno", "regolamento.valore")
    if pw.bands:
        bands(pw, error)
    elif pw.minimum is None or pw.maximum is None:
        missing = " e ".join(k for k, v in (("minimo", pw.minimum), ("massimo", pw.maximum)) if v is None)
        error(
            f"posizioni.{missing.split()[0]}",
            f"manca {missing}: la retribuzione di posizione è in proporzione al valore tra un minimo e un massimo, "
            'o quella di una fascia (fasce = [ { da = 85, importo = "14000.00" }, … ])',
            "regolamento.manca",
        )
    elif pw.minimum > pw.maximum:
        error(
            "posizioni.minimo",
            f"il minimo {pw.minimum} supera il massimo {pw.maximum}: nessuna retribuzione possibile",
            "regolamento.soglie",
        )


def bands(pw: PositionWeighting, error: Error) -> None:
    """Bands from the highest, each value strictly below the one before, and no minimum or maximum beside them."""
    for name, value in (("minimo", pw.minimum), ("massimo", pw.maximum)):
        if value is not None:
            error(
                f"posizioni.{name}",
                f"con le fasce la retribuzione di posizione è l'importo della fascia: togli {name}",
                "regolamento.valore",
            )
    for i, (a, b) in enumerate(zip(pw.bands, pw.bands[1:]), start=1):
        if b.min >= a.min:
            error(
                f"posizioni.fasce[{i}].da",
                f"la fascia da {fmt.decimal_it(b.min)} punti non è sotto quella prima (da {fmt.decimal_it(a.min)}): "
                "scrivi le fasce dalla più alta alla più bassa",
                "regolamento.soglie",
            )


def result_fund(pw: PositionWeighting, rp: ResultPay | None, path: str, rp_broken: bool, error: Error) -> None:
    """The share of the fund for result pay goes to the entry of [[risultato_po]] split by position pay or, alone, by
    a formula (``rp``, at ``path``; None without one); an interim is paid only within the split."""
    if rp_broken:
        return  # said already
    if rp is None:
        if pw.interim is not None:
            error(
                "posizioni.interim",
                "l'interim si paga nella retribuzione di risultato (CCNL 21.5.2018 art. 15 c. 6; per le EQ, CCNL "
                "23.2.2026 art. 16 c. 5): servono "
                "quota_risultato e [risultato_po] con metodo = \"quota_posizione\"",
                "regolamento.manca",
            )
        elif pw.result_share > 0:
            error(
                "posizioni.quota_risultato",
                "una quota di risultato va a [risultato_po]: manca [risultato_po] con metodo = \"quota_posizione\" "
                "(o un [risultato_po] solo con metodo = \"formula\")",
                "regolamento.manca",
            )
        return
    if rp.method not in ("quota_posizione", "formula"):
        error(
            f"{path}.metodo",
            f"con [posizioni] la retribuzione di risultato è una quota del fondo per la retribuzione di posizione "
            f"pesata: metodo = \"quota_posizione\" o \"formula\" (che legge la retribuzione di posizione pesata), non "
            f"«{rp.method}»",
            "regolamento.valore",
        )
    elif rp.method == "formula" and pw.interim is not None:
        error(
            "posizioni.interim",
            "l'interim si paga dal fondo di risultato prima del suo riparto per quote delle posizioni: con una formula "
            "scrivi la misura dell'interim nella formula, o metodo = \"quota_posizione\"",
            "regolamento.valore",
        )
    if rp.fund == pw.fund:
        error(
            f"{path}.fondo",
            f"il fondo {fmt.quoted(rp.fund)} è quello di [posizioni]: la quota di risultato va in un fondo con un altro nome",
            "regolamento.valore",
        )


def acts(access: Access, calendar: tuple[Event, ...], error: Error) -> None:
    """Acts written once, each one ciclope knows (an [approvals] key of ente.toml, as code or Italian name) or
    the ``approvazione`` of an act of [[calendario]]: an unknown name would be an unknown act of ente.toml."""
    said = [*ACTS, *(ev.approval for ev in calendar if ev.approval)]  # as the office writes them, in Italian
    known = [*said, *ACTS.values()]  # the codes are read too, never offered
    for name in access.acts:
        if name not in known:
            error(
                "accesso.atti",
                f"atto {fmt.quoted(name)} sconosciuto{nearest(name, said)}: scrivi una chiave di [atti] di ente.toml "
                f"({', '.join(ACTS)}) o l'«approvazione» di un atto di [[calendario]]",
                "regolamento.valore",
            )
    if not access.acts:
        error("accesso.atti", "nessun atto: scrivi le chiavi di [atti] che aprono i premi", "regolamento.manca")
    for i, name in enumerate(access.acts):
        if name in access.acts[:i]:
            error("accesso.atti", f"l'atto {fmt.quoted(name)} è scritto due volte", "regolamento.valore")
