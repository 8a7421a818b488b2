"""The blocks of the positions and of what opens or bars the premiums read back as Italian sentences ([posizioni],
[accesso], [differenziazione], formato 2), beside :mod:`say.phrases`."""

from __future__ import annotations

from ciclope.core import fmt
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.acts import acts_said
from ciclope.plugins.regolamento.format.grades import word as grade_word
from ciclope.plugins.regolamento.format.spec import (
    ENTE_LIST,
    Access,
    Differentiation,
    Fund,
    PositionWeighting,
    Progressions,
    Regulation,
)
from ciclope.plugins.regolamento.format.wording import WHOEVER, criterion, each_of, joined, roles, the
from ciclope.plugins.regolamento.say.phrases import (
    Said,
    cap,
    euro,
    fund_name,
    fund_roles,
    note,
    num,
    said_formula,
    the_pct,
    typed,
    valued,
)


def pay_rule(block: PositionWeighting) -> str:
    """How the annual pay follows from the value: by bands, or in proportion between the minimum and maximum."""
    if not block.bands:
        assert block.minimum is not None and block.maximum is not None
        return (
            f"La retribuzione di posizione annua è in proporzione al valore della posizione, tra {euro(block.minimum)} "
            f"e {euro(block.maximum)}; una posizione vacante è valutata ma non pagata."
        )
    said = "; ".join(
        f"sotto {num(block.bands[i - 1].min)} punti {euro(b.amount)}"
        if i and not b.min
        else f"da {num(b.min)} punti {euro(b.amount)}"
        for i, b in enumerate(block.bands)
    )  # the last band from 0 as the text says it: «< 55: € 5.000»
    where = f" ({block.bands_source})" if block.bands_source and block.bands_source != block.source else ""
    below = "" if block.bands[-1].min == 0 else f"; sotto {num(block.bands[-1].min)} punti nulla"
    return (
        f"La retribuzione di posizione annua è quella della fascia che il valore della posizione raggiunge{where}: "
        f"{said}{below}. La somma delle fasce di tutte le posizioni sta nel fondo di posizione; una posizione vacante "
        "è valutata ma non pagata."
    )


def positions(block: PositionWeighting, regulation: Regulation) -> Said:
    criteria = "; ".join(f"{c.name} (colonna {c.code}), peso {num(c.weight)}" for c in block.criteria)
    one, many = _kind(block, regulation)
    lines = [
        f"Ogni posizione {one} è valutata su {len(block.criteria)} criteri, ciascuno da 1 a "
        f"{num(block.scale)}: {criteria}. Il valore della posizione è la somma di peso × valutazione / "
        f"{num(block.scale)}, da 0 a 100.",
    ]
    resources = cap(the(fund_name(block.fund, regulation)))
    if block.result_share:
        lines.append(
            f"{resources} paga posizione e risultato: {the_pct(block.result_share)} va alla retribuzione di "
            "risultato, il resto alla retribuzione di posizione."
        )
    else:
        lines.append(f"{resources} paga la retribuzione di posizione.")
    lines.append(pay_rule(block))
    if block.instalments > 1:
        lines.append(f"Si paga in {block.instalments} rate; l'ultima prende il resto dei centesimi.")
    if block.interim is not None:
        lines.append(
            f"Chi, già titolare di una posizione, ne copre ad interim una vacante riceve {the_pct(block.interim)} "
            "della retribuzione di posizione della posizione coperta (o la misura scritta per quell'interim), per i "
            "giorni dell'interim, nella retribuzione di risultato: dal fondo di risultato prima del suo riparto, e "
            "solo a chi riceve la retribuzione di risultato."
        )
    if block.holder_requirements is not None:
        lines.append(
            f"Il titolare deve avere i requisiti dell'incarico: {said_formula(block.holder_requirements)}; "
            "altrimenti la posizione non è pagata."
        )
    lines += note(block.note)
    return f"La pesatura delle posizioni {many}", lines, {f.name for f in block.__attrs_attrs__}


def _kind(block: PositionWeighting, regulation: Regulation) -> tuple[str, str]:
    """The positions' adjective, singular and plural: «organizzativa» for posts of PO / EQ, «dirigenziale» where
    the positions' result pays only dirigenti (a dirigente's post is no posizione organizzativa)."""
    if set(fund_roles(block.fund, regulation)) == {"dirigente"}:
        return "dirigenziale", "dirigenziali"
    return "organizzativa", "organizzative"


def progressions(block: Progressions, regulation: Regulation) -> Said:
    who = f"{WHOEVER} {said_formula(block.candidates)}" if block.candidates is not None else "ogni valutato"
    # «in ordine del punteggio (formula: …)», «in ordine di punteggio»: never «di il punteggio»
    order = joined("di", said_formula(block.order)) if block.order is not None else "di punteggio"
    base = "dei candidati" if block.share_of == "candidati" else "del personale in servizio"
    limits = []
    if block.places is not None:
        limits.append(f"fino a {block.places} posti")
    elif block.places_by_ranking:
        each = ", ".join(f"{name} {int(n)}" for name, n in block.places_by_ranking.items())
        limits.append(f"fino ai posti di ciascuna graduatoria ({each})")
    elif block.share is not None:
        limits.append(f"{the_pct(block.share, 'fino a')} {base} (per difetto)")
    if block.cost is not None:
        limits.append(
            f"fino a concorrenza {_resources(block, regulation)}, ciascuno per il costo della sua progressione, che "
            f"{valued(block.cost)} (al primo che non vi sta la selezione si ferma)"
        )
    places = fmt.listed(limits, commas=False)
    ties = _ties(block)
    each = (
        ", in una graduatoria per "
        + ("ciascuna categoria (o Area)" if regulation.grades is None else each_of(grade_word(regulation)))
        if block.rankings == "categoria"
        else ""
    )
    lines = [
        f"Per le progressioni economiche è candidato, {roles(block.roles, 'tra')}, {who}; i candidati sono "
        f"selezionati in ordine {order}, dal più alto, {places}{each}{ties}; i pari merito al limite sono esclusi.",
        *_year_written(block, regulation),
        *note(block.note),
    ]
    return "Le progressioni economiche", lines, {f.name for f in block.__attrs_attrs__}


def _year_written(block: Progressions, regulation: Regulation) -> list[str]:
    """Where the year of each one selected is written for next year (``colonna_anno``), with the column's meaning."""
    if block.year_column is None:
        return []
    meaning = next((f" ({c.meaning})" for c in regulation.columns if c.name == block.year_column and c.meaning), "")
    return [
        f"L'anno della progressione di ciascun selezionato è scritto nella colonna {block.year_column}{meaning} del "
        "modello dell'anno dopo."
    ]


def _ties(block: Progressions) -> str:
    """«; a parità, precede chi ha il valore più alto degli anni … (formula: …), poi il valore più basso dell'età in
    anni (formula: =-eta)»: each number from the highest, a negated one (``=-eta``) from the lowest."""
    said, before = [], None
    for formula in block.ties:
        words, highest = criterion(formula)
        text = f"{joined('di', words)}{typed(formula)}"
        said.append(text if highest == before else f"il valore più {'alto' if highest else 'basso'} {text}")
        before = highest
    return f"; a parità, precede chi ha {', poi '.join(said)}" if said else ""


def _resources(block: Progressions, regulation: Regulation) -> str:
    """«delle risorse di 12.000,00 €», «delle risorse del fondo «progressioni», come costituito per l'anno», or each
    graduatoria's: «delle risorse di ciascuna graduatoria (C 3.000,00 €, D 4.500,00 €, che insieme non superano il
    fondo «progressioni»)»; a fund [etichette] names by its label, as every document names it: «il fondo «Risorse
    per i differenziali stipendiali»»."""
    written = funds.said(block.fund) if block.fund is not None else ""
    labelled = written in regulation.labels
    fund = fund_name(written, regulation) if labelled else f"fondo {fmt.quoted(written)}" if written else ""
    if block.resources is not None:
        return f"delle risorse di {euro(block.resources)}"
    if not block.resources_by_ranking:
        return f"delle risorse del {fund}, come costituito per l'anno"
    each = ", ".join(f"{name} {euro(amount)}" for name, amount in block.resources_by_ranking.items())
    within = f", che insieme non superano il {fund}" if fund else ""
    return f"delle risorse di ciascuna graduatoria ({each}{within})"


def access(block: Access, regulation: Regulation) -> Said:
    acts = ", poi ".join(fmt.quoted(words) for words in acts_said(block.acts, regulation.calendar).values())
    when = [
        "dopo la fine dell'anno valutato" if block.after_year else "",
        "ciascuno non prima di quello che lo precede" if block.in_order and len(block.acts) > 1 else "",
    ]
    dated = ", ".join(x for x in when if x)
    one = len(block.acts) == 1
    which = f"l'atto {acts}, datato" if one else f"gli atti {acts}, datati"
    position = " (la retribuzione di posizione è pagata comunque)" if regulation.positions is not None else ""
    lines = [
        f"Nessun premio è calcolato senza {which}{' ' + dated if dated else ''}: senza, i fondi dei premi restano "
        f"interamente residui{position}."
    ]
    lines += note(block.note)
    return "Gli atti che aprono l'accesso ai premi", lines, {f.name for f in block.__attrs_attrs__}


def differentiation(block: Differentiation, regulation: Regulation) -> Said:
    if block.parts:
        which = "nelle parti " + ", ".join(f"«{name}»" for name in block.parts)
    elif regulation.parts:
        which = "in ogni parte del premio pagata per valutazione individuale"
    else:
        which = "nel premio individuale"
    grave = "un errore" if block.severity == "errore" else "un avviso"
    lines = [
        f"È vietata la distribuzione indifferenziata dei premi: {which}, con almeno {block.minimum} premiati, "
        f"tutti nello stesso livello o tutti con lo stesso importo (a meno di un centesimo) è {grave}."
    ]
    if block.top_share is not None:
        of = " di una parte" if regulation.parts else ""
        lines.append(
            f"Un livello che raccoglie più {the_pct(block.top_share, 'di')} dei premiati{of} è un avviso: "
            "differenziazione insufficiente."
        )
    lines += note(block.note)
    return "La differenziazione dei premi", lines, {f.name for f in block.__attrs_attrs__}


def fund(block: Fund, regulation: Regulation) -> Said:
    name = fund_name(block.name, regulation)
    uses = block.amount.uses
    units = "SOMMA.UNITA" in uses
    whole = any(c.table == ENTE_LIST and c.name in uses for c in regulation.columns)  # a datum of the ente itself
    people = not (units or whole) or any(str(fn).endswith(".ENTE") for fn in uses)
    held = [w for w, read in (("del personale", people), ("delle unità", units), ("dell'ente", whole)) if read]
    read = fmt.listed(held)
    lines = [
        f"Il {name} è costituito dal regolamento, non indicato dall'ente: il suo importo {valued(block.amount)}, "
        f"calcolato una volta per l'ente sui dati {read} prima della valutazione, per difetto al centesimo.",
        *note(block.note),
    ]
    return "I fondi costituiti dal regolamento", lines, {f.name for f in block.__attrs_attrs__}
