"""The mistakes an office makes writing the fondo sheet of a Comune with a declared regulation, each said once, where
it is made: the run's problems as the person at the terminal reads them (``render_problems`` with the plugin's words).

The Comune: ten staff scored 71..80 by the Segretario; the regulation pays «fondo × punteggio / 200» from the fund
``performance_individuale``. The fondo sheet: 100,000.00 of consolidated stable resources, a limit of 200,000.00, and
a destination of 20,000.00 to the individual premium that pays the pool.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.run.console import render_problems
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from helpers import one_unit_comune

SMVP = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Righe"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "formula"
importo = '=fondo * punteggio / 200'
quota_fondo = 1
fonte = "art. 6"
"""
HEADER = "voce,importo,numero,data,uso,fondo_premi,fuori_limite,atto\n"
BASE = [
    "unico_importo_2017,100000.00,,,,,,",  # row 2
    "limite_2016,200000.00,,,,,,",  # row 3
]


def destination(pool: str = "performance_individuale") -> str:
    return f"destinazione,20000.00,,,performance_individuale,{pool},,CCDI 2024"


def run(tmp_path: Path, rows: list[str], funds: str = "", year: int = 2024):
    staff = [f"S{i:02d},Persona S{i:02d},dipendente,C,com,1,0,false,SEG" for i in range(1, 11)]
    cards = [f"S{i:02d},SEG,scheda,Valutazione complessiva,100,{70 + i}," for i in range(1, 11)]
    files = one_unit_comune("Comune di Righe", staff, cards, f"[funds]\n{funds}")
    files["fondo.csv"] = HEADER + "\n".join(rows) + "\n"
    (tmp_path / "smvp.toml").write_text(SMVP, encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    params, problems = resolve_params("regolamento", year, overrides, "cycle.toml")
    assert [p.message for p in problems] == []
    folder = write_ente(tmp_path / "ente", files)
    return compute(EnteConfig(id="righe", plugin="regolamento", data=folder, overrides=overrides, params=params), year)


def said(result) -> list[str]:
    """Every problem line as the terminal prints it (the last line, the count, left out)."""
    return render_problems(list(result.violations), words=result.plugin.status_labels).splitlines()[:-1]


def test_a_mistyped_premium_pool_is_one_error_at_its_cell_with_the_name_it_means(tmp_path):
    result = run(tmp_path, [*BASE, destination("performance_individual")])
    lines = said(result)
    # the destination is the fourth line of the file (the header is row 1): row 4, its column fondo_premi
    assert [line for line in lines if line.startswith("fondo.csv, riga 4, colonna fondo_premi: errore:")] == [
        "fondo.csv, riga 4, colonna fondo_premi: errore: «performance_individual» non è un fondo del regolamento dell'ente; forse "
        "«performance_individuale»? [regole del fondo risorse decentrate (foglio fondo)]"
    ]
    # no second message blaming ente.toml's [fondi]: the pool is read as the one it means, and pays the premiums
    assert [line for line in lines if "[fondi]" in line] == []
    assert result.ente.funds["performance_individuale"] == D("20000.00")


def test_a_pool_no_fund_of_the_regulation_is_near_pays_nothing_and_lists_the_funds(tmp_path):
    result = run(tmp_path, [*BASE, destination("produttivita")])
    lines = said(result)
    errors = [line for line in lines if line.startswith("fondo.csv, riga 4, colonna fondo_premi: errore:")]
    # the funds to choose from as the office types them in fondo_premi, not by their labels
    assert len(errors) == 1 and "«produttivita» non è un fondo del regolamento dell'ente (usa: «" in errors[0]
    assert "«performance_individuale»" in errors[0] and "Premi per la performance individuale" not in errors[0]
    assert "produttivita" not in result.ente.funds
    # the part's missing fund: where it goes in ente.toml, or the row of the fondo sheet that would pay it
    [missing] = [line for line in lines if "manca [fondi]" in line]
    assert ", o nel foglio fondo una riga destinazione con fondo_premi = performance_individuale, la parte del " in (
        missing
    )


def test_a_count_written_as_an_amount_is_one_message(tmp_path):
    result = run(tmp_path, [*BASE, "dipendenti_2015,41,,,,,,", destination()])
    about = [line for line in said(result) if "dipendenti_2015" in line]
    # row 4: the count is in the amount column; the row is there, so nothing says it is missing
    assert len(about) == 1 and about[0].startswith("fondo.csv, riga 4, colonna importo: errore: dipendenti_2015 (")


def test_a_typed_pool_that_disagrees_names_the_key_the_office_wrote(tmp_path):
    """The rule is the clause of the use that pays the pool, where the office corrects it (S read the contract's
    articles on the fund's constitution cited for a check of its own consistency)."""
    result = run(tmp_path, [*BASE, destination()], funds='performance_individuale = "30000.00"\n')
    assert [line for line in said(result) if line.startswith("ente.toml")] == [
        "ente.toml [fondi] performance_individuale: errore: [fondi] performance_individuale vale € 30.000,00 in "
        "ente.toml, ma la destinazione del fondo risorse decentrate 2024 (foglio fondo) ne destina € 20.000,00: "
        "ciclope usa € 20.000,00, la cifra del fondo; togli [fondi] performance_individuale da ente.toml o correggi "
        "la destinazione [CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. b]"
    ]
