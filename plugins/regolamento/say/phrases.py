"""The sentences of each block of a declared regulation, in Italian (:mod:`say.articles` puts them in articles).

Each writer takes a block and the regulation and returns the article's title, its sentences and the names of
the fields it said: every other field of the block is printed from the format's declarations, so a key
added to a block is read back even before a sentence is written for it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from ciclope.core import fmt
from ciclope.plugins.regolamento.format import funds, reach
from ciclope.plugins.regolamento.format.expr import Call, Formula, Num, Text, nodes
from ciclope.plugins.regolamento.format.grades import parameter as grade_parameter
from ciclope.plugins.regolamento.format.grades import word as grade_word
from ciclope.plugins.regolamento.format.methods import METHODS as PREMIUM_METHODS
from ciclope.plugins.regolamento.format.methods import time_read_by
from ciclope.plugins.regolamento.format.spec import (
    ENTE_LIST,
    INDICATOR_TYPES,
    METHODS,
    RESULT_PART,
    Card,
    Check,
    Column,
    Definition,
    Event,
    Exclusion,
    Grades,
    GradeWeights,
    IndicatorRule,
    Levels,
    Part,
    Premium,
    Reduction,
    Regulation,
    Requirement,
    ResultPay,
    Score,
    Status,
    Step,
    Weights,
)
from ciclope.plugins.regolamento.format.wording import (
    IN_SCOPE,
    PLURAL,
    ROLE_GROUP,
    feminine,
    fund_words,
    joined,
    of_unit,
    own_labels,
    plural,
    role_groups,
    role_names,
    roles,
    sentence,
    the,
    who,
    word,
)
from ciclope.plugins.regolamento.pay import reductions as cuts
from ciclope.plugins.regolamento.read.columns import bound_said
from ciclope.plugins.regolamento.say.codes import STATUS_LABELS

COMPONENT = {
    "card": "la scheda di valutazione",
    "unit": "il raggiungimento degli obiettivi {unit} × 100",
    "ente": "la performance organizzativa dell'ente × 100",
    "dashboard": "il cruscotto personale × 100",
    "objectives": "il raggiungimento degli obiettivi individuali e di gruppo × 100",
}
COMPARTO = {"funzioni_locali": "Funzioni Locali"}  # as the contracts name it («CCNL Funzioni Locali»)
ENTE_KIND = {
    "unione": "Unione di Comuni",  # the Unione of the TUEL, art. 32: «unione» alone names no kind of ente
    "comunita_montana": "comunità montana",
    "citta_metropolitana": "città metropolitana",
    # an organismo strumentale of a Comune (D.Lgs. 267/2000 art. 114 c. 2): no ente of its own, its staff the Comune's
    "istituzione_comunale": "istituzione comunale (D.Lgs. 267/2000, art. 114)",
    "camera_di_commercio": "camera di commercio",
    "universita": "università",
    # a conservatorio, an accademia di belle arti, an ISIA (L. 508/1999): of the comparto Istruzione e Ricerca
    "istituzione_afam": "istituzione di alta formazione artistica, musicale e coreutica (AFAM)",
    "azienda_sanitaria": "azienda sanitaria",
    "autorita": "autorità indipendente",
    "agenzia": "agenzia (regionale o nazionale)",
    "ente_di_ricerca": "ente di ricerca",
    "azienda_servizi_persona": "azienda pubblica di servizi alla persona",
    # an istituzione pubblica di assistenza e beneficenza (L. 6972/1890 and the regional laws) not turned into an ASP
    "ipab": "istituzione pubblica di assistenza e beneficenza (IPAB)",
    "ente_parco": "ente parco",
    "ordine_professionale": "ordine o collegio professionale",
    "ente_pubblico": "ente pubblico",
    "societa": "società in controllo pubblico",
    "altro": "un tipo diverso da quelli che il formato distingue",
}
FUNDS = {
    "performance_individuale": "dei premi per la performance individuale",
    "performance_organizzativa": "dei premi per la performance organizzativa",
    "risultato_po": "della retribuzione di risultato delle PO / EQ",
    "po_total": "delle risorse per posizione e risultato delle PO / EQ",  # [fondi] risorse_po
}
# the funds of :data:`FUNDS` that name the PO / EQ, as the regulation's groups say them (:func:`role_groups`)
PO_FUNDS = {
    "risultato_po": "della retribuzione di risultato {}",
    "po_total": "delle risorse per posizione e risultato {}",
}
PHASE = {"premialita": "premialità"}
YEAR = {"precedente": "dell'anno precedente", "ciclo": "dell'anno del ciclo", "successivo": "dell'anno successivo"}
HUNDRED = Decimal(100)
PARTS = {  # a part of the score after «in»
    "scheda": "nella scheda di valutazione",
    "unita": "nel raggiungimento degli obiettivi {unit}",
    "ente": "nella performance organizzativa dell'ente",
    "cruscotto": "nel cruscotto personale",
}

Said = tuple[str, list[str], set[str]]


def num(value: Decimal) -> str:
    """0.60 → «0,6», 60 → «60», 1500 → «1.500»: as few decimals as the number needs."""
    return fmt.decimal_it(value.normalize())


def euro(value: Decimal) -> str:
    """An amount as the rest of ciclope writes it, and as a formula's amount is said: «€ 1.300,00»."""
    return fmt.euro(value)


def pct(share: Decimal) -> str:
    """0.25 → «25%»."""
    return f"{num(share * HUNDRED)}%"


def the_pct(share: Decimal, prep: str = "") -> str:
    """A percentage with its article, as Italian says it: «il 25%», «l'8%», «l'11%», «lo 0%»; after ``prep``
    («di», «a», «fino a»), joined: «del 25%», «dell'80%», «fino allo 0%»."""
    said = pct(share)
    whole = said.rstrip("%").split(",")[0].replace(".", "")  # the integer part, as it is read aloud
    if whole == "0":
        article = "lo "
    elif whole in ("1", "11") or whole.startswith("8"):  # uno, undici, otto, ottanta, ottocento: l'
        article = "l'"
    else:
        article = "il "
    return joined(prep, article + said)


def count(n: int, one: str, many: str) -> str:
    """«1 voce», «3 voci»."""
    return f"{n} {one if n == 1 else many}"


def preamble(regulation: Regulation) -> str:
    """The act: the kind of ente, the date, the comparto and the note."""
    act = regulation.act
    parts = [f"Tipo di ente: {ENTE_KIND.get(act.kind, word(act.kind))}."]
    if act.date is not None:
        parts.append(f"Approvato il {fmt.date_it(act.date)}.")
    if act.comparto == "altro":
        parts.append("Il contratto dell'ente non è un comparto che ciclope applica: nessuna regola nazionale.")
    elif act.comparto:
        comparto = COMPARTO.get(act.comparto, word(act.comparto))
        parts.append(f"Comparto {comparto}: vi si applica il contratto nazionale in vigore.")
    parts += note(act.note)
    return " ".join(parts)


def _formula(w: Weights | GradeWeights, kind: str) -> str:
    terms = [
        f"{pct(getattr(w, name))} × {said.format(unit=of_unit(kind))}"  # a weight 0–1 as the file says it: 60%
        for name, said in COMPONENT.items()
        if getattr(w, name)
    ]
    return " + ".join(terms) if terms else "0"


def _unit_kind(reg: Regulation) -> str:
    """The kind of the person's unit as the file writes it (``tipo_unita``: «settore»), "" when it names none."""
    return reg.score.unit_kind if reg.score is not None else ""


def _cited(source: str, own: str) -> str:
    return f" ({source})" if source and source != own else ""


def score(block: Score, regulation: Regulation) -> Said:
    lines = []
    weighted = [(r, w) for r, w in (("dipendente", block.staff), ("po", block.po), ("dirigente", block.dirigente),
                                     ("segretario", block.segretario)) if w is not None]  # fmt: skip
    for role, w in weighted:
        lines.append(
            f"Per {role_groups(regulation.labels)[role]} il punteggio è {_formula(w, block.unit_kind)}{_cited(w.source, block.source)}."
        )
        lines += note(w.note)
    for g in block.grades:
        lines.append(
            f"Per {roles(g.roles, '', role_groups(regulation.labels))} {_grades_of(g.grades, regulation)} il punteggio è {_formula(g, block.unit_kind)}"
            f"{_cited(g.source, block.source)}."
        )
        lines += note(g.note)
    if not lines:
        # on the regulation's own scale where it has one: the points its thresholds are written in
        top = num(block.scale) if block.scale is not None else "100"
        lines.append(f"Il punteggio è quello della scheda di valutazione, da 0 a {top}.")
    if block.unit_kind:
        lines.append(
            f"L'unità del punteggio è l'unità di tipo «{block.unit_kind}» che la persona dirige o, altrimenti, la più "
            "vicina di quel tipo risalendo dalla sua unità."
        )
    if block.unmeasured_unit == "sposta":
        lines.append(
            "Se l'unità non ha un risultato misurato, il suo peso passa agli obiettivi individuali e di gruppo "
            "misurati o, se non ce ne sono, alla scheda di valutazione."
        )
    if block.scale is not None:
        lines.append(
            f"Il regolamento scrive i punteggi su {num(block.scale)} punti: le soglie di questo testo sono su "
            f"{num(block.scale)}, il punteggio è calcolato anche su 100."
        )
    elif others := [
        r for r in regulated(regulation) if r not in dict(weighted) and not any(r in g.roles for g in block.grades)
    ]:
        # the roles neither weights nor grades said, named (never «gli altri»: after the categories of the staff it
        # would read as the staff's other categories, which a table must cover); none said: the card is everyone's.
        # Only roles the regulation evaluates or pays: a university's has neither dirigenti nor a segretario
        if len(others) < len(regulated(regulation)):
            lines.append(
                f"Per {roles(others, '', role_groups(regulation.labels))} il punteggio è quello della scheda di valutazione, da 0 a 100."
            )
    lines += note(block.note)
    said = {"staff", "po", "dirigente", "segretario", "grades", "note", "scale", "unit_kind", "unmeasured_unit"}
    return "Il punteggio individuale", lines, said


def regulated(regulation: Regulation) -> tuple[str, ...]:
    """The roles the regulation evaluates or pays, in :data:`ROLE_GROUP`'s order: those of its cards (every role
    without one), of the parts of its premium and of [risultato_po]."""
    cards = [r for c in regulation.cards for r in c.roles] if regulation.cards else list(ROLE_GROUP)
    paid = [r for p in regulation.premiums for r in p.roles]
    result = list(regulation.result_roles)
    return tuple(r for r in ROLE_GROUP if r in {*cards, *paid, *result})


def _grades_of(names: Sequence[str], regulation: Regulation) -> str:
    """«della categoria D», «delle categorie A, B e C»; with [gradi], «del grado Q1», «dei gradi …», or in the
    contract's word, «dell'area B», «delle aree …»."""
    named = grade_word(regulation)
    one, many = joined("di", the(named)), joined("di", the(plural(named)))
    if len(names) == 1:
        return f"{one} {names[0]}"
    return f"{many} {fmt.listed(names)}"


def cards(block: Card, regulation: Regulation) -> Said:
    items = []
    for it in block.items:
        weight = f", peso {num(it.weight)}" if it.weight is not None else ""
        items.append(f"«{it.item}» ({it.section}), fino a {num(it.max_points)} punti{weight}")
    whose = roles(block.roles, "di", role_groups(regulation.labels)) + (
        f" {_grades_of(block.grades, regulation)}" if block.grades else ""
    )
    lines = [f"La scheda {whose} ({block.source}) ha {count(len(items), 'voce', 'voci')}: {'; '.join(items)}."]
    if block is regulation.cards[-1]:
        lines.append(
            "Il punteggio della scheda è 100 × la somma dei punti di ogni voce sul suo massimo, per il suo peso "
            "(se non è scritto, il massimo), diviso la somma dei pesi."
        )
    lines += note(block.note)
    return "Le schede di valutazione", lines, {"roles", "grades", "items", "note"}


def scale(regulation: Regulation) -> Decimal | None:
    """[punteggio] su: the scale the file writes its score thresholds on (None: 0–100)."""
    return regulation.score.scale if regulation.score is not None else None


def _on(regulation: Regulation) -> str:
    """« su 200» after points of a scale of the file's own ([punteggio] su other than 100), else nothing: a threshold
    the file does not write (the default 60) is still in its points, and the reader is told of which scale."""
    own = scale(regulation)
    return f" su {num(own)}" if own is not None and own != HUNDRED else ""


# The formula as the file types it, beside its words, between two marks no text has: ``regolamento leggi``, where the
# office checks its file against the act, prints it in its parenthesis; the Relazione's annex, which is read, drops
# it with its parenthesis and says the words alone (:attr:`say.articles.Article.words`).
TYPED_OPEN, TYPED_CLOSE = "\ue000", "\ue001"
# before a sentence, the start of a paragraph of its article (each of several parts): a line of its own
PARAGRAPH = "\n"


def typed(formula: Formula, label: str = "formula: ") -> str:
    """« (formula: =…)» after a formula's words, marked as the formula as typed (:data:`TYPED_OPEN`)."""
    return f"{TYPED_OPEN} ({label}{formula}){TYPED_CLOSE}"


def pts(value: Decimal | Formula, regulation: Regulation) -> str:
    """A score threshold as the file writes it, in points of the regulation's own scale; a threshold written as a
    formula as its sentence and its text."""
    if isinstance(value, Formula):
        return f"{sentence(value)}{typed(value, '')}"
    return num(value)


def _ladder(steps: Sequence[Step], reg: Regulation) -> str:
    said = "; ".join(f"«{word(s.name)}» {_from(s.min, reg)}" for s in steps)
    last = steps[-1].min
    if isinstance(last, Formula):
        return f"{said}; sotto quella soglia nessun livello"
    return f"{said}; sotto {pts(last, reg)} punti nessun livello" if last else said


def _from(threshold: Decimal | Formula, reg: Regulation) -> str:
    """«da 90 punti»; a threshold of the year, «dalla media del punteggio nell'ente più 1 (formula: …)» (in points
    too, but «punti» after a sum would read «più 1 punti»)."""
    if isinstance(threshold, Formula):
        return f"{joined('da', sentence(threshold))}{typed(threshold)}"
    return f"da {pts(threshold, reg)} punti"


def levels(block: Levels, regulation: Regulation) -> Said:
    lines = [f"I livelli di valutazione, dal più alto: {_ladder(block.ladder, regulation)}."]
    for role in ("dipendente", "po", "dirigente", "segretario"):
        steps = getattr(block, "staff" if role == "dipendente" else role)
        if steps:
            lines.append(f"Per {role_groups(regulation.labels)[role]}: {_ladder(steps, regulation)}.")
        elif steps is not None:  # an empty scale of its own: the role is evaluated without levels
            lines.append(
                f"Per {role_groups(regulation.labels)[role]} nessun livello: il punteggio non li colloca in una scala."
            )
    if block.formula is not None:
        lines.append(f"Il livello {valued(block.formula, amount=False)}.")
    else:
        lines.append("Il livello si legge sul punteggio arrotondato a due decimali.")
    lines += [_requirement(r, regulation) for r in block.requirements]
    lines += note(block.note)
    return "I livelli di valutazione", lines, {"ladder", "staff", "po", "dirigente", "segretario", "note",
                                               "requirements", "formula"}  # fmt: skip


def said_formula(formula: Formula) -> str:
    """A formula as an article says it: the sentence, then the formula as the file writes it; a formula that is a
    number alone («=2500 €») is said by its sentence only, which already says the whole of it («€ 2.500,00»)."""
    if isinstance(formula.tree, Num):
        return sentence(formula)
    return f"{sentence(formula)}{typed(formula)}"


def said_who(formula: Formula) -> str:
    """The people a condition holds for as an article says them («chi ha meno di 90 giorni di servizio nell'anno»),
    then the formula as the file writes it."""
    return f"{who(formula)}{typed(formula)}"


def valued(formula: Formula, amount: bool = True) -> str:
    """What a value «is», as an article says it: a choice «si determina così: se …, allora …» (never «è se …»), an
    amount or a weight «è pari al …» (never «è i mesi …»), a level «è il livello …»."""
    text = said_formula(formula)
    if text.startswith("se "):
        return f"si determina così: {text}"
    return joined("è pari a", text) if amount else f"è {text}"


def _requirement(r: Requirement, regulation: Regulation) -> str:
    section = r.part.split(":", 1)[1].strip() if r.part.startswith("sezione:") else ""
    part = f"nella parte «{word(r.part)}»"
    if section:
        part = f"nella sezione «{section}» della scheda"
    elif r.part in PARTS:
        part = PARTS[r.part].format(unit=of_unit(_unit_kind(regulation)))
    effect = "scende di un livello" if r.effect == "un_livello_sotto" else "non ha livello"
    who = "" if set(r.roles) == set(ROLE_GROUP) else f" (per {roles(r.roles, '', role_groups(regulation.labels))})"
    top = _section_max(section, r.roles, regulation) if section else None
    least = (
        f"almeno {num(r.min * top / HUNDRED)} punti su {num(top)}"
        if top is not None
        else f"almeno {the_pct(r.min / HUNDRED)} del massimo"
    )
    return f"Chi non raggiunge {least} {part} {effect}, qualunque sia il punteggio{who} ({r.source})."


def _section_max(section: str, for_roles: Sequence[str], regulation: Regulation) -> Decimal | None:
    """The points of a section of the declared cards of the roles, when every card of them says the same."""
    found = {
        sum((i.max_points for i in c.items if i.section == section), Decimal(0))
        for c in regulation.cards
        if set(c.roles) & set(for_roles) and any(i.section == section for i in c.items)
    }
    return found.pop() if len(found) == 1 else None


def _exclusion(e: Exclusion, reg: Regulation) -> str:
    if e.rule == "assenze":
        who = f"chi ha più di {num(e.days or Decimal(0))} giorni di assenza nell'anno"
    elif e.rule == "punteggio_minimo":
        who = f"chi ha un punteggio inferiore a {pts(e.min or Decimal(0), reg)}"
    elif e.rule == "insufficiente":
        who = "chi è dichiarato di insufficiente rendimento"
        who += f", che ha il livello «{word(e.level)}» qualunque sia il punteggio" if e.level else ""
    elif e.rule == "sanzione":
        who = f"chi ha avuto una sanzione disciplinare più grave di «{word(e.above or '')}»"
        who += f" (dalla più lieve: {', '.join(word(s) for s in e.scale)})" if e.scale else ""
    elif e.condition is not None:
        # «chi ha …», «chi rientra nel caso in cui …»: the list of the exclusions is opened by a colon already
        who = said_who(e.condition)
    else:
        least = the_pct(e.min or Decimal(0), "di")
        who = f"chi lavora in un'unità che ha raggiunto gli obiettivi per meno {least}"
        if _unit_kind(reg):  # the unit of the file's kind, said by its kind
            who = f"chi lavora dove gli obiettivi {of_unit(_unit_kind(reg))} sono raggiunti per meno {least}"
    if set(e.roles) != set(ROLE_GROUP):  # an exclusion limited to some roles: «per i dirigenti»
        who += f", per {roles(e.roles, '', role_groups(reg.labels))}"
    if e.parts:  # an exclusion limited to some parts of [[premi]]
        named = ", ".join(f"«{n}»" for n in e.parts)
        who += f", per la sola parte {named}" if len(e.parts) == 1 else f", per le sole parti {named}"
    elif len(reg.parts) > 1:  # every part it can apply to, named: a reader sees a part it was not meant for
        who += f", {_in_parts(reach.exclusion_parts(reg, e), bool(reg.result_roles & set(e.roles)))}"
    if e.status:  # as the documents read it: by the label the regulation gives it, else by its code in words
        who += f", con lo stato «{reg.labels.get(e.status) or word(e.status)}»"
    if e.hearing:  # below the minimum the outcome is not final without the contraddittorio (rules/core.md §5)
        who += ", ma solo dopo il contraddittorio con la persona"
    if e.synonyms:
        who += (
            " (nella colonna sanzione vale anche "
            + ", ".join(f"«{k}» per «{word(v)}»" for k, v in e.synonyms.items())
            + ")"
        )
    note = f"; {e.note}" if e.note else ""
    return f"{who} ({e.source}{note})"


def exclusions(block: Exclusion, regulation: Regulation) -> Said:
    said = [_exclusion(e, regulation) for e in regulation.exclusions]
    first = block is regulation.exclusions[0]
    if len(said) == 1:  # one rule: no order to speak of
        lines = [f"Non accede al premio {said[0]}."]
    else:
        lines = [f"Non accedono al premio, nell'ordine, e vale la prima regola che si applica: {'; '.join(said)}."]
    return "Chi non accede al premio", lines if first else [], {
        "rule", "days", "min", "above", "scale", "note", "status", "synonyms", "level", "parts",
        "condition", "roles", "hearing"}  # fmt: skip


def _brackets(r: Reduction, regulation: Regulation) -> str:
    unit = cuts.unit_of(regulation, r)
    said = []
    for b in r.brackets:
        span = f"da {num(b.start)} a {num(b.end)}{unit}" if b.end is not None else f"da {num(b.start)}{unit} in su"
        cut = (
            "nessuna riduzione"
            if not b.cut
            else ("nessun premio" if b.cut == 1 else f"riduzione {the_pct(b.cut, 'di')}")
        )
        said.append(f"{span}, {cut}")
    return "; ".join(said)


def _in_parts(parts: Sequence[Part], result: bool = False) -> str:
    """«nella parte «a»», «nelle parti «a» e «b»»: where a rule applies, by the parts' names, and in the result pay
    (``result``: «nelle parti «a», «b» e nella retribuzione di risultato», the parts by commas alone before it)."""
    quoted = [f"«{p.name}»" for p in parts]
    names = ", ".join(quoted) if result else fmt.listed(quoted)
    said = f"nella parte {names}" if len(parts) == 1 else f"nelle parti {names}" if parts else ""
    if result:
        return f"{said} e nella retribuzione di risultato" if said else "nella retribuzione di risultato"
    return said or "in nessuna parte"


def _reduced(
    parts: Sequence[Part], result: bool, groups: Mapping[str, str], paid: Collection[str] = ("po",), named: bool = False
) -> str:
    """Who a reduction reduces, as the sentence's subject: the premium, the ``parts`` it reduces (named where it names
    them, ``named``, or where the premium has more than one), the result pay (``result``: ``risultato_po``) of the
    roles [[risultato_po]] pays (``paid``) by the regulation's names of their groups (``groups``: :func:`role_groups`),
    or both."""
    which = f" {_in_parts(parts)}" if parts and named else ""
    if not result:
        return f"Il premio{which} è ridotto"
    said = f"la retribuzione di risultato {roles([r for r in ROLE_GROUP if r in paid] or ['po'], 'di', groups)}"
    return f"Il premio{which} e {said} sono ridotti" if parts else f"{said[0].upper()}{said[1:]} è ridotta"


def reductions(block: Reduction, regulation: Regulation) -> Said:
    first = block is regulation.reductions[0]
    lines = []
    if first:
        for r in regulation.reductions:
            reduced = reach.reduction_parts(regulation, r) if r.parts != (RESULT_PART,) else []
            named = bool(r.parts) or len(regulation.parts) > 1
            result = RESULT_PART in r.parts
            subject = _reduced(reduced, result, role_groups(regulation.labels), regulation.result_roles, named)
            if r.formula is not None:
                lines.append(
                    f"{subject} di una quota che {valued(r.formula, amount=False)}, tenuta tra 0% e 100% ({r.source})."
                )
            else:
                what = {
                    "assenze": "i giorni di assenza nell'anno",
                    "quota_tempo": "il tempo lavorato (1 è il tempo pieno)",
                }
                said = what.get(r.measure) or cuts.label_of(regulation, r)[0]
                lines.append(f"{subject} secondo {said} ({r.source}): {_brackets(r, regulation)}.")
            if RESULT_PART in r.parts:
                lines.append("Ciò che la riduzione toglie alla retribuzione di risultato resta non pagato.")
            if r.parts == (RESULT_PART,):
                pass  # no part of the premium: where its savings go says nothing
            elif isinstance(r.savings, Formula):
                lines.append(
                    f"Ciò che la riduzione toglie va ai colleghi dello stesso gruppo: il gruppo di ciascuno "
                    f"{valued(r.savings, amount=False)}; i tagli di ogni gruppo sono divisi tra chi la parte paga nel "
                    "gruppo, in proporzione al premio dopo le riduzioni."
                )
            elif r.savings == "residuo":
                lines.append("Ciò che la riduzione toglie resta residuo della parte.")
            elif r.savings != "ripartite":
                lines.append(f"Ciò che la riduzione toglie va alla parte «{r.savings}».")
            else:
                lines += _shared_cuts(r, regulation)
            lines += note(r.note)
        lines += _one_after_another(regulation)
    return "Le riduzioni del premio", lines, {"measure", "brackets", "formula", "note", "parts", "savings"}


def _one_after_another(reg: Regulation) -> list[str]:
    """How two reductions of one part add up, said only where some part (or the result pay) is cut by two or more
    blocks: for every part, or naming the parts so cut when not all are."""
    names = [getattr(p, "name", "premio") for p in reg.premiums]
    if any(RESULT_PART in r.parts for r in reg.reductions):
        names.append(RESULT_PART)
    twice = [n for n in names if sum(n in r.parts or (not r.parts and n != RESULT_PART) for r in reg.reductions) > 1]
    product = "più riduzioni si applicano una dopo l'altra: premio × (1 − prima) × (1 − seconda)."
    if not twice:
        return []
    if len(twice) == len(names):
        return [f"P{product[1:]}"]
    named = [f"«{n}»" for n in twice if n != RESULT_PART]
    # «Nelle parti «a» e «b»»; before «e nella retribuzione di risultato», the parts by commas alone
    listed = ", ".join(named) if RESULT_PART in twice else fmt.listed(named)
    where = f"Nella parte {listed}" if len(named) == 1 else f"Nelle parti {listed}"
    if RESULT_PART in twice:
        result = "nella retribuzione di risultato"
        where = f"{where} e {result}" if named else result[0].upper() + result[1:]
    return [f"{where} {product}"]


def _shared_cuts(r: Reduction, reg: Regulation) -> list[str]:
    """Where the cuts of a reduction that leaves them to the split (``economie = "ripartite"``) end, when every part
    it reduces says the same: the colleagues, where the fund is divided by weights (a reduced weight weighs less); the
    fund's residual, or the others in proportion, under a maximum per person. Else nothing (``explain --pool`` shows
    it)."""
    reduced = [p for p in reg.premiums if not r.parts or getattr(p, "name", "") in r.parts]
    ends = {_cut_end(p) for p in reduced if PREMIUM_METHODS[p.method].part_time}
    return [f"Ciò che la riduzione toglie {ends.pop()}."] if len(ends) == 1 and "" not in ends else []


def _cut_end(p: Premium) -> str:
    """Where what a reduction takes from ``p`` ends: the words after «Ciò che la riduzione toglie», or "" where the
    method does not tell it by itself (the bands, a budget, a formula's amount)."""
    if p.maximum is not None:
        if p.residual == "ridistribuisci":
            return "va agli altri, in proporzione ai premi dovuti con il massimo pro capite"
        return "resta non distribuito, nel residuo del fondo: il premio ha un massimo pro capite"
    if p.method not in ("proporzionale", "livelli"):
        return ""
    where = " della stessa parte" if isinstance(p, Part) else ""
    if getattr(p, "rankings", "ente") != "ente":
        where += " e della stessa graduatoria"
    return f"va ai colleghi{where}: la quota ridotta pesa meno nella divisione del fondo"


def statuses(block: Status, regulation: Regulation) -> Said:
    when = (
        said_who(block.when)
        if block.when is not None
        else f"chi ha «{block.name}» nella colonna stato dell'elenco del personale"
    )
    lines = [
        f"Lo stato «{block.label}» ({block.source}) è di {when}: non è valutato e il suo premio si calcola con il "
        f"coefficiente {num(block.coefficient)} al posto della valutazione.",
        *note(block.note),
    ]
    return "Gli stati dichiarati", lines, {"name", "label", "coefficient", "when", "note"}


def grades(block: Grades, regulation: Regulation) -> Said:
    """The grades in the contract's word ([gradi] parola): «Le categorie del CCNL Sanità: …», «I gradi del …»; the
    column of the people's list keeps its header, «grado»."""
    of = joined("di", the(block.contract)) if block.contract else "del contratto dell'ente"
    word, named = block.word.strip(), grade_word(regulation)
    many = the(plural(named))
    one = "quella" if feminine(named) else "quello"
    lines = [
        f"{many[:1].upper()}{many[1:]} {of}: {', '.join(block.names)}; la colonna grado dell'elenco del personale "
        f"dice {one} di ciascuno{_grade_tables(regulation)}.",
        *([f"Il contratto chiama un grado «{word}»: i documenti dicono «{word} {block.names[0]}»."] if word else []),
        *note(block.note),
    ]
    return f"{many[:1].upper()}{many[1:]} del contratto", lines, {"names", "contract", "word", "note"}


def _grade_tables(reg: Regulation) -> str:
    """«, e le tabelle per grado del regolamento li nominano» (per categoria … le nominano) where there are some: a
    part's parametri, the score's weights by grade, the progressions' places or resources by graduatoria."""
    premiums = (reg.premium, *reg.parts) if reg.premium is not None else reg.parts
    pr = reg.progressions
    tables = (
        any(p.grade_factors for p in premiums)
        or (reg.score is not None and bool(reg.score.grades))
        or (pr is not None and bool(pr.places_by_ranking or pr.resources_by_ranking))
    )
    named = grade_word(reg)
    return f", e le tabelle per {named} del regolamento {'le' if feminine(named) else 'li'} nominano" if tables else ""


COLUMN_KINDS = {
    "numero": "un numero",
    "euro": "un importo in euro",
    "giorni": "un numero di giorni",
    "percentuale": "una percentuale",
    "punti": "un punteggio sulla scala del regolamento",
    "testo": "un testo",
    "sì/no": "sì o no",
    "data": "una data",
    "anno": "un anno",
}
# each list a column may be of: what its sentence says of it, what it adds, and how a title names it
COLUMN_LISTS = {
    "persone": ("dell'elenco del personale dice, per ciascuno,", "", "delle persone"),
    "unità": (
        "dell'elenco delle unità dice, per ciascuna unità,",
        "; per chi vi lavora vale quello della sua unità o, se manca, dell'unità sopra",
        "delle unità",
    ),
    "incarichi": (
        "dell'elenco degli incarichi dice, per ciascun incarico,",
        "; la legge, incarico per incarico, l'importo di una parte che paga per incarico",
        "degli incarichi",
    ),
    "progetti": (
        "dell'elenco dei progetti dice, per ciascun progetto,",
        "; la legge, incarico per incarico, l'importo di una parte che paga per incarico, per il progetto che "
        "l'incarico nomina",
        "dei progetti",
    ),
    ENTE_LIST: (
        "dell'ente, scritto una volta per tutto l'ente, dice",
        "; vale per tutti e si legge in ogni formula, anche in un fondo o in una soglia",
        "dell'ente",
    ),
}
COLUMN_WORDS = {ENTE_LIST: ("Il dato", "lo")}  # a list's own noun and pronoun for its column, else «La colonna … la»
COLUMN_TITLES = {"persone": "I dati per persona dichiarati"}  # one list's own title, else «I dati … dichiarati»


def columns(block: Column, regulation: Regulation) -> Said:
    of, whose, _ = COLUMN_LISTS[block.table]
    noun, pronoun = COLUMN_WORDS.get(block.table, ("La colonna", "la"))
    kind = f"{COLUMN_KINDS[block.kind]}{_bounds(block)}"
    if block.blank is not None:  # what an empty cell is, as the cells write it: «una cella vuota vale 0»
        kind += f"; una cella vuota vale {bound_said(block, block.blank)}"
    # a meaning that ends in its own parenthesis («… (0-5 punti)») takes the kind inside it, never «(…) (…)»
    what = f"{block.meaning[:-1]}; {kind})" if block.meaning.endswith(")") else f"{block.meaning} ({kind})"
    if block.kind == "sì/no":  # a condition: said by the answer it gives
        what = f"sì o no: {block.meaning}"
    lines = [
        f"{noun} {block.name} {of} {what}{whose}; le formule {pronoun} leggono con il nome {block.name}.",
        *allowed(block.values),
        *note(block.note),
    ]
    # one title for the article of every column, by the lists they belong to
    lists = [name for name in COLUMN_LISTS if any(c.table == name for c in regulation.columns)]
    if len(lists) == 1:
        title = COLUMN_TITLES.get(lists[0], f"I dati {COLUMN_LISTS[lists[0]][2]} dichiarati")
    else:
        said = [COLUMN_LISTS[name][2] for name in lists]
        title = f"I dati dichiarati, {fmt.listed(said)}"
    return title, lines, {"name", "kind", "meaning", "table", "values", "lowest", "highest", "blank", "note"}


def _bounds(block: Column) -> str:
    """A column's ``minimo`` and ``massimo`` as its cells write them, after its kind: « da 0 a 100», « fino a 30»."""
    low, high = (None if b is None else bound_said(block, b) for b in (block.lowest, block.highest))
    if low is not None and high is not None:
        return f" da {low} a {high}"
    if low is not None:
        return f" da {low} in su"
    return f" fino a {high}" if high is not None else ""


def definitions(block: Definition, regulation: Regulation) -> Said:
    """«La definizione «tariffa» (la tariffa per turno della categoria) vale: se …, allora € 40,00, altrimenti €
    30,00 (formula: =SE(…)); le formule la leggono con il nome «tariffa».»: its name in guillemets, as ``explain``
    says it beside its words (:attr:`Defined.label`); a condition is what it «vale», never «è se …», any other value
    what it «è» («è 130 se il grado è «IV», …», «è il punteggio diviso 3»)."""
    words = f" ({block.description})" if block.description else ""
    text = said_formula(block.formula)
    value = f"vale: {text}" if text.startswith("se ") else f"è {text}"
    lines = [
        f"La definizione «{block.name}»{words} {value}; le formule la leggono con il nome «{block.name}».",
        *note(block.note),
    ]
    return "Le formule con un nome", lines, {"name", "formula", "description", "note"}


def allowed(values: Sequence[str]) -> list[str]:
    """The words a text column admits (``valori``), as a sentence of its article."""
    return [f"Valori ammessi: {', '.join(f'«{v}»' for v in values)}."] if values else []


# The group a check's .GRUPPO functions read, by its ``per``: the ente, each evaluator's people, a graduatoria.
CHECK_GROUPS = {"persona": "nell'ente", "valutatore": "tra le persone dello stesso valutatore",
                "graduatoria": "nella graduatoria", "ente": "nell'ente"}  # fmt: skip
# When a check is made, by its stage (Check.stage): on the evaluations, once the funds are constituted, once paid.
CHECK_WHEN = {"dati": "", "fondi": "costituiti i fondi dell'anno e prima di pagarli, ",
              "premio": "una volta pagate le parti del premio, "}  # fmt: skip


def checks(block: Check, regulation: Regulation) -> Said:
    per = {"persona": "per ogni persona", "valutatore": "per le persone di ogni valutatore",
           "graduatoria": "per le persone di ogni graduatoria",
           "ente": "una volta per l'ente"}[block.per]  # fmt: skip
    who = f" ({roles(block.roles, '', role_groups(regulation.labels))})"
    if block.per == "ente":  # the roles say whom its functions over people read, if it has any
        who = (
            f" (le funzioni sulle persone leggono {roles(block.roles, '', role_groups(regulation.labels))} valutati)"
            if block.condition.cohort
            else ""
        )
    grave = "un errore" if block.severity == "errore" else "un avviso"
    condition = said_formula(block.condition).replace(IN_SCOPE["GRUPPO"], CHECK_GROUPS[block.per])
    for name in read_funds(block.condition):  # each fund by its name in this regulation: its label, a known fund's
        condition = condition.replace(
            f"l'importo del {fund_words(name)}", f"l'importo del {fund_name(name, regulation)}"
        )
    shown = " con i valori letti" if block.per == "ente" else ""
    lines = [
        f"Il regolamento controlla, {CHECK_WHEN[block.stage]}{per}{who}, che {condition}; "
        f"altrimenti {grave}: «{block.message}»{shown}.",
        *note(block.note),
    ]
    return "I controlli del regolamento", lines, {"condition", "per", "severity", "message", "roles", "note"}


def note(text: str) -> list[str]:
    """A block's ``nota`` as a sentence of its article."""
    if not text:
        return []
    return [f"Nota: {text}" + ("" if text.rstrip()[-1:] in ".;:!?" else ".")]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fund_name(name: str, regulation: Regulation | None = None) -> str:
    """A fund of ente.toml as people read it: «fondo dei premi per la performance individuale»; a fund of the
    ente's own by its label in [etichette], which is the fund's own when it says «fondo» («Fondo per la
    produttività»), else the name of the fund («fondo «Premi correlati alla performance individuale»»: a label is a
    title, never a noun of the sentence, «Le vanno tutti i Premi…»); else by the name every document gives a fund
    without a label (:func:`fmt.fund`, docs/regolamento.md): ``premialita_comparto`` is «Fondo premialità comparto»
    in the annex as in the Relazione's tables, never «fondo «premialità comparto»» beside it."""
    labels = regulation.labels if regulation is not None else {}
    if name in labels:
        label = labels[name]
        return label if _FUND_WORD.match(label) else f"fondo «{label}»"
    if name in PO_FUNDS:  # «delle PO / EQ», «delle EQ» in the words of the contract of the year
        return f"fondo {PO_FUNDS[name].format(roles(fund_roles(name, regulation), 'di', role_groups(labels)))}"
    if name in FUNDS:
        return f"fondo {FUNDS[name]}"
    return fmt.fund(funds.said(name))  # «fondo_dirigenza» is «Fondo dirigenza», never «Fondo fondo …»


def read_funds(formula: Formula) -> list[str]:
    """The funds a formula reads with ``FONDO("…")``, by their keys, each once."""
    named = [n.args[0] for n in nodes(formula.tree) if isinstance(n, Call) and n.fn == "FONDO" and n.args]
    return list(dict.fromkeys(funds.code_of(t.value) for t in named if isinstance(t, Text)))


def fund_roles(name: str, regulation: Regulation | None) -> tuple[str, ...]:
    """The roles a fund of the positions' result pays, as the regulation writes them: those of the [[risultato_po]]
    paid from it, or, for the fund of [posizioni], of the entry its ``quota_risultato`` feeds (or of every entry);
    the PO / EQ where the regulation says none (a fund of «dirigenti» is never said «delle EQ»)."""
    if regulation is None:
        return ("po",)
    paying = [rp for rp in regulation.result_pays if rp.fund == name]
    if not paying and regulation.positions is not None and regulation.positions.fund == name:
        fed = regulation.position_result
        paying = [fed] if fed is not None else list(regulation.result_pays)
    said = tuple(dict.fromkeys(role for rp in paying for role in rp.roles))
    return said or ("po",)


_FUND_WORD = re.compile(r"(?i)((il|lo|l')\s*)?fondo\b")  # a label that names the fund as one: «Fondo per …»


def _fund(name: str, reg: Regulation | None = None) -> str:
    """The fund with its article: «il fondo dei premi …», a label of [etichette] with the article it takes."""
    return the(fund_name(name, reg))


def paid_share(p: Premium, reg: Regulation | None = None) -> str:
    """«la quota pagata»; with ``reg``, what it is made of for this premium, as the premium's figure says it: «(il
    tempo lavorato × i giorni di servizio / i giorni dell'anno × (1 − la riduzione per i giorni di assenza))»; ""
    where it is 1 for everyone (paid whole at part time, without days of service): a sentence then leaves it out,
    never «× 1»."""
    said = "la quota pagata" if p.part_time == "proporzionale" or p.prorate else ""
    pieces = ["il tempo lavorato"] if p.part_time == "proporzionale" else []
    pieces += ["i giorni di servizio / i giorni dell'anno"] if p.prorate else []
    if reg is not None:  # the reductions that weigh in the split (their cut goes to the colleagues)
        cut = [red for red in reg.reductions if cuts.applies(red, p, shared=True)]
        pieces += [
            "(1 − la riduzione" + ("" if red.formula else f" per {the(cuts.label_of(reg, red)[0])}") + ")"
            for red in cut
        ]
    if reg is None or not pieces:
        return said
    return f"la quota pagata ({' × '.join(pieces)})" if said or len(pieces) > 1 else f"la quota pagata {pieces[0]}"


def times(factor: str) -> str:
    """`` × factor``, or nothing for no factor."""
    return f" × {factor}" if factor else ""


def in_proportion(*factors: str) -> str:
    """«in proporzione al punteggio × la quota pagata (…)» of the factors there are; «in parti uguali» for none."""
    said = " × ".join(f for f in factors if f)
    if not said:
        return "in parti uguali"
    for article, joined_to in (("il ", "al "), ("la ", "alla ")):
        if said.startswith(article):
            return f"in proporzione {joined_to}{said.removeprefix(article)}"
    return f"in proporzione a {said}"


def _method(p: Premium, reg: Regulation) -> list[str]:
    share = paid_share(p, reg)
    factors = "; ".join(f"{k} {num(v)}" for k, v in p.grade_factors.items())
    by_grade = f"il {grade_parameter(reg)} ({factors})" if factors else ""
    if p.method == "proporzionale":
        unit = f"il raggiungimento degli obiettivi {of_unit(_unit_kind(reg))}" if p.by_unit else ""
        # a part's own weight (``peso``, said by the part) stands where the score would
        weighed = isinstance(p, Part) and p.weight is not None
        first = "il peso di ciascuno" if weighed else ("" if not p.evaluation else "il punteggio")
        how = in_proportion(first, share, unit, by_grade)
        if not p.evaluation:
            return [f"{cap(_fund(p.fund, reg))} è diviso {unscored(p, reg=reg)}: {how}."]
        return [f"{cap(_fund(p.fund, reg))} è diviso {how}."]
    if p.method == "soglie":
        return [_thresholds(p, reg)]
    if p.method == "livelli":
        return [_levels_premium(p, by_grade, reg)]
    if p.method == "fasce":
        return _bands(p, reg)
    return []  # a method of a newer block (a part's «migliori»): said by its own writer


def unscored(p: Premium, prep: str = "tra", reg: Regulation | None = None) -> str:
    """Whom a premium that reads no evaluation (``valutazione = false``) pays: «tra tutto il personale in servizio
    (…)» after «diviso», «a tutto …» after «pagata»; with ``reg``, but whom an exclusion that applies to it leaves out
    («valutato o no, tranne chi è escluso per assenze (art. 7 c. 2)»), never «tutto il personale» beside a 0 € of
    theirs."""
    but = _but_excluded(p, reg) if reg is not None else ""
    # with a condition (``ammesso``) only whom it admits: the condition is said next, «Partecipa alla parte solo …»
    if isinstance(p, Part) and p.admitted_if is not None:
        to = "solo a chi" if prep == "a" else "tra chi"
        return (
            f"{to}, nel personale in servizio ({roles(p.roles)}), vi partecipa, valutato o no{but}, senza valutazione "
            "individuale"
        )
    everyone = joined(prep, "tutto il personale in servizio")
    return f"{everyone} ({roles(p.roles)}), valutato o no{but}, senza valutazione individuale"


def _but_excluded(p: Premium, reg: Regulation) -> str:
    """«, tranne chi è escluso per assenze (art. 7 c. 2) e …»: the exclusions that apply to the premium, as the pay
    stage applies them (every part unless ``parti`` names others, for the roles both pay), each by the outcome it
    gives and its article; "" for none."""
    applying = [
        e
        for e in reg.exclusions
        if (not e.parts or not isinstance(p, Part) or p.name in e.parts) and set(e.roles) & set(p.roles)
    ]
    said = []
    for e in applying:
        label = reg.labels.get(e.gives) or STATUS_LABELS.get(e.gives) or word(e.gives)
        who = f"chi è {label}" if label.startswith("escluso") else f"chi è escluso con lo stato «{label}»"
        said.append(f"{who} ({e.source})")
    return f", tranne {fmt.listed(said)}" if said else ""


def _thresholds(p: Premium, reg: Regulation) -> str:
    full, floor = pts(p.full or HUNDRED, reg), pts(p.floor or Decimal(0), reg)
    ratio = f"punti / {num(scale(reg) or HUNDRED)}" if scale(reg) is not None else "punteggio / 100"
    between = (
        f"in proporzione al punteggio ({ratio})"
        if p.between == "punteggio"
        else f"in misura lineare, da nulla a {floor} punti al premio intero a {full}"
    )
    return (
        f"Il premio massimo è {euro(p.maximum or Decimal(0))} a tempo pieno: spetta per intero da {full} punti; "
        f"tra {floor} e {full} punti {between}; sotto {floor} punti nulla."
    )


def _levels_premium(p: Premium, by_grade: str, reg: Regulation | None = None) -> str:
    by_grade = times(by_grade)
    coeff = "; ".join(
        f"«{word(k)}» {num(v)}"
        + (f" ({euro((p.maximum * v).quantize(Decimal('0.01')))})" if p.maximum is not None else "")
        for k, v in p.coefficients.items()
    )
    if p.maximum is not None:
        return f"Il premio è il coefficiente del livello × il massimo di {euro(p.maximum)} a tempo pieno: {coeff}."
    return (
        f"{cap(_fund(p.fund, reg))} è diviso in proporzione al coefficiente del livello{times(paid_share(p))}"
        f"{by_grade}: {coeff}."
    )


def _bands(p: Premium, reg: Regulation | None = None) -> list[str]:
    coefficients = any(b.coefficient is not None for b in p.bands)
    bands = "; ".join(
        f"«{b.name}» con {the_pct(b.staff)} del personale e "
        + (
            f"il coefficiente {num(b.per_capita)}"
            if coefficients
            else f"{the_pct(b.resources or Decimal(0))} delle risorse"
        )
        for b in p.bands
    )
    lines = [f"Il personale è collocato in fasce di merito per punteggio decrescente (i pari merito non si "
             f"dividono tra due fasce): {bands}."]  # fmt: skip
    if p.band_money == "per_fascia":
        within = "al tempo lavorato" if p.within_band == "quota_tempo" else f"al punteggio{times(paid_share(p))}"
        lines.append(
            f"A ogni fascia va la sua quota delle risorse del fondo, divisa tra chi vi è collocato in proporzione {within}."
        )
    elif coefficients:
        lines.append(f"{cap(_fund(p.fund, reg))} è diviso per il coefficiente della fascia{times(paid_share(p))}.")
    else:
        lines.append(f"{cap(_fund(p.fund, reg))} è diviso per il peso pro capite di ogni fascia (quota di "
                     f"risorse / quota di personale){times(paid_share(p))}.")  # fmt: skip
    if p.top_cap is not None:
        lines.append(
            f"Nella prima fascia (nelle prime due, con 4 o 5 fasce) al più {the_pct(p.top_cap)} del personale."
        )
    return lines


def premium(block: Premium, regulation: Regulation) -> Said:
    lines = [
        f"Il premio spetta {roles(block.roles, 'a', role_groups(regulation.labels))}.",
        *_method(block, regulation),
    ]
    if not PREMIUM_METHODS[block.method].part_time:  # equal shares, or amounts paid as written: no part time
        return "Il premio individuale", lines + instalments(block), covered_premium(block)
    if block.part_time == "proporzionale":
        lines.append("A tempo parziale il premio è in proporzione al tempo lavorato.")
    elif time_read_by(block) == "dell'importo":  # the amount's formula reads the hours: it says the rule
        lines.append("A tempo parziale il premio è quello della formula, che legge il tempo lavorato.")
    elif getattr(block, "weight", None) is not None:  # a part's own weight may read the hours: it says the rule
        lines.append("A tempo parziale il premio non è ridotto per il tempo lavorato, oltre quanto ne dica il peso.")
    else:
        lines.append("A tempo parziale il premio non è ridotto per il tempo lavorato.")
    if block.admitted:
        status = regulation.labels.get(block.admitted) or word(block.admitted)  # as the documents say it
        lines.append(f"Accede al premio chi, dopo la valutazione, ha lo stato «{status}».")
    if not block.list_excluded:
        lines.append("Gli esclusi non compaiono tra i premi, ma solo con il loro stato.")
    if block.prorate:
        lines.append("Chi è assunto o cessa nel corso dell'anno riceve il premio in proporzione ai giorni di servizio.")
    if block.maximum is not None and block.method in ("soglie", "livelli"):
        rest = "resta residuo del fondo" if block.residual == "resta" else "è ridistribuito in proporzione"
        lines.append(f"Gli importi sono «fino a»: ciò che il fondo non paga {rest}.")
    lines += instalments(block)
    lines += note(block.note)
    return "Il premio individuale", lines, covered_premium(block)


def instalments(block: Premium) -> list[str]:
    """The instalments of a premium paid in more than one payment: each with its share (or its advance, or the
    balance), month and period."""
    if not block.instalments:
        return []
    what = "Il premio della parte" if isinstance(block, Part) else "Il premio"
    if block.instalments[-1].balance:
        return [advances(block, what)]
    each = "; ".join(
        f"{the_pct(r.share or Decimal(0))}{f', riferito al {r.period},' if r.period else ''} con le competenze di "
        f"{r.when}"
        for r in block.instalments
    )
    n = len(block.instalments)
    return [
        f"{what} si paga a ciascuno in {n} rate: {each}. Ogni rata ma l'ultima è arrotondata per difetto al "
        "centesimo; l'ultima prende il resto, così le rate sommano al premio."
        if n > 1
        else f"{what} si paga a ciascuno in una volta, {each}."
    ]


def advances(block: Premium, what: str) -> str:
    """Advances paid before the results, then the balance, which may be a recovery."""
    each = "; ".join(
        f"un acconto{f' («{r.period}»)' if r.period else ''} con le competenze di {r.when}, "
        f"{said_formula(r.advance)}, per difetto al centesimo"
        for r in block.instalments
        if r.advance is not None
    )
    last = block.instalments[-1]
    period = f" («{last.period}»)" if last.period else ""
    return (
        f"{what} si paga con acconti prima dei risultati, a chi ne ha i ruoli ed è in servizio nel mese della rata: "
        f"{each}. Il conguaglio{period} con le competenze di {last.when} è il premio dell'anno meno gli acconti "
        "pagati; se è negativo è un recupero, anche di chi a fine anno non ha premio."
    )


def covered_premium(block: Premium) -> set[str]:
    """The keys of [premio] its sentences say: all of them, the method only when this module knows it."""
    known = {"method"} if block.method in METHODS else set()
    return known | { "fund", "roles", "part_time", "prorate", "residual", "by_unit", "maximum", "full", "floor",
            "between", "coefficients", "grade_factors", "bands", "band_money", "within_band", "top_cap", "note",
            "admitted", "list_excluded", "evaluation", "instalments"} - {"method"}  # fmt: skip


def _cap_fund(fund: str, regulation: Regulation) -> str:
    """The fund opening a sentence: «Se c'è, il fondo …» for one ente.toml may or may not write; «Il fondo …» for
    one the file itself constitutes ([[fondi]]), which always is."""
    said = _fund(fund, regulation)
    return cap(said) if any(f.name == fund for f in regulation.funds) else f"Se c'è, {said}"


def result_pay(block: ResultPay, regulation: Regulation) -> Said:
    if block.method == "percentuale":
        steps = "; ".join(f"{the_pct(s.share)} da {pts(s.min, regulation)} punti" for s in block.steps)
        lines = [f"La retribuzione di risultato {roles(block.roles, 'di', role_groups(regulation.labels))} è una quota della retribuzione di posizione secondo il "
                 f"punteggio: {steps}.", f"{_cap_fund(block.fund, regulation)} è un tetto."]  # fmt: skip
    elif block.method == "quota_posizione":
        lines = [f"Il massimo della retribuzione di risultato di ciascuno {roles(block.roles, 'tra', role_groups(regulation.labels))} è {_fund(block.fund, regulation)} × la sua "
                 "retribuzione di posizione / la somma delle retribuzioni di posizione (per difetto al centesimo); "
                 "è pagato × il punteggio / 100 a chi ha una valutazione positiva, e il resto del fondo è residuo."]  # fmt: skip
    elif block.method == "formula" and block.amount is not None:
        lines = [f"La retribuzione di risultato {roles(block.roles, 'di', role_groups(regulation.labels))} con una valutazione positiva {valued(block.amount)}, "
                 "mai sotto zero, arrotondata al centesimo.", f"{_cap_fund(block.fund, regulation)} è un tetto: "
                 "se la retribuzione dovuta lo supera, è ridotta in proporzione."]  # fmt: skip
    else:
        lines = [f"{cap(_fund(block.fund, regulation))} è diviso {roles(block.roles, 'tra', role_groups(regulation.labels))} con una valutazione positiva, in proporzione alla "
                 "retribuzione di posizione × il punteggio."]  # fmt: skip
    if block.vacant == "residuo":
        lines.append(
            "La somma è quella di tutte le posizioni pesate, anche vacanti o non pagate (con la loro retribuzione "
            "annua): la loro quota resta residua."
        )
    if block.attested:
        lines.append(
            f"{cap(_fund(block.fund, regulation))} è ridotto in proporzione alla performance dell'ente attestata dall'OIV."
        )
    lines.append(
        f"Sotto {pts(block.positive, regulation)} punti{_on(regulation)} la valutazione è negativa e non dà "
        "retribuzione di risultato"
        + ("; non è definitiva senza il contraddittorio con la persona." if block.hearing else ".")
    )
    lines += note(block.note)
    return (
        "La retribuzione di risultato",
        lines,
        {"method", "roles", "fund", "positive", "hearing", "steps", "attested", "note", "amount", "vacant"},
    )


def calendar(block: Event, regulation: Regulation) -> Said:
    if block is not regulation.calendar[0]:
        return "Il calendario del ciclo", [], EVENT_KEYS
    said = []
    for e in regulation.calendar:
        note = f"; {e.note}" if e.note else ""
        said.append(f"«{e.act}» (fase di {PHASE.get(e.phase, e.phase)}) {_due(e)} ({e.source}{note})")
    # ``approvazione`` names the key of the office's ente.toml that proves the act: data, not a rule of the act
    lines = [f"Gli atti del ciclo e le loro scadenze: {'; '.join(said)}."]
    return "Il calendario del ciclo", lines, EVENT_KEYS - {"source"}


EVENT_KEYS = {"act", "phase", "due", "year", "approval", "source", "note", "after", "days"}


def _due(e: Event) -> str:
    """«entro il 31/01 dell'anno del ciclo»; «entro 45 giorni da bilancio approvato (altrimenti entro il …)»."""
    fixed = f"entro il {e.due} {YEAR[e.year]}" if e.due else ""
    if e.after is None or e.days is None:
        return fixed
    relative = f"entro {count(e.days, 'giorno', 'giorni')} da {word(e.after)}"
    return f"{relative} (se non è datato: {fixed})" if fixed else relative


# a role as the ente's data names it (people.csv's column ruolo), where [etichette] gives it the regulation's name:
# the one place the annex names the role by the contract's word, so that the office finds it in its data
ROLE_WORD = {
    "dipendente": "«Dipendente»",
    "po": "«Posizione organizzativa» (o «EQ»)",
    "dirigente": "«Dirigente»",
    "segretario": "«Segretario»",
}


def labels(block: Mapping[str, str], regulation: Regulation) -> Said:
    """The names people read for roles, levels, statuses and funds: a level or a status by its name in words, a fund
    by its label alone. A fund's key is a key of ente.toml's [fondi], which never reaches a page: the reader knows
    the fund by the name every document gives it."""
    paid_from = {p.fund for p in regulation.premiums} | {rp.fund for rp in regulation.result_pays}
    block = own_labels(block)  # what [etichette] writes, never the contract's names of the year
    named = role_names(block)
    own = {k for r in named for k in (r, r + PLURAL)}
    lines = [
        f"Il ruolo che l'elenco del personale scrive {ROLE_WORD[r]} si legge «{one}» e, per più persone, «{many}»."
        for r, (one, many) in named.items()
    ]
    fund_names = [f"«{v}»" for k, v in block.items() if k not in own and (k in paid_from or k in FUNDS)]
    others = {k: v for k, v in block.items() if k not in own and k not in paid_from and k not in FUNDS}
    said = "; ".join(f"«{word(k)}» si legge «{v}»" for k, v in others.items())
    lines += [f"Nei documenti: {said}."] if said else []
    if fund_names:
        called = "il fondo si chiama" if len(fund_names) == 1 else "i fondi si chiamano"
        lines.append(f"Nei documenti {called} {fmt.listed(fund_names)}.")
    return "Le etichette", lines, set()


def indicators(block: IndicatorRule, regulation: Regulation) -> Said:
    """[[indicatori]]: «Sotto l'80% del target un indicatore di tipo più è meglio o meno è meglio vale 0 …»."""
    kinds = " o ".join(f"«{t}»" for t in block.types)
    which = "un indicatore" if set(block.types) == set(INDICATOR_TYPES) else f"un indicatore di tipo {kinds}"
    lines = [
        f"Sotto {the_pct(block.threshold)} del target (il raggiungimento calcolato come dicono le regole comuni, "
        f"arrotondato a 4 decimali) {which} vale 0, al monitoraggio del 30/6 come a fine anno; alla soglia e sopra vale "
        "quanto ha raggiunto, al più il 100%."
    ]
    if block.maximum is not None and block.maximum < 1:
        lines.append(f"Il raggiungimento di un indicatore è al più {the_pct(block.maximum)}.")
    lines += note(block.note)
    return "Il raggiungimento degli indicatori", lines, {f.name for f in block.__attrs_attrs__}
