"""What the scheda says of the organizational performance beside the person's own: a unit without objectives of its
own reads its parent's achievement, and says so; before the OIV validates the Relazione, the attested performance
is the computed one and the scheda does not call it the OIV's. A Comune with one indicator at 8 of 10 (80%), owned
by the Comune; the person's unit «Servizi» has no objective."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.schede import render
from ciclope.core.schede.content import build

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento premi"
tipo_ente = "comune"

[premio]
metodo = "proporzionale"
fonte = "art. 5"
"""


def run(ciclope_ente, tmp_path, approvals: str = "", regulation: str = REGULATION, nucleo: bool = False):
    staff = ["A,Anna,dipendente,C,srv,1,0,false,SEG", "B,Bruno,dipendente,C,srv,1,0,false,SEG"]
    cards = ["A,SEG,scheda,Valutazione complessiva,100,80,", "B,SEG,scheda,Valutazione complessiva,100,70,"]
    tail = '[funds]\nperformance_individuale = "1000.00"\n' + (f"[approvals]\n{approvals}\n" if approvals else "")
    tail = ('organismo_valutazione = "Nucleo di valutazione"\n' if nucleo else "") + tail
    files = one_unit_comune("Comune", staff, cards, tail)
    files["units.csv"] += "srv,Servizi,servizio,com,SEG\n"
    files["indicators.csv"] = files["indicators.csv"].replace(
        "IN1,OB1,Pratiche,higher,,,10,10,", "IN1,OB1,Pratiche,higher,,,10,8,"
    )
    return run_declared(ciclope_ente, tmp_path, regulation, files)


def lines(result, pid: str) -> dict[str, str]:
    return {ln.label: ln.value for ln in build(result, pid).organizational}


def test_a_unit_without_objectives_says_it_reads_its_parent(ciclope_ente, tmp_path):
    said = lines(run(ciclope_ente, tmp_path), "A")
    # IN1 8 of 10: the Comune 80%; Servizi has no objective: it inherits the Comune's 80%, and the scheda says so
    assert said["Performance organizzativa dell'ente"] == "80,00%"
    assert said["Performance della propria unità (Servizi)"] == (
        "80,00% (dell'unità superiore: l'unità non ha obiettivi propri misurati)"
    )


def test_before_the_oiv_validates_the_attested_is_the_computed_one_and_says_so(ciclope_ente, tmp_path):
    # in plain words: what the figure is, and why it is that one
    said = lines(run(ciclope_ente, tmp_path), "A")
    assert said["Performance attestata dall'OIV"] == (
        "80,00%: è la performance calcolata, perché l'OIV non ha ancora validato la Relazione"
    )
    said = lines(run(ciclope_ente, tmp_path, "relazione_validated_oiv = 2027-06-10"), "A")
    assert said["Performance attestata dall'OIV"] == (  # validated, no other value attested
        "80,00%: è la performance calcolata; l'OIV non ha indicato un valore diverso"
    )


def test_the_body_is_named_as_the_ente_names_it(ciclope_ente, tmp_path):
    said = lines(run(ciclope_ente, tmp_path, nucleo=True), "A")  # the same ente, with a Nucleo di valutazione
    assert said["Performance attestata dal Nucleo di valutazione"] == (
        "80,00%: è la performance calcolata, perché il Nucleo di valutazione non ha ancora validato la Relazione"
    )


NOT_READ = (
    "Queste percentuali non entrano nel punteggio né negli importi di questa scheda: sono riportate solo per "
    "conoscenza."
)


def test_a_premium_that_reads_no_organizational_performance_says_so_under_it(ciclope_ente, tmp_path):
    # Anna's score is her card alone (80 of 100) and the premium divides the fund by the score: the Comune's 80% and
    # her unit's are shown, and said plainly not to count, so that she does not think her premium depends on them
    scheda = build(run(ciclope_ente, tmp_path), "A")
    assert scheda.organizational_note == NOT_READ
    page = render.render(scheda)
    organizational = page[page.index("<h2>La componente organizzativa</h2>") :].split("</section>")[0]
    assert organizational.endswith(f"<p>{NOT_READ}</p>"), organizational


def test_a_share_of_the_fund_that_reads_the_ente_s_performance_counts(ciclope_ente, tmp_path):
    # the fund's share is the Comune's performance (80% of 1.000,00 = 800,00): Anna's premium reads it, through the
    # figure of the share, and the scheda says nothing against it
    regulation = (
        'formato = 2\n[atto]\ntitolo = "Regolamento premi"\ntipo_ente = "comune"\n\n[[premi]]\nnome = "premio"\n'
        'metodo = "proporzionale"\nquota_fondo = "=ente"\nfonte = "art. 5"\n'
    )
    result = run(ciclope_ente, tmp_path, regulation=regulation)
    assert sum(a.amount for a in result.rewards.awards.values()) == Decimal("800.00")  # 80% × 1.000,00
    scheda = build(result, "A")
    assert scheda.organizational_note == ""
    assert "non entrano nel punteggio" not in render.render(scheda)
