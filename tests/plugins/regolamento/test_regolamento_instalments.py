"""A premium paid in instalments (``rate``, format 2): the reader's checks, the sentence ``leggi`` says, and what
every document shows of them — results.json, the workbook's sheet, the Relazione's totals and the personal scheda."""

from __future__ import annotations

import json
from decimal import Decimal

from ciclope.core.commands import calendar
from ciclope.core.output.results import to_dict
from ciclope.core.reports import html, sheets
from ciclope.core.schede import content

from helpers import one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2

[atto]
titolo = "Regolamento del premio di produttività"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "performance_individuale"
valutazione = false
tempo_parziale = "intero"
fonte = "art. 5"
"""

HALVES = """rate = [
  { quota = "50%", mese = "luglio", riferita = "primo semestre" },
  { quota = "50%", mese = "gennaio", anno = "successivo", riferita = "secondo semestre" },
]
"""


def staff(*people: str) -> dict[str, str]:
    """A Comune of one unit whose people (``id,name,fte``) are paid by the regulation's single part without
    evaluation, from a fund of 1.000,01 €."""
    rows = [f"{pid},{name},dipendente,C,com,{fte},0,false,SEG" for pid, name, fte in (p.split(",") for p in people)]
    return one_unit_comune("Comune", rows, [], '[funds]\nperformance_individuale = "1000.01"\n')


def test_two_halves_july_and_next_january(ciclope_ente, tmp_path):
    # a fund of 1.000,01 € in equal parts between A and B (whole, not halved at part time): 500,005 each, the cent of
    # the largest remainder to the first by id → A 500,01, B 500,00. A's July half: 250,005 down → 250,00, January
    # the rest 250,01; B's 250,00 and 250,00. The ente's year is 2024: January is 2025's
    result = run_declared(ciclope_ente, tmp_path, HEAD + HALVES, staff("A,Anna,1", "B,Bruno,0.5"))
    assert {pid: str(a.amount) for pid, a in result.rewards.awards.items()} == {"A": "500.01", "B": "500.00"}
    document = json.loads(json.dumps(to_dict(result)))
    assert document["rewards"]["instalments"] == [
        {"person": "A", "pool": "performance_individuale", "part": "produttività", "month": "2024-07",
         "period": "primo semestre", "share": 0.5, "amount": "250.00"},
        {"person": "A", "pool": "performance_individuale", "part": "produttività", "month": "2025-01",
         "period": "secondo semestre", "share": 0.5, "amount": "250.01"},
        {"person": "B", "pool": "performance_individuale", "part": "produttività", "month": "2024-07",
         "period": "primo semestre", "share": 0.5, "amount": "250.00"},
        {"person": "B", "pool": "performance_individuale", "part": "produttività", "month": "2025-01",
         "period": "secondo semestre", "share": 0.5, "amount": "250.00"},
    ]  # fmt: skip
    first = result.figures["rata:A:produttività:1"]
    assert first.formula == "premio della parte «produttività» × quota della rata, per difetto al centesimo"
    assert first.label == "Rata di luglio 2024 della parte «produttività» (primo semestre) — Anna"


def test_the_documents_show_each_instalment(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + HALVES, staff("A,Anna,1", "B,Bruno,1", "C,Carla,1"))
    # 1.000,01 / 3 = 333,336…: 3 × 333,33 = 999,99 and the 2 cents left go by largest remainder, first by id: A and B
    # 333,34, C 333,33. July halves 166,67 (333,34 / 2) twice and 166,66 (166,665 down) = 500,00; January the rest,
    # 166,67 three times = 500,01
    sheet = next(t for t in sheets.tables(result) if t.title == "Rate dei premi")
    assert [tuple(str(c) for c in row) for row in sheet.rows[:2]] == [
        (
            "A",
            "Anna",
            "Premi per la performance individuale",
            "Produttività",
            "luglio 2024",
            "primo semestre",
            "0.5",
            "166.67",
        ),
        (
            "A",
            "Anna",
            "Premi per la performance individuale",
            "Produttività",
            "gennaio 2025",
            "secondo semestre",
            "0.5",
            "166.67",
        ),
    ]
    assert sheet.rows[-1][-1] == Decimal("1000.01")  # the total: every instalment, the whole fund paid
    page = html.render(result)
    assert "Premi pagati in rate (dati aggregati)" in page
    for month, total in (("luglio 2024", "€ 500,00"), ("gennaio 2025", "€ 500,01")):
        at = page.index(f"<td>{month}</td>")
        assert total in page[at : page.index("</tr>", at)]
    scheda = content.build(result, "C")
    assert [(line.label, line.value) for line in scheda.instalments] == [
        ("Rata di luglio 2024 della parte «produttività» (primo semestre)", "€ 166,66"),
        ("Rata di gennaio 2025 della parte «produttività» (secondo semestre)", "€ 166,67"),
    ]


def test_without_instalments_nothing_is_added(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD, staff("A,Anna,1", "B,Bruno,1"))
    assert result.ledger.instalments == ()
    assert "instalments" not in to_dict(result)["rewards"]
    assert all(t.title != "Rate dei premi" for t in sheets.tables(result))
    assert "Premi pagati in rate" not in html.render(result)
    assert content.build(result, "A").instalments == ()
    assert not [d for d, _ in result.calendar if d.act.startswith("Pagamento della rata")]


def test_the_calendar_lists_the_month_of_each_instalment(ciclope_ente, tmp_path):
    # the cycle of 2024: July's half by 31/07/2024, January's of the year after by 31/01/2025 (the last day of the
    # month whose pay carries it); no act in [atti] proves a payment, so each is to be checked, never late
    result = run_declared(ciclope_ente, tmp_path, HEAD + HALVES, staff("A,Anna,1", "B,Bruno,1"))
    paid = [(d, status) for d, status in result.calendar if d.act.startswith("Pagamento della rata")]
    assert [(d.due.isoformat(), d.act, d.phase, d.approval, status) for d, status in paid] == [
        ("2024-07-31", "Pagamento della rata di luglio 2024 della parte «produttività» (primo semestre)",
         "premialita", None, ""),
        ("2025-01-31", "Pagamento della rata di gennaio 2025 della parte «produttività» (secondo semestre)",
         "premialita", None, ""),
    ]  # fmt: skip
    said = calendar.render([result])
    assert "  31/07/2024  Pagamento della rata di luglio 2024 della parte «produttività» (primo semestre)" in said
    assert "da verificare (nessun atto da registrare in [atti]) · fase Premialità · fonte: " in said


def test_shares_that_do_not_pay_the_whole_premium_are_an_error(tmp_path):
    text = HEAD + HALVES.replace('quota = "50%", mese = "gennaio"', 'quota = "40%", mese = "gennaio"')
    assert regulation_problems(tmp_path, text) == [
        "riga 14, chiave premi[1].rate: le quote delle rate sommano al 90%: devono sommare al 100% (tutto il premio di "
        "ciascuno)"
    ]


def test_instalments_out_of_order_are_an_error(tmp_path):
    text = HEAD + HALVES.replace('mese = "gennaio", anno = "successivo"', 'mese = "marzo"')
    assert regulation_problems(tmp_path, text) == [
        "riga 16, chiave premi[1].rate[2].mese: la rata di marzo viene prima della rata di luglio, o nello stesso "
        "mese: scrivi le rate nell'ordine in cui si pagano, in mesi diversi"
    ]


def test_leggi_says_the_instalments(tmp_path):
    said = regulation_text(tmp_path, HEAD + HALVES)
    assert (
        "Il premio della parte si paga a ciascuno in 2 rate: il 50%, riferito al primo semestre, con le competenze di "
        "luglio; il 50%, riferito al secondo semestre, con le competenze di gennaio dell'anno successivo. Ogni rata ma "
        "l'ultima è arrotondata per difetto al centesimo; l'ultima prende il resto, così le rate sommano al premio."
    ) in said
