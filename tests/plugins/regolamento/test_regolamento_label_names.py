"""An [etichette] key that names no code the ente has: a warning naming the key, its line and, when one is near, the
code it most likely means; a key that names a code is left alone."""

from __future__ import annotations

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento dei premi"
tipo_ente = "comune"

[livelli]
fonte = "art. 5"
scala = [{ nome = "eccellente", da = 90 }, { nome = "buono", da = 60 }, { nome = "insufficiente", da = 0 }]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 6"

[etichette]
"""


def files() -> dict[str, str]:
    return one_unit_comune(
        "Comune di Esempio",
        ["P1,Persona 1,dipendente,C,com,1,0,false,SEG"],
        ["P1,SEG,scheda,Valutazione complessiva,100,95,"],
        '[funds]\nproduttivita = "1000.00"\n',
    )


def warnings(ciclope_ente, tmp_path, labels: str):
    result = run_declared(ciclope_ente, tmp_path, REGULATION + labels, files())
    return [p for p in result.violations if p.rule == "regolamento.etichette"]


def test_a_misspelt_level_is_said_with_the_level_it_means(ciclope_ente, tmp_path):
    [problem] = warnings(ciclope_ente, tmp_path, 'eccelente = "A — eccellente"\n')
    assert problem.severity == "warning"
    assert "l'etichetta «eccelente» non nomina nessun livello, stato o fondo" in problem.message
    assert "forse «eccellente»?" in problem.message
    # REGULATION: formato 1, [atto] 2–4, a blank, [livelli] 6–8, a blank, [[premi]] 10–14, a blank, [etichette] 16;
    # its first key is line 17
    assert (problem.file, problem.row, problem.column) == (str(tmp_path / "smvp.toml"), 17, "etichette.eccelente")


def test_a_fund_in_another_case_and_a_status_near_its_code_are_said(ciclope_ente, tmp_path):
    found = warnings(ciclope_ente, tmp_path, 'Produttivita = "Fondo"\nescluso_sanzion = "escluso"\n')
    assert [p.column for p in found] == ["etichette.Produttivita", "etichette.escluso_sanzion"]
    assert "forse «produttivita»?" in found[0].message
    assert "forse «escluso_sanzione»?" in found[1].message


def test_codes_of_the_regulation_the_ente_and_the_plugin_are_not_said(ciclope_ente, tmp_path):
    labels = (
        'eccellente = "A"\nbuono = "B"\n'  # levels
        'produttivita = "Fondo per la produttività"\n'  # a fund of ente.toml and of the part
        'valutazione_negativa = "negativa"\n'  # a status of the plugin
    )
    assert warnings(ciclope_ente, tmp_path, labels) == []


def test_a_key_near_no_code_is_said(ciclope_ente, tmp_path):
    """A key far from every code names nothing the ente has, and no document reads it: a warning at its line, with no
    code to suggest. The layer's maggiorazione is one: its pool carries its article's words, which no label changes."""
    found = warnings(ciclope_ente, tmp_path, 'risultato_segreteria_comunale = "X"\nmaggiorazione_art69 = "M"\n')
    assert [(p.column, p.row) for p in found] == [
        ("etichette.risultato_segreteria_comunale", 17),  # [etichette] at line 16, as above
        ("etichette.maggiorazione_art69", 18),
    ]
    assert found[0].message == (
        "l'etichetta «risultato_segreteria_comunale» non nomina nessun livello, stato o fondo del regolamento o di "
        "ente.toml: così nessun documento la legge. Scrivi la chiave come un livello, uno stato, un fondo o un ruolo "
        "che l'ente ha, o togli l'etichetta"
    )


def test_a_role_s_name_and_its_group_are_codes_a_label_names(ciclope_ente, tmp_path):
    """[etichette] po and po_plurale name the role as the regulation's text does: no warning."""
    labels = 'po = "Responsabile di struttura"\npo_plurale = "i responsabili di struttura"\n'
    assert warnings(ciclope_ente, tmp_path, labels) == []


def test_a_role_named_without_its_group_is_said(ciclope_ente, tmp_path):
    """«po» alone: the groups («le PO / EQ», «dirigenti e PO») would keep the contract's words."""
    [problem] = warnings(ciclope_ente, tmp_path, 'po = "Responsabile di struttura"\n')
    assert problem.column == "etichette.po"
    assert problem.message == (
        "l'etichetta «po» dà il nome di una persona del ruolo, non quello del gruppo: scrivi anche «po_plurale», "
        "con l'articolo all'inizio («i responsabili di struttura»); senza, i documenti non usano nessuna delle due"
    )
