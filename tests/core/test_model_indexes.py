"""The Ente's indexes (issue 18): who heads which units, who owns which objectives and cruscotto rows,
which staff work in an area. They replace scans of every unit or objective made for each person or
unit, which grew with the square of a big ente's size; each must give what the scan gave, in file
order."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.model import Assignment, Ente, Objective, Person, Unit


def person(pid: str, role: str, unit: str) -> Person:
    return Person(id=pid, name=pid, role=role, category=None, unit=unit)


def ente_of(units, people, objectives, assignments) -> Ente:
    return Ente(
        id="e",
        name="e",
        year=2021,
        units={u.id: u for u in units},
        people={p.id: p for p in people},
        objectives={o.id: o for o in objectives},
        assignments=tuple(assignments),
    )


def small_ente() -> Ente:
    #         root (head SG)
    #        /              \
    #   A1 (area, D1)      A2 (area, D1)   <- D1 heads two areas
    #      |                  |
    #   S1 (servizio, PO1)  S2 (servizio, no head)
    units = [
        Unit("root", "Ente", "ente", None, "SG"),
        Unit("A1", "Area 1", "area", "root", "D1"),
        Unit("S1", "Servizio 1", "servizio", "A1", "PO1"),
        Unit("A2", "Area 2", "area", "root", "D1"),
        Unit("S2", "Servizio 2", "servizio", "A2", None),
    ]
    people = [
        person("SG", "segretario", "root"),
        person("D1", "dirigente", "A1"),
        person("E1", "dipendente", "S2"),
        person("PO1", "po", "S1"),
        person("E2", "dipendente", "S1"),
        person("E3", "dipendente", "root"),  # above every area
    ]
    objectives = [
        Objective("O1", "operational", "Uno", None, None, None, "S1"),
        Objective("O2", "individual", "Due", None, None, None, "E1"),
        Objective("O3", "operational", "Tre", None, None, None, "S1"),
        Objective("O4", "strategic", "Quattro", None, "AS1", None, None),
    ]
    assignments = (
        Assignment("C-S1", "S1", "O1", None),
        Assignment("C-E1", "E1", "O3", Decimal(2)),
        Assignment("C-S1", "S1", "O3", None),
    )
    return ente_of(units, people, objectives, assignments)


def test_the_indexes_of_a_small_ente_by_hand():
    e = small_ente()
    assert [u.id for u in e.headed_by("D1")] == ["A1", "A2"]  # file order
    assert [u.id for u in e.headed_by("PO1")] == ["S1"]
    assert e.headed_by("E1") == () and e.headed_by("nobody") == ()
    assert [o.id for o in e.owned_by("S1")] == ["O1", "O3"]
    assert [o.id for o in e.owned_by("E1")] == ["O2"]
    assert e.owned_by("S2") == ()
    assert [(a.owner, a.ref) for a in e.assignments_of("S1")] == [("S1", "O1"), ("S1", "O3")]
    assert [a.ref for a in e.assignments_of("E1")] == ["O3"]
    assert e.assignments_of("D1") == ()
    assert [p.id for p in e.staff()] == ["E1", "E2", "E3"]  # the dipendenti: not PO1
    assert [p.id for p in e.staff_in_area("A1")] == ["E2"]
    assert [p.id for p in e.staff_in_area("A2")] == ["E1"]
    assert e.staff_in_area("S1") == []  # a servizio is not an area
    # each call gives a new list: a caller that changes it does not change the ente's index
    e.staff().clear()
    e.staff_in_area("A1").clear()
    assert len(e.staff()) == 3 and len(e.staff_in_area("A1")) == 1


IDS = st.sampled_from(["U1", "U2", "U3", "U4", "P1", "P2", "P3", None])


@st.composite
def organizations(draw):
    n = draw(st.integers(1, 6))
    units = []
    for i in range(n):
        parent = draw(st.sampled_from([None] + [f"U{j}" for j in range(i)]))  # a tree: parents come first
        kind = draw(st.sampled_from(["ente", "area", "servizio", "ufficio"]))
        units.append(Unit(f"U{i}", f"U{i}", kind, parent, draw(IDS)))
    people = [
        person(
            f"P{i}",
            draw(st.sampled_from(["dirigente", "po", "dipendente"])),
            draw(st.sampled_from(["x"] + [u.id for u in units])),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    objectives = [
        Objective(f"O{i}", draw(st.sampled_from(["operational", "individual"])), "t", None, None, None, draw(IDS))
        for i in range(draw(st.integers(0, 6)))
    ]
    assignments = tuple(Assignment("C", draw(IDS) or "P1", f"O{i}", None) for i in range(draw(st.integers(0, 6))))
    return ente_of(units, people, objectives, assignments)


@settings(max_examples=200)
@given(organizations(), IDS)
def test_each_index_gives_what_the_scan_it_replaces_gave(e, who):
    key = who or ""
    assert list(e.headed_by(key)) == [u for u in e.units.values() if u.head == key]
    assert list(e.owned_by(key)) == [o for o in e.objectives.values() if o.owner == key]
    assert list(e.assignments_of(key)) == [a for a in e.assignments if a.owner == key]
    assert e.staff() == [p for p in e.people.values() if p.is_staff]
    for u in e.units.values():
        scan = [p for p in e.staff() if (a := e.area_of(p.unit)) is not None and a.id == u.id]
        assert e.staff_in_area(u.id) == scan


def test_the_cards_view_is_the_cards_shared_and_read_only():
    """``cards_view()`` (issue 18) gives what ``cards()`` gives — each person's rows in file order, people in
    order of their first row — as one read-only mapping of tuples; ``cards()`` stays a copy of its own."""
    import pytest

    from ciclope.core.model import EvaluationItem

    def item(pid: str, name: str, row: int) -> EvaluationItem:
        return EvaluationItem(pid, None, "s", name, Decimal(5), Decimal(3), None, row)

    rows = (item("B", "x", 2), item("A", "x", 3), item("B", "y", 4), item("C", "x", 5), item("A", "y", 6))
    ente = Ente(id="e", name="e", year=2021, evaluations=rows)
    view = ente.cards_view()
    assert list(view) == ["B", "A", "C"]
    assert view == {"B": (rows[0], rows[2]), "A": (rows[1], rows[4]), "C": (rows[3],)}
    assert ente.cards_view() is view  # made once
    with pytest.raises(TypeError):
        view["D"] = ()  # type: ignore[index]
    mine = ente.cards()
    assert mine == {k: list(v) for k, v in view.items()}
    mine["B"].append(rows[1])
    assert ente.cards()["B"] == [rows[0], rows[2]] and view["B"] == (rows[0], rows[2])


def test_positions_are_people_csv_order_made_once():
    """Ente.positions: each person's place in people.csv order (0 first), the one table a pass asks when it
    keeps what it learns in lists of that order (issue 18); made once per ente."""
    ente = small_ente()
    ids = list(ente.people)
    assert dict(ente.positions()) == {pid: k for k, pid in enumerate(ids)}
    assert ente.positions() is ente.positions()
    assert ids[0] in ente.positions() and "nobody" not in ente.positions()


def test_ids_are_people_csv_order_made_once_and_read_only():
    """Ente.ids: the person ids in people.csv order, one tuple per ente that the cycle, the statistics and the
    transparency roster share (issue 18); a tuple, so no caller can change what the others read."""
    ente = small_ente()
    assert ente.ids() == tuple(ente.people) and ente.ids() is ente.ids()
    assert all(a is b for a, b in zip(ente.ids(), ente.people))  # the ente's own id objects


def personal_by_recursion(e: Ente, oid: str | None, seen: frozenset[str] = frozenset()) -> bool:
    """The Relazione's «about one person» as it was first written: up the parents, one call per step."""
    o = e.objectives.get(oid) if oid else None
    if o is None or oid in seen:
        return False
    if o.kind == "individual" or (o.owner is not None and o.owner in e.people):
        return True
    return personal_by_recursion(e, o.parent, seen | {o.id})


OBJECTIVE_IDS = st.sampled_from(["O0", "O1", "O2", "O3", "O4", "O5", "X", None])  # X: a parent not in the file


@settings(max_examples=300)
@given(st.data())
def test_objectives_about_one_person_are_those_the_recursion_finds(data):
    from ciclope.core.reports.relazione.objectives import about_one_person

    objectives = [
        Objective(
            f"O{i}",
            data.draw(st.sampled_from(["operational", "strategic", "individual"])),
            "t",
            data.draw(OBJECTIVE_IDS),  # any parent: chains, cycles, a parent of itself, a missing one
            None,
            None,
            data.draw(st.sampled_from(["P1", "nessuno", None])),  # P1 is a person, «nessuno» is not
        )
        for i in range(data.draw(st.integers(0, 6)))
    ]
    e = ente_of([], [person("P1", "dipendente", "x")], objectives, ())
    found = about_one_person(e)
    assert found == {o.id for o in objectives if personal_by_recursion(e, o.id)}
