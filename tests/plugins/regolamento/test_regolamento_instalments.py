"""A premium paid in instalments (``rate``, format 2): the reader's checks, the sentence ``leggi`` says, and what
every document shows of them — results.json, the workbook's sheet, the Relazione's totals and the personal scheda."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.commands import calendar
from ciclope.core.output.results import to_dict
from ciclope.core.reports import html, sheets
from ciclope.core.run.explain import unpaid_reasons
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


ADVANCE = """rate = [
  { acconto = '=600 € * fte', mese = "luglio", riferita = "anticipazione" },
  { conguaglio = true, mese = "marzo", anno = "successivo" },
]
"""


def test_an_advance_and_the_balance_which_may_be_a_recovery(ciclope_ente, tmp_path):
    # the fund of 1.000,01 € in equal parts: A 500,01, B 500,00 (as above). The advance in July: 600 € × the time
    # worked, A 600 × 1 = 600,00, B 600 × 0,5 = 300,00; the balance next March: the premium − the advance, A 500,01 −
    # 600,00 = −99,99 (a recovery), B 500,00 − 300,00 = 200,00
    result = run_declared(ciclope_ente, tmp_path, HEAD + ADVANCE, staff("A,Anna,1", "B,Bruno,0.5"))
    assert {pid: str(a.amount) for pid, a in result.rewards.awards.items()} == {"A": "500.01", "B": "500.00"}
    document = json.loads(json.dumps(to_dict(result)))
    assert document["rewards"]["instalments"] == [
        {"person": "A", "pool": "performance_individuale", "part": "produttività", "kind": "acconto",
         "month": "2024-07", "period": "anticipazione", "share": None, "amount": "600.00"},
        {"person": "A", "pool": "performance_individuale", "part": "produttività", "kind": "recupero",
         "month": "2025-03", "period": "", "share": None, "amount": "-99.99"},
        {"person": "B", "pool": "performance_individuale", "part": "produttività", "kind": "acconto",
         "month": "2024-07", "period": "anticipazione", "share": None, "amount": "300.00"},
        {"person": "B", "pool": "performance_individuale", "part": "produttività", "kind": "conguaglio",
         "month": "2025-03", "period": "", "share": None, "amount": "200.00"},
    ]  # fmt: skip
    # the fund is the same: 1.000,01 distributed, whatever the advances paid first
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("1000.01"), Decimal("0.00"))
    balance = result.figures["rata:A:produttività:2"]
    assert balance.label == "Conguaglio di marzo 2025 della parte «produttività» — Anna"
    assert balance.formula == "premio della parte «produttività» − gli acconti pagati"
    assert [(i.name, str(i.value)) for i in balance.inputs] == [
        ("premio della parte «produttività»", "500.01"),
        ("acconto di luglio 2024 della parte «produttività» (anticipazione)", "600.00"),
    ]
    assert balance.note.startswith("negativo: un recupero di € 99,99")
    advance = result.figures["rata:B:produttività:1"]
    assert advance.formula.startswith("=600 € * fte — ")
    assert ("in servizio nel mese della rata", "luglio 2024") in [(i.name, i.value) for i in advance.inputs]


def test_the_documents_say_the_advance_the_balance_and_the_recovery(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + ADVANCE, staff("A,Anna,1", "B,Bruno,0.5"))
    # the figures of the test above: A 600,00 and −99,99, B 300,00 and 200,00
    assert [(line.label, line.value) for line in content.build(result, "A").instalments] == [
        ("Acconto di luglio 2024 della parte «produttività» (anticipazione)", "€ 600,00"),
        ("Conguaglio di marzo 2025 della parte «produttività» — recupero", "− € 99,99 (da recuperare)"),
    ]
    sheet = next(t for t in sheets.tables(result) if t.title == "Rate dei premi")
    assert [c[0] for c in sheet.columns][6] == "Rata"
    assert [(row[0], row[6], row[7], str(row[8])) for row in sheet.rows[:-1]] == [
        ("A", "acconto", None, "600.00"),
        ("A", "recupero", None, "-99.99"),
        ("B", "acconto", None, "300.00"),
        ("B", "conguaglio", None, "200.00"),
    ]
    assert sheet.rows[-1][-1] == Decimal("1000.01")  # 600,00 − 99,99 + 300,00 + 200,00: the whole fund
    page = html.render(result)
    # the totals: July's advances 600 + 300 = 900,00 to 2; March's balance 200,00 to B, the recovery 99,99 from A
    for kind, count, total in (
        ("acconto", "2", "€ 900,00"),
        ("conguaglio", "1", "€ 200,00"),
        ("recupero (conguaglio negativo)", "1", "− € 99,99"),
    ):
        at = page.index(f"<td>{kind}</td>")
        row = page[at : page.index("</tr>", at)]
        assert f">{count}</td>" in row and total in row
    reasons = [r["why"] for r in unpaid_reasons(result, "A")]
    assert reasons == [
        "Conguaglio di marzo 2025 della parte «produttività» — recupero: premio della parte «produttività» − gli "
        "acconti pagati = − € 99,99 (da recuperare); negativo: un recupero di € 99,99, gli acconti pagati oltre il "
        "premio (trattenuti con le competenze del mese o restituiti)"
    ]
    paid = [(d.due.isoformat(), d.act) for d, _ in result.calendar if d.act.startswith("Pagamento")]
    assert paid == [
        ("2024-07-31", "Pagamento dell'acconto di luglio 2024 della parte «produttività» (anticipazione)"),
        ("2025-03-31", "Pagamento del conguaglio di marzo 2025 della parte «produttività», o recupero se negativo"),
    ]


def test_the_advance_goes_to_whoever_is_in_service_in_its_month(ciclope_ente, tmp_path):
    # C ceased on 30 June: no advance in July, and no premium left to balance — nothing at all; D hired on 1 July,
    # in service in July: the advance 600,00. The fund of 1.000,01 € among A, C and D in proportion to the days of
    # service is not what this test is about: each one's instalments sum to their premium, whatever it is
    data = staff("A,Anna,1", "C,Carla,1", "D,Dora,1")
    data["people.csv"] = data["people.csv"].replace("evaluator\n", "evaluator,assunzione,cessazione\n")
    rows = data["people.csv"].splitlines()
    rows = [r + (",," if r.startswith(("SEG", "A,")) else ",,2024-06-30" if r.startswith("C,") else ",2024-07-01,")
            if not r.startswith("id,") else r for r in rows]  # fmt: skip
    data["people.csv"] = "\n".join(rows) + "\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + ADVANCE, data)
    advances = {i.person: str(i.amount) for i in result.ledger.instalments if i.kind == "acconto"}
    assert advances == {"A": "600.00", "D": "600.00"}  # 600 € × 1 each; C not in service in July
    for pid, award in result.rewards.awards.items():
        assert sum((i.amount for i in result.ledger.instalments_of(pid)), Decimal(0)) == award.amount


def test_an_advance_without_a_balance_is_an_error(tmp_path):
    text = HEAD + "rate = [{ acconto = '=600 €', mese = \"luglio\" }]\n"
    assert regulation_problems(tmp_path, text) == [
        "riga 14, chiave premi[1].rate: un acconto senza conguaglio dopo di sé: chi ha avuto l'acconto riceverebbe "
        "più o meno del suo premio; aggiungi come ultima rata il conguaglio, es. { conguaglio = true, mese = "
        '"giugno", anno = "successivo" }'
    ]


def test_a_balance_not_last_and_a_share_among_advances_are_errors(tmp_path):
    text = HEAD + (
        "rate = [\n"
        "  { acconto = '=600 €', mese = \"luglio\" },\n"
        '  { conguaglio = true, mese = "settembre" },\n'
        '  { quota = "50%", mese = "dicembre" },\n'
        "]\n"
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 16, chiave premi[1].rate[2].conguaglio: il conguaglio è l'ultima rata: paga il premio meno gli acconti "
        "pagati prima; sposta in fondo la rata del conguaglio, dopo ogni acconto",
        "riga 17, chiave premi[1].rate[3].quota: una quota del premio tra acconti e conguaglio: il premio non si "
        "conosce prima del conguaglio, che ne paga tutto il resto; scrivi la rata come acconto ({ acconto = '=50% * "
        "1000 €', mese = \"settembre\" }) o tutte le rate con la quota",
        "riga 14, chiave premi[1].rate: un acconto senza conguaglio dopo di sé: chi ha avuto l'acconto riceverebbe "
        "più o meno del suo premio; aggiungi come ultima rata il conguaglio, es. { conguaglio = true, mese = "
        '"giugno", anno = "successivo" }',
    ]


def test_an_instalment_says_one_thing_it_pays(tmp_path):
    text = HEAD + (
        "rate = [\n  { quota = \"50%\", acconto = '=600 €', mese = \"luglio\" },\n  { mese = \"settembre\" },\n]\n"
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 15, chiave premi[1].rate[1].acconto: la rata dice insieme quota e acconto: ogni rata paga una cosa "
        "sola, una quota del premio, un acconto o il conguaglio; scrivile in rate distinte",
        "riga 16, chiave premi[1].rate[2]: la rata non dice quanto paga: scrivi quota (una quota del premio di "
        "ciascuno, «50%»), acconto (una formula in euro pagata prima dei risultati, es. { acconto = '=50% * 1000 €', "
        'mese = "settembre" }) o conguaglio = true (il premio meno gli acconti, l\'ultima rata)',
    ]


def test_a_balance_without_an_advance_is_an_error(tmp_path):
    text = HEAD + 'rate = [{ conguaglio = true, mese = "marzo", anno = "successivo" }]\n'
    assert regulation_problems(tmp_path, text) == [
        "riga 14, chiave premi[1].rate: un conguaglio senza acconto prima: il conguaglio paga il premio meno gli "
        "acconti; scrivi gli acconti prima di esso ({ acconto = '=50% * 1000 €', mese = \"settembre\" }), o paga il "
        "premio con le quote delle rate"
    ]


def test_an_advance_reads_no_result_of_the_year(tmp_path):
    text = HEAD + ADVANCE.replace("'=600 € * fte'", "'=600 € * OBIETTIVO(\"OB1\")'")
    [problem] = regulation_problems(tmp_path, text)
    assert problem.startswith("riga 15, chiave premi[1].rate[1].acconto: formula «=600 € * OBIETTIVO(\"OB1\")»: ")
    assert "OBIETTIVO non si usa nell'acconto: l'acconto si paga prima dei risultati dell'anno" in problem


def test_leggi_says_the_advance_and_the_balance(tmp_path):
    said = regulation_text(tmp_path, HEAD + ADVANCE)
    assert (
        "Il premio della parte si paga con acconti prima dei risultati, a chi ne ha i ruoli ed è in servizio nel "
        "mese della rata: un acconto («anticipazione») con le competenze di luglio, € 600,00 × il tempo lavorato (la quota "
        "del tempo pieno) (formula: =600 € * fte), per difetto al centesimo."
    ) in said
    assert (
        "Il conguaglio con le competenze di marzo dell'anno successivo è il premio dell'anno meno gli acconti "
        "pagati; se è negativo è un recupero, anche di chi a fine anno non ha premio."
    ) in said


DECIDED = """\
formato = 2

[atto]
titolo = "Regolamento della retribuzione di risultato"
tipo_ente = "comune"

[[premi]]
nome = "quota variabile"
metodo = "importi"
fondo = "performance_individuale"
decisione = "premi_approvati"
fonte = "art. 7"
"""


def decided(approved: str) -> dict[str, str]:
    """A and B with 300,00 and 200,00 € decided in premi.csv, approved by [atti] premi_approvati on ``approved``."""
    data = staff("A,Anna,1", "B,Bruno,1")
    data["ente.toml"] += f"[approvals]\npremi_approvati = {approved}\n"
    data["premi.csv"] = "persona,parte,importo\nA,quota variabile,300.00\nB,quota variabile,200.00\n"
    return data


def test_a_share_paid_before_the_act_that_approves_the_premiums_is_warned(ciclope_ente, tmp_path):
    # the amounts are approved on 15/09/2024: July's half (its month ends on 31/07/2024) is paid before the act,
    # January's of 2025 after it. One warning, for July's, naming the part, the instalment, the act and its date
    result = run_declared(ciclope_ente, tmp_path, DECIDED + HALVES, decided("2024-09-15"))
    warned = [v for v in result.violations if v.rule == "regolamento.rate"]
    assert [(v.severity, v.message) for v in warned] == [
        (
            "warning",
            "la rata di luglio 2024 della parte «quota variabile» (primo semestre) si paga con le competenze di luglio "
            "2024, prima dell'atto che approva i premi della parte, [atti] premi_approvati del 15/09/2024: una rata "
            "non si paga prima che i premi siano approvati. Controlla la data dell'atto o il mese della rata (es. "
            'mese = "aprile", anno = "successivo"); se il testo paga prima dei risultati «con riserva», scrivi la '
            "rata come acconto (acconto = '=50% * …') e chiudi le rate con il conguaglio (conguaglio = true)",
        )
    ]
    # the instalments are still what the regulation says: 300,00 / 2 = 150,00 in July and 150,00 in January
    assert [str(i.amount) for i in result.ledger.instalments_of("A")] == ["150.00", "150.00"]


def test_no_warning_for_an_act_before_the_month_nor_for_an_advance(ciclope_ente, tmp_path):
    # approved on 10/07/2024, before July's month ends: July's half is paid after the act
    result = run_declared(ciclope_ente, tmp_path, DECIDED + HALVES, decided("2024-07-10"))
    assert not [v for v in result.violations if v.rule == "regolamento.rate"]
    # an advance is paid «con riserva» before the act by design; the balance of March 2025 follows the act
    (tmp_path / "acconto").mkdir()
    result = run_declared(ciclope_ente, tmp_path / "acconto", DECIDED + ADVANCE, decided("2024-09-15"))
    assert not [v for v in result.violations if v.rule == "regolamento.rate"]
    # A: 600,00 in July, 300,00 − 600,00 = −300,00 in March; B: 600,00 and 200,00 − 600,00 = −400,00
    assert {i.person + i.kind: str(i.amount) for i in result.ledger.instalments} == {
        "Aacconto": "600.00",
        "Aconguaglio": "-300.00",
        "Bacconto": "600.00",
        "Bconguaglio": "-400.00",
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(min_value=0, max_value=500_000),  # the fund, in cents
    st.lists(st.sampled_from(["0.25", "0.5", "0.8", "1"]), min_size=1, max_size=4),  # each one's time worked
    st.integers(min_value=0, max_value=100_000),  # the advance at full time, in cents
)
def test_each_one_s_instalments_always_sum_to_their_premium(ciclope_ente, tmp_path_factory, fund, times, advance):
    """Whatever the fund, the people and the advance: each person's advance and balance sum to their premium of
    the part, to the cent (a balance below zero takes back what the advance paid beyond it), and the fund is
    distributed as without the instalments."""
    people = [f"P{n},Persona {n},{fte}" for n, fte in enumerate(times, start=1)]
    data = staff(*people)
    data["ente.toml"] = data["ente.toml"].replace('"1000.01"', f'"{Decimal(fund) / 100}"')
    rate = ADVANCE.replace("'=600 € * fte'", f"'={Decimal(advance) / 100} € * fte'")
    result = run_declared(ciclope_ente, tmp_path_factory.mktemp("rate"), HEAD + rate, data)
    for pid, award in result.rewards.awards.items():
        paid = result.ledger.instalments_of(pid)
        assert sum((i.amount for i in paid), Decimal(0)) == award.amount
        assert all(i.amount >= 0 for i in paid if i.kind == "acconto")
    pool = result.rewards.pools["performance_individuale"]
    assert sum((i.amount for i in result.ledger.instalments), Decimal(0)) == pool.distributed
