"""The resources of the progressioni from a fund («fino a concorrenza delle risorse destinate» by the contratto
integrativo): ``fondo = "progressioni"`` in [progressioni] reads the fund as the year constitutes it — ente.toml's
[fondi] or the destination of the fondo risorse decentrate that names it in ``fondo_premi`` — instead of an amount
typed in the regulation. The fund pays no premium: it is not among the premiums' pools. Every selection by hand, on
the staff of test_regolamento_progressions (A C 95, B D 90, C D 85, D C 80, E C 70; 750 € a C, 850 € a D)."""

from __future__ import annotations

from decimal import Decimal

from test_regolamento_fund_place import in_fondo
from test_regolamento_progressions import FUNDED, FUNDED_STAFF, people

from ciclope.plugins.regolamento.say.annex import annex

from helpers import regulation_problems, regulation_text, run_declared

FROM_FUND = FUNDED.replace("risorse = 2400", 'fondo = "progressioni"')


def typed(amount: str) -> dict[str, str]:
    """The staff with the fund typed in ente.toml."""
    files = people(FUNDED_STAFF)
    files["ente.toml"] += f'\n[fondi]\nprogressioni = "{amount}"\n'
    return files


def destined(amount: str) -> dict[str, str]:
    """The staff with the fondo sheet destining ``amount`` to the progressioni."""
    return {
        **people(FUNDED_STAFF),
        "fondo.csv": "voce,importo,numero,data,uso,fondo_premi,atto\n"
        "unico_importo_2017,100000.00,,,,,\n"
        f"destinazione,{amount},,,progressioni,progressioni,CCDI 2024 art. 9\n",
    }


def test_the_resources_are_the_fund_typed_in_ente_toml(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FROM_FUND, typed("2400.00"))
    # as with risorse = 2400: A 750 → 750; B 850 → 1,600; C 850 → 2,450 > 2,400: the selection stops at C
    assert result.rewards.extra["progressioni"] == ["A", "B"]
    total = result.figures["progression:selected"]
    assert [(i.name, i.value, i.ref) for i in total.inputs] == [
        ("personale in servizio", 5, ""),
        ("candidati", 5, ""),
        ("fondo progressioni", Decimal("2400.00"), "pool:progressioni"),
        ("risorse", Decimal("2400.00"), ""),
        ("costo dei selezionati", Decimal("1600"), ""),
    ]
    # the fund is explained down to where the office wrote it, and is no premium's pool
    assert result.figures["pool:progressioni"].inputs[0].cell == "ente.toml:funds.progressioni"
    assert "progressioni" not in result.rewards.pools
    assert not [p for p in result.violations if p.severity == "error"]
    # the Relazione's table says the fund, once: its resources are the whole fund (2.400), no second row of them
    counts = dict({s.title: s for s in annex(result)}["Progressioni economiche"].rows)
    assert counts["Fondo progressioni"] == Decimal("2400.00")
    assert "Risorse" not in counts and "Risorse assegnate alle graduatorie" not in counts


def test_the_resources_are_the_destination_of_the_fondo_risorse_decentrate(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, in_fondo(FROM_FUND), destined("3300.00"))
    # A 750, B 850 → 1,600; C 850 → 2,450; D 750 → 3,200 ≤ 3,300; E 750 → 3,950 > 3,300: four selected
    assert result.rewards.extra["progressioni"] == ["A", "B", "C", "D"]
    assert result.figures["pool:progressioni"].source == "destinazione del fondo risorse decentrate"
    # the destination names a fund of the regulation: no «non è un fondo del regolamento» at its row
    assert not [p for p in result.violations if p.column == "fondo_premi"]
    assert "progressioni" not in result.rewards.pools


def test_without_the_fund_nobody_is_selected_and_a_warning_says_where_to_write_it(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FROM_FUND, people(FUNDED_STAFF))
    assert result.rewards.extra["progressioni"] == []
    [warning] = [p for p in result.violations if p.rule == "regolamento.fondo"]
    assert (warning.severity, warning.where) == ("warning", "ente.toml:funds.progressioni")
    assert warning.message == (
        "manca [fondi] progressioni: le progressioni economiche non hanno risorse e nessuno è selezionato; scrivine "
        "l'importo in ente.toml, nel blocco [fondi]"
    )


BY_AREA = FROM_FUND.replace('fondo = "progressioni"', 'fondo = "progressioni"\ngraduatorie = "categoria"')


def test_the_graduatorie_s_resources_within_the_fund(ciclope_ente, tmp_path):
    text = BY_AREA + "risorse_graduatorie = { C = 1500, D = 850 }\n"
    result = run_declared(ciclope_ente, tmp_path, text, typed("2400.00"))
    # 1,500 + 850 = 2,350 ≤ 2,400. C: A 750, D 750 → 1,500; E beyond. D: B 850; C (→ 1,700) beyond.
    assert result.rewards.extra["progressioni"] == ["A", "D", "B"]
    total = {i.name: i.value for i in result.figures["progression:selected"].inputs}
    assert (total["fondo progressioni"], total["risorse"]) == (Decimal("2400.00"), Decimal("2350"))


def test_graduatorie_s_resources_beyond_the_fund_select_nobody(ciclope_ente, tmp_path):
    text = BY_AREA + "risorse_graduatorie = { C = 1500, D = 1700 }\n"
    result = run_declared(ciclope_ente, tmp_path, text, typed("2400.00"))
    # 1,500 + 1,700 = 3,200 > 2,400: the fund would be overspent
    assert result.rewards.extra["progressioni"] == []
    [error] = [p for p in result.violations if p.column == "progressioni.risorse_graduatorie"]
    assert error.severity == "error"
    assert error.message == (
        "progressioni economiche: le risorse delle graduatorie (C € 1.500,00, D € 1.700,00) sommano a € 3.200,00, più "
        "del fondo progressioni (€ 2.400,00): nessuno è selezionato; riduci le risorse_graduatorie perché la somma "
        "stia nel fondo"
    )


def test_the_fund_is_written_once_and_pays_nothing_else(tmp_path):
    # FUNDED's lines: HEAD's 16, a blank one, [progressioni] 18, fonte 19, the key at 20
    twice = FUNDED.replace("risorse = 2400", 'risorse = 2400\nfondo = "progressioni"')
    assert regulation_problems(tmp_path, twice) == [
        "riga 21, chiave progressioni.fondo: le risorse sono scritte due volte: risorse = 2400 e fondo = "
        "progressioni; lascia fondo se le risorse sono quelle che il fondo destina alle progressioni, risorse se "
        "sono un importo deciso a parte"
    ]
    assert regulation_problems(tmp_path, BY_AREA) == [
        'riga 18, chiave progressioni.risorse_graduatorie: con graduatorie = "categoria" le risorse si scrivono per '
        'graduatoria, e il fondo ne è il tetto: risorse_graduatorie = { "C" = 3000, "D" = 4500 }'
    ]
    premium = FROM_FUND.replace(
        "[progressioni]",
        '[premio]\nmetodo = "livelli"\nfonte = "art. 9"\nfondo = "progressioni"\n'
        "coefficienti = { alto = 1, medio = 0.5, basso = 0 }\n\n[progressioni]",
    )
    # (the [premio] lacks its [livelli]: that error comes first, at its own line)
    assert regulation_problems(tmp_path, premium)[1:] == [
        "riga 26, chiave progressioni.fondo: il fondo «progressioni» paga già i premi o le posizioni: le progressioni "
        "hanno un fondo loro (nel foglio fondo, una destinazione alle progressioni con il suo fondo_premi)"
    ]


def test_a_fund_written_as_a_formula_is_told_the_key(tmp_path):
    fund = FUNDED.replace("risorse = 2400", """risorse = '=FONDO("progressioni")'""")
    assert regulation_problems(tmp_path, fund) == [
        'riga 20, chiave progressioni.risorse: atteso un importo in euro (es. "1500.00"), trovata la formula '
        '«=FONDO("progressioni")»: le risorse di un fondo si scrivono con il suo nome, fondo = "progressioni"'
    ]


def test_leggi_says_the_resources_come_from_the_fund(tmp_path):
    said = regulation_text(tmp_path, FROM_FUND)
    assert "fino a concorrenza delle risorse del fondo «progressioni», come costituito per l'anno" in said
    by_area = regulation_text(tmp_path, BY_AREA + "risorse_graduatorie = { C = 1500, D = 850 }\n")
    assert (
        "delle risorse di ciascuna graduatoria (C € 1.500,00, D € 850,00, che insieme non superano il fondo "
        "«progressioni»)"
    ) in by_area


def test_explain_of_the_fund_says_what_the_progressions_took_and_whom_they_selected(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, FROM_FUND, typed("2400.00"))
    said = explain(result, "pool", "progressioni")
    assert said is not None
    # A 750 + B 850 = 1.600,00 to the selected; 2.400,00 − 1.600,00 = 800,00 left
    assert "Stanziato € 2.400,00 · distribuito € 1.600,00 · residuo € 800,00" in said
    selection = said[said.index("■ Progressioni economiche: costo dei selezionati") :]
    # the selected in the graduatoria's order, each with the cost of their progression
    first, second = selection.index("1° Persona A (A) = € 750,00"), selection.index("2° Persona B (B) = € 850,00")
    assert first < second
    assert "• residuo = € 800,00" in selection
    assert "premi" not in said


def test_explain_of_a_destined_fund_of_progressions_says_no_premiums(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, in_fondo(FROM_FUND), destined("3300.00"))
    said = explain(result, "pool", "progressioni")
    assert said is not None
    # A 750 + B 850 + C 850 + D 750 = 3.200,00; 3.300,00 − 3.200,00 = 100,00 left
    assert "Stanziato € 3.300,00 · distribuito € 3.200,00 · residuo € 100,00" in said
    assert "Destinazione del fondo risorse decentrate: Progressioni economiche" in said
    assert "premi" not in said


def test_a_graduatoria_given_no_resources_says_so_not_beyond_them(ciclope_ente, tmp_path):
    """A Comune gave its Funzionari nothing this year (risorse_graduatorie 0): its candidates read «nessuna risorsa
    nella graduatoria», not «oltre le risorse», as a graduatoria of 0 places says «nessun posto»."""
    text = BY_AREA + "risorse_graduatorie = { C = 1500, D = 0 }\n"
    result = run_declared(ciclope_ente, tmp_path, text, typed("2400.00"))
    # C: A 750, D 750 → 1,500; E beyond. D (B 90, C 85): no resources, nobody selected
    assert result.rewards.extra["progressioni"] == ["A", "D"]
    assert result.figures["progression:B"].note == "non selezionato: nessuna risorsa nella graduatoria"
    assert result.figures["progression:C"].note == "non selezionato: nessuna risorsa nella graduatoria"
    assert result.figures["progression:E"].note == "non selezionato: oltre le risorse"
