"""An ASL's regulation (comparto Sanità, ``comparto = "altro"``) names its PO «Titolare di incarico di funzione»
(issue of the blind tester fixerV): the article on the reductions still said «delle PO/EQ», the Relazione said the
titolari «ne svolgono le funzioni» of the dirigenti as only Funzioni Locali's law says, the template's menus and
notes said «Posizione organizzativa» and «PO / EQ», and ente.toml's ``[valutatori]`` sat in a comment sentence."""

from __future__ import annotations

from ciclope.core.plugininfo import Classification
from ciclope.core.reports.fmt import no_dirigenti

from helpers import regulation_text

REGULATION = """\
formato = 2

[atto]
titolo = "Regolamento premialità dell'ASL di Valleverde"
tipo_ente = "azienda_sanitaria"
comparto = "altro"

[[scheda]]
fonte = "art. 10"
ruoli = ["dipendente", "po"]
voci = [{ sezione = "Risultati", voce = "Contributo agli obiettivi", massimo = 100 }]

[livelli]
fonte = "art. 5"
scala = [{ nome = "fascia 1", da = 90 }, { nome = "fascia 2", da = 60 }]

[[riduzioni]]
misura = "assenze"
fonte = "art. 8 c. 1"
parti = ["performance individuale", "risultato_po"]
scaglioni = [{ da = 0, a = 30, riduzione = 0 }, { da = 31, riduzione = 0.20 }]

[[premi]]
nome = "performance individuale"
metodo = "livelli"
fonte = "art. 7"
fondo = "performance_individuale"
ruoli = ["dipendente", "po"]
coefficienti = { "fascia 1" = 1.00, "fascia 2" = 0.85 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 9"
fondo = "risultato_incarichi"
percentuali = [{ da = 90, quota = 0.15 }, { da = 60, quota = 0.05 }]

[etichette]
po = "Titolare di incarico di funzione"
po_plurale = "i titolari di incarico di funzione"
risultato_incarichi = "Quota di risultato degli incarichi di funzione"
"""
TITOLARI = Classification.named(
    None,
    {"po": ("Titolare di incarico di funzione", "i titolari di incarico di funzione")},
)


def test_the_reductions_article_names_the_role_by_the_label(tmp_path):
    said = regulation_text(tmp_path, REGULATION)
    assert "PO/EQ" not in said and "PO / EQ" not in said
    assert (
        "Il premio nella parte «performance individuale» e la retribuzione di risultato dei titolari di incarico di "
        "funzione sono ridotti secondo i giorni di assenza nell'anno (art. 8 c. 1)" in said
    )


def test_the_labels_article_names_the_data_word_once_then_the_label(tmp_path):
    said = regulation_text(tmp_path, REGULATION)
    assert (
        "Il ruolo che l'elenco del personale scrive «Posizione organizzativa» (o «EQ») si legge «Titolare di "
        "incarico di funzione» e, per più persone, «i titolari di incarico di funzione»." in said
    )
    # the result pay's fund by its key of ente.toml, as the premium's is
    assert "il fondo «risultato_incarichi» si legge «Quota di risultato degli incarichi di funzione»" in said
    assert said.count("Posizione organizzativa") == 1


def test_the_scheda_d_note_cites_no_functions_outside_funzioni_locali():
    # no ``po_in_charge`` (an ASL's contract gives the titolari no dirigenti's functions): the note says who is listed
    assert no_dirigenti(TITOLARI, 2024) == (
        "L'ente non ha dirigenti: la scheda d riporta i titolari di incarico di funzione."
    )
    assert no_dirigenti(None, 2024) == "L'ente non ha dirigenti: la scheda d riporta le posizioni organizzative."
