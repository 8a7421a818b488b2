"""What the reductions cut, shared among the colleagues of the same group (``[[riduzioni]] economie = "=settore"``,
formato 2): «il premio così conteggiato viene diminuito in base alle giornate di assenza nell'anno. Le economie così
ottenute vengono ridistribuite ai colleghi del medesimo settore» (Comune di Piombino). The part is split as if nobody
were reduced, each reduced amount is cut, and each group's cuts go to the people the part pays in that group, in
proportion to their amounts after the cuts. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Criteri del premio di produzione"
tipo_ente = "comune"

[[colonne]]
nome = "settore"
tipo = "testo"
significato = "il settore"
fonte = "art. 2"
"""
PART = """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 3"
"""
ABSENCES = """
[[riduzioni]]
misura = "assenze"
fonte = "art. 4"
economie = "=settore"
scaglioni = [
  { da = 0, a = 10, riduzione = 0 },
  { da = 11, a = 30, riduzione = 0.10 },
  { da = 31, riduzione = 0.50 },
]
"""
BY_SECTOR = HEAD + PART + ABSENCES


def files(people: list[tuple[str, str, str, int, int]], fund: str) -> dict[str, str]:
    """(id, category, sector cell, score, absence days) of staff at full time, evaluated by the Segretario (who has
    no sector and no part in the premium: the part is of the dipendenti)."""
    staff = [
        f"{pid},Persona {pid},dipendente,{cat},com,1,{days},false,SEG,{cell}" for pid, cat, cell, _, days in people
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, _, score, _ in people]
    data = one_unit_comune("Comune di Esempio", [], cards, f'[funds]\nperformance_individuale = "{fund}"\n')
    header = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,settore"
    data["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,", *staff]) + "\n"
    return data


FIVE = [
    ("T1", "C", "tecnico", 80, 0),
    ("T2", "C", "tecnico", 80, 20),  # 11–30 days: −10%
    ("T3", "C", "tecnico", 40, 0),
    ("A1", "C", "amministrativo", 80, 40),  # 31 days and more: −50%
    ("A2", "C", "amministrativo", 80, 0),
]


def test_the_cuts_go_to_the_colleagues_of_the_same_sector(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_SECTOR, files(FIVE, "3600.00"))
    # split as if nobody were cut, Σ 80 + 80 + 40 + 80 + 80 = 360, 10 € a point: 800, 800, 400, 800, 800
    # cuts: T2 800 × 0.9 = 720.00 (80.00 cut), A1 800 × 0.5 = 400.00 (400.00 cut)
    # tecnico, 80.00 by 800 + 720 + 400 = 1920: T1 80 × 800/1920 = 33.333…, T2 80 × 720/1920 = 30.00,
    #   T3 80 × 400/1920 = 16.666…; floors 33.33 + 30.00 + 16.66 = 79.99, the cent to T3's larger remainder (0.67)
    #   → T1 833.33, T2 750.00, T3 416.67
    # amministrativo, 400.00 by 400 + 800 = 1200: A1 133.333…, A2 266.666…; floors 399.99, the cent to A2
    #   → A1 533.33, A2 1066.67
    assert amounts(result) == {"T1": "833.33", "T2": "750.00", "T3": "416.67", "A1": "533.33", "A2": "1066.67"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("3600.00"), Decimal("0.00"))  # 2000.00 + 1600.00
    figures = result.figures
    tecnico = figures["savings:produttività:group:tecnico"]
    assert tecnico.value == Decimal("80.00")
    assert [(i.name, i.value) for i in tecnico.inputs] == [("taglio di Persona T2", Decimal("80.00"))]
    share = figures["savings:produttività:T3"]
    assert share.value == Decimal("16.67")
    assert {i.name: i.value for i in share.inputs} == {
        "economie del gruppo «tecnico»": Decimal("80.00"),
        "premio dopo le riduzioni": Decimal("400.00"),
        "Σ premi del gruppo dopo le riduzioni": Decimal("1920.00"),
        "gruppo": "tecnico",
    }
    # the premium reads the share as one more input: 800 × 0.9 = 720.00, + 30.00 = 750.00
    premium = figures["award:T2"]
    assert premium.value == Decimal("750.00")
    assert premium.formula.endswith("; più la quota delle economie del gruppo")
    assert ("quota delle economie del gruppo", Decimal("30.00")) in [(i.name, i.value) for i in premium.inputs]
    group = figures["gruppo_economie:produttività:A2"]
    assert group.value == "amministrativo"
    # the economies are the reduction's rule (art. 4, «ridistribuite ai colleghi»), not the part's art. 3
    assert {figures[k].source for k in ("savings:produttività:T3", "savings:produttività:group:tecnico")} == {
        "Criteri del premio di produzione, art. 4"
    }
    assert group.source == "Criteri del premio di produzione, art. 4"
    assert [(i.value, i.cell) for i in group.inputs] == [("amministrativo", "people.csv:7:settore")]


def test_the_sector_crosses_the_graduatorie(ciclope_ente, tmp_path):
    by_category = BY_SECTOR.replace('fonte = "art. 3"', 'fonte = "art. 3"\ngraduatorie = "categoria"')
    people = [("T1", "C", "tecnico", 80, 0), ("A1", "C", "amministrativo", 80, 0), ("T2", "D", "tecnico", 80, 20)]
    result = run_declared(ciclope_ente, tmp_path, by_category, files(people, "3000.00"))
    # by staff in service: C 3000 × 2/3 = 2000.00, D 3000 × 1/3 = 1000.00; in C 1000.00 each, in D T2 1000.00
    # T2's cut: 1000 × 0.9 = 900.00, 100.00 to the tecnico sector, across the categories: T1 1000 and T2 900, Σ 1900:
    #   T1 100 × 1000/1900 = 52.631… → 52.63, T2 100 × 900/1900 = 47.368… → 47.36, the cent to T2's remainder (0.84)
    # A1, in T1's category but another sector, receives nothing of it
    assert amounts(result) == {"T1": "1052.63", "A1": "1000.00", "T2": "947.37"}


def test_a_cut_without_a_group_stays_residual(ciclope_ente, tmp_path):
    people = [*FIVE[:3], ("A1", "C", "", 80, 40), FIVE[4]]
    result = run_declared(ciclope_ente, tmp_path, BY_SECTOR, files(people, "3600.00"))
    # as above, but A1's sector cell is empty: the 400.00 cut from A1 goes to nobody, A2 keeps 800.00
    assert amounts(result)["A1"] == "400.00" and amounts(result)["A2"] == "800.00"
    assert result.rewards.pools["performance_individuale"].residual == Decimal("400.00")
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert len(said) == 1 and said[0].startswith("parte «produttività», economie: la colonna «settore»")
    assert said[0].endswith("per Persona A1: nessun gruppo, il suo taglio resta residuo della parte")


def test_a_group_nobody_is_paid_in_keeps_its_cuts_residual(ciclope_ente, tmp_path):
    whole = ABSENCES.replace("riduzione = 0.50", "riduzione = 1")
    people = [("T1", "C", "tecnico", 80, 0), ("A1", "C", "amministrativo", 80, 40)]
    result = run_declared(ciclope_ente, tmp_path, HEAD + PART + whole, files(people, "1600.00"))
    # 800.00 each as if nobody were cut; A1 loses all of it, and nobody else is amministrativo: 800.00 residual
    assert amounts(result) == {"T1": "800.00", "A1": "0.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("800.00")
    assert result.figures["savings:produttività:group:amministrativo"].formula.endswith(
        "nessuno del gruppo riceve un premio dalla parte: resta residuo della parte"
    )


def test_explain_walks_from_the_premium_to_the_colleague_s_cut(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_SECTOR, files(FIVE, "3600.00"))
    said = explain(result, "person", "T3")
    assert "quota delle economie del gruppo" in said
    assert "economie del gruppo «tecnico»" in said
    assert "taglio di Persona T2" in said


def test_leggi_says_where_the_cuts_go(tmp_path):
    text = regulation_text(tmp_path, BY_SECTOR)
    assert (
        "Ciò che la riduzione toglie va ai colleghi dello stesso gruppo: il gruppo di ciascuno è il settore (formula: "
        "=settore); i tagli di ogni gruppo sono divisi tra chi la parte paga nel gruppo, in proporzione al premio "
        "dopo le riduzioni."
    ) in text


def test_the_group_is_a_datum_not_a_result(tmp_path):
    problems = regulation_problems(tmp_path, BY_SECTOR.replace('economie = "=settore"', 'economie = "=punteggio"'))
    assert any("«punteggio» non si usa nel gruppo dei colleghi che ricevono i tagli" in p for p in problems), problems


def test_a_part_sends_its_cuts_one_way(tmp_path):
    second = '\n[[riduzioni]]\nmisura = "quota_tempo"\nfonte = "art. 5"\neconomie = "residuo"\nscaglioni = [{ da = 0, riduzione = 0 }]\n'
    problems = regulation_problems(tmp_path, BY_SECTOR + second)
    assert problems == [
        "riga 20, chiave riduzioni[1].economie: la parte «produttività» manda i tagli anche dove dice la riduzione 2 "
        "(economie = residuo): le riduzioni di una parte i cui tagli vanno a un gruppo di colleghi li mandano tutte "
        "allo stesso gruppo"
    ], problems


def test_an_owed_part_takes_nobody_s_cuts(tmp_path):
    owed = BY_SECTOR.replace(
        'metodo = "proporzionale"', 'metodo = "formula"\nimporto = "=500 €"\ndovuto = true\nvalutazione = false'
    )
    problems = regulation_problems(tmp_path, owed)
    assert any(
        "la parte «produttività» è dovuta (dovuto = true): paga i suoi importi per intero e nessuno vi riceve i tagli "
        "degli altri; economie: ripartite o residuo" in p
        for p in problems
    ), problems
