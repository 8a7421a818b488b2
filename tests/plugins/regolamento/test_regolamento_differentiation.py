"""The regulation's own ban on undifferentiated premiums (``[differenziazione]``, formato 2): «è vietata la
distribuzione in maniera indifferenziata» (D.Lgs. 150/2009 art. 18 c. 2, restated by regulations such as Bergamo's
art. 42.2 and 46.1). Among the people a part pays above zero, with at least ``minimo`` of them, all at one level or
all paid one amount (within the cent of the largest remainder) is an error or a warning; one level holding more
than ``quota_massima`` of them, a warning. Every case by hand."""

from __future__ import annotations

from helpers import one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento dei premi"
tipo_ente = "comune"
comparto = "funzioni_locali"

[livelli]
fonte = "art. 5"
scala = [{ nome = "alto", da = 90 }, { nome = "medio", da = 60 }, { nome = "basso", da = 0 }]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 6"
"""
BAN = """
[differenziazione]
fonte = "art. 7"
minimo = 5
quota_massima = 0.8
"""
BANNED = " (è vietata la distribuzione indifferenziata dei premi)"


def files(scores: list[int], fund: str) -> dict[str, str]:
    """Staff P1, P2, … at full time with these scores, evaluated by the Segretario."""
    staff = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, len(scores) + 1)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{s}," for i, s in enumerate(scores, 1)]
    return one_unit_comune("Comune di Esempio", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


def said(result) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of every differentiation problem, the law's and the regulation's."""
    return [(p.rule, p.severity, p.message) for p in result.violations if "differen" in p.rule]


def test_six_at_one_level_with_one_amount_are_two_errors_and_a_warning(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BAN, files([95] * 6, "100.00"))
    # 100.00 / 6 = 16.666…: floors 16.66 × 6 = 99.96, the 4 cents to the first four (equal remainders, in order)
    # → 16.67 × 4 and 16.66 × 2: one amount within the cent. All six at «alto» (95 ≥ 90): 6/6 = 100% > 80%.
    # The regulation's errors stand alone: no warning of the law besides them.
    assert said(result) == [
        (
            "regolamento.differentiation.levels",
            "error",
            "parte «produttività» del premio: tutti i 6 premiati sono nel livello «alto»: la valutazione non li "
            "distingue" + BANNED,
        ),
        (
            "regolamento.differentiation.amounts",
            "error",
            "parte «produttività» del premio: tutti i 6 premiati ricevono lo stesso importo (€ 16,66 o € 16,67, un "
            "centesimo del resto maggiore)" + BANNED,
        ),
        (
            "regolamento.differentiation.share",
            "warning",
            "parte «produttività» del premio: il livello «alto» raccoglie 6 premiati su 6 (100,00%), oltre l'80%: "
            "differenziazione insufficiente",
        ),
    ]
    assert all(str(p.source) == "Regolamento dei premi, art. 7" for p in result.violations if "differen" in p.rule)


def test_one_level_with_different_amounts(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BAN, files([91, 92, 93, 94, 95], "465.00"))
    # Σ 91 + … + 95 = 465, 1 € a point: 91.00 … 95.00, five amounts; all «alto»: one error and the 100% warning
    assert [(rule, severity) for rule, severity, _ in said(result)] == [
        ("regolamento.differentiation.levels", "error"),
        ("regolamento.differentiation.share", "warning"),
    ]


def test_fewer_than_the_minimum_are_not_judged_but_the_share_is(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BAN, files([95] * 4, "400.00"))
    # 4 premiati < minimo 5: levels and amounts unjudged (nor does the law judge fewer than 5); 4/4 = 100% > 80%
    assert [(rule, severity) for rule, severity, _ in said(result)] == [
        ("regolamento.differentiation.share", "warning")
    ]


def test_a_differentiated_distribution_says_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BAN, files([95, 95, 70, 70, 40], "370.00"))
    # alto, alto, medio, medio, basso: three levels, the most crowded 2/5 = 40% ≤ 80%; 95, 95, 70, 70, 40 €
    assert said(result) == []


def test_nobody_paid_is_not_a_premiato(ciclope_ente, tmp_path):
    regulation = HEAD + '\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nfonte = "art. 8"\n' + BAN
    result = run_declared(ciclope_ente, tmp_path, regulation, files([95, 95, 95, 95, 95, 40], "500.00"))
    # P6 (40 < 60) is excluded, paid 0: the five paid are all «alto», 100.00 each
    assert [(rule, severity) for rule, severity, _ in said(result)] == [
        ("regolamento.differentiation.levels", "error"),
        ("regolamento.differentiation.amounts", "error"),
        ("regolamento.differentiation.share", "warning"),
    ]
    assert "tutti i 5 premiati" in said(result)[0][2]


def test_as_a_warning_the_law_s_warning_stays(ciclope_ente, tmp_path):
    regulation = HEAD + BAN.replace("minimo = 5", 'minimo = 5\ngravita = "avviso"')
    result = run_declared(ciclope_ente, tmp_path, regulation, files([95] * 5, "500.00"))
    rules = [(rule, severity) for rule, severity, _ in said(result)]
    # the regulation's two warnings and its share; the law's own warning (one per pool: levels first) besides
    assert ("regolamento.differentiation.levels", "warning") in rules
    assert ("regolamento.differentiation.amounts", "warning") in rules
    assert ("ccnl.differenziazione", "warning") in rules
    assert not any(severity == "error" for _, severity in rules)


PRESENCE = """
[[premi]]
nome = "presenza"
metodo = "proporzionale"
valutazione = false
quota_fondo = 0.5
fonte = "art. 9"
"""


def test_by_default_a_part_without_evaluation_is_not_checked(ciclope_ente, tmp_path):
    regulation = HEAD.replace('fonte = "art. 6"', 'fonte = "art. 6"\nquota_fondo = 0.5') + PRESENCE + BAN
    result = run_declared(ciclope_ente, tmp_path, regulation, files([95, 95, 70, 70, 40], "740.00"))
    # produttività 370.00 (differentiated, as above); presenza 370.00 / 5 = 74.00 each, by design: not judged
    assert said(result) == []
    named = regulation.replace('minimo = 5', 'minimo = 5\nparti = ["presenza"]')
    result = run_declared(ciclope_ente, tmp_path, named, files([95, 95, 70, 70, 40], "740.00"))
    # named, «presenza» is judged: five of one amount (74.00); its people's levels are three
    assert [(rule, severity, message) for rule, severity, message in said(result) if rule.startswith("rego")] == [
        (
            "regolamento.differentiation.amounts",
            "error",
            "parte «presenza» del premio: tutti i 5 premiati ricevono lo stesso importo (€ 74,00)" + BANNED,
        )
    ]


def test_the_reader_refuses_what_cannot_be_checked(tmp_path):
    unknown = HEAD + BAN + 'parti = ["produtività"]\n'
    assert regulation_problems(tmp_path, unknown) == [
        "riga 20, chiave differenziazione.parti: «produtività» non è il nome di una parte di [[premi]] (forse «produttività»?)"
    ]
    too_few = HEAD + BAN.replace("minimo = 5", "minimo = 1")
    assert regulation_problems(tmp_path, too_few) == [
        "riga 18, chiave differenziazione.minimo: 1 fuori dall'intervallo ammesso (da 2 a 1.000)"
    ]
    no_premium = HEAD.split("[[premi]]")[0] + BAN
    assert regulation_problems(tmp_path, no_premium) == [
        "riga 12, chiave differenziazione: il controllo vale sui premi: manca [premio] o [[premi]]"
    ]
    unscored = HEAD.replace('fonte = "art. 6"', 'fonte = "art. 6"\nvalutazione = false') + BAN
    assert regulation_problems(tmp_path, unscored) == [
        "riga 17, chiave differenziazione: nessuna parte del premio è pagata per valutazione individuale: scrivi le parti da "
        'controllare (es. parti = ["presenza"])'
    ]


def test_leggi_says_it(tmp_path):
    text = regulation_text(tmp_path, HEAD + BAN)
    assert (
        "3. La differenziazione dei premi (art. 7)\n"
        "È vietata la distribuzione indifferenziata dei premi: in ogni parte del premio pagata per valutazione "
        "individuale, con almeno 5 premiati, tutti nello stesso livello o tutti con lo stesso importo (a meno di un "
        "centesimo) è un errore. Un livello che raccoglie più dell'80% dei premiati di una parte è un avviso: "
        "differenziazione insufficiente."
    ) in text


def test_a_premium_without_levels_is_judged_by_its_amounts_alone(ciclope_ente, tmp_path):
    """A premium paid in proportion to the score, in a regulation without [livelli] (a premium «a punti»): nobody
    has a level, and that says nothing about the evaluation. Six different scores, six different amounts: no
    problem; six equal scores, one amount: the amounts' error alone."""
    no_levels = HEAD.replace('[livelli]\nfonte = "art. 5"\n', "").replace(
        'scala = [{ nome = "alto", da = 90 }, { nome = "medio", da = 60 }, { nome = "basso", da = 0 }]\n', ""
    )
    assert "[livelli]" not in no_levels
    # 600.00 over 95 + 90 + 85 + 80 + 75 + 70 = 495: 115,15…, 109,09…, 103,03…, 96,96…, 90,90…, 84,84…: six amounts
    result = run_declared(ciclope_ente, tmp_path, no_levels + BAN, files([95, 90, 85, 80, 75, 70], "600.00"))
    assert [p for p in said(result) if p[0].startswith("regolamento.")] == []
    # six at 95: 100.00 / 6 → 16.67 × 4 and 16.66 × 2, one amount within the cent
    result = run_declared(ciclope_ente, tmp_path, no_levels + BAN, files([95] * 6, "100.00"))
    assert [p[0] for p in said(result) if p[0].startswith("regolamento.")] == ["regolamento.differentiation.amounts"]
