"""The rules between the keys of a regulation that the format of each key cannot say.

Thresholds strictly descending (an equal one overlaps its neighbour), shares summing to exactly 1
(checked in exact decimal arithmetic: 0.2 + 0.4 + 0.4 is 1), what each premium method and each
exclusion needs, coefficients naming declared levels, dates that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import cells, fmt
from ciclope.plugins.regolamento.format import funds, grades, wording
from ciclope.plugins.regolamento.format.acts import day_month
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.methods import UNSCORED
from ciclope.plugins.regolamento.format.spec import (
    COMPONENTS,
    MEASURES,
    METHODS,
    PART_METHODS,
    Card,
    Column,
    Exclusion,
    GradeWeights,
    IndicatorRule,
    Levels,
    Part,
    Premium,
    Progressions,
    Reduction,
    Requirement,
    ResultPay,
    Score,
    Weights,
)
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.format.wording import said_number, said_share
from ciclope.plugins.regolamento.read import blocks, columns, gradewords, partcheck
from ciclope.plugins.regolamento.read.lines import said

Error = Callable[..., None]
ONE = Decimal(1)
ROLE_KEYS = ("dipendente", "po", "dirigente", "segretario")


def indicator_rules(rules: Sequence[IndicatorRule], error: Error) -> None:
    """[[indicatori]]: an achievement is at most 100% (rules/core.md §1), and each type has one threshold."""
    blocks: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.maximum is not None and rule.maximum > ONE:
            error(
                f"indicatori[{i}].massimo",
                f"massimo {fmt.pct_share(rule.maximum)}: il raggiungimento di un indicatore è al più il 100% (le regole "
                "comuni lo limitano a 100%, anche quando il consuntivo supera il target); scrivi massimo = 1 o togli "
                "la chiave",
                "regolamento.valore",
            )
        for kind in rule.types:
            if kind in blocks:
                error(
                    f"indicatori[{i}].tipi",
                    f"il tipo «{kind}» è in due blocchi [[indicatori]] (il {blocks[kind] + 1}° e il {i + 1}°): "
                    "un tipo di indicatore ha una sola soglia",
                    "regolamento.valore",
                )
            blocks.setdefault(kind, i)


def unit_kind(score: Score, error: Error) -> None:
    """``tipo_unita`` names a kind of unit as units.csv's «tipo» writes it (a word no unit can have would leave
    every person on their own unit, silently)."""
    if not score.unit_kind:
        return
    try:
        cells.parse_unit_kind(score.unit_kind)
    except ValueError:
        known = (*cells.parse_unit_kind.labels.values(), "settore", "direzione", "dipartimento")  # type: ignore[attr-defined]
        error(
            "punteggio.tipo_unita",
            f"tipo_unita «{score.unit_kind}» non è un tipo di unità{cells.hint(score.unit_kind, known)}: si scrive come "
            "nella colonna tipo di unità.csv (ente, area — o settore, direzione, dipartimento —, servizio, ufficio, "
            "staff, azienda speciale)",
        )


def check(
    parts: Mapping[str, Any],
    broken: set[str],
    error: Error,
    percents: frozenset[str] = frozenset(),
    fundless: frozenset[int] = frozenset(),
) -> None:
    """Record with ``error(path, message, rule)`` every inconsistency of the tables of a regulation that were
    read (``parts``: field name → value); a table in ``broken`` had errors of its own and is not judged
    again, nor are the rules that lean on it. ``percents``: the paths of the numbers written as a percentage;
    ``fundless``: the [[premi]] parts, by index, that write no ``fondo`` and take the default one."""
    columns.check(parts.get("columns", ()), error)
    act = parts.get("act")
    if act is not None and ";" in act.title:  # «;» separates the acts a source cites: the title would be cut there
        error(
            "atto.titolo",
            "il titolo dell'atto non può contenere «;», che nelle fonti separa un atto dall'altro (ogni cifra citerebbe "
            "il titolo spezzato): scrivi una virgola o un trattino",
            "regolamento.valore",
        )
    indicator_rules(parts.get("indicators", ()), error)
    # the grades the tables and formulas may name: None when [gradi] had errors of its own and was set aside, so a
    # grade of it is judged by neither its names nor the categories of Funzioni Locali (nothing follows from it)
    declared = None if "grades" in broken else declared_grades(parts)
    grade_word(parts, error)
    score: Score | None = parts.get("score")
    if score is not None:
        weights_sum(score, error, declared)
        unit_kind(score, error)
    levels: Levels | None = parts.get("levels")
    scales: dict[str, list[str]] = {}  # each role's levels, from the highest (its own scale, else the common one)
    if levels is not None:
        for role, steps in zip(
            ("scala", *ROLE_KEYS), (levels.ladder, levels.staff, levels.po, levels.dirigente, levels.segretario)
        ):
            if steps is not None and (steps or role == "scala"):  # a role's empty scale: the role has no levels
                # a threshold written as a formula is computed for the year: the numbers are checked among themselves
                descending(f"livelli.{role}", [s.min for s in steps if isinstance(s.min, Decimal)], error)
        for role, own in zip(ROLE_KEYS, (levels.staff, levels.po, levels.dirigente, levels.segretario)):
            scales[role] = [s.name for s in (own if own is not None else levels.ladder)]
    if levels is not None:
        for i, req in enumerate(levels.requirements):
            requirement(f"livelli.requisiti[{i}]", req, parts.get("cards", ()), error)
    for i, ex in enumerate(parts.get("exclusions", ())):
        exclusion(f"esclusioni[{i}]", ex, error)
    for i, red in enumerate(parts.get("reductions", ())):
        if not stated(f"riduzioni[{i}]", red, error):
            continue  # a formula (checked where it is read), or neither way written
        if red.measure not in MEASURES and "columns" in broken:
            continue  # a declared column's own errors are said; the brackets are judged once it reads
        if measured(f"riduzioni[{i}]", red, parts.get("columns", ()), error) and counted(
            f"riduzioni[{i}]", red, percents, error
        ):
            reduction(f"riduzioni[{i}]", red, error)
    premiums = parts.get("parts") or ()
    if "parts" not in broken:  # a part that did not build is still a part: its name is not unknown
        partcheck.reduction_targets(parts.get("reductions", ()), premiums, error, fundless, _result_method(parts))
    if parts.get("reductions") and not ({"premium", "parts"} & (set(parts) | broken)):
        error("riduzioni[0]", "le riduzioni valgono per il premio: manca [premio]", "regolamento.manca")
    if declared:
        gradewords.check(parts, declared, error)
    elif declared is not None:
        gradewords.letters(parts, error)
    pr: Premium | None = parts.get("premium")
    if pr is not None:
        premium(pr, None if "levels" in broken else scales, error, "premio", declared)
    for i, part in enumerate(premiums):
        premium(part, None if "levels" in broken else scales, error, f"premi[{i}]", declared)
        if part.decision is not None and part.method not in ("migliori", "importi"):
            error(
                f"premi[{i}].decisione",
                "l'atto che ogni anno istituisce la parte o ne approva gli importi vale per i metodi «migliori» e "
                f"«importi», non «{part.method}»: qui non sarebbe letto",
                "regolamento.valore",
            )
        for name, got in (("decisione_dal", part.decided_from), ("decisione_entro", part.decided_by)):
            if got is not None and day_month(got) is None:
                error(f"premi[{i}].{name}", f"{fmt.quoted(got)} non è una data GG/MM (es. \"31/01\")", "regolamento.valore")  # fmt: skip
            if got is not None and part.decision is None:
                error(f"premi[{i}].{name}", "vale con la chiave decisione", "regolamento.valore")
    partcheck.check(premiums, pr is not None, error, fundless)
    if "parts" not in broken:  # as for the reductions: a part with errors of its own is still a part
        exclusion_parts(parts.get("exclusions", ()), premiums, error)
    for path, rp in blocks.result_entries(parts):
        result_pay(rp, path, error)
        if any(p.fund == rp.fund for p in (*premiums, *([pr] if pr else []))):
            error(
                f"{path}.fondo",
                f"il fondo {fmt.quoted(rp.fund)} è già quello del premio individuale: usa due fondi distinti",
                "regolamento.valore",
            )
    result_groups(blocks.result_entries(parts), error)
    one_card_each(parts.get("cards", ()), error, declared)
    blocks.check(parts, broken, error)
    progressions: Progressions | None = parts.get("progressions")
    if progressions is not None:
        ranking_resources(progressions, error, declared)
        if progressions.year_column is not None and "columns" not in broken:
            year_column(progressions.year_column, parts.get("columns", ()), error)
    for i, ev in enumerate(parts.get("calendar", ())):
        relative = ev.after is not None or ev.days is not None
        if relative and (ev.after is None or ev.days is None):
            error(f"calendario[{i}]", "dopo e giorni vanno insieme: l'atto e i giorni da contare", "regolamento.manca")
        if ev.days is not None and ev.days < 0:
            error(f"calendario[{i}].giorni", f"{ev.days} giorni: i giorni si contano dopo l'atto", "regolamento.valore")
        if ev.due is None and not relative:
            error(f"calendario[{i}]", "manca la scadenza (scadenza = \"GG/MM\", o dopo e giorni)", "regolamento.manca")
        elif ev.due is not None and day_month(ev.due) is None:
            error(f"calendario[{i}].scadenza", f"{fmt.quoted(ev.due)} non è una data GG/MM (es. \"31/01\")", "regolamento.valore")  # fmt: skip


PARTS = ("scheda", "unita", "ente", "cruscotto")


def exclusion_parts(exclusions: Sequence[Exclusion], premiums: Sequence[Part], error: Error) -> None:
    """The parts an exclusion is limited to (``parti``) are parts of [[premi]]."""
    named = {part.name for part in premiums}
    unscored = {part.name for part in premiums if not part.evaluation}
    for i, ex in enumerate(exclusions):
        for name in ex.parts:
            if name not in named:
                error(f"esclusioni[{i}].parti", f"{fmt.quoted(name)} non è il nome di una parte di [[premi]]"
                      f"{nearest(name, sorted(named))}", "regolamento.valore")  # fmt: skip
            elif name in unscored and ex.rule == "punteggio_minimo":
                error(f"esclusioni[{i}].parti", f"l'esclusione «punteggio_minimo» legge il punteggio: non vale per la "
                      f"parte «{name}», senza valutazione individuale (valutazione = false)",
                      "regolamento.valore")  # fmt: skip


def requirement(path: str, req: Requirement, cards: Sequence[Card], error: Error) -> None:
    """A requirement names a part of the score; a section, one of the declared cards of its roles if any."""
    if req.part.startswith("sezione:"):
        name = req.part.removeprefix("sezione:").strip()
        sections = {i.section for c in cards if set(c.roles) & set(req.roles) for i in c.items}
        if not name:
            error(f"{path}.parte", "scrivi il nome della sezione dopo «sezione:»", "regolamento.valore")
        elif sections and normal(name) not in {normal(s) for s in sections}:  # as the requirement reads them
            error(
                f"{path}.parte",
                f"la sezione {fmt.quoted(name)} non è nelle schede dichiarate{nearest(name, sorted(sections))}; sezioni: "
                f"{', '.join(sorted(sections))}",
                "regolamento.valore",
            )
    elif req.part not in PARTS:
        error(
            f"{path}.parte",
            f"parte {fmt.quoted(req.part)} sconosciuta{nearest(req.part, list(PARTS))}; ammesse: {', '.join(PARTS)} o "
            "sezione:Nome",
            "regolamento.valore",
        )


def one_card_each(cards: Sequence[Card], error: Error, declared: Sequence[str] | None = ()) -> None:
    """One [[scheda]] per role, or per role and category where the cards name their categories: a role in two cards
    that do not both name categories, or a category of the role in both, is an error at the second card."""
    seen: dict[str, list[tuple[int, frozenset[str] | None]]] = {}
    for i, card in enumerate(cards):
        path = f"scheda[{i}]"
        codes = frozenset(grade_codes(f"{path}.categorie", card.grades, error, declared)) if card.grades else None
        for role in card.roles:
            for j, other in seen.get(role, []):
                common = None if codes is None or other is None else codes & other
                if common is None or common:
                    which = f" per la categoria {grades.said(min(common), declared or ())}" if common else ""
                    error(
                        f"{path}.categorie" if common else f"{path}.ruoli",
                        f"il ruolo {fmt.quoted(role)} ha già una scheda ({said(f'scheda[{j}]')}){which}: una sola "
                        "scheda per ruolo"
                        + (" e categoria" if common else ", o una per categoria con la chiave categorie"),
                        "regolamento.valore",
                    )
                    break
            seen.setdefault(role, []).append((i, codes))


def grade_word(parts: Mapping[str, Any], error: Error) -> None:
    """[gradi] ``parola = "livello"`` beside [livelli]: every sentence that says a level of evaluation («il
    coefficiente del livello», «livello = fascia media») would say the grade with the same word, and the scheda would
    have two rows «livello»; the contract's word is said whole («livello professionale»)."""
    grades, levels = parts.get("grades"), parts.get("levels")
    if grades is None or levels is None or grades.word.strip().lower() not in ("livello", "livelli"):
        return
    error(
        "gradi.parola",
        "«livello» è già la parola dei livelli di valutazione di [livelli] («il coefficiente del livello»): il grado "
        "del contratto detto con la stessa parola si confonderebbe con essi nella scheda personale e nelle "
        'spiegazioni; scrivi la parola intera del contratto, es. parola = "livello professionale" (o "livello '
        'economico")',
        "regolamento.valore",
    )


def declared_grades(parts: Mapping[str, Any]) -> tuple[str, ...]:
    """The grades of [gradi], when the file declares its own (its tables by grade name them)."""
    found = parts.get("grades")
    return tuple(found.names) if found is not None else ()


def ranking_resources(pr: Progressions, error: Error, declared: Sequence[str] | None = ()) -> None:
    """The graduatorie of ``risorse_graduatorie`` and ``posti_graduatorie`` are named as [[punteggio.categorie]] names
    them (a letter, an Area, a grade of [gradi]): an unknown name, or one graduatoria written twice, is an error at
    its key; places are whole numbers."""
    for key, table, what in (
        ("risorse_graduatorie", pr.resources_by_ranking, "le sue risorse"),
        ("posti_graduatorie", pr.places_by_ranking, "i suoi posti"),
    ):
        seen: dict[str, str] = {}
        for name, value in table.items():
            path = f"progressioni.{key}.{name}"
            if key == "posti_graduatorie" and value != value.to_integral_value():
                error(path, f"i posti sono un numero intero, non {value}", "regolamento.valore")
            for found in grade_codes(path, [name], error, declared):
                if found in seen:
                    error(
                        path,
                        f"la graduatoria {fmt.quoted(found)} ha già {what} ({fmt.quoted(seen[found])}): scrivila una "
                        "volta sola",
                        "regolamento.valore",
                    )
                seen.setdefault(found, name)


def year_column(name: str, declared_columns: Sequence[Column], error: Error) -> None:
    """``colonna_anno`` of [progressioni] names a declared column of the people of type anno: the year ``ciclope
    template --from`` writes there for each one selected."""
    column = next((c for c in declared_columns if c.name == name), None)
    if column is None:
        error("progressioni.colonna_anno", f"{fmt.quoted(name)} non è una colonna dichiarata in [[colonne]]"
              f"{nearest(name, [c.name for c in declared_columns])}: dichiarala con tipo = \"anno\"", "regolamento.valore")  # fmt: skip
    elif column.table != "persone" or column.kind != "anno":
        error("progressioni.colonna_anno", f"la colonna «{column.name}» è di tipo {column.kind} dell'elenco "
              f"{column.table}: l'anno della progressione va in una colonna delle persone di tipo anno", "regolamento.valore")  # fmt: skip


def weights_sum(score: Score, error: Error, declared: Sequence[str] | None = ()) -> None:
    for role, weights in zip(ROLE_KEYS, (score.staff, score.po, score.dirigente, score.segretario)):
        if weights is not None:
            summing_to_one(f"punteggio.{role}", weights, error)
            no_dashboard(f"punteggio.{role}", (role,), weights, error)
    seen: dict[tuple[str, str], int] = {}
    for i, group in enumerate(score.grades):
        path = f"punteggio.categorie[{i}]"
        summing_to_one(path, group, error)
        no_dashboard(path, group.roles, group, error)
        if not group.grades:
            error(f"{path}.categorie", "la lista delle categorie è vuota", "regolamento.manca")
        codes = grade_codes(f"{path}.categorie", group.grades, error, declared)
        for role, grade in ((r, c) for r in group.roles for c in codes):
            if (role, grade) in seen:
                error(
                    f"{path}.categorie",
                    f"la categoria {grades.said(grade, declared or ())} del ruolo {fmt.quoted(role)} ha già i pesi di "
                    f"{said(f'punteggio.categorie[{seen[role, grade]}]')}: una sola tabella di pesi per categoria",
                    "regolamento.valore",
                )
            seen.setdefault((role, grade), i)


def band_money_kind(pr: Premium, path: str, error: Error) -> bool:
    """True when the bands say their money by a coefficient per head: each band one of risorse or coefficiente, all
    bands the same, and a fixed pool per band (``per_fascia``) needs the resources."""
    coefficient = [b.coefficient is not None for b in pr.bands]
    for i, b in enumerate(pr.bands):
        if (b.resources is None) == (b.coefficient is None):
            error(f"{path}.fasce[{i}]", "una fascia dice la sua quota di risorse o il suo coefficiente, uno dei due",
                  "regolamento.manca")  # fmt: skip
    if any(coefficient) and not all(coefficient):
        error(
            f"{path}.fasce", "le fasce dicono tutte la quota di risorse o tutte il coefficiente", "regolamento.valore"
        )
    if any(coefficient) and pr.band_money == "per_fascia":
        error(f"{path}.ripartizione", "per_fascia divide il fondo per le quote di risorse delle fasce: con i "
              "coefficienti il fondo è diviso per coefficiente × quota pagata", "regolamento.valore")  # fmt: skip
    return any(coefficient)


def no_dashboard(path: str, roles: Sequence[str], weights: Weights | GradeWeights, error: Error) -> None:
    """The personal cruscotto is a dirigente's or the Segretario's (rules/core.md §2): weighed for another role it
    would be a value nobody has."""
    others = [r for r in roles if r in ("dipendente", "po")]
    if weights.dashboard and others:
        error(
            f"{path}.cruscotto",
            f"il cruscotto personale si calcola per i dirigenti e il segretario, non per il ruolo {fmt.quoted(others[0])}: "
            "per le voci dei cruscotti intestate alla persona scrivi il peso in obiettivi (formato 2), per i risultati "
            "della sua unità in unita",
            "regolamento.valore",
        )


def summing_to_one(path: str, weights: Weights | GradeWeights, error: Error) -> None:
    total = weights.card + weights.unit + weights.ente + weights.dashboard + weights.objectives
    if total != ONE:
        named = ", ".join((*COMPONENTS, "obiettivi") if weights.objectives else COMPONENTS)
        error(path, f"i pesi ({named}) sommano {said_share(total, 'a')}, non al 100%", "regolamento.somma")


def grade_codes(path: str, names: Sequence[str], error: Error, declared: Sequence[str] | None = ()) -> list[str]:
    """The category codes of the grade ``names`` (each named once), or the grades of [gradi] when the file declares
    them; an unknown name is an error with the nearest. None for ``declared``: [gradi] was set aside for errors of its
    own, so no name is judged (none found)."""
    if declared is None:
        return []
    out: list[str] = []
    known = list(declared) or grades.KNOWN
    for name in names:
        found = grades.code(name, declared)
        if found is None:
            what = "grado" if declared else "categoria"
            hint = "" if declared else " (o dichiara i gradi del contratto dell'ente in [gradi])"
            error(
                path,
                f"{what} {fmt.quoted(name)} sconosciut{'o' if declared else 'a'}{nearest(name, known)}; ammess"
                f"{'i' if declared else 'e'}: {', '.join(known)}{hint}",
                "regolamento.valore",
            )
        elif found in out:
            error(
                path,
                f"la categoria {grades.said(found, declared)} è scritta due volte ({fmt.quoted(name)})",
                "regolamento.valore",
            )
        else:
            out.append(found)
    return out


def descending(path: str, thresholds: Sequence[Decimal], error: Error) -> None:
    """Thresholds from the highest, each strictly below the one before."""
    if not thresholds:
        error(path, "la scala è vuota", "regolamento.soglie")
    for i, (a, b) in enumerate(zip(thresholds, thresholds[1:]), start=1):
        if b == a:
            error(
                f"{path}[{i}].da",
                f"la soglia {fmt.decimal_it(b)} coincide con quella del gradino prima: i gradini si sovrappongono",
                "regolamento.soglie",
            )
        elif b > a:
            error(
                f"{path}[{i}].da",
                f"la soglia {fmt.decimal_it(b)} è più alta di quella del gradino prima ({fmt.decimal_it(a)}): scrivi i "
                "gradini dal più alto al più basso",
                "regolamento.soglie",
            )


def exclusion(path: str, ex: Exclusion, error: Error) -> None:
    needs = {
        "assenze": ("giorni", ex.days),
        "punteggio_minimo": ("minimo", ex.min),
        "unita_sotto": ("minimo", ex.min),
        "sanzione": ("oltre", ex.above),
    }
    if ex.rule in needs and needs[ex.rule][1] is None:
        error(path, f"la regola {fmt.quoted(ex.rule)} richiede la chiave {needs[ex.rule][0]}", "regolamento.manca")
    if ex.rule == "formula" and ex.condition is None:
        error(path, "la regola «formula» richiede la chiave condizione (es. condizione = \"=giorni_servizio < 90 "
              "giorni\")", "regolamento.manca")  # fmt: skip
    if ex.rule != "formula" and ex.condition is not None:
        error(f"{path}.condizione", "la condizione vale per la regola «formula»", "regolamento.valore")
    if ex.rule == "unita_sotto" and ex.min is not None and ex.min > ONE:
        error(
            f"{path}.minimo",
            f"per «unita_sotto» il minimo è una quota tra 0 e 1 (es. 0.7), trovato {ex.min}{cells.share_hint(ex.min, toml=True)}",
            "regolamento.valore",
        )
    if ex.rule == "sanzione":
        synonyms(path, ex, error)
    if ex.hearing and ex.rule != "punteggio_minimo":
        error(
            f"{path}.contraddittorio", "il contraddittorio vale per la regola «punteggio_minimo»", "regolamento.valore"
        )
    if ex.level is not None and ex.rule != "insufficiente":
        error(f"{path}.livello", "il livello vale per la regola «insufficiente»", "regolamento.valore")
    if ex.rule == "sanzione" and ex.above is not None and ex.above not in ex.scale:
        error(
            f"{path}.oltre",
            f"{fmt.quoted(ex.above)} non è nella scala delle sanzioni ({', '.join(ex.scale) or 'vuota'})",
            "regolamento.valore",
        )


def synonyms(path: str, ex: Exclusion, error: Error) -> None:
    """Each synonym of the sanctions as people.csv is matched (:func:`.vocabulary.match`: case, accents and
    separators ignored): it names a word of the scale, is not itself one (it would never apply), and no other
    synonym reads the same while naming another sanction (which one applied would depend on the order)."""
    words = {normal(w): w for w in ex.scale}
    seen: dict[str, tuple[str, str]] = {}  # normal form → (synonym as written, the word it names)
    for name, target in ex.synonyms.items():
        where, key, word = f"{path}.sinonimi.{name}", normal(name), words.get(normal(target))
        if word is None:
            error(
                where,
                f"il sinonimo {fmt.quoted(name)} rimanda a {fmt.quoted(target)}, che non è nella scala delle sanzioni"
                f"{nearest(target, list(ex.scale))} ({', '.join(ex.scale) or 'vuota'})",
                "regolamento.valore",
            )
        elif key in words:
            error(
                where,
                f"il sinonimo {fmt.quoted(name)} è già la parola {fmt.quoted(words[key])} della scala (maiuscole, accenti e spazi non "
                "contano): non si applicherebbe mai; toglilo",
                "regolamento.valore",
            )
        elif key in seen and seen[key][1] != word:
            first, other = seen[key]
            error(
                where,
                f"i sinonimi {fmt.quoted(first)} e {fmt.quoted(name)} si leggono allo stesso modo (maiuscole, accenti e spazi non "
                f"contano) ma rimandano a {fmt.quoted(other)} e {fmt.quoted(word)}: tieni un solo sinonimo per quel nome",
                "regolamento.valore",
            )
        seen.setdefault(key, (name, word or target))


def coefficients(pr: Premium, scales: Mapping[str, list[str]], error: Error, path: str) -> None:
    """The coefficients name levels of the scales, and every level the part's roles can reach has one: a level
    left out would pay nothing without the file saying so (a level that pays nothing is written with 0)."""
    levels = list(dict.fromkeys(name for role in ROLE_KEYS for name in scales.get(role, ())))
    if not pr.coefficients:
        error(path, "il metodo «livelli» richiede la tabella coefficienti", "regolamento.manca")
    if not levels:
        error(path, f"il metodo «{pr.method}» con i coefficienti richiede i [livelli]", "regolamento.manca")
        return
    reached = {name for role in pr.roles for name in scales.get(role, ())}
    unknown = [name for name in pr.coefficients if name not in levels]
    lacking = [name for name in levels if name in reached and name not in pr.coefficients]
    # one unknown key and one level without its coefficient: the same mistake, whatever the spelling («fascia
    # 80-90» for «fascia 80-89», as near to «fascia 70-79» as the spelling goes)
    only = lacking[0] if len(unknown) == 1 and len(lacking) == 1 else None
    hinted = set()  # the levels a mistyped key was told it may be: their missing coefficient is that same mistake
    for name in unknown:
        hinted |= unknown_level(f"{path}.coefficienti.{name}", name, levels, error, only)
    missing = [name for name in lacking if name not in hinted]
    if pr.coefficients and missing:
        error(
            f"{path}.coefficienti",
            f"manca il coefficiente {'del livello' if len(missing) == 1 else 'dei livelli'} {quoted(missing)}: chi vi "
            f"è collocato non riceverebbe questa parte senza che il regolamento lo dica; un livello che non dà premio "
            f"si scrive con 0 (per esempio \"{missing[-1]}\" = 0)",
            "regolamento.manca",
        )


def unknown_level(path: str, name: str, levels: Sequence[str], error: Error, only: str | None = None) -> set[str]:
    """A coefficient at ``path`` whose ``name`` is none of ``levels``, said with the nearest level if one is, else
    with ``only``, the one level left without a coefficient; the levels it was told it may be (their own missing
    coefficient is that same mistake)."""
    hint = nearest(name, list(levels)) or (f" (forse {fmt.quoted(only)}?)" if only is not None else "")
    error(path, f"livello sconosciuto{hint}; livelli: {quoted(levels)}", "regolamento.chiave_sconosciuta")
    return {level for level in levels if hint and f"«{level}»" in hint}


def unjudged_coefficients(data: Mapping[str, Any], broken: set[str], levels: Sequence[str], error: Error) -> None:
    """The coefficients :func:`check` could not judge, because their premium or [livelli] has errors of its own (a
    premium that did not build, levels left out): each name none of the file's ``levels`` (as written, whatever
    else is wrong) is said as :func:`coefficients` says it, so every error of the file comes at once."""
    if not levels:
        return
    raws: list[tuple[str, Any]] = []
    if {"premium", "levels"} & broken:
        raws.append(("premio", data.get("premio")))
    if {"parts", "levels"} & broken:
        written = data.get("premi")
        raws += [(f"premi[{i}]", raw) for i, raw in enumerate(written if isinstance(written, list) else [])]
    for path, raw in raws:
        table = raw.get("coefficienti") if isinstance(raw, dict) and raw.get("metodo") in COEFFICIENT_METHODS else None
        for name in table if isinstance(table, dict) else {}:
            if name not in levels:
                unknown_level(f"{path}.coefficienti.{name}", str(name), levels, error)


COEFFICIENT_METHODS = ("livelli", "budget")  # the methods whose coefficients are by level


def quoted(names: Sequence[str]) -> str:
    """Level names as a list a reader can split: «positivo, migliorabile», «eccellente» (a name may hold a comma)."""
    return ", ".join(f"«{name}»" for name in names)


def premium(
    pr: Premium,
    scales: Mapping[str, list[str]] | None,
    error: Error,
    path: str = "premio",
    declared: Sequence[str] | None = (),
) -> None:
    """The keys of a premium (``[premio]`` or a part of ``[[premi]]``) among themselves and with the levels:
    ``scales``, each role's levels from the highest (empty without [livelli]; None: the levels are broken,
    said already)."""
    partcheck.instalments(pr, path, error)
    if not pr.evaluation and pr.method not in UNSCORED:
        without_evaluation(pr, path, error)
        return  # the keys of such a method are about a score or a level: the method is what is wrong
    if pr.method == "soglie":
        for name, got in (("massimo", pr.maximum), ("piena", pr.full), ("minima", pr.floor)):
            if got is None:
                error(path, f"il metodo «soglie» richiede la chiave {name}", "regolamento.manca")
        if pr.full is not None and pr.floor is not None and pr.floor >= pr.full:
            error(
                f"{path}.minima",
                f"la soglia minima {pr.floor} deve essere sotto la piena {pr.full}",
                "regolamento.soglie",
            )
    if (pr.method == "livelli" or (pr.method == "budget" and pr.coefficients)) and scales is not None:
        coefficients(pr, scales, error, path)
    if pr.grade_factors:
        grade_factors(pr, error, path, declared)
    capped = pr.maximum is not None or pr.method == "budget"
    for name, value in pr.coefficients.items():
        if capped and value > ONE:
            error(
                f"{path}.coefficienti.{name}",
                f"il coefficiente {said_number(value)} supera 1: con un massimo pro capite (o un budget) il coefficiente ne è una "
                "quota; sopra 1 vale quando il fondo è diviso per pesi (senza massimo)",
                "regolamento.valore",
            )
    if pr.band_money == "per_fascia" and pr.method != "fasce":
        error(f"{path}.ripartizione", "la ripartizione per_fascia vale per il metodo «fasce»", "regolamento.valore")
    if pr.within_band != "quota_tempo" and pr.band_money != "per_fascia":
        error(
            f"{path}.in_fascia",
            "in_fascia vale con ripartizione = \"per_fascia\" (la quota di ogni fascia divisa tra i suoi membri)",
            "regolamento.valore",
        )
    if pr.method == "fasce":
        if len(pr.bands) < 2:
            error(f"{path}.fasce", "il metodo «fasce» richiede almeno due fasce", "regolamento.manca")
        by_coefficient = band_money_kind(pr, path, error)
        for what, key in (("personale", "staff"), ("risorse", "resources")):
            if key == "resources" and by_coefficient:
                continue  # coefficients per head need not sum to anything
            total = sum((getattr(b, key) or Decimal(0) for b in pr.bands), Decimal(0))
            if pr.bands and total != ONE:
                error(
                    f"{path}.fasce",
                    f"le quote di {what} sommano {said_share(total, 'a')}, non al 100%",
                    "regolamento.somma",
                )
        names = [b.name for b in pr.bands]
        for i, name in enumerate(names):
            if name in names[:i]:
                error(f"{path}.fasce[{i}].nome", f"la fascia {fmt.quoted(name)} è già scritta prima", "regolamento.valore")  # fmt: skip
        for i, b in enumerate(pr.bands):
            if b.staff == 0:
                error(
                    f"{path}.fasce[{i}].personale",
                    "una fascia senza personale non ha un premio pro capite",
                    "regolamento.valore",
                )


def without_evaluation(pr: Premium, path: str, error: Error) -> None:
    """A premium that reads no evaluation (``valutazione = false``) pays by a method that reads none: a weight
    or an amount (:data:`methods.UNSCORED`), never a score, a level or a band."""
    what = f"la parte «{pr.name}»" if isinstance(pr, Part) else "il premio"
    allowed = [m for m in UNSCORED if m in (PART_METHODS if isinstance(pr, Part) else METHODS)]
    weight = "il peso, se manca 1, × la quota pagata" if isinstance(pr, Part) else "in proporzione alla quota pagata"
    words = {
        "proporzionale": f"«proporzionale» ({weight})",
        "formula": "«formula» (l'importo di ciascuno)",
        "importi": "«importi» (gli importi scritti in premi.csv)",
    }
    said = [words[m] for m in allowed]
    listed = " o ".join(said) if len(said) < 3 else f"{', '.join(said[:-1])} o {said[-1]}"
    error(
        f"{path}.metodo",
        f"{what} è senza valutazione individuale (valutazione = false): il metodo «{pr.method}» legge il punteggio, "
        f"il livello o una fascia; senza valutazione vale {listed}",
        "regolamento.valore",
    )


def grade_factors(pr: Premium, error: Error, path: str = "premio", declared: Sequence[str] | None = ()) -> None:
    """``parametri`` weigh a person in the split of the fund: the methods that split it by weights."""
    grade_codes(f"{path}.parametri", list(pr.grade_factors), error, declared)
    allowed = ("proporzionale", "livelli", "budget") if isinstance(pr, Part) else ("proporzionale", "livelli")
    if pr.method not in allowed:
        words = fmt.listed(f"«{m}»" for m in allowed)
        error(
            f"{path}.parametri",
            f"i parametri per categoria valgono per i metodi {words}, non per «{pr.method}»",
            "regolamento.valore",
        )
    elif pr.method == "livelli" and pr.maximum is not None:
        error(
            f"{path}.parametri",
            "i parametri per categoria pesano la persona nella ripartizione del fondo: con un massimo pro capite "
            "non c'è ripartizione (togli massimo, o i parametri)",
            "regolamento.valore",
        )


# the largest value of each measure: the last bracket reaches it, so every person has a bracket
TOP = {"assenze": Decimal(366), "quota_tempo": ONE}
# whole days follow each other (da 0 a 10, da 11 a 30); a fraction of the time worked starts where the last ended
STEP = {"assenze": ONE, "quota_tempo": Decimal(0)}


def stated(path: str, red: Reduction, error: Error) -> bool:
    """True when the reduction is by brackets of a measure (to be judged); a formula takes the place of both, and
    one of the two ways must be written."""
    if red.formula is not None:
        for name, got in (("misura", red.measure), ("scaglioni", red.brackets)):
            if got:
                error(f"{path}.{name}", "con la riduzione da una formula (riduzione) non si scrive: la formula legge "
                      "già i dati della persona", "regolamento.valore")  # fmt: skip
        return False
    if not red.measure:
        error(path, "manca la chiave misura, con gli scaglioni (o la riduzione da una formula: "
              "riduzione = \"=…\")", "regolamento.manca")  # fmt: skip
        return False
    return True


MEASURED_KINDS = ("numero", "giorni")  # a declared column a reduction's brackets can count: whole numbers, days


def measured(path: str, red: Reduction, declared_columns: Sequence[Column], error: Error) -> bool:
    """The measure is one the plugin reads (days of absence, the time worked) or a declared column of people.csv that counts
    (numero, giorni); False, after an error, when it is neither (its brackets are not judged)."""
    if red.measure in MEASURES:
        return True
    declared = {c.name: c for c in declared_columns}
    column = declared.get(red.measure)
    if column is None:
        known = [*MEASURES, *declared]
        error(f"{path}.misura", f"{fmt.quoted(red.measure)} non è assenze, quota_tempo né una colonna dichiarata in [[colonne]]"
              f"{nearest(red.measure, known)}", "regolamento.valore")  # fmt: skip
        return False
    if column.table != "persone" or column.kind not in MEASURED_KINDS:
        error(f"{path}.misura", f"la colonna «{column.name}» è di tipo {column.kind} dell'elenco {column.table}: una "
              "riduzione legge una colonna di persone.csv di tipo numero o giorni", "regolamento.valore")  # fmt: skip
        return False
    return True


def counted(path: str, red: Reduction, percents: frozenset[str], error: Error) -> bool:
    """The brackets of a count (days of absence, a declared column of numbers or days) are written as counts: «"30%"»
    read as 0,3 days would move the bracket silently. Only the time worked (quota_tempo) is a share. False, after an error
    for each bound written as a percentage (the brackets are not judged further)."""
    if red.measure == "quota_tempo":
        return True
    wrong = [
        (f"{path}.scaglioni[{j}].{key}", key, value * 100)
        for j, b in enumerate(red.brackets)
        for key, value in (("da", b.start), ("a", b.end))
        if f"{path}.scaglioni[{j}].{key}" in percents and value is not None
    ]
    for at, key, number in wrong:
        plain = format(number.normalize(), "f")  # 0,30 × 100 = 30, never 30,00 or 3E+1
        error(at, f"«{plain.replace('.', ',')}%» è una percentuale, ma gli scaglioni di «{red.measure}» si scrivono "
              f"come numeri: scrivi {key} = {plain}", "regolamento.valore")  # fmt: skip
    return not wrong


def reduction(path: str, red: Reduction, error: Error) -> None:
    """Brackets from 0, contiguous and in order, the last reaching the measure's largest value (a declared column
    has none: its last bracket is open)."""
    steps = red.brackets
    if not steps:
        error(f"{path}.scaglioni", "non c'è nessuno scaglione", "regolamento.manca")
        return
    if steps[0].start != 0:
        error(
            f"{path}.scaglioni[0].da",
            f"il primo scaglione parte da {fmt.decimal_it(steps[0].start)}, non da 0",
            "regolamento.soglie",
        )
    for i, b in enumerate(steps):
        where = f"{path}.scaglioni[{i}]"
        if red.measure == "quota_tempo" and max(b.start, b.end or 0) > ONE:
            error(where, "per «quota_tempo» gli scaglioni sono tra 0 e 1 (il tempo pieno)", "regolamento.valore")
        if b.end is not None and b.end < b.start:
            error(
                f"{where}.a",
                f"lo scaglione finisce ({fmt.decimal_it(b.end)}) prima di iniziare ({fmt.decimal_it(b.start)})",
                "regolamento.soglie",
            )
        if b.end is None and i < len(steps) - 1:
            error(f"{where}.a", "solo l'ultimo scaglione può non avere la fine (a)", "regolamento.manca")
        previous = steps[i - 1].end if i else None
        if previous is not None:
            after(where, previous, b.start, STEP.get(red.measure, ONE), error)
    last, top = steps[-1].end, TOP.get(red.measure)
    if last is not None and (top is None or last < top):
        upto = f" (fino a {fmt.decimal_it(top)})" if top is not None else ""
        error(
            f"{path}.scaglioni[{len(steps) - 1}].a",
            f"l'ultimo scaglione finisce a {fmt.decimal_it(last)}: ometti «a» perché valga oltre{upto}",
            "regolamento.soglie",
        )


def after(where: str, end: Decimal, start: Decimal, step: Decimal, error: Error) -> None:
    """A bracket starting right after the previous one ended: no value in two brackets, none in no bracket."""
    if start < end + step:
        error(
            f"{where}.da",
            f"lo scaglione parte da {fmt.decimal_it(start)} e si sovrappone al precedente, che finisce a "
            f"{fmt.decimal_it(end)}: deve partire da {fmt.decimal_it(end + step)}",
            "regolamento.soglie",
        )
    elif start > end + step:
        error(
            f"{where}.da",
            f"tra lo scaglione precedente (fino a {fmt.decimal_it(end)}) e questo (da {fmt.decimal_it(start)}) c'è un "
            f"vuoto: deve partire da {fmt.decimal_it(end + step)}",
            "regolamento.soglie",
        )


def _result_method(parts: Mapping[str, Any]) -> str | None:
    """The method of [[risultato_po]] a reduction of it meets: «quota_posizione» if an entry has it (which no
    reduction reaches), else the first entry's; None when the regulation writes none."""
    methods = [rp.method for _, rp in blocks.result_entries(parts)]
    return "quota_posizione" if "quota_posizione" in methods else next(iter(methods), None)


def result_groups(entries: Sequence[tuple[str, ResultPay]], error: Error) -> None:
    """Entries of [[risultato_po]] pay distinct roles, each from its own fund; one alone splits the fund by position
    pay (``metodo = "quota_posizione"``, which [posizioni] ``quota_risultato`` feeds)."""
    for j, (path, rp) in enumerate(entries):
        for i, (_, other) in enumerate(entries[:j]):
            this, that = f"il [[risultato_po]] n. {j + 1}", f"il n. {i + 1}"
            both = f"{this} (ruoli = {fmt.toml_value(list(rp.roles))}) e {that} (ruoli = {fmt.toml_value(list(other.roles))})"
            shared = [r for r in rp.roles if r in other.roles]
            if shared:
                error(
                    f"{path}.ruoli",
                    f"{both} pagano entrambi {wording.roles(shared)}: la retribuzione di risultato di un ruolo è una "
                    f"sola; togli {fmt.listed(fmt.quoted(r) for r in shared)} dai ruoli dell'uno o dell'altro",
                    "regolamento.valore",
                )
            elif rp.fund == other.fund:
                error(
                    f"{path}.fondo",
                    f"{both} pagano dallo stesso fondo {fmt.quoted(funds.said(rp.fund))}: ogni retribuzione di "
                    f"risultato ha un fondo suo; scrivi in {this} fondo = \"…\" con un altro fondo di [fondi] in ente.toml",
                    "regolamento.valore",
                )
            elif rp.method == other.method == "quota_posizione":
                error(
                    f"{path}.metodo",
                    f"{both} hanno entrambi metodo = \"quota_posizione\": la quota di risultato di [posizioni] va a "
                    f"una sola retribuzione di risultato; in {this} scrivi «percentuale», «fondo» o «formula»",
                    "regolamento.valore",
                )


def result_pay(rp: ResultPay, path: str, error: Error) -> None:
    result_formula(rp, path, error)
    if rp.method == "percentuale":
        descending(f"{path}.percentuali", [s.min for s in rp.steps], error)
        low = min((s.min for s in rp.steps), default=None)
        if low is not None and low < rp.positive:
            error(
                f"{path}.percentuali",
                f"un gradino parte da {low}, sotto la soglia positiva {rp.positive}: scrivi soglia_positiva (se "
                "manca vale 60, anche su una scala propria) non sopra il primo gradino",
                "regolamento.soglie",
            )


def result_formula(rp: ResultPay, path: str, error: Error) -> None:
    """``importo`` is the amount of «formula» and only of it; the steps of «percentuale» are not read there."""
    if rp.method == "formula" and rp.amount is None:
        error(
            path,
            "il metodo «formula» richiede la chiave importo (una formula in euro), es. "
            "importo = '=MESI(16 giorni) / 12 * punteggio / 100 * 10000 €'",
            "regolamento.manca",
        )
    if rp.method != "formula" and rp.amount is not None:
        error(
            f"{path}.importo",
            f"vale per il metodo «formula», non per «{rp.method}»: togli importo o scrivi metodo = \"formula\"",
            "regolamento.valore",
        )
    if rp.method == "formula" and rp.steps:
        error(
            f"{path}.percentuali",
            "i gradini valgono per il metodo «percentuale», non per «formula»: con «formula» la retribuzione di "
            "risultato è la formula importo (un coefficiente per fascia si scrive in importo, es. SE(punteggio >= "
            "90; 1; 0,8)); togli percentuali",
            "regolamento.valore",
        )
