"""Amounts decided by someone and approved by an act (metodo «importi» with ``decisione``): the prizes ad personam
that a Secretary quantifies and a Board approves (Fondazione Montagna Sicura), the shares a Director General and a
Board assign by decree (G.U. 8.3.1993, art. 22). The rows of premi.csv are paid only with the act of the year in
[atti], in its window; the act's date is an input of each award it allows and a deadline of the calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import one_unit_comune, regulation_problems, run_declared

SMVP = """\
formato = 2
[atto]
titolo = "Regolamento dei premi della Fondazione"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"

[[premi]]
nome = "ad personam"
metodo = "importi"
fondo = "premi_decisi"
decisione = "premi_approvati"
decisione_entro = "31/03"
fonte = "art. 12"
"""


def fondazione(act: str) -> dict[str, str]:
    """Three staff; 300.00 € decided for S1 (two rows, 100.00 + 200.00) and 200.00 € for S2, from a fund of
    1,000.00 €; ``act`` is the [atti] line of the approval (or nothing)."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in ("S1", "S2", "S3")]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in ("S1", "S2", "S3")]
    toml = '[funds]\nperformance_individuale = "900.00"\npremi_decisi = "1000.00"\n[atti]\n' + act + "\n"
    files = one_unit_comune("Fondazione dei Premi", staff, cards, toml)
    files["premi.csv"] = "person,part,amount\nS1,ad personam,100.00\nS1,ad personam,200.00\nS2,ad personam,200.00\n"
    return files


def decided(result) -> dict[str, str]:
    return {a.person: str(a.amount) for a in result.rewards.awards.values() if a.pool == "premi_decisi"}


def test_approved_amounts_are_paid_and_cite_the_act(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SMVP, fondazione("premi_approvati = 2024-03-15"))
    # S1: 100.00 + 200.00 = 300.00; S2: 200.00; S3 has no row. 1,000.00 − 500.00 = 500.00 residual
    assert decided(result) == {"S1": "300.00", "S2": "200.00"}
    pool = result.rewards.pools["premi_decisi"]
    assert (pool.distributed, pool.residual) == (Decimal("500.00"), Decimal("500.00"))
    assert not [p for p in result.violations if p.rule in ("regolamento.decisione", "core.input.unknown_approval")]
    (act,) = [i for i in result.figures["award:S1:premi_decisi"].inputs if i.name.startswith("data dell'atto")]
    assert (act.name, act.value, act.cell) == (
        "data dell'atto premi_approvati",
        dt.date(2024, 3, 15),
        "ente.toml:approvals.premi_approvati",
    )
    # in the calendar by the last day of its window, 31 March of the cycle's year, and done in time
    ((deadline, status),) = [(d, s) for d, s in result.calendar if d.approval == "premi_approvati"]
    assert (deadline.act, deadline.due, status) == (
        "Approvazione degli importi di «ad personam» per l'anno (entro il 31/03/2024)",
        dt.date(2024, 3, 31),
        "fatto",
    )


def test_without_the_act_nothing_is_paid(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SMVP, fondazione(""))
    assert decided(result) == {}
    pool = result.rewards.pools["premi_decisi"]
    assert (pool.distributed, pool.residual) == (Decimal("0.00"), Decimal("1000.00"))
    (warning,) = [p for p in result.violations if p.rule == "regolamento.decisione"]
    assert (warning.severity, warning.message) == (
        "warning",
        "manca [atti] premi_approvati: gli importi della parte «ad personam» scritti in premi.csv non sono "
        "approvati, il suo fondo resta residuo",
    )


def test_an_act_after_its_window_pays_nothing(ciclope_ente, tmp_path):
    # 2 April 2024: after 31 March of the cycle's year
    result = run_declared(ciclope_ente, tmp_path, SMVP, fondazione("premi_approvati = 2024-04-02"))
    assert decided(result) == {}
    (error,) = [p for p in result.violations if p.rule == "regolamento.decisione"]
    assert (error.severity, error.message) == (
        "error",
        "[atti] premi_approvati = 02/04/2024 non è nel periodo valido (entro il 31/03/2024): gli importi della parte "
        "«ad personam» scritti in premi.csv non sono approvati, il suo fondo resta residuo",
    )


def test_the_articles_say_the_act_approves_the_amounts(tmp_path):
    path = Path(tmp_path) / "smvp.toml"
    path.write_text(SMVP, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    assert "La parte si paga solo se ogni anno un atto ne approva gli importi, entro il 31/03 dell'anno del ciclo." in (
        render(regulation)
    )


def test_the_act_is_refused_on_a_part_that_would_not_read_it(tmp_path):
    text = SMVP.replace('metodo = "proporzionale"\n', 'metodo = "proporzionale"\ndecisione = "premi_approvati"\n')
    # line 9 of the file, the first part's (1 formato, 2–4 [atto], 5 blank, 6–8 the part's head)
    assert regulation_problems(tmp_path, text) == [
        "riga 9, chiave premi[1].decisione: l'atto che ogni anno istituisce la parte o ne approva gli importi vale "
        "per i metodi «migliori» e «importi», non «proporzionale»: qui non sarebbe letto"
    ]
