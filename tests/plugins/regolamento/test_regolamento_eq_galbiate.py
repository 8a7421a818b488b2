"""The Comune di Galbiate's criteria for the retribuzione di risultato of its EQ («dal 10% al 25% della retribuzione
di posizione, in esito alla valutazione», a blind tester's case, cycle 2024): five EQ under ``[risultato_po] metodo =
"formula"`` and the national layer, no ``[posizioni]``. EQ4 is employed all year and holds the incarico from
01/07/2024: people.csv writes the position pay due for it, 9000 × 184 / 366 = 4524.59, and the incarico's start."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.inputs.config import load_config
from ciclope.core.run.explain import explain
from ciclope.core.run.runner import compute

from helpers import computed_case, cycle_case

REGULATION = """\
formato = 2

[atto]
titolo = "Criteri per la retribuzione di risultato dei Responsabili di Area del Comune di Galbiate"
sigla = "Criteri Galbiate"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[scheda]]
fonte = "valutazione del rendimento e dei risultati"
ruoli = ["po"]
voci = [
  { sezione = "Risultati", voce = "Raggiungimento degli obiettivi assegnati", massimo = 25 },
  { sezione = "Risultati", voce = "Attuazione dei programmi", massimo = 25 },
  { sezione = "Rendimento", voce = "Gestione delle risorse e dei collaboratori", massimo = 25 },
  { sezione = "Rendimento", voce = "Qualità e tempestività dell'attività svolta", massimo = 25 },
]

[risultato_po]
metodo = "formula"
fonte = "criteri, unico comma"
fondo = "risultato_po"
soglia_positiva = 60
importo = '=retribuzione_posizione * (0,10 + 0,15 * (punteggio - 60) / 40)'
ipotesi = "il testo dice solo che la retribuzione di risultato varia dal 10% al 25% della retribuzione di posizione «in esito alla valutazione»: l'ufficio la legge lineare nel punteggio"
"""

PEOPLE = """\
codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore,retribuzione_posizione,inizio_incarico
EQ1,Laura Bonfanti,EQ,Funzionari ed EQ,AMM,100%,4,SEG,"12.000,00",
EQ2,Marco Valsecchi,EQ,Funzionari ed EQ,TEC,100%,10,SEG,"14.500,00",
EQ3,Chiara Rota,EQ,Funzionari ed EQ,FIN,50%,0,SEG,"5.000,00",
EQ4,Giorgio Mauri,EQ,Funzionari ed EQ,PL,100%,0,SEG,"4.524,59",01/07/2024
EQ5,Paolo Crippa,EQ,Funzionari ed EQ,SOC,100%,20,SEG,"8.000,00",
D1,Anna Colombo,Dipendente,Istruttori,AMM,100%,3,EQ1,,
D2,Luca Panzeri,Dipendente,Istruttori,AMM,83.33%,12,EQ1,,
D3,Sara Airoldi,Dipendente,Istruttori,FIN,100%,0,EQ3,,
"""


def _cards() -> str:
    rows = ["persona,valutatore,sezione,voce,punti_massimi,punti"]
    items = (
        ("Risultati", "Raggiungimento degli obiettivi assegnati"),
        ("Risultati", "Attuazione dei programmi"),
        ("Rendimento", "Gestione delle risorse e dei collaboratori"),
        ("Rendimento", "Qualità e tempestività dell'attività svolta"),
    )
    points = {
        "EQ1": (25, 25, 25, 25),
        "EQ2": (22.5, 20, 20, 20),
        "EQ3": (18, 18, 17, 18),
        "EQ4": (23, 22, 22, 23),
        "EQ5": (14, 14, 13, 14),
    }
    for who, given in points.items():
        rows += [f'{who},SEG,{s},"{v}",25,{p}' for (s, v), p in zip(items, given, strict=True)]
    return "\n".join(rows) + "\n"


DATA = {
    "ente.toml": """\
nome = "Comune di Val Brivio"

[fondi]
risultato_po = "7.500,00"

[atti]
piano_adottato = 2024-01-30
relazione_approvata = 2025-05-20
relazione_validata_oiv = 2025-06-10

[valutatori]
SEG = "Segretario comunale"
""",
    "persone.csv": PEOPLE,
    "ricorsi.csv": "persona,fase,data,esito,voce_rivista,nuovi_punti\nEQ5,contraddittorio,2025-03-10,respinto,,\n",
    "unità.csv": """\
codice,nome,tipo,superiore,responsabile
ENTE,Comune di Val Brivio,ente,,
AMM,Area Amministrativa,area,ENTE,EQ1
TEC,Area Tecnica,area,ENTE,EQ2
FIN,Area Finanziaria,area,ENTE,EQ3
PL,Polizia Locale,area,ENTE,EQ4
SOC,Area Servizi Sociali,area,ENTE,EQ5
""",
    "valutazioni.csv": _cards(),
}

CYCLE = """\
[ciclo]
anno = 2024
risultati = "risultati"

[[ente]]
id = "val-brivio"
plugin = "regolamento"
dati = "galbiate"
regolamento = "regolamento.toml"
"""


def case(tmp_path: Path, regulation: str = REGULATION, data: dict[str, str] | None = None) -> Path:
    """The case written under ``tmp_path`` (a file of ``data`` replaced by its text), its cycle.toml returned."""
    return cycle_case(tmp_path, "galbiate", DATA | (data or {}), regulation, CYCLE)


def computed(tmp_path: Path, regulation: str = REGULATION, data: dict[str, str] | None = None):
    return computed_case(case(tmp_path, regulation, data))


def ranges(result) -> list:
    return [p for p in result.violations if p.rule == "ccnl.eq_pay.range"]


def test_an_incarico_begun_in_the_year_bounds_the_contract_range_by_its_days(tmp_path):
    """CCNL 16.11.2022: €5,000–18,000 a whole year. EQ4's incarico from 01/07/2024 is 184 days of 366 (1/7–31/12:
    31 + 31 + 30 + 31 + 30 + 31 = 184), though she is employed all year: her range is 5000 × 184 / 366 = 2513.661… →
    2513.66 to 18000 × 184 / 366 = 9049.180… → 9049.18, and the 4524.59 due (9000 × 184 / 366) is inside it."""
    result = computed(tmp_path / "dovuta")
    assert not ranges(result), [p.message for p in ranges(result)]
    # 4524.59 × (0,10 + 0,15 × (90 − 60) / 40) = 4524.59 × 0.2125 = 961.475… → 961.48
    assert str(result.rewards.awards["EQ4"].amount) == "961.48"
    # 9500.00 written for her (more than the 9049.18 of her 184 days) is outside, and the message says why
    above = PEOPLE.replace('"4.524,59",01/07/2024', '"9.500,00",01/07/2024')
    [problem] = ranges(computed(tmp_path / "annua", data={"persone.csv": above}))
    assert "EQ4 (€ 9.500,00)" in problem.message and "€ 2.513,66–€ 9.049,18" in problem.message, problem.message
    assert "184 giorni di incarico su 366" in problem.message and "servizio" not in problem.message
    assert problem.column == "retribuzione_posizione"  # as the sheet writes it


def test_an_incarico_ended_in_the_year_and_a_hiring_after_its_start(tmp_path):
    """The days are those of the incarico within the service: an incarico to 31/03/2024 (31 + 29 + 31 = 91 days)
    with 3000.00 written: 5000 × 91 / 366 = 1243.169… → 1243.17 to 18000 × 91 / 366 = 4475.409… → 4475.41, inside;
    a hiring on 01/03/2024 with an incarico from 01/01/2024 to 31/03/2024 leaves 31 days (March): 5000 × 31 / 366 =
    423.497… → 423.50 to 18000 × 31 / 366 = 1524.590… → 1524.59, and 3000.00 is above it."""
    people = PEOPLE.replace(
        "retribuzione_posizione,inizio_incarico", "retribuzione_posizione,inizio_incarico,fine_incarico,assunzione"
    )
    people = "\n".join(line + (",," if line and not line.startswith("codice") else "") for line in people.split("\n"))
    ended = people.replace('"4.524,59",01/07/2024,,', '"3.000,00",,31/03/2024,')
    assert ended != people
    assert not ranges(computed(tmp_path / "cessato", data={"persone.csv": ended}))
    hired = people.replace('"4.524,59",01/07/2024,,', '"3.000,00",01/01/2024,31/03/2024,01/03/2024')
    [problem] = ranges(computed(tmp_path / "assunta", data={"persone.csv": hired}))
    assert "€ 423,50–€ 1.524,59" in problem.message and "31 giorni di incarico su 366" in problem.message


def test_an_incarico_ending_before_it_begins_is_an_error_of_the_row(tmp_path):
    people = PEOPLE.replace("inizio_incarico\n", "inizio_incarico,fine_incarico\n")
    people = "\n".join(line + ("," if line and not line.startswith("codice") else "") for line in people.split("\n"))
    people = people.replace("01/07/2024,", "01/07/2024,30/06/2024")
    [problem] = [p for p in computed(tmp_path, data={"persone.csv": people}).violations if "incarico" in p.rule]
    assert problem.severity == "error" and problem.column == "fine_incarico"
    assert "EQ4" in problem.message and "30/06/2024" in problem.message and "01/07/2024" in problem.message


def test_an_incarico_after_the_year_is_one_error_not_a_range_of_nothing(tmp_path):
    """An incarico from 01/07/2025 in the 2024 cycle has no day in the year: the declared regulation says so at its
    cell; the national layer, which reads the same dates, bounds nothing for it (it said «€ 0,00–€ 0,00», 0 days of
    366, a second error of one mistake)."""
    people = PEOPLE.replace('"4.524,59",01/07/2024', '"4.524,59",01/07/2025')
    errors = [
        (p.rule, p.column) for p in computed(tmp_path, data={"persone.csv": people}).violations if p.severity == "error"
    ]
    assert errors == [("regolamento.incarico", "inizio_incarico")]


def test_explain_says_the_days_of_the_incarico_not_of_service(tmp_path):
    text = explain(computed(tmp_path), "person", "EQ4") or ""
    header = text.splitlines()[1]
    assert "incarico dal 01/07/2024: 184 giorni su 366" in header, header
    assert "giorni di servizio" not in text
    # a whole year's incarico says nothing
    assert "incarico" not in (explain(computed(tmp_path / "eq1"), "person", "EQ1") or "").splitlines()[1]


def test_the_scheda_says_the_whole_year_of_service_and_the_incarico_apart(tmp_path):
    """EQ4 is in service all 2024 and holds the incarico from 01/07/2024: the scheda said «Servizio nell'anno:
    incarico dal 01/07/2024: 184 giorni su 366», as if she had served 184 days. The service row says the service, a
    row of its own the incarico."""
    from ciclope.core.schede.content import build

    result = computed(tmp_path)
    about = {line.label: line.value for line in build(result, "EQ4").about}
    # 2024 has 366 days, all in service; 1/7–31/12: 31 + 31 + 30 + 31 + 30 + 31 = 184 days of incarico
    assert about["Servizio nell'anno"] == "366 giorni su 366, tutto l'anno"
    assert about["Incarico nell'anno"] == "incarico di EQ dal 01/07/2024: 184 giorni"
    whole = {line.label for line in build(result, "EQ1").about}  # a whole year of both: neither row
    assert "Servizio nell'anno" not in whole and "Incarico nell'anno" not in whole


READING = "il testo dice solo che la retribuzione di risultato varia dal 10% al 25%"


def test_explain_names_the_result_pay_and_says_its_reading_where_the_figure_is(tmp_path):
    """EQ1 has 100 points: 12000 × (0,10 + 0,15 × (100 − 60) / 40) = 12000 × 0,25 = 3000.00, the retribuzione di
    risultato of [risultato_po], whose ipotesi the office wrote: said under the figure it reads, once."""
    text = explain(computed(tmp_path), "person", "EQ1") or ""
    lines = text.splitlines()
    assert "Retribuzione di risultato: € 3.000,00 — Retribuzione di risultato delle EQ" in lines, lines[:5]
    assert not any(line.startswith("Premio:") for line in lines)
    at = lines.index(next(line for line in lines if line.startswith("■ Retribuzione di risultato di Laura Bonfanti")))
    assert lines[at + 2].strip() == "fonte:   Criteri Galbiate, criteri, unico comma"
    assert lines[at + 3].strip().startswith(f"ipotesi: {READING}"), lines[at : at + 5]
    assert text.count(READING) == 1
    # the card's figure cites the [[scheda]], which has no ipotesi: nothing under it
    card = lines.index(next(line for line in lines if "■ Scheda di valutazione di Laura Bonfanti" in line))
    assert "ipotesi" not in lines[card + 3]


def test_the_eq_s_own_scheda_reads_as_her_retribuzione_di_risultato(tmp_path):
    """EQ4's personal scheda: € 961,48 (4524.59 × 0,2125 = 961.475… → 961.48) as the retribuzione di risultato, with
    the office's reading of its rule beside it; no level (the criteria have none) and no organizational performance
    (the ente measures none): no row that says nothing."""
    from ciclope.core.schede import content, render

    page = render.render(content.build(computed(tmp_path), "EQ4"))
    assert "€ 961,48</span> — retribuzione di risultato (Retribuzione di risultato delle EQ)" in page
    assert "— premio" not in page
    assert "livello" not in page.lower()
    assert "Performance organizzativa dell&#x27;ente" not in page and "Performance organizzativa dell'ente" not in page
    payments = page[page.index("<h2>Importi</h2>") :]
    assert READING in payments and page.count(READING) == 1


def test_premi_art20_names_the_eq_group_as_the_year_s_contract_does(tmp_path):
    """The CCNL 16.11.2022 replaced the PO with the EQ from 1.4.2023: the group of the five EQ, in a Comune whose data
    have no dirigente nor Segretario, is «EQ» in 2024, «PO/EQ» in 2023 (the year of the change, both names), «PO» in
    2022 — never «dirigenti ed EQ» where there is no dirigente."""
    from ciclope.core.reports import art20

    def groups(year: int) -> set[str]:
        cycle = case(tmp_path / str(year))
        cycle.write_text(CYCLE.replace("anno = 2024", f"anno = {year}"), encoding="utf-8")
        plan = load_config(cycle)
        return {row[0] for row in art20.rows(compute(plan.enti[0], plan.year))}

    assert groups(2024) == {"tutto il personale", "EQ"}
    assert groups(2023) == {"tutto il personale", "PO/EQ"}
    assert groups(2022) == {"tutto il personale", "PO"}


def test_the_relazione_names_the_scheda_d_of_an_ente_without_dirigenti_by_what_it_holds(tmp_path):
    """No dirigente in the ente: the scheda d lists the EQ, who hold the dirigenti's functions; its title (the
    navigation's) does not say «Dirigenti»."""
    from ciclope.core.reports import relazione

    report = relazione.build(computed(tmp_path))
    [section] = [s for s in report.sections if s.ident == "dirigenti"]
    assert section.title == "Scheda d — Responsabili con funzioni dirigenziali"
    # its opening sentence says whom it lists, the responsabili, not «ciascun dirigente» of an ente without any
    intro = section.blocks[0].text
    assert intro.startswith("Performance organizzativa di ciascun responsabile (media ponderata del suo cruscotto")


def test_the_eq_s_scheda_says_the_incarico_her_position_pay_is_for(tmp_path):
    """EQ4's position pay, 4.524,59, is the office's for the days of the incarico from 01/07/2024 (9000 × 184 / 366):
    her scheda says the date beside the amount her result pay is a share of, so she reads why it is not 9.000,00;
    EQ1, whose incarico covers the year, reads no such line."""
    import re

    from ciclope.core.schede import content, render

    result = computed(tmp_path)
    text = re.sub(r"<[^>]+>", " ", render.render(content.build(result, "EQ4")))
    assert re.search(r"retribuzione di posizione\s+€ 4\.524,59\s+incarico\s+dal 01/07/2024", text), text
    assert "incarico" not in re.sub(r"<[^>]+>", " ", render.render(content.build(result, "EQ1"))).lower()
