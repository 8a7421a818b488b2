"""``ciclope explain``: from a person's euro down to the input cells, in Italian, with the article.

Uses the plugin-independent case of tests/reportcase.py (a regulation written in the test) and, once its
plugin pays money, the public comunita_montane example.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.reports import fmt
from ciclope.core.run.explain import (
    column_kind,
    explain,
    input_shown,
    show,
    suggest,
    title,
    value_kind,
    where,
)

from reportcase import FILES, make_case, write_config


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return make_case(tmp_path_factory.mktemp("explain") / "prova")


def test_rewarded_person_shows_amount_rule_and_cells(case):
    text = explain(case, "person", "E4")
    lines = text.splitlines()
    assert lines[0] == "Persona E4 — Ester"
    # E4: 1000 × 90 / 632 = 142.405 → 142.40 + 1 cent by largest remainder = 142.41 (test_reports)
    assert "Premio: € 142,41 — Fondo premi, fascia alta" in text  # a fund the plugin gives no words: «Fondo …»
    assert "  regola: regolamento-prova.txt art. 7" in text
    assert "■ Premio di Ester = € 142,41" in text
    assert "formula: fondo premi × punteggio / Σ punteggi dei premiati" in text
    # the chain goes down to the cells: E4's card is data row 5 of evaluations.csv (row 6 with the header)
    assert "• Valutazione = 90   ← evaluations.csv, riga 6, colonna punti" in text
    assert "■ Punteggio di Ester = 90,00 punti" in text
    assert "• [fondi] premi = € 1.000,00   ← ente.toml [fondi] premi" in text  # where the office wrote it
    assert "livello Ottimo" in text and "esito: premiato" in text


def test_person_without_money_says_so(case):
    text = explain(case, "person", "E6")
    assert "Premio: nessun importo assegnato." in text and "esito: sotto soglia" in text
    assert "■ Punteggio di Ettore = 50,00 punti" in text


def test_json_for_tools(case):
    doc = json.loads(explain(case, "person", "E4", as_json=True))
    assert doc["subject"]["award"] == {
        "amount": "142.41",
        "pool": "premi",
        "pool_label": "",  # a fund of ente.toml has no words of its own: the reader says «Fondo premi»
        "band": "alta",
        "kind": "performance",
        "ref": None,
        "what": "premio",
        "source": "regolamento-prova.txt art. 7",
        "formula": "fondo premi × punteggio / Σ punteggi dei premiati",
    }
    assert doc["subject"]["awards"] == [doc["subject"]["award"]]  # E4 has one award only
    award = doc["figures"][0]
    assert award["key"] == "award:E4" and award["value"] == 142.41 and award["display"] == "€ 142,41"
    score = award["inputs"][0]["figure"]
    assert score["key"] == "score:E4"
    assert score["inputs"][0]["cell"] == "evaluations.csv:6:points"
    # score:E4 was explained inside the award: it is not repeated as a second root
    assert [f["key"] for f in doc["figures"]] == ["award:E4"]


def test_indicator_goes_to_its_cells_and_shows_percentages(case):
    text = explain(case, "indicator", "I2")
    # I2 "lower": target 4 / actual 5 = 80%; at 30/6: 4 / 8 = 50%
    assert "■ Indicatore I2 — Tempi medi (gg) = 80,00%" in text
    assert "• consuntivo = 5   ← indicators.csv, riga 3, colonna consuntivo" in text
    assert "= 50,00%" in text and "colonna consuntivo_30_6" in text


def test_objective_and_pool(case):
    text = explain(case, "objective", "S1")
    # S1 = mean(I1 8/8 after the approved revision = 1, O1 = 0.8) = 0.9
    assert "■ Obiettivo S1 — Promozione <b>& export</b> = 90,00%" in text
    pool = explain(case, "pool", "premi")
    assert "Stanziato € 1.000,00 · distribuito € 1.000,00 · residuo € 0,00" in pool


def test_unknown_ids(case):
    assert explain(case, "person", "E44") is None
    assert "E4" in suggest(case, "person", "E44")
    assert explain(case, "position", "NOPE") is None


@pytest.mark.parametrize(
    "key,kind",
    [
        ("award:P1", "money"),
        ("pool:premi", "money"),
        ("position:PA:annual", "money"),
        ("position:PA:score", "score"),
        ("score:P1", "score"),
        ("card:P1", "score"),
        ("indicator:K1", "achievement"),
        ("ente", "achievement"),
        ("unit:s1", "achievement"),
        ("attested", "achievement"),
        ("misc:x", "number"),
        ("premio:interim:D3", "money"),  # a declared regulation's premium of one part
        ("position_pay:D5", "money"),  # the pay of the positions a person holds
    ],
)
def test_value_kinds(key, kind):
    assert value_kind(key) == kind


def test_money_reads_in_euro_by_where_it_comes_from():
    """An input reads as the figure it refers to, or as its column as the plugin reads it: never by guessing."""
    # a part's premium (its figure's key says money), however the input is named
    assert input_shown("premio della parte «interim»", 2760, "premio:interim:D3", "", 2760) == "€ 2.760,00"
    # a declared column of tipo = "euro" (the plugin reads it as an amount), in a CSV file or a sheet of ente.xlsx
    kinds = {"people.csv": {"indennita_ente": "money"}}
    for cell in ("persone.csv:2:indennita_ente", "ente.xlsx[persone]:2:indennita_ente"):
        assert column_kind(cell, kinds) == "money"
        assert input_shown("l'indennità di Ente annua", 1800, "", cell, None, "money") == "€ 1.800,00"
    assert column_kind("persone.csv:2:guardie", kinds) == "" and column_kind("ente.toml:funds.x", kinds) == ""
    assert input_shown("l'indennità di Ente annua", 1800, "", "persone.csv:2:indennita_ente") == "1.800"  # unknown


def test_a_fund_without_a_label_by_its_words():
    assert fmt.fund("fondo_comune_ateneo") == "Fondo comune ateneo"  # never «Fondo fondo comune ateneo»
    assert fmt.fund("risultato_dirigenti") == "Fondo risultato dirigenti"
    assert fmt.fund("premi", "", {"premi": "Premi per la performance"}) == "Premi per la performance"
    # the core's label of a fund of [fondi] is its key: the title says the fund's words instead
    assert title("pool:fondo_comune_ateneo", "Fondo fondo_comune_ateneo") == "Fondo comune ateneo"
    assert title("pool:x:parte", "Fondo della parte «parte»") == "Fondo della parte «parte»"


def test_show_and_where(case):
    from decimal import Decimal as D

    assert show(D("0.9234"), "achievement") == "92,34%"
    assert show(D("1234.5"), "money") == "€ 1.234,50"
    assert show(D("78.5"), "score") == "78,50 punti"
    assert show(True, "number") == "sì"  # as the docs and leggi write a yes
    assert where(case, "people.csv:4:fte") == "people.csv, riga 4, colonna quota_tempo"
    # a column read from no one row (a value a group shares: Ente.cell without a row)
    assert where(case, "people.csv::category") == "people.csv, colonna categoria"


def test_a_date_the_store_kept_as_text_reads_as_an_office_writes_it():
    import datetime as dt

    # JSON has no dates: the store's trace keeps 31 December 2021 as «2021-12-31», the portal shows it as the Relazione
    assert show("2021-12-31", "number") == "31/12/2021" == show(dt.date(2021, 12, 31), "number")
    assert show("2021-02-30", "number") == "2021-02-30"  # a date's shape that is no day: as written
    assert show("2021-12-31 bis", "number") == "2021-12-31 bis"  # a text that begins with a date: as written


# -- the command line ---------------------------------------------------------------------------


def test_cli_explain_person(tmp_path, capsys, reportcase_installed):
    cfg = write_config(tmp_path)
    assert main(["explain", str(cfg), "--ente", "prova", "--person", "E4"]) == 0
    out = capsys.readouterr().out
    assert "Premio: € 142,41" in out and "regolamento-prova.txt art. 7" in out


def test_cli_explain_json_and_unknown(tmp_path, capsys, reportcase_installed):
    cfg = write_config(tmp_path)
    assert main(["explain", str(cfg), "--ente", "prova", "--indicator", "I1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["figures"][0]["key"] == "indicator:I1"
    assert main(["explain", str(cfg), "--ente", "prova", "--person", "E9"]) == 2
    err = capsys.readouterr().err
    assert "persona «E9»" in err and "forse intendevi" in err
    # a person's code asked as an objective: the option that explains it, not objectives that look alike
    assert main(["explain", str(cfg), "--ente", "prova", "--objective", "E4"]) == 2
    assert "«E4» è una persona: chiedi --person E4" in capsys.readouterr().err


def test_comunita_montane_example_explains_the_money(example, capsys):
    """P1 is in band alta of the public example. Per-capita weights (rules/comunita_montane.md §3): alta 2.5,
    intermedia 1 (P3 at fte 0.5: 0.5), bassa 0.25; Σ = 2.5 + 3 × 1 + 0.5 + 4 × 0.25 = 7, so P1 gets
    12000 × 2.5 / 7 = 4285.714… → 4285.71 (expected.json)."""
    folder = example("comunita_montane")
    cfg = folder / "cycle.toml"
    assert main(["explain", str(cfg), "--ente", "cm-esempio", "--person", "P1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    if doc["subject"]["award"] is None:
        pytest.skip("the comunita_montane plugin does not pay money yet")
    assert doc["subject"]["award"]["amount"] == "4285.71"
    assert "003_17a077a346f3b252.txt" in doc["subject"]["award"]["source"]
    assert "art. 17" in doc["subject"]["award"]["source"]
    assert main(["explain", str(cfg), "--ente", "cm-esempio", "--person", "P1"]) == 0
    text = capsys.readouterr().out
    assert "Premio: € 4.285,71" in text and "art. 17" in text


def test_explanation_records_are_immutable_values():
    """Issue 18 made Figure a named tuple (a third of the cost of a frozen attrs instance; Input stays
    one, for memory): both are immutable, compare by value and are read by name, and Trace.record
    keeps the inputs as a tuple."""
    from ciclope.core.trace import Figure, Input, Trace

    trace = Trace()
    inputs = [Input("fondo", 10, ref="pool:p"), Input("fte", 1, cell="people.csv:2:fte")]
    assert trace.record("award:A", 5, "fondo × fte", "rules/core.md §5", inputs=inputs, label="Premio") == 5
    figure = trace.get("award:A")
    assert figure == Figure("award:A", 5, "fondo × fte", "rules/core.md §5", tuple(inputs), "Premio", "")
    assert figure.inputs[1].cell == "people.csv:2:fte" and figure.inputs[0].ref == "pool:p"
    inputs.append(Input("dopo", 0))  # the caller's list changes: the record does not
    assert len(figure.inputs) == 2
    with pytest.raises(AttributeError):
        figure.value = 6  # type: ignore[misc]
    with pytest.raises(AttributeError):
        figure.inputs[0].value = 11  # type: ignore[misc]


def test_a_point_changed_by_an_appeal_names_the_appeal(tmp_path):
    """rules/core.md §5: explain shows a changed item as "points P from appeals.csv row R (stage, date), replacing
    Q from evaluations.csv row S", and its cell is the appeal's, never the old value's."""
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import coreonly, files

    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,riesame,2022-02-01,respinto,,
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    """
    result = compute_ente(write_ente(tmp_path / "e", files(**{"appeals.csv": appeals})), coreonly, 2021)
    text = explain(result, "person", "E1")
    # E1's Collaborazione is row 3 of evaluations.csv (header = 1) with 30 points; the ricorso is row 3 of appeals.csv
    assert (
        "Collaborazione (massimo 40 punti) — punti dalla riga 3 dei ricorsi (ricorso del 20/02/2022), "
        "in luogo di 30 (riga 3 delle valutazioni) = 38   ← appeals.csv, riga 3, colonna nuovi_punti"
    ) in text
    assert "evaluations.csv, riga 3, colonna punti" not in text


def test_the_explanation_of_a_person_lists_their_conciliation(tmp_path):
    """rules/core.md §5: a person's explanation lists their riesame and ricorso with the effect each had, where the
    score is read, so a review that changed nothing is seen too. E1: riesame refused (row 2 of appeals.csv), ricorso
    accepted (row 3), Collaborazione from 30 to 38 points; E2 (no appeal) reads no conciliation."""
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import coreonly, files

    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,riesame,2022-02-01,respinto,,
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    """
    result = compute_ente(write_ente(tmp_path / "e", files(**{"appeals.csv": appeals})), coreonly, 2021)
    text = explain(result, "person", "E1")
    assert text is not None
    assert (
        "Conciliazione (riesami, ricorsi e contraddittori):\n"
        "  • riesame del 01/02/2022: respinto: punteggio invariato   ← appeals.csv, riga 2\n"
        "  • ricorso del 20/02/2022: accolto: «Collaborazione» da 30 a 38 punti   ← appeals.csv, riga 3\n"
    ) in text
    assert "Conciliazione" not in (explain(result, "person", "E2") or "")


def test_the_relazione_lists_the_effect_of_each_appeal(tmp_path):
    """rules/core.md §5: the report lists every appeal and its effect — an ignored ricorso must not read as
    applied. E1: riesame then accepted ricorso (applied, 30 → 38); E2: a ricorso without riesame (ignored)."""
    import re

    from ciclope.core.testing import write_ente

    from helpers import TWO_ENTI, files

    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,riesame,2022-02-01,respinto,,
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    E2,ricorso,2022-02-20,accolto,Obiettivi,9
    """
    write_ente(tmp_path / "buono", files(**{"appeals.csv": appeals}))
    config = tmp_path / "cycle.toml"
    config.write_text(TWO_ENTI.split("[[ente]]\nid = \"rotto\"")[0], encoding="utf-8")
    main(["run", str(config), "--no-store"])
    html = (tmp_path / "out" / "buono" / "relazione.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("Conciliazione: riesami")[1].split("</table>")[0], re.S)
    cells = [re.sub(r"<[^>]+>", "|", r) for r in rows]
    assert any("E1" in c and "ricorso" in c and "accolto: «Collaborazione» da 30 a 38 punti" in c for c in cells)
    assert any("E2" in c and "non considerato: manca il riesame" in c for c in cells)
    assert any("E1" in c and "riesame" in c and "respinto: punteggio invariato" in c for c in cells)


def test_explain_of_a_workbook_names_its_sheet_and_cell(tmp_path):
    """Data from ente.xlsx: the chain names the workbook, its sheet and the cell as a spreadsheet shows them
    («ente.xlsx, foglio evaluations, cella F2»), never evaluations.csv (which does not exist) nor a notation
    of code (``ente.xlsx[evaluations]:F2``). E1's first item (Obiettivi, 54 points) is data row 2 of the
    evaluations sheet, column points = F (person, evaluator, section, item, max_points, points)."""
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import as_xlsx, coreonly, files

    xlsx_dir = as_xlsx(write_ente(tmp_path / "csv", files()), tmp_path / "xlsx")
    result = compute_ente(xlsx_dir, coreonly, 2021)
    text = explain(result, "person", "E1")
    assert "= 54   ← ente.xlsx, foglio evaluations, cella F2 (colonna punti)" in text
    # a column read from no one row: its letter and its name (points is F, as above)
    assert where(result, "evaluations.csv::points") == "ente.xlsx, foglio evaluations, colonna F (punti)"
    assert "evaluations.csv" not in text and "people.csv" not in text and "xlsx[" not in text


def figure_inputs(doc: dict, key: str) -> tuple[Decimal, dict[str, Decimal]]:
    """The value and the inputs (name → value) of figure ``key`` anywhere in an explain --json tree."""
    stack = list(doc["figures"])
    while stack:
        node = stack.pop()
        if node["key"] == key:
            numbers = {
                i["name"]: i["value"]
                for i in node["inputs"]
                if isinstance(i["value"], (int, float)) and not isinstance(i["value"], bool)
            }
            return Decimal(str(node["value"])), {name: Decimal(str(v)) for name, v in numbers.items()}
        stack += [i["figure"] for i in node.get("inputs", ()) if "figure" in i]
    raise KeyError(key)


def explained(example, capsys, plugin: str, ente: str, person: str) -> dict:
    folder = example(plugin)
    assert main(["explain", str(folder / "cycle.toml"), "--ente", ente, "--person", person, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_demo_award_adds_up_from_its_explained_inputs(example, capsys):
    """One person of each public example, followed by hand to the cent through explain's own figures."""
    cent = Decimal("0.01")
    # brescia, HA (position PA): result = max × evaluation / 100, half-up; the award = pay due + result
    doc = explained(example, capsys, "brescia", "bs-esempio", "HA")
    result, r = figure_inputs(doc, "position:PA:result")
    assert result == (r["risultato massimo"] * r["valutazione di HA"] / 100).quantize(cent, ROUND_HALF_UP)
    total, t = figure_inputs(doc, "award:HA:po")
    assert total == t["retribuzione di posizione dovuta"] + t["retribuzione di risultato"]
    # bergamo, U1: fund × score × fte / Σ (score × fte), within the cent the largest remainder may move
    doc = explained(example, capsys, "bergamo", "bg-esempio", "U1")
    award, a = figure_inputs(doc, "award:U1")
    exact = a["fondo performance_individuale"] * a["punteggio"] * a["tempo lavorato"]
    assert abs(award - exact / a["somma di punteggio × tempo lavorato dei premiati"]) < cent
    # comunita_montane, P1: fund × band weight × fte / Σ weights
    doc = explained(example, capsys, "comunita_montane", "cm-esempio", "P1")
    award, a = figure_inputs(doc, "award:P1")
    weight = a["peso pro capite della fascia (quota di risorse / quota di personale)"] * a["tempo lavorato"]
    sigma = a["Σ pesi dei collocati in fascia (peso pro capite della fascia × tempo lavorato)"]
    assert abs(award - a["fondo della graduatoria"] * weight / sigma) < cent


def test_an_input_read_from_a_figure_of_another_kind_reads_by_what_it_is():
    from ciclope.core import fmt as values

    # a fund's share (its part's quota_fondo, 40% of 10,000.00) read from the fund's figure: an amount, by its words
    assert input_shown("fondo", Decimal("4000.00"), "pool:premi", "", Decimal("10000.00")) == "€ 4.000,00"
    # a plugin's own figure whose key says nothing (a layer's «art69:…»): its value typed as an amount reads in euro
    assert input_shown("fondo", Decimal("11640"), "art69:fondo:premi", "", values.Money("11640")) == "€ 11.640,00"
    # a derived value of a score stays a number, never «0,93 punti»
    assert input_shown("punteggio / 100", Decimal("0.925"), "score:P1", "", Decimal("92.5")) == "0,925"


def test_points_read_with_two_decimals_wherever_they_are_shown():
    """A number typed as points (a graduatoria's number: 91 × 0,5 + 42 = 87.500, or 87 exactly) reads as a score
    reads, two decimals, in explain, in the Relazione's cells, in the store and in the workbook's number format."""
    from ciclope.core import fmt as values
    from ciclope.core.reports.xlsx import Sheets
    from ciclope.core.store.record import _plain

    assert input_shown("graduatoria", values.Points("87.500"), "", "") == "87,50"
    assert input_shown("graduatoria", values.Points("87"), "", "") == "87,00"
    assert fmt.value(values.Points("87.500")) == "87,50"
    assert _plain(values.Points("87.5")) == "87,50"
    sheets = Sheets()
    cell = sheets.cell("D4", values.Points("87.5"), "num")
    assert cell.endswith("<v>87.5</v></c>") and sheets.number_style("score", "") in cell  # the 0.00 format


def test_a_fund_named_as_what_it_pays_is_said_once():
    """«Retribuzione di risultato: € 2.400,00», not «… — Retribuzione di risultato» again; another fund's name stays."""
    from ciclope.core.reports import stats
    from ciclope.core.run.explain import award_lines

    award = {"amount": "2400.00", "pool": "risultato", "pool_label": "Retribuzione di risultato", "band": None,
             "what": stats.RESULT_PAY, "source": "Regolamento premi, art. 10"}  # fmt: skip
    assert award_lines(award, {"level": None}, None, None)[0] == "Retribuzione di risultato: € 2.400,00"
    other = {**award, "pool_label": "Fondo delle EQ"}
    assert (
        award_lines(other, {"level": None}, None, None)[0] == "Retribuzione di risultato: € 2.400,00 — Fondo delle EQ"
    )


def test_a_neutralized_indicator_says_why_and_the_rule(case):
    # reportcase's I4 (indicators.csv data row 4 → riga 5) is neutralized, motivo «evento annullato»: no figure,
    # yet the explanation says it, where the motivo is written, and that its objective S2 leaves it out
    text = explain(case, "indicator", "I4")
    lines = text.splitlines()
    assert lines[1] == "Neutralizzato: evento annullato   ← indicators.csv, riga 5, colonna motivo"
    assert lines[2] == (
        "Non entra nel raggiungimento dell'obiettivo S2: i pesi degli altri indicatori dell'obiettivo sono "
        "riproporzionati."
    )
    assert lines[3].startswith("  regola: ") and lines[3] != "  regola: —"
    assert "Nessuna cifra calcolata da spiegare." not in text


def test_an_objective_names_the_indicators_it_leaves_out(case):
    # S2 = I3 (SI → 100%) alone: I4 neutralized, its weight (empty: equal weights) goes to I3
    text = explain(case, "objective", "S2")
    assert "■ Obiettivo S2 — Efficienza = 100,00%" in text
    assert (
        "Non entra nel calcolo: indicatore I4 — Indagine annullata, neutralizzato: evento annullato; "
        "i pesi degli altri indicatori sono riproporzionati." in text
    )
    rule = text.splitlines()[text.splitlines().index(next(x for x in text.splitlines() if "Non entra" in x)) + 1]
    assert rule.startswith("  regola: ") and rule != "  regola: —"
    # S1 leaves nothing out: nothing is said
    assert "Non entra" not in explain(case, "objective", "S1")


def test_a_left_out_indicator_says_its_declared_weight(tmp_path):
    # I4 weighted 50 beside I3 weighted 50, neutralized: S2 = I3 alone = 100% (50 / 50 of the weight)
    rows = FILES["indicators.csv"].replace("I3,S2,Sportello attivo,boolean,,", "I3,S2,Sportello attivo,boolean,50,")
    rows = rows.replace("I4,S2,Indagine annullata,higher,,", "I4,S2,Indagine annullata,higher,50,")
    text = explain(make_case(tmp_path / "prova", **{"indicators.csv": rows}), "objective", "S2")
    assert "indicatore I4 — Indagine annullata (peso 50), neutralizzato: evento annullato;" in text
    assert "• indicatore I3 (peso 50) = 100,00%" in text


def test_an_objective_with_every_indicator_left_out_names_them_all(tmp_path):
    # I3 neutralized too: S2 has nothing measured, no figure and no weight to re-proportion; both are named
    rows = FILES["indicators.csv"].replace(
        "I3,S2,Sportello attivo,boolean,,,SI,SI,,,,,", "I3,S2,Sportello attivo,boolean,,,SI,SI,,,true,sportello chiuso,"
    )
    case = make_case(tmp_path / "prova", **{"indicators.csv": rows})
    assert (
        "Non entra nel raggiungimento dell'obiettivo S2: nessun indicatore attivo e misurato (non valutato)."
        in explain(case, "indicator", "I4").splitlines()
    )
    text = explain(case, "objective", "S2")
    assert (
        "Non entrano nel calcolo: indicatore I3 — Sportello attivo, neutralizzato: sportello chiuso; indicatore I4 — "
        "Indagine annullata, neutralizzato: evento annullato; obiettivo: nessun indicatore attivo e misurato (non "
        "valutato)."
    ) in text
    assert "Nessuna cifra calcolata da spiegare." not in text
