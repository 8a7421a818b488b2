"""The «Premi» sheet's rows of a part say the person's level and outcome when the part reads the evaluation anywhere —
its method, any of its formulas (``peso``, ``importo``…, even on one branch of a SE, or through ``PREMIO`` of a part
that reads it), an exclusion that applies to it (nothing under 70 points) — and «—» with «senza valutazione
individuale» when it reads none: the same for every row of the part, an excluded person's row included."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.reports import sheets

from helpers import one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Criteri dell'Unione"
tipo_ente = "unione"

[livelli]
fonte = "art. 6"
scala = [{ nome = "alto", da = 80 }, { nome = "base", da = 60 }]

[[esclusioni]]
regola = "assenze"
giorni = 180
fonte = "art. 7"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 8 c. 2"

[[premi]]
nome = "performance organizzativa"
performance = "organizzativa"
quota_fondo = 0.5
fonte = "art. 8 c. 1"
"""
BY_CATEGORY = "metodo = \"proporzionale\"\npeso = '=SE(categoria = \"D\"; 125; 100)'\n"
UNDER_70 = '\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 70\nfonte = "art. 6 c. 2"\n'

STAFF = [
    "P1,Anna Neri,dipendente,D,com,1,0,false,SEG",
    "P2,Luca Bianchi,dipendente,C,com,1,0,false,SEG",
    "P3,Marco Conti,dipendente,C,com,1,200,false,SEG",  # 200 days of absence: excluded (over 180)
    "P4,Sara Gallo,dipendente,C,com,1,0,false,SEG",
]
# scores 90, 75, 80, 60: levels alto, base, alto, base
CARDS = [f"P{i},SEG,Scheda,Valutazione,100,{points}," for i, points in ((1, 90), (2, 75), (3, 80), (4, 60))]


def organizational_rows(ciclope_ente, tmp_path, regulation: str) -> dict[str, tuple]:
    """The «Premi» rows of the part «performance organizzativa»: person → (level, amount, outcome)."""
    files = one_unit_comune("Unione", STAFF, CARDS, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    table = sheets.awards(result, sheets.statuses(result))
    titles = [c[0] for c in table.columns]
    rows = [dict(zip(titles, row)) for row in table.rows if len(row) == len(titles)]
    return {
        r["Codice"]: (r["Livello"], str(r["Importo"]), r["Esito"])
        for r in rows
        if r.get("Parte") == "performance organizzativa"
    }


def test_a_part_paid_only_from_70_points_says_the_outcome_on_every_row(ciclope_ente, tmp_path):
    # the weight reads the category only, but under 70 points the part pays nothing (the exclusion applies to every
    # part): P4 (60) and P3 (absent) excluded; P1 (D) 125, P2 (C) 100, Σ 225 of 500 € (1000 × 0,5):
    # P1 500 × 125 / 225 = 277,777… → 277,78; P2 500 × 100 / 225 = 222,222… → 222,22
    rows = organizational_rows(ciclope_ente, tmp_path, HEAD + BY_CATEGORY + UNDER_70)
    assert rows == {
        "P1": ("alto", "277.78", "valutato"),
        "P2": ("base", "222.22", "valutato"),
        "P3": ("alto", "0.00", "escluso per assenze"),
        "P4": ("base", "0.00", "escluso per punteggio sotto il minimo"),
    }


def test_a_weight_that_reads_the_score_on_one_branch_only(ciclope_ente, tmp_path):
    # a «D» weighs 125 whatever the score; the others 0 under 70, else 100: P1 125, P2 (75) 100, P4 (60) 0, P3
    # excluded; Σ 225: P1 277,78 and P2 222,22 as above. P1's figure reads no score, the part does
    part = "metodo = \"proporzionale\"\npeso = '=SE(categoria = \"D\"; 125; SE(punteggio < 70; 0; 100))'\n"
    rows = organizational_rows(ciclope_ente, tmp_path, HEAD + part)
    assert rows["P1"] == ("alto", "277.78", "valutato")
    assert rows["P2"] == ("base", "222.22", "valutato")
    assert rows["P3"] == ("alto", "0.00", "escluso per assenze")


def test_an_amount_that_reads_a_part_that_reads_the_score(ciclope_ente, tmp_path):
    # «performance individuale» divides by score: P1 90, P2 75, P4 60 (P3 excluded), Σ 225 of 500 €:
    # P1 500 × 90 / 225 = 200,00; half of it is P1's «performance organizzativa», 100,00
    part = "metodo = \"formula\"\nimporto = '=50% * PREMIO(\"performance individuale\")'\n"
    rows = organizational_rows(ciclope_ente, tmp_path, HEAD + part)
    assert rows["P1"] == ("alto", "100.00", "valutato")
    assert rows["P2"][0] == "base" and rows["P2"][2] == "valutato"


def test_a_part_that_reads_no_evaluation_has_no_level_on_any_row(ciclope_ente, tmp_path):
    # by category only, no minimum score: P1 125, P2 100, P4 100 (P3 excluded by absence), Σ 325 of 500 €:
    # P1 500 × 125 / 325 = 192,307…, P2 and P4 500 × 100 / 325 = 153,846… each; cents down 192,30 + 153,84 + 153,84
    # = 499,98, the 2 cents left to the largest remainders: P1's (0,769… of a cent), then one of P2 and P4 (0,615…)
    # → P1 192,31 and P2 + P4 = 500 − 192,31 = 307,69
    rows = organizational_rows(ciclope_ente, tmp_path, HEAD + BY_CATEGORY)
    assert {pid: (level, esito) for pid, (level, _, esito) in rows.items()} == {
        "P1": ("—", "senza valutazione individuale"),
        "P2": ("—", "senza valutazione individuale"),
        "P3": ("—", "escluso per assenze"),  # the excluded person's row too, never their level
        "P4": ("—", "senza valutazione individuale"),
    }
    assert rows["P1"][1] == "192.31"
    assert Decimal(rows["P2"][1]) + Decimal(rows["P4"][1]) == Decimal("307.69")


def test_a_part_s_condition_is_no_outcome_of_the_person(ciclope_ente, tmp_path):
    """A project's part paid without evaluation to the category D alone: P2 and P4 (C) have 0 from it by the part's
    condition, not by an outcome of theirs; their rows said «valutato» beside the D's «senza valutazione
    individuale», as if the two rows of one part were of two kinds. Every row of the part says the part's word, but
    the excluded person's, whose exclusion is theirs. P1 alone: 500 × 125 / 125 = 500,00."""
    part = BY_CATEGORY + "ammesso = '=categoria = \"D\"'\n"
    rows = organizational_rows(ciclope_ente, tmp_path, HEAD + part)
    assert rows == {
        "P1": ("—", "500.00", "senza valutazione individuale"),
        "P2": ("—", "0.00", "senza valutazione individuale"),
        "P3": ("—", "0.00", "escluso per assenze"),
        "P4": ("—", "0.00", "senza valutazione individuale"),
    }
