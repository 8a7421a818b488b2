"""The rules between the parts of the individual premium ([[premi]], format 2) that no single key can say.

Names are unique; the residual of a part goes to a later part (money never moves back: a part of another fund
receives it, and the two funds change by as much, each conserved on its own); the parts sharing a fund each say
their share of it and
the shares sum to at most 1; a «migliori» part names an earlier part in bands and one of its bands; one part at
most is the national contract's maggiorazione; an amount owed (``dovuto``) is a formula's, its fund what its parts
pay: no share, no residual sent or received, no «fondo» read; a part set aside (``accantonata``) is a formula's, fed
by one earlier part of its fund, and reads no «fondo» either. A part that writes no ``fondo`` takes the default
one, which every such part shares: a rule broken by that sharing says the fund was not written, and by whom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ciclope.core import fmt, money
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.spec import (
    DEFAULT_FUND,
    RESULT_PART,
    InstalmentRule,
    Part,
    Premium,
    Reduction,
)
from ciclope.plugins.regolamento.format.wording import said_share

Error = Callable[..., None]


def check(parts: Sequence[Part], with_premio: bool, error: Error, fundless: frozenset[int] = frozenset()) -> None:
    """Every rule between the parts; ``fundless``: the parts, by index, that write no ``fondo``."""
    if parts and with_premio:
        error("premi", "[premio] e [[premi]] insieme: scrivi il premio in una sola forma", "regolamento.valore")
    names = [p.name for p in parts]
    for i, name in enumerate(names):
        if name in names[:i]:
            error(f"premi[{i}].nome", f"la parte {fmt.quoted(name)} è già scritta prima", "regolamento.valore")
    for i, part in enumerate(parts):
        residual_target(i, part, parts, error)
        best_of(i, part, parts, error)
        formula_keys(i, part, error)
        owed(i, part, error)
        set_aside(i, part, parts, error, fundless)
        rounding(i, part, error)
    owed_funds(parts, error, fundless)
    shares(parts, error, fundless)
    incentives(parts, error)
    bonuses = [i for i, p in enumerate(parts) if p.national_bonus]
    for i in bonuses[1:]:  # the layer leaves the contract's maggiorazione to one part
        first = parts[bonuses[0]].name
        error(
            f"premi[{i}].maggiorazione",
            f"la maggiorazione del contratto è già la parte «{first}»",
            "regolamento.valore",
        )


def incentives(parts: Sequence[Part], error: Error) -> None:
    """A compenso that is not a performance premium (``performance = "nessuna"``: an incentive a law destines) is paid
    from a fund of its own, which no premium shares: its money is published apart from the performance premiums, a
    fund at a time; and it is not the national contract's maggiorazione, a share of the individual premium."""
    premium = {p.fund: p.name for p in parts if p.performance != "nessuna"}
    for i, part in enumerate(parts):
        if part.performance != "nessuna":
            continue
        if part.national_bonus:
            error(f"premi[{i}].performance", "la maggiorazione del premio individuale è un premio correlato alla "
                  "performance: «nessuna» non vale", "regolamento.valore")  # fmt: skip
        if part.fund in premium:
            error(f"premi[{i}].fondo", fmt.clauses(f"il fondo {fmt.quoted(part.fund)} paga anche la parte "
                  f"{fmt.quoted(premium[part.fund])}, un premio correlato alla performance", "un compenso che non lo è "
                  "(«nessuna») ha un fondo suo: scrivi nella parte un altro fondo"), "regolamento.valore")  # fmt: skip


def formula_keys(i: int, part: Part, error: Error) -> None:
    """Each formula key where its method reads it: ``peso`` for «proporzionale», ``importo`` (needed) and
    ``incarichi`` for «formula», ``ammesso`` for a part that weighs people or pays amounts written (not for the best of
    a band, chosen by the earlier part)."""
    path = f"premi[{i}]"
    if part.weight is not None and part.method != "proporzionale":
        error(f"{path}.peso", f"vale per il metodo «proporzionale», non per «{part.method}»", "regolamento.valore")
    if part.method == "formula" and part.amount is None:
        error(path, "il metodo «formula» richiede la chiave importo (una formula in euro)", "regolamento.manca")
    if part.method != "formula":
        for name, got in (("importo", part.amount), ("incarichi", part.assignments)):
            if got is not None:
                error(f"{path}.{name}", f"vale per il metodo «formula», non per «{part.method}»", "regolamento.valore")
    if part.cap is not None and not weighs(part):
        error(f"{path}.massimo_persona", "vale per un fondo diviso per pesi: «proporzionale», «livelli» senza massimo, "
              f"«fasce» pro capite, non per «{part.method}»", "regolamento.valore")  # fmt: skip
    if part.admitted_if is not None and part.method == "migliori":  # «importi»: who may receive an amount written
        error(
            f"{path}.ammesso",
            "il metodo «migliori» paga i migliori di una fascia di una parte precedente: ammesso non vale",
            "regolamento.valore",
        )


# of a method that is no «proporzionale»: why ``arrotondamento`` is not its (a formula rounds half-up already, the
# others pay amounts or shares that are no division of the fund by weights rounded one by one)
ROUNDED_ALREADY = {"formula": "che arrotonda già ogni importo per eccesso da mezzo centesimo"}


def rounding(i: int, part: Part, error: Error) -> None:
    """``arrotondamento`` where a part divides its fund in proportion (``proporzionale``), each share rounded on its
    own: not on another method, nor with a maximum per person, whose shares are split again in rounds."""
    if part.rounding is None:
        return
    path = f"premi[{i}].arrotondamento"
    if part.method != "proporzionale":
        why = f", {ROUNDED_ALREADY[part.method]}" if part.method in ROUNDED_ALREADY else ""
        error(path, f"vale per il metodo «proporzionale», non per «{part.method}» della parte "
              f"{fmt.quoted(part.name)}{why}", "regolamento.valore")  # fmt: skip
    elif part.cap is not None:
        error(path, f"non vale con massimo_persona nella parte {fmt.quoted(part.name)}: con un massimo per persona "
              "le quote vanno al centesimo con il metodo dei resti più alti", "regolamento.valore")  # fmt: skip


def owed(i: int, part: Part, error: Error) -> None:
    """An amount owed (``dovuto``) is each person's formula amount, paid whole: its fund is what the part pays, so
    the part takes no share of a fund, sends nothing on and never reads the fund it makes."""
    if not part.owed:
        return
    path = f"premi[{i}]"
    if part.method != "formula":
        error(f"{path}.dovuto", f"vale per il metodo «formula» (un importo per persona), non per «{part.method}», che "
              "divide un fondo", "regolamento.valore")  # fmt: skip
    for name, got in (
        ("quota_fondo", part.fund_share),
        ("di_cui", part.of_shares or None),
        ("residuo_a", part.residual_to),
    ):
        if got is not None:
            error(f"{path}.{name}", "non vale per una parte dovuta: il suo fondo è la somma di ciò che paga, senza "
                  "quote e senza residuo", "regolamento.valore")  # fmt: skip
    for name in reading_the_fund(part):
        error(f"{path}.{name}", "una parte dovuta non legge fondo: il suo fondo è la somma di ciò che paga, noto "
              "solo dopo", "regolamento.valore")  # fmt: skip


def set_aside(i: int, part: Part, parts: Sequence[Part], error: Error, fundless: frozenset[int] = frozenset()) -> None:
    """A part set aside (``accantonata``) computes each amount by its formula, on the premiums of one earlier part of
    its fund divided on the whole fund, and is paid first by what that part leaves (``residuo_a``): its amounts must
    not depend on the fund they are taken from."""
    if not part.set_aside:
        return
    path = f"premi[{i}]"
    if part.method != "formula":
        error(f"{path}.accantonata", f"vale per il metodo «formula» (un importo per persona), non per «{part.method}»",
              "regolamento.valore")  # fmt: skip
    sources = [j for j, p in enumerate(parts) if p.residual_to == part.name]
    if len(sources) != 1 or parts[sources[0]].fund != part.fund:
        error(f"{path}.accantonata", fmt.clauses("una parte accantonata riceve il residuo (residuo_a) di una sola "
              "parte precedente dello stesso fondo: il fondo di quella parte si riduce dell'accantonamento",
              _source_fund(i, sources, parts, fundless)), "regolamento.valore")  # fmt: skip
    source = parts[sources[0]].name if len(sources) == 1 else "…"
    for name in reading_the_fund(part):
        error(f"{path}.{name}", "una parte accantonata non legge fondo: il suo fondo è l'accantonamento, che i suoi "
              f"importi decidono; {_set_aside_mean(source)}", "regolamento.valore")  # fmt: skip


def _set_aside_mean(source: str) -> str:
    """The way out of a set-aside part that reads ``fondo``: the mean it wants is read on the premiums of the part it
    is set aside from, divided on the whole fund."""
    premium = f'PREMIO("{source}")'
    return (
        f"la media pro capite si legge sui premi della parte «{source}» divisa sul fondo intero, es. "
        f"=30% * SOMMA.ENTE({premium}) / CONTA.ENTE({premium} > 0 €)"
    )


def _savings_fund(part: Part, savings: str, parts: Sequence[Part], fundless: frozenset[int]) -> str:
    """Where the part that receives a reduction's savings is written after the reduced one but pays from another
    fund because one of the two wrote none: which one, and the fund of the other ("" otherwise)."""
    i = parts.index(part)
    j = next((k for k, p in enumerate(parts) if k > i and p.name == savings), None)
    if j is None or not {i, j} & fundless:
        return ""
    if i in fundless:
        return (f"{_default(f'la parte ridotta {fmt.quoted(part.name)}')}, mentre {fmt.quoted(savings)} paga dal "
                f"fondo {fmt.quoted(parts[j].fund)}")  # fmt: skip
    return f"{_default(f'la parte {fmt.quoted(savings)}')}, mentre {fmt.quoted(part.name)} paga dal fondo {fmt.quoted(part.fund)}"


def _source_fund(i: int, sources: Sequence[int], parts: Sequence[Part], fundless: frozenset[int]) -> str:
    """Where the one part sending its residual to the part set aside at ``i`` pays from another fund because one of
    the two wrote none: which one, and the fund of the other ("" otherwise)."""
    if len(sources) != 1 or not {i, sources[0]} & fundless:
        return ""
    source = parts[sources[0]]
    if i in fundless:
        return (f"{_default('la parte')}, mentre la parte {fmt.quoted(source.name)}, che le manda il residuo, paga "
                f"dal fondo {fmt.quoted(source.fund)}: scrivi qui fondo = {fmt.toml_value(source.fund)}")  # fmt: skip
    return (f"{_default(f'la parte {fmt.quoted(source.name)}, che le manda il residuo,')}, mentre questa paga dal "
            f"fondo {fmt.quoted(parts[i].fund)}")  # fmt: skip


def _default(who: str, many: bool = False) -> str:
    """«la parte non scrive fondo: prende quello predefinito, «performance_individuale»», said of ``who``."""
    verb = ("non scrivono fondo: prendono", "non scrive fondo: prende")[not many]
    return f"{who} {verb} quello predefinito, {fmt.quoted(DEFAULT_FUND)}"


def reading_the_fund(part: Part) -> list[str]:
    """The keys of the part whose formula reads ``fondo`` (where the part's fund is known only after its amounts)."""
    keyed = (("ammesso", part.admitted_if), ("importo", part.amount))
    return [name for name, formula in keyed if formula is not None and "fondo" in formula.uses]


def owed_funds(parts: Sequence[Part], error: Error, fundless: frozenset[int] = frozenset()) -> None:
    """A fund is owed by all its parts or by none (an amount owed is no share of a fund divided), and no money is
    sent to an owed part: it receives what it owes, neither more nor less."""
    owing = {p.fund for p in parts if p.owed}
    for i, part in enumerate(parts):
        if part.fund in owing and not part.owed:
            owners = [j for j, p in enumerate(parts) if p.owed and p.fund == part.fund]
            shared_owed_fund(i, owners, parts, error, fundless)
    owed_names = {p.name for p in parts if p.owed}
    for i, part in enumerate(parts):
        if part.residual_to in owed_names:
            error(f"premi[{i}].residuo_a", f"la parte «{part.residual_to}» è dovuta (dovuto = true): paga i suoi "
                  "importi per intero e non riceve residui", "regolamento.valore")  # fmt: skip


def shared_owed_fund(
    i: int, owners: Sequence[int], parts: Sequence[Part], error: Error, fundless: frozenset[int]
) -> None:
    """The part at ``i`` divides the fund of the owed parts ``owners``. Where it wrote no fund it is told so at its
    block (there is no key of its to point at); an owed part that wrote none is named, to be given a fund of its own."""
    names = [fmt.quoted(parts[j].name) for j in owners if j in fundless]
    if i not in fundless:
        many = len(names) > 1
        who = ("la parte ", "le parti ")[many] + fmt.listed(names)
        own = (
            _default(who, many)
            + (": scrivile un fondo suo", ": scrivi loro un fondo")[many]
            + ", senza riga in ente.toml"
        )
        error(f"premi[{i}].fondo", fmt.clauses(f"il fondo «{parts[i].fund}» è di una parte dovuta (dovuto = true), che "
              "paga importi per intero: questa parte, che lo divide, usi un altro fondo", own if names else ""),
              "regolamento.valore")  # fmt: skip
        return
    owed = fmt.listed(fmt.quoted(parts[j].name) for j in owners)
    neither = (f"neppure {fmt.listed(names)} scriv{'ono' if len(names) > 1 else 'e'} fondo: le parti senza fondo "
               "condividono quello predefinito, e una parte dovuta ne ha uno suo, senza riga in ente.toml")  # fmt: skip
    error(f"premi[{i}]", fmt.clauses(f"{_default('la parte')}, che è il fondo di una parte dovuta (dovuto = true), "
          f"{owed}, che paga importi per intero: questa parte, che lo divide, usi un altro fondo",
          neither if names else ""), "regolamento.valore")  # fmt: skip


def weighs(part: Part) -> bool:
    """True for a part that divides its fund by weights, where a cap per person can hold: a per-person maximum or a
    fixed pool per band are caps of another kind."""
    if part.method == "livelli":
        return part.maximum is None
    if part.method == "fasce":
        return part.band_money != "per_fascia"
    return part.method == "proporzionale"


def reduction_targets(
    reductions: Sequence[Reduction],
    parts: Sequence[Part],
    error: Error,
    fundless: frozenset[int] = frozenset(),
    result_pay: str | None = None,
) -> None:
    """A reduction names parts that exist and that weigh or compute each person's premium (not the amounts written
    in premi.csv, nor the bonus of the best, which no reduction touches), or the result pay (``risultato_po``, where
    ``result_pay``, the method of [risultato_po], says the regulation writes one that pays each one's amount), and sends its cuts to a later part of the same fund as each of
    them. ``fundless``: the parts, by index, that write no ``fondo``."""
    names = [p.name for p in parts]
    methods = {p.name: p.method for p in parts}
    for i, red in enumerate(reductions):
        for name in red.parts:
            where = f"riduzioni[{i}].parti"
            if name == RESULT_PART and not result_pay:
                error(where, f"«{RESULT_PART}» è la retribuzione di risultato, che il regolamento non scrive "
                      f"([{RESULT_PART}])", "regolamento.valore")  # fmt: skip
            elif name == RESULT_PART and result_pay == "quota_posizione":
                error(where, "la retribuzione di risultato divisa per quote delle posizioni (metodo «quota_posizione») "
                      "non si riduce: una riduzione vale per i metodi percentuale, fondo e formula",
                      "regolamento.valore")  # fmt: skip
            elif name == RESULT_PART:
                continue  # its cut stays unpaid, whatever economie says: it is no part's to share
            elif name not in names:
                hint = nearest(name, [*names, *([RESULT_PART] if result_pay else [])])
                error(where, f"{fmt.quoted(name)} non è una parte del premio{hint} (parti: {', '.join(names) or 'nessuna'}"
                      + (f"; la retribuzione di risultato è «{RESULT_PART}»" if result_pay else "") + ")",
                      "regolamento.valore")  # fmt: skip
            elif METHODS[methods[name]].chosen:
                error(where, f"la parte {fmt.quoted(name)} (metodo «{methods[name]}») paga persone scelte altrove e non si "
                      "riduce: una riduzione vale per una parte che divide il fondo o calcola l'importo di ciascuno; "
                      "gli importi di premi.csv si scrivono già ridotti", "regolamento.valore")  # fmt: skip
        reduced = [p for p in parts if not red.parts or p.name in red.parts]
        if isinstance(red.savings, Formula):
            grouped_cuts(i, red, reduced, reductions, error)
            continue
        if red.savings in ("ripartite", "residuo"):
            continue
        for part in reduced:
            later = {p.name: p for p in parts[parts.index(part) + 1 :] if p.fund == part.fund}
            if red.savings in later and later[red.savings].owed:
                error(f"riduzioni[{i}].economie", f"la parte «{red.savings}» è dovuta (dovuto = true): paga i suoi "
                      "importi per intero e non riceve tagli; economie: ripartite o residuo", "regolamento.valore")  # fmt: skip
            elif red.savings not in later:
                error(
                    f"riduzioni[{i}].economie",
                    fmt.clauses(
                        f"{fmt.quoted(red.savings)} non è una parte scritta dopo «{part.name}» con lo stesso fondo"
                        f"{nearest(red.savings, ['ripartite', 'residuo', *later])}; economie: ripartite, residuo o "
                        "una parte successiva",
                        _savings_fund(part, red.savings, parts, fundless),
                    ),
                    "regolamento.valore",
                )


def grouped_cuts(
    i: int, red: Reduction, reduced: Sequence[Part], reductions: Sequence[Reduction], error: Error
) -> None:
    """The cuts of a part go to the colleagues of one group only when every reduction of that part that does not
    leave its cuts to the colleagues says the same group: a cut cannot be shared out two ways."""
    assert isinstance(red.savings, Formula)
    for part in reduced:
        if part.owed:
            error(f"riduzioni[{i}].economie", f"la parte «{part.name}» è dovuta (dovuto = true): paga i suoi importi "
                  "per intero e nessuno vi riceve i tagli degli altri; economie: ripartite o residuo",
                  "regolamento.valore")  # fmt: skip
            return
        for j, other in enumerate(reductions):
            if other is red or other.savings == "ripartite" or (other.parts and part.name not in other.parts):
                continue
            if not isinstance(other.savings, Formula) or other.savings.text != red.savings.text:
                error(
                    f"riduzioni[{i}].economie",
                    f"la parte «{part.name}» manda i tagli anche dove dice la riduzione {j + 1} "
                    f"(economie = {other.savings}): "
                    "le riduzioni di una parte i cui tagli vanno a un gruppo di colleghi li mandano tutte allo stesso "
                    "gruppo",
                    "regolamento.valore",
                )
                return


def residual_target(i: int, part: Part, parts: Sequence[Part], error: Error) -> None:
    if part.residual_to is None:
        return
    later = {p.name: p for p in parts[i + 1 :]}
    target = later.get(part.residual_to)
    if target is None:
        error(
            f"premi[{i}].residuo_a",
            f"{fmt.quoted(part.residual_to)} non è una parte scritta dopo questa{nearest(part.residual_to, list(later))}"
            f"; il residuo va a una parte successiva (parti dopo: {', '.join(later) or 'nessuna'})",
            "regolamento.valore",
        )


def best_of(i: int, part: Part, parts: Sequence[Part], error: Error) -> None:
    """«migliori» needs an earlier part in bands and one of its bands; other methods take none of its keys."""
    path = f"premi[{i}]"
    keys = (("tra", part.among), ("fascia", part.band), ("quota_vincitori", part.best_share))
    if part.method != "migliori":
        for name, got in keys:
            if got is not None:
                error(f"{path}.{name}", "vale per il metodo «migliori»", "regolamento.valore")
        return
    for name, got in keys:
        if got is None:
            error(path, f"il metodo «migliori» richiede la chiave {name}", "regolamento.manca")
    if part.rankings != "ente":
        error(f"{path}.graduatorie", "i migliori si scelgono nelle graduatorie della parte «tra»", "regolamento.valore")
    earlier = {p.name: p for p in parts[:i] if p.method == "fasce"}
    source = earlier.get(part.among or "")
    if part.among is not None and source is None:
        error(
            f"{path}.tra",
            f"{fmt.quoted(part.among)} non è una parte in fasce scritta prima{nearest(part.among, list(earlier))}",
            "regolamento.valore",
        )
    if source is not None and part.band is not None and part.band not in {b.name for b in source.bands}:
        bands = [b.name for b in source.bands]
        error(
            f"{path}.fascia",
            f"la parte {fmt.quoted(source.name)} non ha la fascia {fmt.quoted(part.band)}{nearest(part.band, bands)}; fasce: "
            f"{', '.join(bands)}",
            "regolamento.valore",
        )


def shares(parts: Sequence[Part], error: Error, fundless: frozenset[int] = frozenset()) -> None:
    """Parts sharing a fund each take a stated share of it, at most the whole fund together."""
    by_fund: dict[str, list[int]] = {}
    for i, part in enumerate(parts):
        by_fund.setdefault(part.fund, []).append(i)
        if part.of_shares and part.fund_share is None:
            error(
                f"premi[{i}].di_cui",
                "di_cui è una quota della quota_fondo: scrivi anche quota_fondo",
                "regolamento.manca",
            )
    for fund, members in by_fund.items():
        if len(members) > 1 and not any(parts[i].owed for i in members):  # owed parts take no share: they owe
            for i in members:
                if parts[i].fund_share is None:
                    error(
                        f"premi[{i}]",
                        fmt.clauses(
                            f"più parti pagano dal fondo {fmt.quoted(fund)}: ognuna dice la sua quota_fondo (parti "
                            "pagate una dopo l'altra «fino a capienza»: quota_fondo = 1 e residuo_a nella prima, "
                            "quota_fondo = 0 in quella che riceve solo il resto)",
                            _sharing_default(i, members, parts, fundless),
                        ),
                        "regolamento.manca",
                    )
        total = sum((parts[i].share or Decimal(0) for i in members), Decimal(0))
        if total > 1:
            error(
                f"premi[{members[-1]}].quota_fondo",
                fmt.clauses(
                    f"le quote del fondo «{fund}» sommano {said_share(total, 'a')}, più del 100%",
                    _sharing_default(members[-1], members, parts, fundless),
                ),
                "regolamento.somma",
            )


def _sharing_default(i: int, members: Sequence[int], parts: Sequence[Part], fundless: frozenset[int]) -> str:
    """Who among the parts of one fund wrote no ``fondo`` and shares the default one: the part at ``i`` first, then
    the others by name ("" when each wrote its fund)."""
    others = [fmt.quoted(parts[j].name) for j in members if j in fundless and j != i]
    if i in fundless:
        return _default("la parte") + (f", come {fmt.listed(others)}" if others else "")
    if not others:
        return ""
    return _default(f"{'le parti' if len(others) > 1 else 'la parte'} {fmt.listed(others)}", len(others) > 1)


def instalments(pr: Premium, path: str, error: Error) -> None:
    """The instalments of a premium pay all of it, in the order they are written: each says what it pays (a share,
    an advance or the balance); shares sum to 1 (an office writes 50% and 50%, or 0.5 and 0.5), advances end with
    the balance; each is paid after the one before."""
    rates = pr.instalments
    if not rates:
        return
    if not all([_one_amount(r, f"{path}.rate[{i}]", error) for i, r in enumerate(rates)]):  # each one said
        return  # what an instalment pays is unclear: the rules between them wait for it
    if any(r.kind != money.SHARE for r in rates):
        _advances(rates, f"{path}.rate", error)
    else:
        total = sum((r.share or Decimal(0) for r in rates), Decimal(0))
        if total != 1:
            error(
                f"{path}.rate",
                f"le quote delle rate sommano {said_share(total, 'a')}: devono sommare al 100% (tutto il premio di "
                "ciascuno)",
                "regolamento.somma",
            )
    for i in range(1, len(rates)):
        before, now = rates[i - 1], rates[i]
        if (now.later, now.month_number) <= (before.later, before.month_number):
            error(
                f"{path}.rate[{i}].mese",
                f"la rata di {now.when} viene prima della rata di {before.when}, o nello stesso mese: scrivi "
                "le rate nell'ordine in cui si pagano, in mesi diversi",
                "regolamento.valore",
            )


ADVANCE_EXAMPLE = "{ acconto = '=50% * 1000 €', mese = \"settembre\" }"
BALANCE_EXAMPLE = '{ conguaglio = true, mese = "giugno", anno = "successivo" }'


def _one_amount(rule: InstalmentRule, path: str, error: Error) -> bool:
    """True when the instalment says one thing it pays: its ``quota``, an ``acconto`` or the ``conguaglio``."""
    said = [k for k, v in (("quota", rule.share), ("acconto", rule.advance)) if v is not None]
    said += ["conguaglio"] if rule.balance else []
    if len(said) == 1:
        return True
    if not said:
        error(
            path,
            "la rata non dice quanto paga: scrivi quota (una quota del premio di ciascuno, «50%»), acconto (una "
            f"formula in euro pagata prima dei risultati, es. {ADVANCE_EXAMPLE}) o conguaglio = true (il premio "
            "meno gli acconti, l'ultima rata)",
            "regolamento.manca",
        )
    else:
        error(
            f"{path}.{said[1]}",
            f"la rata dice insieme {' e '.join(said)}: ogni rata paga una cosa sola, una quota del premio, un "
            "acconto o il conguaglio; scrivile in rate distinte",
            "regolamento.valore",
        )
    return False


def _advances(rates: Sequence[InstalmentRule], path: str, error: Error) -> None:
    """Instalments with an advance: advances only, then one balance, the last; no share of the premium among them
    (the balance pays whatever the advances did not)."""
    kinds = [r.kind for r in rates]
    for i, kind in enumerate(kinds):
        if kind == money.SHARE:
            error(
                f"{path}[{i}].quota",
                "una quota del premio tra acconti e conguaglio: il premio non si conosce prima del conguaglio, che ne "
                f"paga tutto il resto; scrivi la rata come acconto ({ADVANCE_EXAMPLE}) o tutte le rate con la quota",
                "regolamento.valore",
            )
        elif kind == money.BALANCE and i != len(kinds) - 1:
            error(
                f"{path}[{i}].conguaglio",
                "il conguaglio è l'ultima rata: paga il premio meno gli acconti pagati prima; sposta in fondo la rata "
                "del conguaglio, dopo ogni acconto",
                "regolamento.valore",
            )
    if kinds[-1] != money.BALANCE and money.ADVANCE in kinds:
        error(
            path,
            "un acconto senza conguaglio dopo di sé: chi ha avuto l'acconto riceverebbe più o meno del suo premio; "
            f"aggiungi come ultima rata il conguaglio, es. {BALANCE_EXAMPLE}",
            "regolamento.manca",
        )
    if money.ADVANCE not in kinds:
        error(
            path,
            "un conguaglio senza acconto prima: il conguaglio paga il premio meno gli acconti; scrivi gli acconti "
            f"prima di esso ({ADVANCE_EXAMPLE}), o paga il premio con le quote delle rate",
            "regolamento.manca",
        )
