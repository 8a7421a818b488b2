"""A fund's destination that the relazione tecnico-finanziaria publishes, in the disclosure step (rules/core.md §6;
D.Lgs. 33/2013 art. 20): the CCDI destines € 12.000,00 to the individual premiums, and € 211,34 of it are set aside
for the one person's maggiorazione. The destination is published whatever the Relazione withholds, so it is an
equation every reader has: destination = the pool's stanziato + what was set aside from it, and what was set aside is
the maggiorazione's stanziato."""

from __future__ import annotations

import attrs

from ciclope.core.reports.disclosure import SMALL, WITHHELD, Cell, control

EVERYONE = frozenset(range(10))
PROJECT, INDIVIDUAL, EXTRA = "progetto", "individuale", "maggiorazione"
FLOW = ("accantonato", INDIVIDUAL, EXTRA)  # the money the individual pool set aside for the maggiorazione


def allocation(key: str, people: frozenset[int], pool: str, *, residual: bool = True, **more) -> Cell:
    residuals = frozenset({pool}) if residual else frozenset()
    return Cell(key, people, pools=frozenset({pool}), counted=False, keep=3, residuals=residuals, primary=False, **more)


def relazione() -> list[Cell]:
    """Ten people paid by the project (2.400,00 destined, paid 2.100,00) and by the individual premiums (12.000,00
    destined, 11.788,66 after the set-aside, some left unpaid); person 0 alone has the maggiorazione (211,34, all
    paid). The public Relazione's cells: each pool distributed and stanziato, the totals (art. 20: required)."""
    pools = frozenset({PROJECT, INDIVIDUAL, EXTRA})
    return [
        Cell("progetto distribuito", EVERYONE, pools=frozenset({PROJECT}), keep=1),
        Cell("individuale distribuito", EVERYONE, pools=frozenset({INDIVIDUAL}), keep=1),
        Cell("maggiorazione distribuito", frozenset({0}), pools=frozenset({EXTRA}), keep=1),
        allocation("progetto stanziato", EVERYONE, PROJECT),
        allocation("individuale stanziato", EVERYONE, INDIVIDUAL),
        allocation("maggiorazione stanziato", frozenset({0}), EXTRA, residual=False),
        Cell("totale distribuito", EVERYONE, pools=pools, counted=False, keep=2, required=True),
        Cell(
            "totale stanziato",
            EVERYONE,
            pools=pools,
            counted=False,
            keep=3,
            residuals=frozenset({PROJECT, INDIVIDUAL}),
            required=True,
            primary=False,
        ),
    ]


def destinations() -> list[Cell]:
    """The Relazione's cells beside the relazione tecnico-finanziaria's destinations, published: the project's
    2.400,00 is its stanziato (nothing set aside), which the Relazione then shows (required); the individual
    premiums' 12.000,00 = 11.788,66 stanziato + 211,34 set aside; and the set-aside is the maggiorazione's stanziato,
    211,34 − 211,34 = 0, an identity every reader knows."""
    cells = [attrs.evolve(c, required=True) if c.key == "progetto stanziato" else c for c in relazione()]
    return cells + [
        allocation("destinazione individuale", EVERYONE, INDIVIDUAL, required=True, unknowns=((FLOW, 1),)),
        allocation("accantonamento", frozenset({0}), EXTRA, residual=False, required=True, unknowns=((FLOW, -1),)),
    ]


PAID = {i: frozenset({PROJECT, INDIVIDUAL} | ({EXTRA} if i == 0 else set())) for i in range(10)}


def test_without_the_destinations_the_individual_stanziato_is_shown():
    # 16.000,00 totale stanziato − 11.788,66 individual stanziato = 4.211,34: the project's 2.400,00 and the 211,34
    # together; the project's stanziato is withheld, so the split is unknown — if nobody publishes 2.400,00
    hidden = control(relazione(), PAID)
    assert "individuale stanziato" not in hidden and hidden["progetto stanziato"] == WITHHELD


def test_a_published_destination_withholds_the_stanziato_that_gives_the_set_aside():
    hidden = control(destinations(), PAID)
    # 12.000,00 − 11.788,66 = 211,34: the individual stanziato would give the maggiorazione, so it is withheld; the
    # project's stanziato is the published 2.400,00 and stays (16.000,00 − 2.400,00 − 11.788,66 − 211,34 = 1.600,00
    # names nothing new); the maggiorazione is one person's pay: «<3» paid, its stanziato withheld
    assert hidden["individuale stanziato"] == WITHHELD
    assert "progetto stanziato" not in hidden
    assert hidden["maggiorazione distribuito"] == SMALL and hidden["maggiorazione stanziato"] == WITHHELD
    assert not {"destinazione progetto", "destinazione individuale", "accantonamento"} & set(hidden)


def test_the_destination_alone_gives_the_set_aside_by_difference():
    # no total published, only the individual pool and the maggiorazione: 12.000,00 destined − 11.788,66 stanziato =
    # 211,34 set aside, which is the maggiorazione's stanziato and its one person's pay; the individual pool's
    # distributed amount gives nothing (its unpaid rest is unknown)
    cells = [c for c in relazione() if c.key.startswith(("individuale", "maggiorazione"))] + destinations()[-2:]
    assert control(cells, PAID) == {
        "maggiorazione distribuito": SMALL,
        "maggiorazione stanziato": WITHHELD,
        "individuale stanziato": WITHHELD,
    }
