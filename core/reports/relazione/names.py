"""How the Relazione names what the Result holds by id: people, units, owners, areas."""

from __future__ import annotations

from ciclope.core.phases import PHASE_NAMES, PHASES
from ciclope.core.reports import fmt
from ciclope.core.reports.model import Person, Text
from ciclope.core.result import Result


class Names:
    """The names of one ente's people, units and areas; a person is a :class:`~..model.Person` cell."""

    def __init__(self, result: Result, public: bool = False):
        self.ente = result.ente
        self.words = result.plugin.staff_words
        self.public = public  # the publishable Relazione: a unit by its name alone, never its code

    def person(self, pid: str | None) -> str:
        if not pid:
            return fmt.NONE
        p = self.ente.people.get(pid)
        if p is None and pid in self.ente.evaluators:  # an evaluator who is not staff: as ente.toml names them
            # an organ (the OIV) by its name alone: its key in ente.toml is no reader's word
            return Person(self.ente.evaluators[pid], "valutatore esterno")
        role = fmt.role_label(p.role, self.ente.year, self.words) if p is not None else "persona"
        return Person(f"{p.name} ({pid})" if p and p.name else pid, role)

    def unit(self, uid: str | None) -> str:
        if not uid:
            return fmt.NONE
        u = self.ente.units.get(uid)
        if u and u.name:
            return u.name if self.public else fmt.with_code(u.name, uid)
        return uid

    def owner(self, oid: str | None) -> str:
        if oid in self.ente.units:
            return self.unit(oid)
        return self.person(oid)

    def area(self, aid: str, full: bool = False) -> str:
        a = self.ente.areas.get(aid)
        if a is None or not a.name:
            return aid
        return f"{aid} — {a.name}" if full else a.name


def reached(result: Result, phase: str) -> bool:
    return PHASES.index(result.until) >= PHASES.index(phase)


def not_run(result: Result, phase: str) -> Text:
    return Text(
        f"Fase «{PHASE_NAMES[phase]}» non eseguita: il ciclo è stato fermato dopo «{PHASE_NAMES[result.until]}».",
        "empty",
    )
