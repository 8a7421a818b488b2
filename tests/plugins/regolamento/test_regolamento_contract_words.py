"""The PO / EQ in the words of the ente's contract in the cycle year: Funzioni Locali calls them «PO» until 2022,
«PO/EQ» in 2023 (the year of the change) and «EQ» from 2024 (CCNL 16.11.2022 art. 16-20). A declared regulation of
the comparto names its fund of result pay and its card for them so in every document of the year; read alone, or in
another comparto, it keeps its own «PO / EQ»."""

from __future__ import annotations

import pytest

from ciclope.core.reports import fmt
from ciclope.plugins.regolamento.say.annex import TITLE, annex

from helpers import STAFF_HEADER, one_unit_comune

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"
comparto = "{comparto}"

[[scheda]]
fonte = "art. 9"
ruoli = ["dipendente"]
voci = [{{ sezione = "Risultati", voce = "Contributo", massimo = 100 }}]

[[scheda]]
fonte = "art. 10"
ruoli = ["po"]
voci = [{{ sezione = "Comportamenti", voce = "Direzione", massimo = 100 }}]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 11"

[risultato_po]
metodo = "formula"
fonte = "art. 13"
fondo = "risultato_po"
soglia_positiva = 60
importo = '=retribuzione_posizione * 25% * punteggio / 100'
"""


def result(ciclope_ente, tmp_path, year: int, comparto: str = "funzioni_locali"):
    cards = ["PO1,SEG,scheda,Direzione,100,80,", "S1,PO1,scheda,Contributo,100,90,"]
    data = one_unit_comune(
        "Comune di Prova",
        [],
        cards,
        '[funds]\nperformance_individuale = "1000.00"\nrisultato_po = "5000.00"\n',
    )
    data["people.csv"] = (
        "\n".join(
            [
                STAFF_HEADER + ",position_pay",
                "SEG,Segretario,segretario,DIR,com,1,0,false,,",
                "PO1,Paola,po,D,com,1,0,false,SEG,10000.00",
                "S1,Sara,dipendente,C,com,1,0,false,PO1,",
            ]
        )
        + "\n"
    )
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION.format(comparto=comparto), encoding="utf-8")
    return ciclope_ente("regolamento", data, year=year, params={"regolamento": str(path)})


def annex_text(res) -> str:
    section = next(s for s in annex(res) if s.title == TITLE)
    return "\n".join(body for _, body in section.rows)


@pytest.mark.parametrize(
    ("year", "group"),
    [(2026, "delle EQ"), (2024, "delle EQ"), (2023, "delle PO/EQ")],
)
def test_the_po_are_named_as_the_contract_of_the_year(ciclope_ente, tmp_path, year, group):
    res = result(ciclope_ente, tmp_path, year)
    pool = res.ledger.pools["risultato_po"]
    # PO1: 10000 × 25% × 80 / 100 = 2000.00, within the fund of 5000.00
    assert res.rewards.awards["PO1"].amount == 2000
    assert fmt.fund("risultato_po", pool.label, res.plugin.status_labels) == f"Retribuzione di risultato {group}"
    assert res.plugin.status_labels["risultato_po"] == f"Retribuzione di risultato {group}"
    text = annex_text(res)
    assert f"La scheda {group} (art. 10)" in text
    assert f"La retribuzione di risultato {group} con una valutazione positiva" in text
    assert "PO / EQ" not in text


@pytest.mark.parametrize(("year", "comparto"), [(2022, "funzioni_locali"), (2026, "altro")])
def test_elsewhere_the_regulation_keeps_its_own_words(ciclope_ente, tmp_path, year, comparto):
    res = result(ciclope_ente, tmp_path, year, comparto)
    pool = res.ledger.pools["risultato_po"]
    assert fmt.fund("risultato_po", pool.label, res.plugin.status_labels) == "Retribuzione di risultato delle PO / EQ"
    assert "La scheda delle PO / EQ (art. 10)" in annex_text(res)
