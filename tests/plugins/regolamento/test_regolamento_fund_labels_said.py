"""A fund the regulation names in [etichette] is said by its words, never by its key of ente.toml: the article «Le
etichette» of the Relazione's annex (and of ``ciclope regolamento leggi``) read «il fondo «produttivita» si legge
«Fondo per la produttività…»» for a university's CCI (a blind tester's case, comparto «altro»)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import computed_case, one_unit_comune, regulation_text, run_declared

CASE = Path(__file__).parent / "valdorsa"
ANNEX = "Allegato — Il sistema di valutazione dichiarato"
# the [fondi] keys of ente.toml: produttivita (the [[premi]]' fondo) and risultato_ep ([risultato_po] fondo)
KEYS = ("produttivita", "risultato_ep")
# cci-pta.toml's [etichette]: po, po_plurale, and the two funds' names in the order the file writes them
LABELS = (
    "Il ruolo che l'elenco del personale scrive «Posizione organizzativa» (o «EQ») si legge «EP responsabile di "
    "struttura» e, per più persone, «gli EP responsabili di struttura». "
    "Nei documenti i fondi si chiamano «Fondo per la produttività delle categorie B, C e D» e «Fondo per la "
    "retribuzione di risultato della categoria EP»."
)


def test_the_annex_says_the_funds_by_their_names_never_their_keys(tmp_path):
    shutil.copytree(CASE, tmp_path / "ciclo")
    result = computed_case(tmp_path / "ciclo" / "cycle.toml")
    (annex,) = [s for s in result.sections if s.title == ANNEX]
    articles = {heading.split(". ", 1)[1]: body for heading, body in annex.rows}
    assert articles["Le etichette"] == LABELS
    for heading, body in annex.rows:
        for key in KEYS:
            assert f"«{key}»" not in f"{heading}\n{body}", (key, heading)


def test_the_regulation_read_back_says_the_funds_by_their_names():
    regulation, problems = load(str(CASE / "cci-pta.toml"))
    assert regulation is not None, problems
    text = render(regulation)
    assert LABELS in text
    for key in KEYS:
        assert f"«{key}»" not in text, key


SINGLE = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Agenzia"
sigla = "SMVP"
tipo_ente = "agenzia"

[premio]
metodo = "proporzionale"
fondo = "premialita_comparto"
fonte = "art. 8"

[risultato_po]
metodo = "fondo"
ruoli = ["dirigente"]
fondo = "risultato_dirigenza"
fonte = "art. 9"

[etichette]
premialita_comparto = "Fondo premialità del comparto"
risultato_dirigenza = "Retribuzione di risultato della dirigenza"
"""


def test_the_fund_of_a_premium_alone_is_said_as_a_fund_too(tmp_path):
    # a regulation of one [premio] (no [[premi]] parts) paid from its own fund: said with the other fund, never
    # «Nei documenti: «premialita comparto» si legge …», its key of ente.toml without the accent (an ARPA's case)
    path = tmp_path / "smvp.toml"
    path.write_text(SINGLE, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    text = render(regulation)
    assert (
        "Nei documenti i fondi si chiamano «Fondo premialità del comparto» e «Retribuzione di risultato della "
        "dirigenza»." in text
    )
    assert "premialita comparto" not in text and "si legge «Fondo" not in text


UNLABELLED = """\
formato = 2
[atto]
titolo = "Regolamento premialità dell'Istituto"
tipo_ente = "altro"
comparto = "altro"

[[premi]]
nome = "performance organizzativa"
metodo = "proporzionale"
fondo = "premialita_comparto"
quota_fondo = "30%"
valutazione = false
peso = "=1"
fonte = "art. 5 c. 2"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
fondo = "premialita_comparto"
quota_fondo = "70%"
fonte = "art. 6"
"""


def test_a_fund_without_a_label_has_one_name_in_the_annex_and_the_tables(ciclope_ente, tmp_path):
    """A fund without [etichette] is read from its key with the words apart (docs/regolamento.md): the Relazione's
    tables said «Fondo premialità comparto», the annex «il 30% del fondo «premialità comparto»» — one fund, two
    names. The annex now says it as the tables do."""
    from ciclope.core.reports import html

    text = regulation_text(tmp_path, UNLABELLED)
    assert "Le va il 30% del Fondo premialità comparto." in text
    assert "Le va il 70% del Fondo premialità comparto." in text
    assert "«premialità comparto»" not in text
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("A", "B", "C")]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in (("A", 90), ("B", 80), ("C", 70))]
    data = one_unit_comune("Istituto", staff, cards, '[funds]\npremialita_comparto = "3000.00"\n')
    page = html.render(run_declared(ciclope_ente, tmp_path, UNLABELLED, data))
    assert "<td>Fondo premialità comparto</td>" in page
    assert "Le va il 30% del Fondo premialità comparto." in page
    assert "«premialità comparto»" not in page
