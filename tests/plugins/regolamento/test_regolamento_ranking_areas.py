"""A graduatoria by category is named by the Area the contract in force in the cycle's year made of it (issue of the
Unione della Valle del Lemme): its regulation ranked by category (``graduatorie = "categoria"``) and its office wrote
the Areas of the CCNL Funzioni Locali 16.11.2022, yet the internal Relazione's «Graduatorie dei premi» read «B»,
``explain`` «Fondo della graduatoria della categoria «B»» and the scheda personale «fondo della graduatoria (B)»,
below a header saying «Area degli Operatori esperti (ex categoria B)». Before the Aree (a 2022 cycle) the letter
stays, as the contract of that year names it."""

from __future__ import annotations

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.say.annex import ranked_parts

from helpers import one_unit_comune

REGULATION = """\
formato = 2

[atto]
titolo = "Contratto integrativo dell'Unione"
tipo_ente = "unione"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = ["dipendente"]
graduatorie = "categoria"
fonte = "art. 5"
"""

# two Operatori esperti (B), three Istruttori (C), written as the office writes the Areas
STAFF = {
    "B1": "Operatori esperti",
    "B2": "Operatori esperti",
    "C1": "Istruttori",
    "C2": "Istruttori",
    "C3": "Istruttori",
}


def data() -> dict[str, str]:
    staff = [f'{pid},Persona {pid},dipendente,"{area}",com,1,0,false,SEG' for pid, area in STAFF.items()]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in STAFF]
    return one_unit_comune("Unione di prova", staff, cards, '[fondi]\nproduttivita = "5000.00"\n')


def computed(ciclope_ente, tmp_path, year: int):
    path = tmp_path / "regolamento.toml"
    path.write_text(REGULATION, encoding="utf-8")
    return ciclope_ente("regolamento", data(), year=year, params={"regolamento": str(path)})


def test_a_graduatoria_by_category_is_named_by_its_area(ciclope_ente, tmp_path):
    result = computed(ciclope_ente, tmp_path, 2026)
    (section,) = ranked_parts(result)
    # the fund split by the staff in service of each graduatoria: B 5000 × 2 / 5 = 2000,00, C 5000 × 3 / 5 = 3000,00
    assert {(row[1], str(row[5])) for row in section.rows} == {
        ("Area degli Operatori esperti", "2000.00"),
        ("Area degli Istruttori", "3000.00"),
    }
    said = explain(result, "person", "B1")
    assert "Fondo della graduatoria «Area degli Operatori esperti» = € 2.000,00" in said
    assert "fondo della graduatoria (Area degli Operatori esperti) = € 2.000,00" in said
    assert "«B»" not in said and "(B)" not in said
    # the scheda of B1 withholds the fund of a graduatoria of 2 (it gives the colleague's premium), by the Area's name
    page = render(build(result, "B1"))
    assert "fondo della graduatoria (Area degli Operatori esperti)" in page
    assert "graduatoria (B)" not in page


def test_before_the_aree_the_category_keeps_its_letter(ciclope_ente, tmp_path):
    result = computed(ciclope_ente, tmp_path, 2022)
    (section,) = ranked_parts(result)
    assert {row[1] for row in section.rows} == {"B", "C"}
    assert "Fondo della graduatoria della categoria «B» = € 2.000,00" in explain(result, "person", "B1")


def test_the_scheda_redoes_the_fund_of_a_graduatoria_of_three(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import Line

    result = computed(ciclope_ente, tmp_path, 2026)
    # C1, in the graduatoria of 3 Istruttori: € 5.000,00 × 3 / 5 = € 3.000,00, as its people redo it
    (payment,) = build(result, "C1").payments
    assert Line("fondo della graduatoria (Area degli Istruttori)", "€ 5.000,00 × 3 / 5 = € 3.000,00") in payment.steps
    # B1's graduatoria has 2: the sum of its weights would give the colleague's; never redone on the scheda
    (payment,) = build(result, "B1").payments
    assert not [line for line in payment.steps if " × 2 / 5" in line.value]
    assert "il conto" not in explain(result, "person", "B1")
