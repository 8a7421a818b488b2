"""A part that pays the whole year's premium to a person hired or gone within the year. Most texts pay «in
proporzione ai giorni di servizio», which the declared format says with ``rateo_giorni = true``; without it, and
without a formula that reads the days itself, a person who left on 30 June is paid as one who worked the whole year,
and nothing said so (an office found it only by redoing the sum). A warning at the part names the people; a part that
writes ``rateo_giorni = false`` says the text pays the whole year and is not warned. The check runs once the parts
are paid, when each part's condition (``ammesso``) has been asked of each person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.format.expr import Call, Name, formulas, nodes
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation
from ciclope.plugins.regolamento.read.lines import line_of, said

RULE = "regolamento.rateo"
DECIDED = "importi"  # the method whose amounts an act decides, person by person
# what a formula reads that already counts the days of service: the position pay too, written (people.csv) or weighted
# ([posizioni]) as what is due for the days of the incarico, so a weight by it is in proportion to them
DAYS_READ = frozenset({"giorni_servizio", "mesi_servizio", "assunzione", "cessazione", "retribuzione_posizione"})
# what a part paid per incarico (``incarichi``) reads of the incarico's own time: its days in the year in service and
# its first and last day; a person who holds no incarico is paid nothing by the part
INCARICO_DAYS = frozenset({"giorni", "dal", "al"})
# the functions that count the time of service themselves: MESI(15 giorni) is the months of service in the year
COUNTS_SERVICE = frozenset({"MESI", "PREMIO"})
NAMED = 3  # the people a warning names, then «e altri N»
Admits = Callable[[Premium, str], bool]  # whether a part admits a person (by id)


def problems(
    reg: Regulation, ente: Ente, where: tuple[str, Mapping[str, int]], admits: Admits = lambda block, pid: True
) -> list[Problem]:
    """One warning per part that pays people hired or gone within the year for the whole year, naming only those the
    part admits (``admits``: its condition ``ammesso`` held for them): a part no such person takes part in (the
    project of the Polizia locale, a colleague of the anagrafe hired in April) is not warned."""
    blocks: list[tuple[str, Premium]] = [(f"premi[{i}]", part) for i, part in enumerate(reg.parts)]
    if reg.premium is not None:
        blocks.append(("premio", reg.premium))
    file, lines = where
    out = []
    for path, block in blocks:
        # an amount decided and written per person (premi.csv) is paid as written: the act that decides it counts
        # the days, if its rule does
        if block.prorate or f"{path}.rateo_giorni" in lines or _reads_days(block) or block.method == DECIDED:
            continue
        partial = [
            p
            for p in ente.people.values()
            if p.role in block.roles and _partial(p.extra, ente.year) and admits(block, p.id)
        ]
        if not partial:
            continue
        named = ", ".join(f"{p.name} ({p.id}) {_span(p.extra)}" for p in partial[:NAMED])
        more = f" e altri {len(partial) - NAMED}" if len(partial) > NAMED else ""
        message = (
            f"il premio è pagato per l'anno intero anche a chi è assunto o cessa nell'anno: {named}{more}. Se il testo "
            "lo dà in proporzione ai giorni di servizio, scrivi nella parte il codice «rateo_giorni = true»; se lo dà "
            "intero, il codice «rateo_giorni = false», e l'avviso tace"
        )
        row = line_of(dict(lines), path)
        out.append(
            Problem(rule=RULE, severity="warning", source=cite(reg, block.source), file=file, row=row,
                    column=said(path), message=message)
        )  # fmt: skip
    return out


def _reads_days(block: Premium) -> bool:
    """Whether a formula of the part counts the days or the months of service itself (``MESI``), or reads a premium
    already paid (``PREMIO``: a redistribution in proportion to another part's amounts, already in proportion to the
    days if that part is). A [[definizioni]] name is read through its formula (:func:`nodes` walks into it), so
    ``dodicesimi = MESI(15 giorni) / 12`` counts the months wherever ``dodicesimi`` is written; a part paid per incarico
    that reads the incarico's days (``giorni``, ``dal``, ``al``) pays each incarico for its own time."""
    read = DAYS_READ | INCARICO_DAYS if isinstance(block, Part) and block.assignments else DAYS_READ
    return any(
        (isinstance(n, Name) and n.name in read) or (isinstance(n, Call) and n.fn in COUNTS_SERVICE)
        for f in formulas(block)
        for n in nodes(f.tree)
    )


def _partial(extra: Mapping[str, object], year: int) -> bool:
    start, end = extra.get("assunzione"), extra.get("cessazione")
    hired = isinstance(start, dt.date) and start > dt.date(year, 1, 1) and start.year == year
    gone = isinstance(end, dt.date) and end < dt.date(year, 12, 31) and end.year == year
    return hired or gone


def _span(extra: Mapping[str, object]) -> str:
    start, end = extra.get("assunzione"), extra.get("cessazione")
    words = []
    if isinstance(start, dt.date):
        words.append(f"dal {fmt.date_it(start)}")
    if isinstance(end, dt.date):
        words.append(f"fino al {fmt.date_it(end)}")
    return "(in servizio " + " ".join(words) + ")"
