"""A small ente whose fondo risorse decentrate destines its premium pools (rules/core.md §6; D.Lgs. 33/2013 art. 20):
the relazione tecnico-finanziaria prints each destination, the public Relazione and trasparenza.csv must not let a
reader of both recover a withheld amount.

Ten staff scored 71..80 by the Segretario. The CCDI destines € 1.000,00 to the project (paid whole, in proportion
to the score, to all ten) and € 2.000,00 to the individual premiums («fondo × punteggio / 200» each: the premiums due
are 2.000 × 755 / 200 = 7.550,00, short, reduced in proportion: the pool is paid whole). The maggiorazione (quota
premio 30%, quota personale 10%): mean individual premium 2.000,00 / 10 = 200,00, M = 0,30 × 200,00 = 60,00, one
place (floor(0,10 × 10) = 1), S10; set aside from the individual premiums, which are split again on 1.940,00.
The published destination, 2.000,00, less the individual stanziato, 1.940,00, is the one person's 60,00: that
stanziato is withheld; the project's destination is public, so its stanziato is shown."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.reports import art20, transparency
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from helpers import it_decimal, one_unit_comune, published_csv

SMVP = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Fondi"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "formula"
importo = '=fondo * punteggio / 200'
quota_fondo = 1
fonte = "art. 6"

[[premi]]
nome = "progetto"
metodo = "proporzionale"
fondo = "progetto_p1"
performance = "organizzativa"
fonte = "art. 7"
"""
FONDO = """voce,importo,numero,data,uso,fondo_premi,atto
unico_importo_2017,10000.00,,,,,
destinazione,1000.00,,,performance_organizzativa,progetto_p1,CCDI 2026
destinazione,2000.00,,,performance_individuale,performance_individuale,CCDI 2026
"""
DESTINED = (Decimal("1000.00"), Decimal("2000.00"))  # what the relazione tecnico-finanziaria prints
M = Decimal("60.00")


# two EQ paid a result of 20% of their position, from no fund of [fondi] (the pool is what is due): a pool no input
# made, beside the one the set-aside made
EQ = """
[risultato_po]
metodo = "percentuale"
fonte = "art. 8"
percentuali = [{ da = 60, quota = 0.20 }]
"""


def run(tmp_path: Path, eq: bool = False, typed: bool = False):
    staff = [f"S{i:02d},Persona S{i:02d},dipendente,C,com,1,0,false,SEG," for i in range(1, 11)]
    staff += (
        ["E1,Persona E1,po,D,com,1,0,false,SEG,10000.00", "E2,Persona E2,po,D,com,1,0,false,SEG,8000.00"] if eq else []
    )
    cards = [f"S{i:02d},SEG,scheda,Valutazione complessiva,100,{70 + i}," for i in range(1, 11)]
    cards += (
        ["E1,SEG,scheda,Valutazione complessiva,100,90,", "E2,SEG,scheda,Valutazione complessiva,100,85,"] if eq else []
    )
    funds = '[funds]\nperformance_individuale = "2000.00"\nprogetto_p1 = "1000.00"\n' if typed else "[funds]\n"
    files = one_unit_comune("Comune di Fondi", staff, cards, funds)
    head, _, rest = files["people.csv"].partition("\n")
    segretario = "SEG,Segretario,segretario,DIR,com,1,0,false,"  # without a position pay
    files["people.csv"] = "\n".join([head + ",position_pay", rest.replace(segretario, segretario + ",", 1)])
    if not typed:
        files["fondo.csv"] = FONDO
    (tmp_path / "smvp.toml").write_text(SMVP + (EQ if eq else ""), encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    rule = {"share": 0.30, "quota": 0.10, "parita": ["assenze"]}
    params, problems = resolve_params("regolamento", 2026, overrides, "cycle.toml", {"maggiorazione": rule})
    assert [p.message for p in problems] == []
    folder = write_ente(tmp_path / "ente", files)
    return compute(EnteConfig(id="fondi", plugin="regolamento", data=folder, overrides=overrides, params=params), 2026)


def amounts(text: str) -> set[Decimal]:
    """Every published money figure of a published CSV (Italian dialect): the cells with a decimal comma."""
    return {it_decimal(cell) for cell in re.findall(r"(?<![\d,])\d+,\d\d(?![\d,])", text)}


@pytest.mark.parametrize("eq", [False, True])
def test_no_published_figure_with_the_destinations_gives_the_maggiorazione(tmp_path, eq):
    result = run(tmp_path, eq)
    ledger = result.ledger.pools
    assert {a.person: a.amount for a in result.rewards.awards.values() if a.pool == "maggiorazione_art69"} == {"S10": M}
    # 2.000,00 destined − 60,00 set aside = 1.940,00, all paid; the project's 1.000,00, all paid
    assert (ledger["performance_individuale"].amount, ledger["progetto_p1"].amount) == (Decimal("1940.00"), DESTINED[0])
    rows = {r["Voce"]: r["Importo totale (€)"] for r in published_csv(transparency.render(result)) if not r["Gruppo"]}
    assert rows["Fondo progetto P1: stanziato"] == "1000,00"  # its destination is public
    assert rows["Premi per la performance individuale: stanziato"] == "riservato"  # 2.000,00 − 1.940,00 = 60,00
    # 1.000,00 + 1.940,00 + 60,00, the art. 20 total; with the EQ's result pay due, 10.000,00 × 20% + 8.000,00 × 20%
    # = 2.000,00 + 1.600,00 = 3.600,00 more: 6.600,00
    assert rows["totale: stanziato"] == ("6600,00" if eq else "3000,00")
    # every sum and difference of the published figures (the CSVs and the destinations), each taken at most once:
    # none is the maggiorazione (3.000,00 − 1.000,00 − 1.940,00 would be)
    published = sorted(amounts(transparency.render(result)) | amounts(art20.render(result)) | set(DESTINED))
    assert len(published) <= 14, published  # 3^14 combinations at most
    found = [
        signs
        for signs in itertools.product((-1, 0, 1), repeat=len(published))
        if sum((s * a for s, a in zip(signs, published, strict=True)), Decimal(0)) == M
    ]
    assert found == [], [[(s, a) for s, a in zip(signs, published, strict=True) if s] for signs in found[:3]]


def test_the_internal_relazione_says_the_amount_the_law_s_figures_give_back(tmp_path):
    """The two EQ's result pay is «riservato» in every public document, yet the art. 20 total distributed (3.000,00
    of the staff + 3.600,00 of the EQ = 6.600,00) less the two destinations the relazione tecnico-finanziaria prints
    (1.000,00 + 2.000,00, both paid whole: the maggiorazione's 60,00 is paid from the 2.000,00) is their 3.600,00.
    Nothing can withhold a figure the law has published: the internal Relazione tells the office so. Without the EQ,
    nothing is given back (the test above), and nothing is said."""
    from ciclope.core.reports.relazione import people

    result = run(tmp_path, eq=True)
    [line] = transparency.given_away(result)
    assert (line.item, line.total, line.hidden) == ("Retribuzione di risultato delle EQ", Decimal("3600.00"), "<3")
    assert people.given_away(result) == (
        "Riservatezza: nei documenti da pubblicare il distribuito del fondo «Retribuzione di risultato delle EQ» è "
        "«riservato», perché di meno di 3 persone; ma si ricava per differenza dalle cifre che ogni ente pubblica e "
        "che nessun documento può nascondere: i premi stanziati e distribuiti dell'ente (D.Lgs. 33/2013, art. 20), gli "
        "stanziamenti dei fondi che i suoi atti decidono (il contratto integrativo e la sua relazione "
        "tecnico-finanziaria, art. 21) e, dove l'ente costituisce il fondo, le sue destinazioni. Chi ne riceve una "
        "parte può conoscere quella degli altri: ciclope lo dice perché l'ufficio lo sappia prima della "
        "pubblicazione."
    )
    (tmp_path / "alone").mkdir()
    alone = run(tmp_path / "alone")
    assert transparency.given_away(alone) == [] and people.given_away(alone) == ""


def test_the_funds_the_ente_s_acts_give_give_back_the_eq_s_result_pay_too(tmp_path):
    """The same ente typing its funds in ente.toml (the contratto integrativo's 2.000,00 and 1.000,00, published with
    it, D.Lgs. 33/2013 art. 21) instead of constituting its fondo: the art. 20 total distributed 6.600,00 less the two
    funds the act gives (the maggiorazione's 60,00 set aside from the 2.000,00, all paid) is the two EQ's 3.600,00 —
    a tiny Comune's Segretario read his own result pay so. The internal Relazione says it as for the fondo's
    destinations; a fund the regulation computes (the EQ's, owed) is no act's."""
    result = run(tmp_path, eq=True, typed=True)
    assert result.ledger.pools["performance_individuale"].amount == Decimal("1940.00")  # 2.000,00 − 60,00 set aside
    [line] = transparency.given_away(result)
    assert (line.item, line.total, line.hidden) == ("Retribuzione di risultato delle EQ", Decimal("3600.00"), "<3")
