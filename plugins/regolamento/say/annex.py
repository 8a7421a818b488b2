"""The regulation read back for people (:mod:`say.articles`): by ``ciclope regolamento leggi FILE.toml`` and, for
every ente of the plugin, in the Relazione's annex «Allegato — Il sistema di valutazione dichiarato»."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import Problem, ReportSection, Result, cells, fmt, hookimpl
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.grades import CATEGORIES
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import HALF_UP, Part, Premium, Progressions, Regulation
from ciclope.plugins.regolamento.format.wording import at_par, criterion, dated, sentence
from ciclope.plugins.regolamento.pay import progressionlimits
from ciclope.plugins.regolamento.pay.parts import PARTS, RANKINGS
from ciclope.plugins.regolamento.pay.progressions import SELECTED, equals_words
from ciclope.plugins.regolamento.read.load import declared, load
from ciclope.plugins.regolamento.say.articles import articles, render

NONE = "—"  # a figure a table has not (a results.json written before it)
# what a graduatoria gathers, the head of its column in both tables: with [gradi], a declared grado
GROUP = {False: "Categoria (o Area)", True: "Grado"}
TITLE = "Allegato — Il sistema di valutazione dichiarato"


@hookimpl(specname="ciclope_regulation_text")
def regulation_text(path: str, markdown: bool) -> tuple[str, list[Problem]]:
    """The file at ``path`` as articles; an empty text and the file's problems when it does not read."""
    regulation, problems = load(path)
    if regulation is None:
        return "", list(problems)
    return render(regulation, markdown), list(problems)


MAGGIORAZIONE = "maggiorazione"  # the neutral name a layer gives the fund of its contract's maggiorazione


@hookimpl(specname="ciclope_report_sections")
def annex(result: Result) -> list[ReportSection]:
    """The regulation the ente applied, one row per article, so the reader of the Relazione can check the
    figures against the rules."""
    regulation = declared(result.params)
    if regulation is None:
        return []
    # a day the articles say without its year («in servizio al 31/12») is the cycle's: the annex is of one year; the
    # annex is read, so its articles say each formula's words without the formula as typed (Article.words).
    # The layers that ran for the ente are its comparto's (``ciclope_comparto``): one that names a fund
    # «maggiorazione» computes its contract's; none («altro», no comparto, a contract without one) leaves a part
    # marked so the ente's own
    national = any(layer.fund_named(MAGGIORAZIONE) != MAGGIORAZIONE for layer in result.plugin.layers)
    rows = tuple(
        (article.heading(n), dated(article.words, result.ente.year))
        for n, article in enumerate(articles(regulation, national), start=1)
    )
    out = [
        *fund_parts(result),
        *ranked_parts(result),
        *progressions(result, regulation),
        ReportSection(
            title=TITLE,
            columns=("Articolo", "Testo"),
            rows=rows,
            note=f"Il sistema di valutazione come lo dichiara il file del regolamento dell'ente e come ciclope lo "
            f"applica: «{regulation.act.title}». Ogni articolo cita la fonte dell'atto approvato.",
        ),
    ]
    said = readings(regulation)
    if said:
        out.append(
            ReportSection(
                title=READINGS_TITLE,
                columns=("Tema", "Lettura adottata", "Fonte"),
                rows=tuple(said),
                note="Dove il regolamento dichiarato e i contratti tacciono, la lettura che ciclope applica e la sua "
                "fonte; dove gli uffici possono scegliere diversamente, la scelta si scrive nel file del regolamento.",
            )
        )
    return out


READINGS_TITLE = "Letture adottate dove il regolamento tace"
READINGS = {
    "tempo_parziale": (
        "Retribuzione di posizione di un titolare a tempo parziale",
        "la retribuzione di posizione annua × il tempo lavorato (e la retribuzione di risultato calcolata su di "
        "essa), salvo che il regolamento dichiari il pagamento intero",
        "CCNL 22.1.2004 art. 11 (riproporzionamento); pareri ARAN RAL1669 e RAL1675; dal CCNL 16.11.2022 "
        "un'applicazione flessibile è ammessa (ARAN, fonte secondaria)",
    ),
    "tetto": (
        "Tetto delle prime fasce su più graduatorie",
        "le graduatorie occupano i posti delle prime fasce nell'ordine in cui il loro primo collocato compare "
        "nell'elenco del personale; raggiunto il tetto dell'ente, le graduatorie che seguono hanno meno posti "
        "(come il regolamento delle Comunità montane applicato da ciclope)",
        "il tetto si conta sul personale in servizio dell'ente (regolamento delle Comunità montane, art. 17.2); "
        "il testo non dice quale graduatoria cede il posto: lettura",
    ),
    "un_livello_sotto": (
        "Un livello sotto il più basso",
        "chi è al livello più basso e manca un requisito resta senza livello: non c'è un livello sotto",
        "il requisito fa «scendere di un livello»; sotto l'ultimo non ce n'è: lettura",
    ),
    "ridistribuisci": (
        "Residuo ridistribuito",
        "in proporzione ai premi dovuti (gli importi con il massimo pro capite), così restano le differenze che il "
        "regolamento stabilisce; i centesimi ai resti più alti, a parità al punteggio più alto",
        "regole comuni di ciclope, ripartizione proporzionale al centesimo: lettura",
    ),
    "quota_fondo": (
        "Centesimi delle quote del fondo tra le parti",
        "ogni parte riceve fondo × quota, al centesimo con il metodo dei resti più alti; a parità di resto il "
        "centesimo va alla parte scritta prima; ciò che nessuna quota prende resta residuo",
        "regole comuni di ciclope: ripartizione proporzionale, resti più alti, parità secondo l'ordine della regola",
    ),
    # the regulations write «ogni importo arrotondato al centesimo per eccesso dal mezzo centesimo»: a part that divides
    # its fund by weights rounds down and gives the cents left to the largest remainders instead (rules/core.md §4),
    # or its shares would pass the fund or leave cents of it unpaid
    "centesimi_parte": (
        "Centesimi di un fondo diviso in proporzione tra le persone",
        "la quota di ciascuno è calcolata esatta e arrotondata per difetto al centesimo; i centesimi che restano, al più "
        "uno a persona, vanno alle quote con i resti più alti, a parità di resto al punteggio più alto (dove la parte "
        "valuta), poi in ordine di codice: il premio, o la sua parte, paga esattamente ciò che ha da dividere, mentre "
        "arrotondare ogni quota per eccesso dal mezzo centesimo potrebbe superarlo o lasciarne dei centesimi",
        "regole comuni di ciclope: ripartizione proporzionale al centesimo con il metodo dei resti più alti, parità "
        "secondo l'ordine della regola",
    ),
    # a part that writes ``arrotondamento = "matematico"`` says how its shares come to the cent; it does not say what
    # becomes of shares so rounded that would pass the fund: they are split as a formula part's amounts are
    "matematico": (
        "Importi arrotondati con l'arrotondamento matematico che supererebbero il fondo",
        "dove il regolamento arrotonda ogni quota al centesimo per eccesso da mezzo centesimo, i centesimi che restano "
        "non sono pagati e restano residui; se così arrotondate le quote di una parte (o di una sua graduatoria) "
        "superano ciò che essa ha da dividere, sono ripartite al centesimo con il metodo dei resti più alti, a parità "
        "di resto al punteggio più alto (dove la parte valuta), poi in ordine di codice: nessun fondo è superato per "
        "un arrotondamento",
        "regole comuni di ciclope: ogni fondo è rispettato al centesimo; il testo non dice come si rientri nel fondo: "
        "lettura",
    ),
    "importi_formula": (
        "Centesimi degli importi calcolati con una formula",
        "ogni importo al centesimo, per eccesso da mezzo centesimo; se così arrotondati gli importi di una parte (o "
        "le retribuzioni di risultato) superano il loro fondo mentre quelli esatti vi stanno, sono ripartiti al "
        "centesimo con il metodo dei resti più alti, a parità al punteggio più alto: nessun fondo è superato per un "
        "arrotondamento",
        "regole comuni di ciclope: ogni fondo è rispettato al centesimo; lettura",
    ),
    "concorrenza": (
        "Progressioni fino a concorrenza delle risorse",
        "i candidati sono selezionati nell'ordine della graduatoria finché il costo di ciascuno sta nelle risorse "
        "rimaste; al primo che non vi sta la selezione si ferma, anche se un candidato che segue, con un costo minore, "
        "vi starebbe; i pari merito sono selezionati tutti insieme o nessuno",
        "la selezione è per graduatoria (CCNL 16.11.2022 art. 14, progressioni economiche all'interno delle aree; "
        "fonte secondaria); il testo non dice se si possa scorrere oltre chi non vi sta: lettura",
    ),
}


def readings(reg: Regulation) -> list[tuple[str, str, str]]:
    """The readings that matter to this regulation: those of the blocks it declares."""
    premiums = reg.premiums
    wanted = {
        "tempo_parziale": reg.positions is not None and reg.positions.part_time == "proporzionale",
        "tetto": any(p.top_cap is not None and getattr(p, "rankings", "ente") != "ente" for p in premiums),
        "un_livello_sotto": reg.levels is not None
        and any(r.effect == "un_livello_sotto" for r in reg.levels.requirements),
        "ridistribuisci": any(p.residual == "ridistribuisci" for p in premiums),
        "quota_fondo": any(getattr(p, "fund_share", None) is not None for p in premiums),
        "centesimi_parte": any(divides(p) for p in premiums),
        "matematico": any(getattr(p, "rounding", None) == HALF_UP for p in premiums),
        "importi_formula": any(p.method == "formula" for p in premiums)
        or any(rp.method == "formula" for rp in reg.result_pays),
        "concorrenza": reg.progressions is not None and reg.progressions.cost is not None,
    }
    return [READINGS[k] for k, on in wanted.items() if on]


# the methods that divide the fund by each one's weight (money.split): a formula pays its own amounts, said apart
# («importi_formula»), and a maximum per person makes ``livelli`` pay capped amounts, no division
DIVIDING = frozenset({"proporzionale", "fasce", "migliori"})


def divides(pr: Premium) -> bool:
    """Whether the premium divides its fund among people in proportion to the cent by largest remainder (not a part
    that rounds each share half-up, ``arrotondamento = "matematico"``: its text says how)."""
    if isinstance(pr, Part) and pr.rounding == HALF_UP:
        return False
    return pr.method in DIVIDING or (pr.method == "livelli" and pr.maximum is None)


def fund_parts(result: Result) -> list[ReportSection]:
    """Each fund divided among parts (``quota_fondo``): each part's share and amount, and what it paid, so the OIV
    sees the 40/60 split of the fund before the graduatorie divide each part. A fund's allocation, not anyone's pay;
    internal all the same, as every section of this plugin."""
    rows = result.rewards.extra.get(PARTS) if result.rewards is not None else None
    if not rows:
        return []
    labels = result.plugin.status_labels
    # a part with a condition (ammesso) says how many it admitted and left out; the columns only where one has one
    conditioned = any("refused" in r for r in rows)
    short = any("short" in r for r in rows)  # a quota formula that left some of a part's nominal share unassigned
    taken = _set_aside(rows)
    table = tuple(
        (fmt.fund(r["fund"], _pool_label(result, r["fund"]), labels), r["part"], _share(r["share"], r.get("set_aside_from"), r.get("residual_of", ())),
         *((taken.get((r["fund"], r["part"]), NONE),) if taken else ()),
         fmt.Money(r["amount"]), fmt.Money(r["paid"]), fmt.Money(Decimal(r["amount"]) - Decimal(r["paid"])),
         *((r.get("admitted", NONE), r.get("refused", NONE)) if conditioned else ()),
         *((r.get("short", NONE),) if short else ()))
        for r in rows
    )  # fmt: skip
    counts = ("Ammessi dalla condizione", "Non ammessi dalla condizione") if conditioned else ()
    aside = ("Accantonato per altre parti",) if taken else ()
    return [
        ReportSection(
            title="Parti dei fondi",
            columns=(
                "Fondo",
                "Parte",
                "Quota del fondo",
                *aside,
                "Importo della parte",
                "Pagato",
                "Non pagato",
                *counts,
                *(("Non assegnato alla parte",) if short else ()),
            ),
            rows=table,
            note="I fondi divisi tra più parti del premio: la quota di ciascuna parte (fondo × quota, al centesimo con "
            "il metodo dei resti più alti, più ciò che le parti precedenti le hanno lasciato; una parte accantonata "
            "riceve ciò che le serve, tolto prima dalla parte da cui è accantonata), ciò che ha pagato e ciò che non "
            "ha pagato, che resta nel fondo o va alla parte che il regolamento indica."
            + (ASIDE_NOTE if taken else "")
            + (COUNTS_NOTE if conditioned else "")
            + (SHORT_NOTE if short else ""),
        )
    ]


# what the column of what a quota formula left unassigned says, after the table's note
SHORT_NOTE = (
    " Non assegnato alla parte: quanto la formula della quota toglie alla quota nominale della parte (la percentuale "
    "fissa che la formula moltiplica): fondo × quota nominale, al centesimo, meno l'importo della parte; resta nel "
    "residuo del fondo."
)


# what the column of the amounts set aside says, after the table's note
ASIDE_NOTE = (
    " Accantonato per altre parti: ciò che le parti accantonate hanno preso dalla parte, prima da ciò che essa non ha "
    "pagato e, solo se non basta, dalla sua quota, che allora è divisa di nuovo; l'importo della parte è la sua quota "
    "meno l'accantonato."
)


def _set_aside(rows: list[dict[str, Any]]) -> dict[tuple[str, str], fmt.Money]:
    """Of each part that others are set aside from, by fund and part, the sum of their amounts: what its own amount
    lost before its riparto (a set-aside part receives what it needs, taken first from its source)."""
    out: dict[tuple[str, str], Decimal] = {}
    for r in rows:
        if source := r.get("set_aside_from"):
            key = (r["fund"], source)
            out[key] = out.get(key, Decimal(0)) + Decimal(r["amount"])
    return {k: fmt.Money(v) for k, v in out.items()}


# what the two counts of a part with a condition say, after the table's note
COUNTS_NOTE = (
    " Per una parte con una condizione di partecipazione: le persone dei suoi ruoli che la condizione ammette (anche "
    "chi è poi escluso, che riceve 0) e quelle che lascia fuori, ciascuna con il motivo nel foglio «Premi» delle "
    f"{fmt.WORKBOOK} (uso interno)."
)


def _pool_label(result: Result, fund: str) -> str:
    pool = result.ledger.pools.get(fund)
    return getattr(pool, "label", "") or ""


def _share(share: Any, aside_from: str | None = None, residual_of: Sequence[str] = ()) -> fmt.Share | str:
    """A part's share, a percentage (a number in % format in the workbook, «40,00%» in the pages); for a part set
    aside, the part it is set aside from («accantonata dalla parte «quota individuale»», never «0,00%» beside its
    amount), and so for a part whose only money is what others did not pay («solo il non pagato della parte
    «interim»»); «—» for a part with no share of its own."""
    if aside_from:
        return f"accantonata dalla parte {fmt.quoted(aside_from)}"
    if residual_of:
        parts = fmt.listed([fmt.quoted(name) for name in residual_of])
        return f"solo il non pagato {'della parte' if len(residual_of) == 1 else 'delle parti'} {parts}"
    if share is None:
        return NONE
    return fmt.Share(str(share))


def ranked_parts(result: Result) -> list[ReportSection]:
    """Each graduatoria of the parts paid in several (a structure's own fund, a category's share): what it had, on
    how many its share was weighed, how many it lists and pays, and what it paid, so the OIV sees the fund of each
    structure the explanations split. Internal only: a graduatoria may be one person's premium."""
    rows = result.rewards.extra.get(RANKINGS) if result.rewards is not None else None
    if not rows:
        return []
    table = tuple(
        (r["part"], r["ranking"], r.get("counted", NONE), r["people"], r["paid_people"], fmt.Money(r["fund"]),
         fmt.Money(r["paid"]), fmt.Money(Decimal(r["fund"]) - Decimal(r["paid"])))
        for r in rows
    )  # fmt: skip
    return [
        ReportSection(
            title="Graduatorie dei premi",
            columns=(
                "Parte",
                "Graduatoria",
                "Contate nel riparto",
                "Ammesse al premio",
                "Con un premio",
                "Fondo della graduatoria",
                "Pagato",
                "Residuo",
            ),
            rows=table,
            note="Le parti del premio divise in più graduatorie: la quota del fondo di ciascuna (come la calcola il "
            "riparto tra le graduatorie), le persone contate nel riparto (tutto il personale in servizio dei ruoli "
            "della parte, anche chi poi non vi riceve un premio perché non valutato o escluso: la sua quota resta nella "
            "graduatoria, divisa tra gli altri dove la parte divide la sua quota, nel residuo dove una formula paga "
            "meno), quelle ammesse al premio (valutate e non escluse), quelle che ricevono un premio e ciò che resta. "
            "Documento interno: una graduatoria può essere di una o due persone.",
        )
    ]


def progressions(result: Result, regulation: Regulation) -> list[ReportSection]:
    """The selection for the progressioni economiche ([progressioni]): how many, from how many, then the graduatoria
    itself, by name (the internal documents only: every section of this plugin stays off the published Relazione)."""
    found = result.rewards.extra.get("progressioni_detail") if result.rewards is not None else None
    pr = regulation.progressions
    if not found or pr is None:
        return []
    rows: list[tuple[str, Any]] = [("Personale in servizio dei ruoli", found["staff"])]
    if found["limit"] is not None:
        rows.append(("Posti", found["limit"]))
        if len(found["graduatorie"]) == 1:  # one graduatoria: how its places are counted (of several: their table)
            ranking = found["graduatorie"][0]
            rows.append(("Calcolo dei posti", _places_count(pr, ranking)))
    if found.get("fillable") not in (None, found["limit"]):  # a graduatoria with fewer candidates than places
        rows.append(("Posti che i candidati possono occupare", found["fillable"]))
    rows += [("Candidati", len(found["candidates"])), ("Selezionati", len(found["selected"]))]
    rows += _resources_rows(found)
    if found.get("resources") is not None:
        rows.append(("Costo dei selezionati", fmt.Money(found["spent"])))
        # what is left, as the published table says it: of the fund where there is one, else of the resources
        held = found["fund"][1] if found.get("fund") is not None else found["resources"]
        rows.append(("Residuo", fmt.Money(Decimal(held) - Decimal(found["spent"]))))
    cited = str(cite(regulation, pr.source))  # a source naming another act as written (format.sources.cite)
    funded = " fino a concorrenza delle risorse" if found.get("resources") is not None else ""
    out = [
        ReportSection(
            title="Progressioni economiche",
            columns=("Voce", "Valore"),
            rows=tuple(rows),
            note=f"Selezione per graduatoria{funded}, esclusi i pari merito al limite ({cited}).{_places_note(result, regulation, found)}",
        )
    ]
    if pr.rankings == "categoria" and found["graduatorie"]:
        out.append(_limits(result, regulation, found["graduatorie"], cited))
    if found["candidates"]:
        out.append(graduatoria(result, regulation, found["graduatorie"], cited))
    return out


def _resources_rows(found: dict[str, Any]) -> list[tuple[str, Any]]:
    """The fund the resources come from, by its label («Risorse per i differenziali stipendiali»), and the resources
    of the graduatorie only where they are not the whole fund: one row for one amount."""
    rows: list[tuple[str, Any]] = []
    fund = found.get("fund")
    if fund is not None:
        words, amount = fund
        rows.append((words[:1].upper() + words[1:], fmt.Money(amount)))
    resources = found.get("resources")
    if resources is not None and (fund is None or Decimal(fund[1]) != Decimal(resources)):
        rows.append(("Risorse" if fund is None else "Risorse assegnate alle graduatorie", fmt.Money(resources)))
    return rows


def _places_count(pr: Progressions, ranking: dict[str, Any]) -> str:
    """How the places of a graduatoria are counted: «⌊50% × 8⌋ = 4: il 50% degli 8 candidati, per difetto»; a
    number the regulation writes, as it writes it."""
    said = progressionlimits.places_words(pr, ranking["base"], ranking["limit"])
    if ranking["places_said"] == str(ranking["limit"]):
        return said
    return f"{ranking['places_said']}: {said.partition(': ')[2]}"


def _limits(result: Result, regulation: Regulation, rankings: list[dict[str, Any]], cited: str) -> ReportSection:
    """Each graduatoria of a category (or grade): its staff, its places and how they are computed, its resources,
    candidates, selected and what they cost; so that one left out reads how many places and how much money the
    graduatoria had."""
    funded = any(r["resources"] is not None for r in rankings)
    pr = regulation.progressions
    # a quota of the candidates: their count is the base, said once in «Candidati»; else the staff is the base
    of_candidates = pr is not None and pr.share_of == "candidati"
    # the places a number (the workbook sums it), «—» where only the resources limit; a quota's computation beside it
    computed = any(r["limit"] is not None and r["places_said"] != str(r["limit"]) for r in rankings)
    rows = tuple(
        (
            _ranking_name(result, regulation, r["name"]),
            *(() if of_candidates else (r["base"],)),
            r["places_said"] if r["limit"] is None else r["limit"],
            *((r["places_said"],) if computed else ()),
            *((fmt.Money(r["resources"] or 0),) if funded else ()),
            len(r["ranked"]),
            sum(1 for row in r["ranked"] if row["outcome"] == SELECTED),
            *((fmt.Money(r["spent"]),) if funded else ()),
        )
        for r in rankings
    )
    base = "dei candidati" if of_candidates else "del personale in servizio dei ruoli"
    return ReportSection(
        title="Graduatorie delle progressioni",
        columns=(
            GROUP[regulation.grades is not None],
            *(() if of_candidates else ("Personale in servizio",)),
            "Posti",
            *(("Calcolo dei posti",) if computed else ()),
            *(("Risorse",) if funded else ()),
            "Candidati",
            "Selezionati",
            *(("Costo dei selezionati",) if funded else ()),
        ),
        rows=rows,
        note=f"Per ciascuna graduatoria: i posti (la quota, per difetto, {base} della graduatoria, dove il "
        f"regolamento la scrive) e le risorse che il regolamento le assegna ({cited}).",
    )


def _places_note(result: Result, regulation: Regulation, found: dict[str, Any]) -> str:
    """Where a graduatoria has fewer candidates than places, what the places the candidates can fill count (each
    graduatoria's places up to its candidates), and the graduatorie nobody is a candidate in (an Area that candidati
    leaves out), by name."""
    if found.get("fillable") in (None, found["limit"]):
        return ""
    empty = [
        _ranking_name(result, regulation, r["name"]) for r in found["graduatorie"] if r["name"] and not r["ranked"]
    ]
    none = f"; nessun candidato in: {', '.join(empty)}" if empty else ""
    return f" I posti che i candidati possono occupare sono, in ciascuna graduatoria, non più dei suoi candidati{none}."


def _ranking_name(result: Result, regulation: Regulation, name: str) -> str:
    """A graduatoria by its category as every document says it («Area degli Istruttori (ex categoria C)»), or by the
    grade of [gradi] as the file names it."""
    if regulation.grades is not None or name not in CATEGORIES:
        return name
    return result.plugin.category_label(name, result.ente.year)


# said where a graduatoria shows some numbers with more decimals than two
PARTED = (
    " I numeri che a due decimali sarebbero uguali ma non lo sono sono mostrati con i decimali che li distinguono: "
    "l'ordine è deciso dal numero non arrotondato."
)


# said under a graduatoria with rules for equals (:func:`_ties_shown`)
TIES_SHOWN = (
    " Il valore a parità è mostrato solo per chi ha lo stesso punteggio in graduatoria di un altro candidato, dove il "
    "criterio è stato applicato; «—» per gli altri."
)


def _ties_shown(row: dict[str, Any], ranked: list[dict[str, Any]], ties: Sequence[Formula]) -> list[Any]:
    """The values of the rules for equals of ``row``, each only where it was read: the candidate shares every number
    before it with another of the graduatoria (the rule ordered them, or left them equal); «—» elsewhere. A datum
    such as the age is personal: it is printed only where it decided something (docs/regolamento.md). Each as people
    read it (:func:`at_par`): the age, not its negative; a year as a year."""
    numbers = row["numbers"]
    shown: list[Any] = []
    for k, formula in enumerate(ties, start=1):
        read = any(r is not row and r["numbers"][:k] == numbers[:k] for r in ranked)
        shown.append(at_par(formula, cells.to_decimal(numbers[k])) if read else "—")
    return shown


def graduatoria(result: Result, regulation: Regulation, rankings: list[dict[str, Any]], cited: str) -> ReportSection:
    """Every candidate in the order of their graduatoria: place, name, the numbers that ranked them, outcome."""
    pr = regulation.progressions
    assert pr is not None
    # short headers, the criteria said in the note: a sentence as a header would make the table wider than the page
    criteria = ["Graduatoria"] if pr.order is not None else ["Punteggio"]
    ties = [criterion(f) for f in pr.ties]  # «=-eta»: the age, from the lowest: its column shows the age itself
    criteria += [f"A parità ({i})" if len(ties) > 1 else "A parità" for i, _ in enumerate(ties, 1)]
    said = [f"graduatoria: {sentence(pr.order)}"] if pr.order is not None else []
    said += [
        f"a parità{f' ({i})' if len(ties) > 1 else ''}: {words}{'' if highest else ', dal più basso'}"
        for i, (words, highest) in enumerate(ties, 1)
    ]
    several = pr.rankings == "categoria"
    funded = pr.cost is not None
    people = result.ente.people
    rows = tuple(
        (
            *((_ranking_name(result, regulation, ranking["name"]),) if several else ()),
            row["place"],
            f"{people[row['person']].name} ({row['person']})",
            # the graduatoria's number (or the score): two decimals, as a score, or the decimals that tell it apart
            # from an unequal number two decimals would show equal to it (pay.progressions)
            row.get("shown", fmt.Points(row["numbers"][0])),
            *_ties_shown(row, ranking["ranked"], pr.ties),
            *((fmt.Money(row["cost"]),) if funded else ()),
            row["outcome"],
        )
        for ranking in rankings
        for row in ranking["ranked"]
    )
    return ReportSection(
        title="Graduatoria delle progressioni",
        columns=(
            *((GROUP[regulation.grades is not None],) if several else ()),
            "Posto",
            "Persona",
            *criteria,
            *(("Costo",) if funded else ()),
            "Esito",
        ),
        rows=rows,
        note=f"I candidati in ordine di graduatoria, dal più alto: {equals_words(pr)} e, al limite dei "
        f"posti{' o delle risorse' if funded else ''}, sono tutti esclusi ({cited})."
        + (f" Le colonne: {'; '.join(said)}." if said else "")
        + (TIES_SHOWN if ties else "")
        + (PARTED if any("shown" in row for ranking in rankings for row in ranking["ranked"]) else "")
        + " Documento interno: l'elenco nominativo non si pubblica.",
    )
