"""The progressioni economiche as published texts write them ([progressioni], formato 2): who precedes between equals
(«in caso di parità … precedenza a quello con maggiore anzianità nella posizione economica … da ultimo al dipendente
più anziano d'età»), one graduatoria per Area («graduatorie di merito distinte per Area»), a share of the candidates
(«il 50% dei dipendenti ammessi alla procedura»), and the graduatoria itself in the internal documents. Every place
and every outcome by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.check.comparto import RULE as NO_COMPARTO
from ciclope.plugins.regolamento.say.annex import annex
from ciclope.plugins.regolamento.say.articles import render

from helpers import STAFF_HEADER, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento delle progressioni del Comune di Prova"
tipo_ente = "comune"

[[colonne]]
nome = "anzianita_posizione"
tipo = "numero"
significato = "gli anni nella posizione economica"
fonte = "art. 6 c. 3"

[[colonne]]
nome = "eta"
tipo = "numero"
significato = "l'età in anni"
fonte = "art. 6 c. 3"
"""
BY_AREA = (
    HEAD
    + """
[progressioni]
fonte = "art. 6"
posti = 2
graduatorie = "categoria"
a_parita = ["=anzianita_posizione", "=eta"]
"""
)


def people(rows: list[tuple[str, str, int, str, str]]) -> dict[str, str]:
    """(id, category, score, years in the position, age): a card of one item of 100 points each, evaluated by SEG."""
    staff = [
        f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG,{years},{age}" for pid, cat, _, years, age in rows
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score, _, _ in rows]
    files = one_unit_comune("Comune di Prova", [], cards, "")
    header = f"{STAFF_HEADER},anzianita_posizione,eta"
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,0,60", *staff]) + "\n"
    return files


STAFF = [
    ("A", "C", 90, "5", "40"),
    ("B", "C", 90, "7", "35"),
    ("C", "C", 90, "7", "50"),
    ("D", "C", 85, "10", "60"),
    ("E", "D", 80, "3", "45"),
    ("F", "D", 80, "3", "45"),
    ("G", "D", 70, "1", "30"),
    ("H", "D", 95, "0", "30"),
]


def test_equals_are_ordered_by_the_years_in_the_position_then_by_age(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(STAFF))
    # Area C: A, B, C all at 90; B and C have 7 years in the position, A 5; between B and C the elder, C (50 > 35):
    # C 1st, B 2nd, A 3rd, D (85) 4th; 2 places: C and B.
    # Area D: H (95) 1st; E and F equal in everything (80, 3 years, 45) 2nd together; G (70) 4th. 2 places: H,
    # then E and F tied at the cut, both left out (the places are never exceeded).
    assert result.rewards.extra["progressioni"] == ["C", "B", "H"]
    places = {pid: (f.value, f.note) for pid in "ABCDEFGH" if (f := result.figures.get(f"progression:{pid}"))}
    assert places == {
        "C": (1, "selezionato"),
        "B": (2, "selezionato"),
        "A": (3, "non selezionato: oltre i posti"),
        "D": (4, "non selezionato: oltre i posti"),
        "H": (1, "selezionato"),
        "E": (2, "non selezionato: pari merito al limite"),
        "F": (2, "non selezionato: pari merito al limite"),
        "G": (4, "non selezionato: oltre i posti"),
    }
    # 2 places in each of the two graduatorie: 4 in all, 3 taken
    total = result.figures["progression:selected"]
    assert total.value == 3
    assert [(i.name, i.value) for i in total.inputs] == [("personale in servizio", 8), ("posti", 4), ("candidati", 8)]


def test_without_the_rule_for_equals_a_tie_across_the_cut_takes_nobody(ciclope_ente, tmp_path):
    text = BY_AREA.replace('a_parita = ["=anzianita_posizione", "=eta"]\n', "")
    result = run_declared(ciclope_ente, tmp_path, text, people(STAFF))
    # Area C: A, B, C tied at 90 for 2 places: all three left out; Area D: H alone above the tie of E and F
    assert result.rewards.extra["progressioni"] == ["H"]


def test_a_candidate_s_place_is_explained_down_to_the_cells(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(STAFF))
    read = [(i.name, i.value, i.cell) for i in result.figures["progression:B"].inputs]
    # the score, then each number between equals with the cell it was read from (B is row 4: header, SEG, A, B)
    assert read == [
        # the graduatoria by the category's cell, which explain says in the words of the contract
        ("graduatoria della sua categoria (o Area)", "C", "people.csv:4:category"),
        ("punteggio", Decimal("90"), ""),
        # each value for equals once, with its cell: B ties C on the years (7 and 7), so both rules are read
        ("a parità (gli anni nella posizione economica)", Decimal("7"), "people.csv:4:anzianita_posizione"),
        ("a parità (l'età in anni)", Decimal("35"), "people.csv:4:eta"),
        # C has B's 90 points and 7 years, and is older (50 > 35): C precedes B by the rules for equals
        (
            "chi precede a parità di graduatoria",
            "Persona C (gli anni nella posizione economica: 7 e 7, pari; l'età in anni: 50 contro 35)",
            "",
        ),
        # for B's own scheda: the 2 places of the Area as [progressioni] posti writes them, and the rule that put B
        # (7 years) before A (5 years, the same 90 points) across the limit, by its words alone
        ("posti della graduatoria, come si contano", "2 posti, come il regolamento li scrive", ""),
        (
            "parità al limite",
            "a parità di punteggio al limite dei posti ha deciso il criterio «gli anni nella posizione economica»",
            "",
        ),
    ]
    text = explain(result, "person", "B")
    assert "Progressioni economiche: posto di Persona B in graduatoria" in text
    assert "← people.csv, riga 4, colonna eta" in text


def test_a_value_for_equals_is_shown_only_where_it_was_applied(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(STAFF))

    def ties(pid: str) -> list[tuple[str, object]]:
        inputs = result.figures[f"progression:{pid}"].inputs
        return [(i.name, i.value) for i in inputs if i.name.startswith(("a parità (", "gli anni", "l'età"))]

    # A (90, 5 years) differs from B and C (90, 7 years) by the years: the age decided nothing for A
    assert ties("A") == [("a parità (gli anni nella posizione economica)", Decimal("5"))]
    # D (85) and H (95) share their number with no one: no rule for equals was applied to them
    assert ties("D") == [] and ties("H") == []
    # E and F (80, 3 years, 45) are equal in everything: both rules were read
    assert ties("E") == [
        ("a parità (gli anni nella posizione economica)", Decimal("3")),
        ("a parità (l'età in anni)", Decimal("45")),
    ]
    said = explain(result, "person", "A")  # A is row 3 of people.csv: header, SEG, A
    assert said.count("colonna anzianita_posizione") == 1
    assert (
        "• a parità (gli anni nella posizione economica) = 5   ← people.csv, riga 3, colonna anzianita_posizione\n"
        in said
    )
    assert "colonna eta" not in said and "• l'età in anni" not in said


def test_a_share_of_the_candidates_or_of_the_staff(ciclope_ente, tmp_path):
    text = (
        HEAD
        + """
[progressioni]
fonte = "art. 6"
candidati = "=punteggio >= 80"
quota = 0.5
quota_su = "candidati"
"""
    )
    staff = [(pid, "C", score, "1", "40") for pid, score in zip("ABCDEF", (95, 90, 85, 80, 70, 60))]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    # candidates from 80 points: A, B, C, D; ⌊0.5 × 4⌋ = 2 places: A and B
    assert result.rewards.extra["progressioni"] == ["A", "B"]
    staff_share = run_declared(ciclope_ente, tmp_path, text.replace('quota_su = "candidati"\n', ""), people(staff))
    # of the staff in service (the 6 dipendenti; the Segretario is not of the roles): ⌊0.5 × 6⌋ = 3: A, B, C
    assert staff_share.rewards.extra["progressioni"] == ["A", "B", "C"]


def test_a_number_a_candidate_does_not_have_is_an_error_naming_them(ciclope_ente, tmp_path):
    staff = [*STAFF[:3], ("D", "C", 90, "7", "")]  # D's age left empty: D is tied with B on the years
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(staff))
    found = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert len(found) == 1 and "Persona D" in found[0] and found[0].endswith("resta fuori dalla graduatoria")
    assert found[0].startswith("progressioni economiche, a parità (l'età in anni): ")
    assert result.errors  # an error: a candidate left out is a decision the office must see
    # C (7 years, 50) and B (7 years, 35) take the 2 places; D is not ranked, and explain and the scheda say why
    assert result.rewards.extra["progressioni"] == ["C", "B"]
    figure = result.figures["progression:D"]
    assert (figure.value, figure.note) == (None, "fuori dalla graduatoria: senza l'età in anni")


def test_the_rule_for_equals_is_a_list_of_formulas(tmp_path):
    wrong = BY_AREA.replace('a_parita = ["=anzianita_posizione", "=eta"]', 'a_parita = "=eta"')
    assert regulation_problems(tmp_path, wrong) == [
        "riga 22, chiave progressioni.a_parita: attesa una lista di formule tra virgolette, ciascuna con = in testa, "
        "es. [\"=anzianita\", \"=eta\"], trovata la formula «=eta»"
    ]
    unknown = BY_AREA.replace('"=eta"]', '"=anni"]')
    (message,) = regulation_problems(tmp_path, unknown)
    # the second formula of the list, counted from 1 as people count
    assert message.startswith("riga 22, chiave progressioni.a_parita[2]: formula «=anni»: nome sconosciuto «anni»")


def test_leggi_says_who_precedes_between_equals_and_the_graduatorie(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(BY_AREA, encoding="utf-8")
    text = render_file(path)
    assert (
        "Per le progressioni economiche è candidato, tra i dipendenti, ogni valutato; i candidati sono selezionati in "
        "ordine di punteggio, dal più alto, fino a 2 posti, in una graduatoria per ciascuna categoria (o Area); a parità, "
        "precede chi ha il valore più alto degli anni nella posizione economica (formula: =anzianita_posizione), poi "
        "dell'età in anni (formula: =eta); i pari merito al limite sono esclusi."
    ) in text


def render_file(path) -> str:
    from ciclope.plugins.regolamento.read.load import load

    regulation, problems = load(str(path))
    assert regulation is not None, problems
    return render(regulation, False)


def test_the_graduatoria_by_name_in_the_internal_documents_only(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(STAFF))
    sections = {s.title: s for s in annex(result)}
    table = sections["Graduatoria delle progressioni"]
    assert not table.public  # names: never in the published Relazione
    assert table.columns == (
        "Categoria (o Area)",
        "Posto",
        "Persona",
        "Punteggio",
        "A parità (1)",
        "A parità (2)",
        "Esito",
    )
    # the headers short, the criteria in the note (a sentence as a header made the table wider than the page)
    assert table.note.endswith(
        "Le colonne: a parità (1): gli anni nella posizione economica; a parità (2): l'età in anni. Il valore a "
        "parità è mostrato solo per chi ha lo stesso punteggio in graduatoria di un altro candidato, dove il criterio "
        "è stato applicato; «—» per gli altri. Documento interno: l'elenco nominativo non si pubblica."
    )
    # the scores as the card gives them, to two decimals (90 of 100 points: 90.00)
    rows = [(r[0], r[1], r[2], str(r[3]), str(r[4]), str(r[5]), r[6]) for r in table.rows]
    # the category as every document names it (no comparto here: «categoria C»); a rule for equals only where it
    # was read: the years for C, B, A (all at 90), the age for C and B alone (90 and 7 years both) and for E and F
    # (80 and 3 years both); D (85), H (95) and G (70) share their score with nobody
    assert rows == [
        ("categoria C", 1, "Persona C (C)", "90.00", "7", "50", "selezionato"),
        ("categoria C", 2, "Persona B (B)", "90.00", "7", "35", "selezionato"),
        ("categoria C", 3, "Persona A (A)", "90.00", "5", "—", "non selezionato: oltre i posti"),
        ("categoria C", 4, "Persona D (D)", "85.00", "—", "—", "non selezionato: oltre i posti"),
        ("categoria D", 1, "Persona H (H)", "95.00", "—", "—", "selezionato"),
        ("categoria D", 2, "Persona E (E)", "80.00", "3", "45", "non selezionato: pari merito al limite"),
        ("categoria D", 2, "Persona F (F)", "80.00", "3", "45", "non selezionato: pari merito al limite"),
        ("categoria D", 4, "Persona G (G)", "70.00", "—", "—", "non selezionato: oltre i posti"),
    ]
    counts = dict(sections["Progressioni economiche"].rows)
    assert counts == {"Personale in servizio dei ruoli": 8, "Posti": 4, "Candidati": 8, "Selezionati": 3}


def test_a_place_in_the_graduatoria_is_on_the_person_s_card():
    from ciclope.core.site.cards import by_person, roots

    trace = {"score:E": {}, "progression:E": {}, "progression:selected": {}, "award:F": {}}
    # E's own figures: the score first, then the place; the count of the selected is nobody's
    assert by_person(trace, {"E", "F"}) == {"E": ["score:E", "progression:E"], "F": ["award:F"]}
    assert roots(trace, "E") == ["score:E", "progression:E"]


# «Le progressioni sono attribuite secondo l'ordine della graduatoria, fino a concorrenza delle risorse destinate»,
# each candidate for the differenziale of their Area (750 € the C, 850 € the D).
FUNDED = (
    HEAD
    + """
[progressioni]
fonte = "art. 7"
risorse = 2400
costo = '=PIÙ.SE(categoria = "C"; 750 €; categoria = "D"; 850 €)'
"""
)
FUNDED_STAFF = [
    ("A", "C", 95, "1", "40"),
    ("B", "D", 90, "1", "40"),
    ("C", "D", 85, "1", "40"),
    ("D", "C", 80, "1", "40"),
    ("E", "C", 70, "1", "40"),
]


def test_selected_in_order_while_their_cost_fits_in_the_resources(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FUNDED, people(FUNDED_STAFF))
    # A 750 → 750; B 850 → 1,600; C 850 → 2,450 > 2,400: the selection stops there. D (750) would fit in the 800
    # left, but is below C in the graduatoria: nobody is skipped.
    assert result.rewards.extra["progressioni"] == ["A", "B"]
    places = {pid: (f.value, f.note) for pid in "ABCDE" if (f := result.figures.get(f"progression:{pid}"))}
    assert places == {
        "A": (1, "selezionato"),
        "B": (2, "selezionato"),
        "C": (3, "non selezionato: oltre le risorse"),
        "D": (4, "non selezionato: oltre le risorse"),
        "E": (5, "non selezionato: oltre le risorse"),
    }
    total = result.figures["progression:selected"]
    # no places: only the resources limit the selection; 750 + 850 = 1,600 of the 2,400 spent
    assert [(i.name, i.value) for i in total.inputs] == [
        ("personale in servizio", 5),
        ("candidati", 5),
        ("risorse", Decimal("2400")),
        ("costo dei selezionati", Decimal("1600")),
    ]
    # each cost is read from the category's cell (B is row 4: header, SEG, A, B)
    cost = [(i.name, i.value, i.cell) for i in result.figures["progression:B"].inputs if i.name != "punteggio"]
    assert cost[0] == ("la categoria (o l'Area) del contratto", "D", "people.csv:4:category")
    assert cost[-1][:2] == (
        "costo (€ 750,00 se la categoria (o l'Area) del contratto è «C», € 850,00 se è «D»)",
        Decimal("850.00"),
    )
    assert "€ 850,00" in explain(result, "person", "B")


def test_equals_that_do_not_all_fit_in_the_resources_are_all_left_out(ciclope_ente, tmp_path):
    text = FUNDED.replace("risorse = 2400", "risorse = 2000")
    staff = [("A", "C", 95, "1", "40"), ("B", "C", 90, "1", "40"), ("C", "C", 90, "1", "40"), ("D", "C", 80, "1", "40")]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    # A 750; B and C equal at 90: 750 + 1,500 = 2,250 > 2,000, though one of them alone would fit (1,500): both are
    # «pari merito al limite»; D is beyond the resources
    assert result.rewards.extra["progressioni"] == ["A"]
    notes = {pid: result.figures[f"progression:{pid}"].note for pid in "ABCD"}
    assert notes == {
        "A": "selezionato",
        "B": "non selezionato: pari merito al limite",
        "C": "non selezionato: pari merito al limite",
        "D": "non selezionato: oltre le risorse",
    }


def test_the_resources_of_each_graduatoria_and_a_graduatoria_without_them(ciclope_ente, tmp_path):
    text = FUNDED.replace("risorse = 2400", 'graduatorie = "categoria"\nrisorse_graduatorie = { C = 1500, D = 850 }')
    result = run_declared(ciclope_ente, tmp_path, text, people(FUNDED_STAFF))
    # C: A 750, D 750 → 1,500 of 1,500; E (→ 2,250) beyond. D: B 850 of 850; C (→ 1,700) beyond.
    assert result.rewards.extra["progressioni"] == ["A", "D", "B"]
    total = {i.name: i.value for i in result.figures["progression:selected"].inputs}
    # 1,500 + 850 = 2,350 of the resources, all spent
    assert (total["risorse"], total["costo dei selezionati"]) == (Decimal("2350"), Decimal("2350"))

    forgot = text.replace(", D = 850", "")
    result = run_declared(ciclope_ente, tmp_path, forgot, people(FUNDED_STAFF))
    found = [p for p in result.violations if p.rule == "regolamento.valore"]
    # one error, at the key (line 21: HEAD's 16 lines, a blank one, [progressioni], fonte, graduatorie), naming the
    # candidates of the graduatoria left without resources and the line to add
    assert [(p.file, p.row, p.column, p.message) for p in found] == [
        (
            str(tmp_path / "smvp.toml"),
            21,
            "progressioni.risorse_graduatorie",
            # the graduatoria by its Area with its letter; the table names letters: the key to add is the letter
            "progressioni economiche: risorse_graduatorie non ha le risorse della graduatoria «Funzionari» (D) (ha: "
            "«C»), dove sono candidati B, C: nessuno vi è selezionato; aggiungi D = l'importo in euro alla tabella (D = "
            "0 se la graduatoria non ha risorse)",
        )
    ]
    assert result.rewards.extra["progressioni"] == ["A", "D"]


def test_a_graduatoria_nobody_is_candidate_in_needs_no_resources(ciclope_ente, tmp_path):
    """«Area A», whose people ``candidati`` excludes, is not in risorse_graduatorie: it has nothing to fund."""
    text = FUNDED.replace(
        "risorse = 2400",
        'graduatorie = "categoria"\ncandidati = \'=categoria <> "D"\'\nrisorse_graduatorie = { C = 1500 }',
    )
    result = run_declared(ciclope_ente, tmp_path, text, people(FUNDED_STAFF))
    assert [p.message for p in result.violations if p.rule != NO_COMPARTO] == []  # the comune's comparto: warned apart
    # C: A 750, D 750 → 1,500 of 1,500; E beyond. B and C (Area D) are not candidates.
    assert result.rewards.extra["progressioni"] == ["A", "D"]


def test_the_graduatorie_of_the_resources_are_named_by_letter_or_by_area(ciclope_ente, tmp_path):
    """As [[punteggio.categorie]] reads them: «Istruttori», «Area dei Funzionari e dell'Elevata qualificazione»."""
    by_area = FUNDED.replace(
        "risorse = 2400",
        'graduatorie = "categoria"\nrisorse_graduatorie = { Istruttori = 1500, '
        '"Area dei Funzionari e dell\'Elevata qualificazione" = 850 }',
    )
    result = run_declared(ciclope_ente, tmp_path, by_area, people(FUNDED_STAFF))
    assert [p.message for p in result.violations if p.rule != NO_COMPARTO] == []
    # as with { C = 1500, D = 850 }: C: A and D (750 + 750 = 1,500); D: B (850)
    assert result.rewards.extra["progressioni"] == ["A", "D", "B"]
    typo = by_area.replace("Istruttori =", "Istuttori =")
    # line 21: the key's own line; one message for the one wrong name
    assert regulation_problems(tmp_path, typo) == [
        "riga 21, chiave progressioni.risorse_graduatorie.Istuttori: categoria «Istuttori» sconosciuta (forse "
        "«Istruttori»?); ammesse: A, B, C, D, DIR, Operatori, Operatori esperti, Istruttori, Funzionari (o dichiara i "
        "gradi del contratto dell'ente in [gradi])"
    ]
    twice = by_area.replace("Istruttori = 1500,", "Istruttori = 1500, C = 1500,")
    assert regulation_problems(tmp_path, twice) == [
        "riga 21, chiave progressioni.risorse_graduatorie.C: la graduatoria «C» ha già le sue risorse "
        "(«Istruttori»): scrivila una volta sola"
    ]


def test_resources_need_a_cost_and_one_amount_per_graduatoria(tmp_path):
    assert regulation_problems(tmp_path, FUNDED.replace("costo = ", "# costo = ")) == [
        "riga 18, chiave progressioni.costo: con le risorse serve il costo della progressione di ciascuno (es. costo = "
        "'=750 €')"
    ]
    assert regulation_problems(tmp_path, FUNDED.replace("risorse = 2400", 'graduatorie = "categoria"\nrisorse = 2400'))[
        0
    ].endswith(
        'con graduatorie = "categoria" le risorse si scrivono per graduatoria: risorse_graduatorie = { "C" = 3000, '
        '"D" = 4500 }'
    )
    points = FUNDED.replace("""'=PIÙ.SE(categoria = "C"; 750 €; categoria = "D"; 850 €)'""", "'=punteggio'")
    (wrong_unit,) = regulation_problems(tmp_path, points)
    assert wrong_unit == (
        "riga 21, chiave progressioni.costo: formula «=punteggio»: la formula dà punti, ma il costo della progressione "
        "di ciascun candidato è euro"
    )


def test_leggi_and_the_internal_graduatoria_say_the_resources_and_each_cost(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(FUNDED, encoding="utf-8")
    assert (
        "i candidati sono selezionati in ordine di punteggio, dal più alto, fino a concorrenza delle risorse di "
        "€ 2.400,00, ciascuno per il costo della sua progressione, che è pari a € 750,00 se la categoria (o l'Area) "
        "del contratto è «C», € 850,00 se è «D»"
    ) in render_file(path)  # «progressione, che è pari a …», never «progressione, (€ 750,00 …»
    result = run_declared(ciclope_ente, tmp_path, FUNDED, people(FUNDED_STAFF))
    sections = {s.title: s for s in annex(result)}
    table = sections["Graduatoria delle progressioni"]
    assert table.columns == ("Posto", "Persona", "Punteggio", "Costo", "Esito")
    assert [(r[0], r[3], r[4]) for r in table.rows][:3] == [
        (1, Decimal("750.00"), "selezionato"),
        (2, Decimal("850.00"), "selezionato"),
        (3, Decimal("850.00"), "non selezionato: oltre le risorse"),
    ]
    counts = dict(sections["Progressioni economiche"].rows)
    assert counts == {
        "Personale in servizio dei ruoli": 5,
        "Candidati": 5,
        "Selezionati": 2,
        "Risorse": Decimal("2400"),
        "Costo dei selezionati": Decimal("1600"),
        "Residuo": Decimal("800"),  # no fund: what is left of the resources, 2.400 − 1.600
    }
    # the reading where the text is silent (may a cheaper candidate below be reached?) is written in the annex
    themes = [row[0] for row in sections["Letture adottate dove il regolamento tace"].rows]
    assert themes == ["Progressioni fino a concorrenza delle risorse"]


def test_a_number_written_as_people_write_it_is_said_as_the_file_wants_it(tmp_path):
    """«due» posti, «1.300,00» or «1500 €» of resources, the resources by a formula: the text as the office wrote it,
    never between a program's quotes inside «», and the number as TOML writes it. (Lines: HEAD's 16, a blank one,
    [progressioni] 18, fonte 19, then the key at 20.)"""
    assert regulation_problems(tmp_path, BY_AREA.replace("posti = 2", 'posti = "due"')) == [
        "riga 20, chiave progressioni.posti: atteso un numero intero, trovato il testo «due»: scrivi il numero in "
        "cifre, senza virgolette (posti = 2)"
    ]
    by_grade = FUNDED.replace(
        "risorse = 2400", 'graduatorie = "categoria"\nrisorse_graduatorie = { C = "1.300,00", D = "1500 €" }'
    )
    # 1.300,00 is 1300: no thousands point, no decimal comma; 1500 € is 1500
    assert regulation_problems(tmp_path, by_grade) == [
        "riga 21, chiave progressioni.risorse_graduatorie.C: atteso un numero, trovato il testo «1.300,00»: nel file "
        "del regolamento un numero si scrive senza virgolette, senza il punto delle migliaia e col punto decimale "
        "(C = 1300)",
        "riga 21, chiave progressioni.risorse_graduatorie.D: atteso un numero, trovato il testo «1500 €»: nel file "
        "del regolamento un numero si scrive senza virgolette e senza «€» (D = 1500)",
    ]
    formula = FUNDED.replace("risorse = 2400", """risorse = '=2400 * 2'""")
    assert regulation_problems(tmp_path, formula) == [
        'riga 20, chiave progressioni.risorse: atteso un importo in euro (es. "1500.00"), trovata la formula '
        "«=2400 * 2»: risorse è un importo in euro scritto qui, non una formula (es. risorse = 12000.00)"
    ]


def test_explain_says_why_a_person_is_not_a_candidate(ciclope_ente, tmp_path):
    text = HEAD + '\n[progressioni]\nfonte = "art. 6"\ncandidati = "=punteggio >= 80"\nposti = 1\n'
    staff = [("A", "C", 95, "1", "40"), ("E", "C", 70, "1", "40")]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    refused = result.figures["progression:E"]
    # E has 70 points, below the 80 of the condition: not a candidate, with the score it read
    assert (refused.value, refused.note) == (False, "il punteggio è meno di 80 (70,00 contro 80)")
    assert [(i.name, i.value) for i in refused.inputs] == [("il punteggio", Decimal("70"))]
    said = explain(result, "person", "E")
    assert "■ Progressioni economiche: candidatura di Persona E = no" in said
    assert "  nota:    il punteggio è meno di 80 (70,00 contro 80)\n" in said
    # the premium's own header says nothing of it: not being a candidate is no reason for an amount
    assert "perché:" not in said


def test_explain_says_the_resources_left_to_one_beyond_them(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FUNDED, people(FUNDED_STAFF))
    # C (850) is third: of the 2,400 A and B took 750 + 850 = 1,600; 800 are left, less than 850
    beyond = {i.name: i.value for i in result.figures["progression:C"].inputs}
    assert (beyond["risorse della graduatoria"], beyond["già assegnate a chi precede"], beyond["risorse rimaste"]) == (
        Decimal("2400"),
        Decimal("1600"),
        Decimal("800"),
    )
    assert "posto al quale la selezione si è fermata" not in beyond
    said = explain(result, "person", "C")
    assert "  • risorse rimaste = € 800,00\n" in said
    assert (
        "il costo supera le risorse rimaste (risorse della graduatoria meno quelle già assegnate a chi precede)" in said
    )
    # D (750) would fit in the 800 left, but the selection stopped at C, the third place: nobody is skipped
    after = {i.name: i.value for i in result.figures["progression:D"].inputs}
    assert (after["risorse rimaste"], after["posto al quale la selezione si è fermata"]) == (Decimal("800"), 3)
    assert "la selezione si è fermata al primo candidato il cui costo non sta nelle risorse rimaste" in explain(
        result, "person", "D"
    )


def test_the_graduatoria_s_number_reads_as_a_score_everywhere(ciclope_ente, tmp_path):
    """«87,500» in the Relazione, 87.5 in the workbook, «= 87» in explain: one way, two decimals."""
    from ciclope.core import fmt as values
    from ciclope.core.reports import fmt as shown

    text = BY_AREA.replace("posti = 2", 'posti = 2\ngraduatoria = "=punteggio * 0,5 + 40"')
    result = run_declared(ciclope_ente, tmp_path, text, people(STAFF))
    # H: 95 × 0,5 + 40 = 87.5; G: 70 × 0,5 + 40 = 75
    said = explain(result, "person", "H")
    assert "  • graduatoria (il punteggio × 0,5 più 40) = 87,50\n" in said
    assert "  • graduatoria (il punteggio × 0,5 più 40) = 75,00\n" in explain(result, "person", "G")
    table = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"]
    numbers = {row[2]: row[3] for row in table.rows}
    assert (shown.value(numbers["Persona H (H)"]), shown.value(numbers["Persona G (G)"])) == ("87,50", "75,00")
    assert isinstance(numbers["Persona H (H)"], values.Points)  # the workbook's 0.00 format


def test_a_negated_criterion_orders_from_the_lowest_and_says_so(ciclope_ente, tmp_path):
    """«a parità precede il più giovane»: ``=-eta``, said «l'età in anni, dal più basso», never «meno l'età»."""
    text = BY_AREA.replace('"=eta"]', '"=-eta"]')
    result = run_declared(ciclope_ente, tmp_path, text, people(STAFF))
    # Area C: A, B, C at 90; B and C 7 years in the position: the younger first, B (35) before C (50)
    assert (result.figures["progression:B"].value, result.figures["progression:C"].value) == (1, 2)
    said = explain(result, "person", "B")
    assert "; a parità, in ordine degli anni nella posizione economica (dal più alto), poi dell'età in anni (dal più " \
        "basso); " in said  # fmt: skip
    # the age itself, said once with its cell (B is row 4 of people.csv)
    assert "  • a parità (l'età in anni, dal più basso) = 35   ← people.csv, riga 4, colonna eta\n" in said
    table = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"]
    assert table.columns[-2] == "A parità (2)"
    assert "a parità (2): l'età in anni, dal più basso." in table.note
    assert [str(r[5]) for r in table.rows[:2]] == ["35", "50"]  # the ages themselves, not −35
    path = tmp_path / "smvp.toml"
    assert (
        "a parità, precede chi ha il valore più alto degli anni nella posizione economica (formula: "
        "=anzianita_posizione), poi il valore più basso dell'età in anni (formula: =-eta);"
    ) in render_file(path)


def test_leggi_writes_every_amount_one_way(tmp_path):
    """«A 0,00 €, B 1.300,00 €» beside a cost of «€ 650,00» in one sentence: every amount «€ 1.300,00»."""
    path = tmp_path / "smvp.toml"
    path.write_text(
        FUNDED.replace("risorse = 2400", 'graduatorie = "categoria"\nrisorse_graduatorie = { C = 1300, D = 0 }'),
        encoding="utf-8",
    )
    text = render_file(path)
    assert "delle risorse di ciascuna graduatoria (C € 1.300,00, D € 0,00)" in text
    assert "€ 750,00 se la categoria" in text
    assert not re.search(r"\d,\d\d €", text)  # no amount with the sign after it


def test_the_graduatorie_by_area_and_the_places_nobody_can_fill(ciclope_ente, tmp_path):
    """«Area degli Istruttori (ex categoria C)», as the rest of the documents of a Funzioni Locali ente say it; the
    places of an Area that candidati leaves out are places nobody can fill, and the table says so."""
    text = BY_AREA.replace('tipo_ente = "comune"', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"').replace(
        "posti = 2", 'posti = 2\ncandidati = \'=categoria <> "D"\''
    )
    staff = [*STAFF[:4], ("E", "D", 80, "3", "45"), ("I", "B", 75, "2", "33")]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    sections = {s.title: s for s in annex(result)}
    table = sections["Graduatoria delle progressioni"]
    assert {r[0] for r in table.rows} == {
        "Area degli Istruttori (ex categoria C)",
        "Area degli Operatori esperti (ex categoria B)",
    }
    # three graduatorie of 2 places (C, D, B): 6; the candidates can fill 2 in C (4 candidates) and 1 in B (I alone)
    counts = dict(sections["Progressioni economiche"].rows)
    assert (counts["Posti"], counts["Posti che i candidati possono occupare"]) == (6, 3)
    assert sections["Progressioni economiche"].note.endswith(
        "I posti che i candidati possono occupare sono, in ciascuna graduatoria, non più dei suoi candidati; nessun "
        "candidato in: Area dei Funzionari e dell'Elevata qualificazione (ex categoria D)."
    )


# «differenziali stipendiali»: the graduatoria reads the past years' evaluations and the experience, columns of
# people.csv; this year's card is not needed (the selection of one year is often made before its evaluations)
PAST = (
    HEAD
    + """
[[colonne]]
nome = "media_triennio"
tipo = "numero"
significato = "la media delle valutazioni del triennio"
fonte = "art. 6 c. 2"

[progressioni]
fonte = "art. 6"
posti = 1
candidati = "=anzianita_posizione >= 2"
graduatoria = "=media_triennio + anzianita_posizione"
"""
)


def past(rows: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """(id, years in the position, age, mean of the triennium), nobody with a card of the year."""
    files = one_unit_comune("Comune di Prova", [], [], "")
    header = f"{STAFF_HEADER},anzianita_posizione,eta,media_triennio"
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{y},{a},{m}" for pid, y, a, m in rows]
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,0,60,0", *staff]) + "\n"
    return files


def test_a_candidate_needs_no_valuation_of_the_year_when_candidati_does_not_read_it(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PAST, past([("A", "3", "40", "90"), ("B", "5", "50", "88")]))
    # A: 90 + 3 = 93; B: 88 + 5 = 93; equal, and no rule for equals: the tie at the one place takes nobody.
    # With B at 89: 94 > 93, B is selected
    assert result.rewards.extra["progressioni"] == []
    assert {pid: result.figures[f"progression:{pid}"].value for pid in "AB"} == {"A": 1, "B": 1}
    result = run_declared(ciclope_ente, tmp_path, PAST, past([("A", "3", "40", "90"), ("B", "5", "50", "89")]))
    assert result.rewards.extra["progressioni"] == ["B"]


def test_without_a_valuation_a_condition_on_the_score_leaves_one_out_and_says_why(ciclope_ente, tmp_path):
    text = PAST.replace('"=anzianita_posizione >= 2"', '"=E(anzianita_posizione >= 2; punteggio >= 60)"')
    result = run_declared(ciclope_ente, tmp_path, text, past([("A", "3", "40", "90")]))
    # A has no card in the year: the condition cannot be read for them; not a candidate, no error
    refused = result.figures["progression:A"]
    assert (refused.value, refused.note) == (False, "senza valutazione nell'anno")
    assert not [p for p in result.violations if p.severity == "error"]


def test_the_condition_reads_as_a_condition_not_as_a_fact(ciclope_ente, tmp_path):
    text = HEAD + '\n[progressioni]\nfonte = "art. 6"\ncandidati = "=punteggio >= 80"\nposti = 1\n'
    result = run_declared(ciclope_ente, tmp_path, text, people([("A", "C", 95, "1", "40"), ("E", "C", 70, "1", "40")]))
    assert (
        result.figures["progression:E"].formula
        == "=punteggio >= 80 — è candidato chi ha questi requisiti: il punteggio è almeno 80"
    )


# «1 differenziale per l'Area Operatori …; 18 per l'Area Istruttori …; 8 per l'Area Funzionari»: places per Area
PLACES = FUNDED.replace(
    "risorse = 2400\ncosto = '=PIÙ.SE(categoria = \"C\"; 750 €; categoria = \"D\"; 850 €)'",
    'graduatorie = "categoria"\nposti_graduatorie = { Istruttori = 2, D = 1 }',
)


def test_each_graduatoria_has_its_own_places(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PLACES, people(FUNDED_STAFF))
    # C (Istruttori), 2 places: A 95, D 80 selected; E 70 beyond. D, 1 place: B 90 selected; C 85 beyond.
    assert result.rewards.extra["progressioni"] == ["A", "D", "B"]
    notes = {pid: result.figures[f"progression:{pid}"].note for pid in "ABCDE"}
    assert notes == {
        "A": "selezionato",
        "B": "selezionato",
        "C": "non selezionato: oltre i posti",
        "D": "selezionato",
        "E": "non selezionato: oltre i posti",
    }
    total = {i.name: i.value for i in result.figures["progression:selected"].inputs}
    assert total["posti"] == 3  # 2 + 1


def test_a_graduatoria_the_places_do_not_name_selects_nobody(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PLACES.replace(", D = 1", ""), people(FUNDED_STAFF))
    assert result.rewards.extra["progressioni"] == ["A", "D"]
    [error] = [p for p in result.violations if p.column == "progressioni.posti_graduatorie"]
    assert error.message == (
        # the table names Areas: the key to add is the Area's name, never the letter alone
        "progressioni economiche: posti_graduatorie non ha i posti della graduatoria «Funzionari» (D) (ha: "
        "«Istruttori»), dove sono candidati B, C: nessuno vi è selezionato; aggiungi Funzionari = il numero dei posti "
        "alla tabella (Funzionari = 0 se la graduatoria non ha posti)"
    )


def test_places_per_graduatoria_are_whole_said_once_and_by_category(tmp_path):
    # PLACES's lines: HEAD's 16, a blank one, [progressioni] 18, fonte 19, graduatorie 20, posti_graduatorie 21
    assert regulation_problems(tmp_path, PLACES.replace("D = 1", "D = 1.5")) == [
        "riga 21, chiave progressioni.posti_graduatorie.D: i posti sono un numero intero, non 1.5"
    ]
    assert regulation_problems(tmp_path, PLACES + "posti = 2\n") == [
        "riga 22, chiave progressioni.posti: i posti sono scritti due volte: posti = 2 e posti_graduatorie; lascia "
        "posti_graduatorie se ogni graduatoria ha i suoi posti"
    ]
    assert regulation_problems(tmp_path, PLACES.replace('graduatorie = "categoria"\n', "")) == [
        'riga 20, chiave progressioni.posti_graduatorie: i posti per graduatoria valgono con graduatorie = '
        '"categoria"; con una sola graduatoria: posti'
    ]


def test_leggi_says_each_graduatoria_s_places(tmp_path):
    said = regulation_text(tmp_path, PLACES)
    assert (
        "fino ai posti di ciascuna graduatoria (Istruttori 2, D 1), in una graduatoria per ciascuna categoria (o Area)"
        in said
    )


def test_what_the_graduatoria_and_a_rule_for_equals_both_read_is_listed_once(ciclope_ente, tmp_path):
    text = BY_AREA.replace(
        'a_parita = ["=anzianita_posizione", "=eta"]',
        'graduatoria = "=punteggio + anzianita_posizione"\na_parita = ["=anzianita_posizione"]',
    )
    result = run_declared(ciclope_ente, tmp_path, text, people(STAFF))
    names = [i.name for i in result.figures["progression:B"].inputs]
    # the score and the years are read by the graduatoria (90 + 7 = 97) and the years again by the rule for equals
    assert names.count("gli anni nella posizione economica") == 1


def header(result, pid: str) -> list[str]:
    """The lines of ``ciclope explain --person`` above the figures: who, the outcome and the money."""
    text = explain(result, "person", pid)
    return text[: text.index("\n\n")].splitlines()


def test_explain_s_header_says_the_progression_not_a_premium(ciclope_ente, tmp_path):
    """A regulation whose only money is the progressioni: the header says each one's outcome in the graduatoria,
    never «Premio: nessun importo assegnato.» (there is no premium to assign)."""
    result = run_declared(ciclope_ente, tmp_path, FUNDED, people(FUNDED_STAFF))
    # as test_selected_in_order_while_their_cost_fits_in_the_resources: A (95) 1st, 750 of the 2,400; C (85) 3rd,
    # 750 + 850 + 850 = 2,450 > 2,400
    assert header(result, "A")[3:] == ["Progressione economica: selezionato (posto 1 in graduatoria)."]
    assert header(result, "C")[3:] == [
        "Progressione economica: non selezionato: oltre le risorse (posto 3 in graduatoria)."
    ]
    text = HEAD + '\n[progressioni]\nfonte = "art. 6"\ncandidati = "=punteggio >= 80"\nposti = 1\n'
    (tmp_path / "b").mkdir()
    refused = run_declared(
        ciclope_ente, tmp_path / "b", text, people([("A", "C", 95, "1", "40"), ("E", "C", 70, "1", "40")])
    )
    # E has 70 points, below the 80 of the condition
    assert header(refused, "E")[3:] == [
        "Progressione economica: non candidato (il punteggio è meno di 80 (70,00 contro 80))."
    ]
    # the resources from a fund of ente.toml: still no premium (the fund is no pool of the premiums)
    files = people(FUNDED_STAFF)
    files["ente.toml"] += '\n[fondi]\nprogressioni = "2400.00"\n'
    (tmp_path / "c").mkdir()
    funded = run_declared(
        ciclope_ente, tmp_path / "c", FUNDED.replace("risorse = 2400", 'fondo = "progressioni"'), files
    )
    assert header(funded, "A")[3:] == ["Progressione economica: selezionato (posto 1 in graduatoria)."]


def test_explain_s_header_with_a_premium_too_says_both(ciclope_ente, tmp_path):
    """With a premium beside the progressioni, a person it does not pay reads so, and then the progression."""
    text = FUNDED + '\n[[premi]]\nnome = "posizioni"\nmetodo = "proporzionale"\nruoli = ["po"]\nfonte = "art. 5"\n'
    files = people(FUNDED_STAFF)
    files["ente.toml"] += '\n[funds]\nperformance_individuale = "1000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, files)
    lines = header(result, "A")
    assert lines[3] == "Premio: nessun importo assegnato."  # the part pays only the PO: A is a dipendente
    assert lines[-1] == "Progressione economica: selezionato (posto 1 in graduatoria)."


def test_a_regulation_of_progressions_only_has_no_fund_in_the_summary(ciclope_ente, tmp_path):
    # the progressions pay no premium from the year's funds: the Relazioni's summary says so, not «€ 0,00 / € 0,00»
    from ciclope.core.reports.model import Kpis, Table
    from ciclope.core.reports.public import disclose
    from ciclope.core.reports.relazione import build

    result = run_declared(ciclope_ente, tmp_path, BY_AREA, people(STAFF))
    internal = build(result)
    for report in (internal, disclose(internal, result)):
        kpis = next(b for s in report.sections for b in s.blocks if isinstance(b, Kpis))
        assert dict(kpis.items)["Premi distribuiti / stanziati"] == "nessun fondo"
        # the table of the funds says it has no fund of premiums: the progressions' own fund is said apart
        empties = [b.empty for s in report.sections for b in s.blocks if isinstance(b, Table) and not b.rows]
        assert "Nessun fondo per i premi." in empties and "Nessun fondo." not in empties


def test_numbers_two_decimals_show_equal_are_shown_with_the_decimals_that_part_them(ciclope_ente, tmp_path):
    """Two candidates shown «29,33» in different places with no word: the unrounded number decided the order, so
    where two decimals show equal numbers that are not, they are shown with the decimals that tell them apart."""
    from ciclope.core import fmt as values
    from ciclope.core.reports import fmt as shown

    text = HEAD + '\n[progressioni]\nfonte = "art. 6"\nposti = 1\ngraduatoria = "=punteggio / 3"\n'
    staff = [("A", "C", 88, "1", "40"), ("B", "C", "87.99", "1", "40"), ("C", "C", 60, "1", "40")]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    # A: 88 / 3 = 29,3333…; B: 87,99 / 3 = 29,33; both 29,33 to two decimals, 29,333 and 29,330 to three;
    # C: 60 / 3 = 20, nobody near it: two decimals, as before
    assert result.rewards.extra["progressioni"] == ["A"]
    assert "  • graduatoria (il punteggio diviso 3) = 29,333\n" in explain(result, "person", "A")
    assert "  • graduatoria (il punteggio diviso 3) = 29,330\n" in explain(result, "person", "B")
    assert "  • graduatoria (il punteggio diviso 3) = 20,00\n" in explain(result, "person", "C")
    table = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"]
    numbers = {row[1]: row[2] for row in table.rows}
    assert [shown.value(numbers[f"Persona {p} ({p})"]) for p in "ABC"] == ["29,333", "29,330", "20,00"]
    assert isinstance(numbers["Persona C (C)"], values.Points)
    assert "sono mostrati con i decimali che li distinguono" in table.note


def test_numbers_that_differ_at_two_decimals_are_shown_as_before(ciclope_ente, tmp_path):
    text = HEAD + '\n[progressioni]\nfonte = "art. 6"\nposti = 1\ngraduatoria = "=punteggio / 3"\n'
    staff = [("A", "C", 88, "1", "40"), ("B", "C", 87, "1", "40")]
    result = run_declared(ciclope_ente, tmp_path, text, people(staff))
    # A: 88 / 3 = 29,33; B: 87 / 3 = 29,00: two decimals tell them apart
    assert "  • graduatoria (il punteggio diviso 3) = 29,33\n" in explain(result, "person", "A")
    table = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"]
    assert "decimali che li distinguono" not in table.note
