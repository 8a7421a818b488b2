"""The office's own readings of its text (``ipotesi`` in any block of the declared regulation): where the published
text leaves a number out («la valutazione individuale risulterà almeno pari al …») the office writes the value it
chose and says it is its reading. The Relazione, internal and public, lists it among its assumptions (it said «Nessuna
ipotesi: ogni parametro è fissato dalle fonti»), `regolamento leggi` after the rule it reads; the amounts are those
of the same file without it."""

from __future__ import annotations

import re
from html import unescape

from ciclope.core.reports import html, public

from helpers import amounts, one_unit_comune, regulation_text, run_declared

SMVP = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Letture"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 7 c. 1"
ipotesi = "il testo pubblicato non dice la soglia («almeno pari al …»): 60 punti"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = 0.9
fonte = "art. 8"
ipotesi = "la quota della parte non è nel testo: il 90%"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
quota_fondo = 0.1
fonte = "art. 9"
"""


def comune() -> dict[str, str]:
    staff = ["A,Persona A,dipendente,C,com,1,0,false,SEG", "B,Persona B,dipendente,C,com,1,0,false,SEG"]
    cards = ["A,SEG,s,Voce,100,80,", "B,SEG,s,Voce,100,50,"]
    return one_unit_comune("Comune di Letture", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def text_of(page: str) -> str:
    inline = re.sub(r"</?(b|span)[^>]*>", "", page)  # bold and muted words run on in their line
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def test_the_readings_are_the_relazione_s_assumptions_and_change_no_amount(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SMVP, comune())
    # B (50) is below 60: A alone is paid, 900 × 80 / 80 = 900.00 and 100 × 80 / 80 = 100.00 → 1000.00
    assert amounts(result) == {"A": "1000.00", "B": "0.00"}
    (tmp_path / "plain").mkdir()
    plain = run_declared(ciclope_ente, tmp_path / "plain", SMVP.replace("ipotesi = ", "nota = "), comune())
    assert amounts(plain) == amounts(result)
    for page in (text_of(html.render(result)), text_of(public.render(result))):
        assert "Nessuna ipotesi" not in page
        assert (
            "esclusione per punteggio sotto il minimo: il testo pubblicato non dice la soglia («almeno pari al …»): 60 punti "
            "[Contratto integrativo del Comune di Letture, art. 7 c. 1]" in page
        )
        assert (
            "parte del premio «produttività»: la quota della parte non è nel testo: il 90% "
            "[Contratto integrativo del Comune di Letture, art. 8]" in page
        )
    # without readings the section says there are none among the parameters, and where the calendar above dates an
    # act by an assumption (the Comune's monitoring by 31 July, which its regulation does not fix), says that too
    assert "data: ipotesi, il regolamento non la fissa" in text_of(html.render(plain))
    assert (
        "Nessuna ipotesi sui parametri: ognuno è fissato dalle fonti. Le date degli atti che il regolamento non fissa "
        "sono ipotesi, dette come tali nel calendario («data: ipotesi»)." in text_of(html.render(plain))
    )


def test_leggi_says_each_reading_after_its_rule(tmp_path):
    said = regulation_text(tmp_path, SMVP)
    assert "Ipotesi dell'ufficio: il testo pubblicato non dice la soglia («almeno pari al …»): 60 punti." in said
    # an article of several parts names the part the reading is of
    assert (
        "Ipotesi dell'ufficio (parte del premio «produttività»): la quota della parte non è nel testo: il 90%." in said
    )


def test_a_reading_of_the_result_pay_or_the_indicators_names_its_block_in_words(tmp_path):
    from ciclope.plugins.regolamento.format.readings import readings
    from ciclope.plugins.regolamento.read.load import load

    text = SMVP + (
        "\n[risultato_po]\nmetodo = \"percentuale\"\nfondo = \"risultato\"\nfonte = \"art. 10\"\n"
        "percentuali = [{ da = 60, quota = 0.15 }]\nipotesi = \"le percentuali non sono nel testo\"\n"
        "\n[[indicatori]]\nsoglia = 0.8\nfonte = \"art. 3\"\nipotesi = \"la soglia è dell'ufficio\"\n"
    )
    (tmp_path / "smvp.toml").write_text(text, encoding="utf-8")
    regulation, problems = load(str(tmp_path / "smvp.toml"))
    assert regulation is not None, problems
    # each block as a sentence names it, never its key (risultato_po, indicatori)
    assert [r.where for r in readings(regulation)] == [
        "soglia degli indicatori",
        "esclusione per punteggio sotto il minimo",
        "parte del premio «produttività»",
        "retribuzione di risultato",
    ]


def test_an_exclusion_s_reading_is_said_only_where_it_excludes(ciclope_ente, tmp_path):
    """The exclusion and the part cite one article (a deliberation of one page): the threshold the office chose is
    a reading of whom it excludes, never of a premium paid nor of the fund (Comune di Napoli: the excluded's reading
    was on every paid colleague's premium and scheda)."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    one_article = SMVP.replace('fonte = "art. 7 c. 1"', 'fonte = "art. 8"')
    result = run_declared(ciclope_ente, tmp_path, one_article, comune())
    threshold = "il testo pubblicato non dice la soglia («almeno pari al …»): 60 punti"
    share = "la quota della parte non è nel testo: il 90%"
    # A (80) is paid, B (50) excluded: B's premium is where the threshold applies
    assert threshold not in explain(result, "person", "A") and share in explain(result, "person", "A")
    assert threshold in explain(result, "person", "B")
    pool = explain(result, "pool", "performance_individuale")
    assert pool.count(threshold) == 1 and pool.index("Persona B") < pool.index(threshold)
    paid = [text for payment in build(result, "A").payments for text in payment.readings]
    assert threshold not in paid and share in paid


def test_a_reading_of_a_rule_of_another_act_cites_that_act_as_written(ciclope_ente, tmp_path):
    """A part whose fonte is the national contract's table: its reading is cited as the part is, «art. 37 CCNL EPNE
    6.7.1995, tabella A», never after the ente's own title (which read as article 37 of the ente's criteria)."""
    national = SMVP.replace('fonte = "art. 8"', 'fonte = "art. 37 CCNL EPNE 6.7.1995, tabella A"')
    result = run_declared(ciclope_ente, tmp_path, national, comune())
    page = text_of(html.render(result))
    assert (
        "parte del premio «produttività»: la quota della parte non è nel testo: il 90% "
        "[art. 37 CCNL EPNE 6.7.1995, tabella A]" in page
    )
    assert "Letture, art. 37" not in page


CALENDAR_ON_THE_CARD_S_ARTICLE = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Letture"
tipo_ente = "comune"

[[scheda]]
fonte = "art. 4"
voci = [{ sezione = "s", voce = "Voce", massimo = 100 }]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 8"

[[calendario]]
atto = "Colloquio sugli obiettivi"
fase = "pianificazione"
scadenza = "31/01"
approvazione = "obiettivi_assegnati"
fonte = "art. 4"
ipotesi = "«all'inizio dell'anno» letto come entro il 31 gennaio"
"""


def test_a_reading_of_a_calendar_act_is_never_said_with_a_figure_of_the_same_article(ciclope_ente, tmp_path):
    """The card and the calendar's act cite one article (art. 4): the office's reading of the act's date is a reading
    of the calendar, said where the calendar is (the Relazione, naming the act), never under the score the card gives
    nor on the scheda the person signs (an Agenzia's objectives interview was under every employee's score)."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    result = run_declared(ciclope_ente, tmp_path, CALENDAR_ON_THE_CARD_S_ARTICLE, comune())
    reading = "«all'inizio dell'anno» letto come entro il 31 gennaio"
    # A's score is the card's: 100 × 80 / 100 = 80 points, cited «…, art. 4» like the act
    assert result.scores["A"].score == 80
    assert str(result.figures["score:A"].source).endswith(", art. 4")
    assert reading not in explain(result, "person", "A")
    scheda = build(result, "A")
    assert reading not in scheda.score_readings
    assert all(reading not in payment.readings for payment in scheda.payments)
    page = text_of(html.render(result))
    assert f"atto del calendario «Colloquio sugli obiettivi»: {reading}" in page
    assert "(atto del calendario)" not in page


DIRECTOR_ON_THE_EXCLUSION_S_ARTICLE = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Azienda di Letture"
sigla = "SMVP"
tipo_ente = "azienda_servizi_persona"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "par. 7"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
ruoli = ["dipendente"]
fonte = "par. 8"

[risultato_po]
metodo = "percentuale"
ruoli = ["dirigente"]
fondo = "risultato_direttore"
percentuali = [{ da = 90, quota = 0.20 }, { da = 60, quota = 0.10 }]
fonte = "par. 7"
ipotesi = "le percentuali del Direttore non sono nel testo: 20% e 10%"
"""


def test_a_reading_of_the_result_pay_is_said_only_with_its_fund_s_amounts(ciclope_ente, tmp_path):
    """The exclusion and the Direttore's result pay cite one paragraph (par. 7): the percentages the office chose for
    the Direttore are a reading of his result pay, never of an employee's premium nor of the score that excluded
    them (an ASP's OSS under the minimum read «le percentuali del Direttore…» on his own scheda)."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    data = comune()
    header, *lines = data["people.csv"].splitlines()
    lines.append("DIR,Direttore,dirigente,,com,1,0,false,SEG")
    data["people.csv"] = (
        "\n".join([header + ",retribuzione_posizione", *(x + "," for x in lines[:-1]), lines[-1] + ",30000"]) + "\n"
    )
    data["evaluations.csv"] += "DIR,SEG,s,Voce,100,95,\n"
    data["ente.toml"] += 'risultato_direttore = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, DIRECTOR_ON_THE_EXCLUSION_S_ARTICLE, data)
    reading = "le percentuali del Direttore non sono nel testo: 20% e 10%"
    # the Direttore (95) has 30.000 × 20% = 6.000,00; A (80) the whole 1.000,00 of the fund; B (50) is excluded
    assert amounts(result)["DIR"] == "6000.00" and amounts(result)["A"] == "1000.00"
    assert reading in explain(result, "person", "DIR")
    assert [text for p in build(result, "DIR").payments for text in p.readings] == [reading]
    for pid in ("A", "B"):  # B's exclusion cites par. 7 as the result pay does: no reading of the Direttore's
        assert reading not in explain(result, "person", pid)
        scheda = build(result, pid)
        assert reading not in scheda.score_readings
        assert all(reading not in payment.readings for payment in scheda.payments)


def test_a_star_is_one_segment_of_a_figure_s_key():
    from ciclope.core.run.explain import begins

    assert begins("award:P1:risultato", "award:*:risultato")
    assert begins("award:P1:risultato:PO1", "award:*:risultato")  # an interim the fund pays
    assert not begins("award:P1", "award:*:risultato")
    assert not begins("award:P1:risultato_eq", "award:*:risultato")  # another fund, however it begins
    assert not begins("pool:risultato", "pool:risultato:*")  # the fund as the ente gives it: not the block's
    assert begins("pool:risultato:interim", "pool:risultato:*")
    assert begins("premio:a:P1", "premio:a:") and not begins("premio:ab:P1", "premio:a:")  # no star: the beginning


REDUCTION_ON_THE_PART_S_ARTICLE = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Letture"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 8"

[[riduzioni]]
misura = "assenze"
fonte = "art. 8"
ipotesi = "gli scaglioni delle assenze non sono nel testo: scelti dall'ufficio"
scaglioni = [{ da = 0, a = 10, riduzione = 0 }, { da = 11, riduzione = 0.10 }]
"""


def test_a_reduction_s_reading_is_said_only_to_whom_it_reduces(ciclope_ente, tmp_path):
    """The part and the reduction cite one article: the brackets the office chose are a reading of the premium of
    whom they cut, never of a colleague's with no absence (an ARPA's employee read them on her premium)."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    data = comune()
    data["people.csv"] = data["people.csv"].replace(
        "A,Persona A,dipendente,C,com,1,0,", "A,Persona A,dipendente,C,com,1,20,"
    )
    result = run_declared(ciclope_ente, tmp_path, REDUCTION_ON_THE_PART_S_ARTICLE, data)
    reading = "gli scaglioni delle assenze non sono nel testo: scelti dall'ufficio"
    # A (80, 20 days: −10%) weighs 72, B (50) 50: 1.000 × 72 / 122 = 590,16 and 1.000 × 50 / 122 = 409,84
    assert amounts(result) == {"A": "590.16", "B": "409.84"}
    assert reading in explain(result, "person", "A")
    assert reading in [text for p in build(result, "A").payments for text in p.readings]
    assert reading not in explain(result, "person", "B")
    assert all(reading not in p.readings for p in build(result, "B").payments)
    assert reading in text_of(html.render(result))  # the Relazione lists it among the office's readings


def test_a_reduction_of_its_own_article_is_said_on_the_premium_it_cuts(ciclope_ente, tmp_path):
    """The reduction cites art. 10, the part art. 8: the premium of whom it cuts says the reading on the scheda too,
    not only under the reduction's own figure in explain (an ERSU's employee with 120 days of absence read it in
    explain alone); a colleague's premium does not."""
    from ciclope.core.schede.content import build

    own = REDUCTION_ON_THE_PART_S_ARTICLE.replace(
        'misura = "assenze"\nfonte = "art. 8"', 'misura = "assenze"\nfonte = "art. 10"'
    )
    assert own != REDUCTION_ON_THE_PART_S_ARTICLE
    data = comune()
    data["people.csv"] = data["people.csv"].replace(
        "A,Persona A,dipendente,C,com,1,0,", "A,Persona A,dipendente,C,com,1,20,"
    )
    result = run_declared(ciclope_ente, tmp_path, own, data)
    reading = "gli scaglioni delle assenze non sono nel testo: scelti dall'ufficio"
    assert reading in [text for p in build(result, "A").payments for text in p.readings]
    assert all(reading not in p.readings for p in build(result, "B").payments)
