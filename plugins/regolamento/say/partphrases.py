"""The sentences of the parts of the individual premium (``[[premi]]``, format 2): each part as [premio] says it
(:func:`say.phrases.premium`), with its name, its share of the fund, its rankings, where what it does not pay goes
and, for a bonus of the best, whom it rewards."""

from __future__ import annotations

from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.spec import HALF_UP, Part, Regulation
from ciclope.plugins.regolamento.format.wording import (
    COMBINED,
    all_of,
    joined,
    of_rankings,
    of_roles,
    role_groups,
    roles,
    the,
    word,
)
from ciclope.plugins.regolamento.say.phrases import (
    COMPARTO,
    PARAGRAPH,
    Said,
    cap,
    fund_name,
    num,
    paid_share,
    premium,
    said_formula,
    the_pct,
    unscored,
    valued,
)

RANKINGS = {
    "area": "una graduatoria per ogni struttura di primo livello",
    "categoria": "una graduatoria per ogni categoria (o Area) del contratto",
}
SPLIT = {"personale": "al personale in servizio", "quota_tempo": "al tempo lavorato"}
PART_KEYS = {"name", "fund_share", "of_shares", "rankings", "ranking_split", "residual_to", "among", "band", "best_share",
             "decision", "decided_from", "decided_by", "admitted_if", "weight", "amount", "assignments",
             "combine", "national_bonus", "cap", "owed", "set_aside", "performance", "rounding"}  # fmt: skip


def parts(block: Part, regulation: Regulation, national: bool | None = None) -> Said:
    """The part's sentences. ``national``: whether a national layer that computes the maggiorazione of the
    individual premium runs for the ente (the annex of a run knows it); ``None`` where no ente runs (``ciclope
    regolamento leggi``): the comparto [atto] names says it (:func:`layered`)."""
    national = layered(regulation) if national is None else national
    _, said, covered = premium(block, regulation)
    whole = f"{cap(the(fund_name(block.fund, regulation)))} è diviso"  # the part divides its own share of the fund
    own = "La quota della parte è divisa" if block.evaluation else f"La parte «{block.name}» è divisa"
    said = [line.replace(whole, own) for line in said]
    lines = [
        f"Parte «{block.name}» ({block.source}).",
        *_share(block, regulation),
        *(_set_aside(block, regulation) if national else []),
        *_own_method(block, regulation),
        *said[1:2],  # the method's sentence, then how its shares come to the cent where the part says it
        *_rounding(block),
        *said[2:],
    ]
    lines += _formulas(block, regulation)
    if block.performance == "nessuna":  # a compenso, not a premium: its own sentences say so
        lines = [line.replace("il premio ", "il compenso ") for line in lines]
    what = _what(regulation)
    if len(regulation.parts) == 1:  # the one part is the premium: said once, with its source
        lines[0] = f"{what} si paga in una sola parte, «{block.name}» ({block.source})."
    elif block is regulation.parts[0]:
        names = ", ".join(f"«{p.name}»" for p in regulation.parts)
        if len({frozenset(p.roles) for p in regulation.parts}) > 1:  # whom each pays, where they differ
            groups = role_groups(regulation.labels)
            names = "; ".join(f"«{p.name}», {roles(p.roles, 'di', groups)}" for p in regulation.parts)
        verb = "si pagano" if what == INCENTIVES else "si paga"
        lines.insert(0, f"{what} {verb} in {len(regulation.parts)} parti, nell'ordine: {names}.")
    if len(regulation.parts) > 1:  # each of several parts a paragraph of its own, after the sentence that lists them
        at = 1 if block is regulation.parts[0] else 0
        lines[at] = PARAGRAPH + lines[at]
    if isinstance(block.rankings, Formula):
        lines.append(
            f"La graduatoria di ciascuno nella parte {valued(block.rankings, amount=False)}: una graduatoria per ogni "
            f"valore, ciascuna con una quota in proporzione {_split(block)}."
        )
    elif block.rankings != "ente":
        kind = RANKINGS[block.rankings]
        if block.rankings == "categoria" and regulation.grades is not None:  # the grades the regulation declares
            word = regulation.grades.word.strip() or "grado"  # the contract's word for its grades ([gradi] parola)
            kind = f"una graduatoria per ogni {word} ({', '.join(regulation.grades.names)})"
        lines.append(f"La parte ha {kind}, ciascuna con una quota in proporzione {_split(block)}.")
    if block.residual_to:
        lines.append(f"Ciò che la parte non paga va alla parte «{block.residual_to}».")
    if block.national_bonus:
        lines.append(BONUS[national])
    lines += _performance(block, national)
    if block.set_aside:
        givers = [f"«{q.name}»" for q in regulation.parts if q.residual_to == block.name]
        source = givers[0] if givers else "che le manda ciò che non paga"
        lines.append(
            f"La parte è accantonata prima della parte {source}: i suoi importi si calcolano sui premi di quella "
            "parte divisa sul fondo intero; ciò che quella non paga li paga per primo e, se non basta, il suo fondo si "
            "riduce dell'intero accantonamento ed è diviso di nuovo, una volta, con la stessa regola."
        )
    if block.decision:
        start = f"dal {block.decided_from} dell'anno precedente" if block.decided_from else ""
        end = f"entro il {block.decided_by} dell'anno del ciclo" if block.decided_by else ""
        window = f", {start or end}" if start or end else ""
        if start and end:
            window = f", tra il {block.decided_from} dell'anno precedente e il {block.decided_by} dell'anno del ciclo"
        # ``decisione`` names the key of the office's ente.toml that proves the act: data, not a rule of the act
        does = "ne approva gli importi" if block.method == "importi" else "la istituisce"
        lines.append(f"La parte si paga solo se ogni anno un atto {does}{window}.")
    extra = {"method"} if block.method in ("migliori", "budget", "importi", "formula") else set()
    return HEADINGS[what], lines, covered | PART_KEYS | extra


# what a part that pays no individual premium is (``performance``): the sentence's start, and its end
PERFORMANCE = {
    "organizzativa": ("La parte paga la performance organizzativa: non è del premio individuale", ""),
    "nessuna": (
        "La parte paga un compenso che non è un premio correlato alla performance (un incentivo previsto da una "
        "legge): non è del premio individuale",
        "i dati pubblicati la riportano a parte, fuori dai premi per la performance",
    ),
}
MEAN = "il valore medio della maggiorazione prevista dal contratto nazionale non la legge"
# the part marked ``maggiorazione = true``: where a national layer computes the contract's maggiorazione it leaves it
# to the part (``ciclope_own_maggiorazione``); where none runs, nothing computes it a first time
BONUS = {
    True: "La parte è la maggiorazione del premio individuale prevista dal contratto nazionale, come la scrive il "
    "contratto integrativo: non è calcolata una seconda volta.",
    False: "La parte è la maggiorazione del premio individuale propria dell'ente, come la scrive il contratto "
    "integrativo.",
}


def _set_aside(block: Part, regulation: Regulation) -> list[str]:
    """Where the comparto's layer computes the maggiorazione of the individual premium, what it takes from the fund
    of the individual premium before the part divides it: said once a fund, at its first part, and never where a part
    of the regulation is the maggiorazione itself (the layer computes none)."""
    staff = [p for p in regulation.staff_premiums if isinstance(p, Part)]
    if block not in staff or any(p.national_bonus for p in regulation.parts):
        return []
    if next(p for p in staff if p.fund == block.fund) is not block:
        return []
    fund = joined("da", the(fund_name(block.fund, regulation)))
    return [
        "Se il contratto integrativo prevede la maggiorazione del premio individuale del contratto nazionale (la "
        "sua misura è scritta nella configurazione del ciclo dell'ente, non in questo regolamento), la maggiorazione "
        f"× il numero dei beneficiari è accantonata prima {fund}: da ciò che le parti lasciano non distribuito e, "
        "per il resto, riducendo il fondo, che è diviso una volta sola con la regola della parte."
    ]


def layered(regulation: Regulation) -> bool:
    """Whether the comparto [atto] names has a national layer in ciclope (none for «altro», nor for a regulation that
    names no comparto): what says it where no ente runs."""
    return regulation.act.comparto in COMPARTO


def _performance(block: Part, national: bool) -> list[str]:
    """What a part that pays no individual premium is. The maggiorazione of the individual premium is the national
    contract's, computed by a comparto's layer: its mean is said to skip the part only where that layer runs
    (``national``)."""
    if block.performance not in PERFORMANCE:
        return []
    start, end = PERFORMANCE[block.performance]
    clauses = [MEAN] if national else []
    clauses += [end] if end else []
    if not clauses:
        return [f"{start}."]
    return [f"{start}, {', '.join(clauses[:-1])}{', ' if clauses[:-1] else ''}e {clauses[-1]}."]


INCENTIVES = "Il premio e i compensi non collegati alla performance"
COMPENSO = "Il compenso non collegato alla performance"
HEADINGS = {
    COMPENSO: "Le parti del compenso non collegato alla performance",
    "Il premio individuale": "Le parti del premio individuale",
    "Il premio": "Le parti del premio",
    INCENTIVES: "Le parti del premio e dei compensi non collegati alla performance",
}


def _what(regulation: Regulation) -> str:
    """What the parts pay together: the individual premium, a premium (no part pays by an individual evaluation: a
    fondo comune, a presence premium; or a part pays the organizational performance, or pays no dipendente — no
    article: its contract and year vary by ente), or a premium beside compensi that are not performance premiums (``performance = "nessuna"``)."""
    if all(p.performance == "nessuna" for p in regulation.parts):
        return COMPENSO
    if any(p.performance == "nessuna" for p in regulation.parts):
        return INCENTIVES
    # a part that pays no dipendente (the interim of an EQ, a dirigente's result) is none of the staff's individual
    # premium, which the contract's individual premium is
    individual = not any(p.performance == "organizzativa" or "dipendente" not in p.roles for p in regulation.parts)
    return "Il premio individuale" if individual and any(p.evaluation for p in regulation.parts) else "Il premio"


def _rounding(p: Part) -> list[str]:
    """How the shares of a part that rounds them half-up (``arrotondamento = "matematico"``) come to the cent, in the
    words of the texts that write it, and what becomes of the cents: residual, or split by largest remainder where
    the shares so rounded would pass the quota."""
    if p.rounding != HALF_UP:
        return []
    quota = "della graduatoria" if p.rankings != "ente" else "della parte"
    return [
        "L'importo di ciascuno è arrotondato al centesimo per eccesso se il millesimo è pari o superiore a 5, per "
        "difetto altrimenti (arrotondamento matematico): i centesimi che così restano non sono pagati e restano "
        f"residui; se gli importi così arrotondati superano la quota {quota}, sono ripartiti al centesimo con il "
        "metodo dei resti più alti."
    ]


def _split(p: Part) -> str:
    """What each graduatoria's share of the part is in proportion to."""
    if isinstance(p.ranking_split, Formula):
        return f"alla somma, sul suo personale in servizio, del peso di ciascuno: {said_formula(p.ranking_split)}"
    return SPLIT[p.ranking_split]


def _share(p: Part, regulation: Regulation) -> list[str]:
    fund = the(fund_name(p.fund, regulation))
    if p.owed:
        return [
            "Non divide un fondo: l'importo di ciascuno è dovuto e pagato per intero; "
            f"{fund} è la somma di ciò che la parte paga."
        ]
    givers = [f"«{q.name}»" for q in regulation.parts if q.residual_to == p.name]
    if p.fund_share == 0 and givers:  # a part paid only with what the parts before it leave
        which = f"la parte {givers[0]}" if len(givers) == 1 else f"le parti {', '.join(givers)}"
        return [
            f"Non ha una quota {joined('di', fund)}: le va ciò che {which} non {'paga' if len(givers) == 1 else 'pagano'}."
        ]
    if isinstance(p.fund_share, Formula):  # «una quota del fondo calcolata per l'anno, che è pari al 40% …»
        whose = f"una quota {joined('di', fund)} calcolata per l'anno, che {valued(p.fund_share)}"
    elif p.fund_share is not None:
        whose = f"{the_pct(p.fund_share)} {joined('di', fund)}"
    else:
        whose = all_of(fund)
    if p.of_shares and p.share is not None:  # «l'80% del 20% del fondo (il 16%)», «il 65% del 20% del 20% …»
        for of in p.of_shares:
            whose = f"{the_pct(of)} {joined('di', whose)}"
        whose += f" ({the_pct(p.share)})"
    plural = whose.startswith(("tutti ", "tutte "))  # «Le vanno tutte le Risorse…», «Le va tutto il fondo»
    return [f"Le {'vanno' if plural else 'va'} {whose}."]


def _scoped(text: str, formula: Formula, p: Part, reg: Regulation) -> str:
    """A sentence of the part's ``formula`` with its sums over the ente said of the part's roles (:func:`of_roles`)."""
    return of_roles(text, formula, p.roles, role_groups(reg.labels))


def _formulas(p: Part, reg: Regulation) -> list[str]:
    """The formulas of a part: who takes part, the weight in the split."""
    out = []
    if p.admitted_if is not None:
        # «solo»: after «pagata a tutto il personale in servizio» of a part without evaluation, the condition narrows it
        out.append(
            f"Partecipa alla parte solo la persona per cui {_scoped(said_formula(p.admitted_if), p.admitted_if, p, reg)}."
        )
    if p.weight is not None:
        share = paid_share(p)
        weight = _scoped(of_rankings(valued(p.weight), p.rankings), p.weight, p, reg)
        out.append(f"Il peso di ciascuno nella ripartizione {weight}{', per ' + share if share else ''}.")
    if p.cap is not None:
        rest = "va agli altri in proporzione" if p.residual == "ridistribuisci" else "resta residuo"
        most = joined(
            "più di", _scoped(of_rankings(said_formula(p.cap), p.rankings), p.cap, p, reg)
        )  # «più del 30% …», not «più di il …»
        out.append(f"Nessuno riceve {most} (per difetto al centesimo); ciò che supera {rest}.")
    return out


def _own_method(p: Part, reg: Regulation) -> list[str]:
    """The methods only a part has: a budget from the fund, amounts decided, a bonus for the best."""
    if p.method == "budget":
        weight = " × ".join(w for w in (paid_share(p), f"il {grades.parameter(reg)}" if p.grade_factors else "") if w)
        paid = "× il coefficiente del suo livello" if p.coefficients else "× il punteggio / 100"
        coeff = "; ".join(f"«{word(k)}» {num(v)}" for k, v in p.coefficients.items())
        return [
            f"Ogni persona ha un budget individuale: la quota della parte × il suo peso ({weight or '1 per tutti'}) "
            f"/ la somma dei pesi di chi la parte conta, anche se escluso; è pagato {paid}"
            + (f" ({coeff})" if coeff else "")
            + ("." if p.residual_to else "; ciò che resta è residuo.")  # else where it goes is said after
        ]
    if p.method == "importi":
        return ["Gli importi sono quelli decisi e scritti nel foglio premi."]
    if p.method == "formula" and p.amount is not None:
        whom = [] if p.evaluation else [f"La parte «{p.name}» è pagata {unscored(p, 'a', reg)}."]
        if p.assignments is not None and not p.evaluation:  # only who holds such an appointment, not everyone
            whom = [
                f"La parte «{p.name}» è pagata a chi ha un incarico «{p.assignments}» del foglio incarichi "
                f"({roles(p.roles)}), senza valutazione individuale."
            ]
        amount = _scoped(
            of_rankings(valued(p.amount), p.rankings), p.amount, p, reg
        )  # ``fondo``: the graduatoria's, where the part has them
        if p.assignments is None:
            return [*whom, f"L'importo di ciascuno {amount}, arrotondato al centesimo."]
        combine = COMBINED[p.combine]
        return [
            *whom,
            f"Per ogni incarico «{p.assignments}» del foglio incarichi l'importo {amount}, "
            f"arrotondato al centesimo; con più incarichi della stessa persona vale {combine}.",
        ]
    if p.method != "migliori":
        return []
    share = the_pct(p.best_share, "a") if p.best_share is not None else "al —"
    return [
        f"Un premio in parti uguali al più {share} dei collocati nella fascia «{word(p.band or '')}» della parte "
        f"«{p.among}» (per difetto; i pari merito al limite sono esclusi), in ordine di punteggio."
    ]
