"""The sheets of ``compare.xlsx`` as tables (core/compare/render_xlsx.py), from a hand-made document."""

from decimal import Decimal as D

from ciclope.core.compare import render_xlsx


def test_people_sheet_by_hand():
    # Two people in force, one of them missing from the other scenario; P2 comes before P10 (natural order).
    # A 2025 cycle names a PO as its contract does (the words compare.words gives a Funzioni Locali ente): an
    # incarico di Elevata qualificazione.
    doc = {
        "year": 2025,
        "scenarios": {
            "attuale": {
                "people": {
                    "P10": {
                        "role": "dipendente",
                        "score": 80.5,
                        "band": "alta",
                        "status": "evaluated",
                        "amount": "1200.00",
                    },
                    "P2": {"role": "po", "score": None, "band": None, "status": "not_evaluated", "amount": "0.00"},
                }
            },
            "alt": {
                "people": {
                    "P2": {"role": "po", "score": None, "band": "bassa", "status": "evaluated", "amount": "150.50"},
                }
            },
        },
    }
    words = {"not_evaluated": "non valutabile", "ruolo:po": "Elevata qualificazione (EQ)"}
    table = render_xlsx.people(doc, words)  # the plugin's label wins
    assert table.title == "Persone"
    assert [h for h, _, _ in table.columns] == [
        "Persona",
        "Ruolo",
        "Punteggio attuale",
        "Fascia attuale",
        "Importo attuale",
        "Fascia alt",
        "Importo alt",
        "Differenza alt",
    ]
    assert [k for _, k, _ in table.columns] == ["text", "text", "score", "text", "money", "text", "money", "money"]
    assert [list(r) for r in table.rows] == [
        # no band in force: the outcome instead; difference 150.50 − 0.00
        ["P2", "Elevata qualificazione (EQ)", None, "non valutabile", D("0.00"), "bassa", D("150.50"), D("150.50")],
        # not in "alt": its three cells empty
        ["P10", "Dipendente", D("80.5"), "alta", D("1200.00"), None, None, None],
    ]
    # without the words of a contract (an ente outside Funzioni Locali) a PO is named by the core's words
    plain = render_xlsx.people(doc, {"not_evaluated": "non valutabile"})
    assert [r[1] for r in plain.rows] == ["Posizione organizzativa", "Dipendente"]
