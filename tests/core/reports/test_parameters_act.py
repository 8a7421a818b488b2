"""A declared regulation is a file on the office's machine: the internal Relazione and the workbook's «Parametri»
name the act it holds by its title, never the file («regolamento.toml») nor how cycle.toml names it."""

from __future__ import annotations

from ciclope.core.reports import html, sheets

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di misurazione e valutazione dell'ASP Valle del Sereno"
sigla = "SMVP"
tipo_ente = "azienda_servizi_persona"

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""


def comune() -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in ("P1", "P2", "P3")]
    cards = [f"{pid},SEG,scheda,Valutazione,100,{s}," for pid, s in (("P1", 90), ("P2", 80), ("P3", 70))]
    return one_unit_comune("ASP Valle del Sereno", staff, cards, '[funds]\nperformance_individuale = "3000.00"\n')


def test_the_parameters_name_the_act_not_its_file(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    table = sheets.parameters(result)
    assert [row[:3] for row in table.rows] == [
        (
            "regolamento",
            "Sistema di misurazione e valutazione dell'ASP Valle del Sereno («SMVP»)",
            "Il regolamento dell'ente: la Relazione interna lo riporta articolo per articolo, con le sue fonti",
        )
    ]
    page = html.render(result)
    assert "smvp.toml" not in page and "cycle.toml" not in page
