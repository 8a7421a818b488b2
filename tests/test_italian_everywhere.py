"""Every message and document the office, the OIV and the employees read, in Italian words: each case a user
met (a sheet named by its code, a fund or a status by its code, a plural after 1, a literal placeholder) shown
as it is now. The scan of every rendered document is tests/test_what_people_see.py; these are the cases one by
one, fast."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from ciclope.core import labels
from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import load_plugin, make_plugin_manager
from ciclope.core.inputs.config import load_config
from ciclope.core.problems import Problem
from ciclope.core.reports import fmt
from ciclope.core.run.console import render_problems
from ciclope.core.run.runner import compute


def demo(plugin: str, tmp_path: Path) -> Path:
    """A copy of the plugin's demo (its cycle.toml)."""
    folder = load_plugin(plugin)[1].demo
    assert folder is not None
    shutil.copytree(folder, tmp_path / plugin)
    return tmp_path / plugin / "cycle.toml"


def test_a_sheet_of_a_workbook_is_named_by_its_title(tmp_path, capsys):
    """A reference error in the «cruscotti» sheet names that sheet, not ``ente.xlsx[assignments]``."""
    office = tmp_path / "ufficio"
    assert main(["template", "bergamo", str(office)]) == 0
    wb = openpyxl.load_workbook(office / "mio-ente" / "ente.xlsx")
    wb["unità"].append(["ente", "Ente", "ente"])
    wb["persone"].append(["seg", "Segretaria", "Segretario", "DIR", "ente"])
    wb["cruscotti"].append(["seg", "ente", "K9"])
    wb.save(office / "mio-ente" / "ente.xlsx")
    capsys.readouterr()
    main(["validate", str(office / "cycle.toml")])
    out = capsys.readouterr().out
    assert "ente.xlsx, foglio cruscotti, cella C2 (colonna voce): errore: «K9»" in out
    assert "[assignments]" not in out


def test_statuses_funds_and_roles_in_words():
    # a status code alone is its word; a fund code inside a text its label, «quoted»
    assert fmt.worded("banded", {"banded": "in fascia"}) == "in fascia"
    words = {"performance_individuale": "Premi per la performance individuale"}
    assert fmt.worded("fondo performance_individuale", words) == "fondo «Premi per la performance individuale»"
    # on a document a person signs, a parameter's code beside its words is dropped
    assert fmt.worded("peso della voce unità (unit_item_weight)", {}, signed=True) == "peso della voce unità"
    assert fmt.worded("CCDI (ipotesi, params.toml reward_min_level).", {}, signed=True) == "CCDI (ipotesi)."
    # where a problem is, as the office writes ente.toml
    assert fmt.where("ente.toml:funds.risultato_po") == "ente.toml [fondi] risultato_po"
    assert fmt.where("ente.toml:approvals.premi_paid") == "ente.toml [atti] premi_erogati"
    # the contract of the cycle's year, as the comparto's layer declares it: in Funzioni Locali, Aree and EQ from
    # 1.4.2023 (CCNL 16.11.2022); an ente of another comparto (or of none) keeps the core's words
    fl = make_plugin_manager("bergamo")[1].staff_words
    assert fl is not None and fl.since == 2023
    assert labels.role_label("po", 2022, fl) == "Posizione organizzativa"
    assert labels.role_label("po", 2023, fl) == "Posizione organizzativa / EQ"
    assert labels.role_label("po", 2024, fl) == "Elevata qualificazione (EQ)"
    assert labels.role_label("segretario", 2024, fl) == "Segretario"
    assert labels.category_label("C", 2022, fl) == "categoria C"
    assert labels.category_label("C", 2024, fl) == "Area degli Istruttori (ex categoria C)"
    assert labels.role_label("po", 2024, None) == "Posizione organizzativa"
    assert labels.category_label("C", 2024, None) == "categoria C"
    # the dirigenti's DIR is no category of any contract: said as what it is, with the code the office wrote
    assert labels.category_label("DIR", 2024, fl) == labels.category_label("DIR", 2020, None)
    assert labels.category_label("DIR", 2020, None) == "qualifica dirigenziale (DIR)"
    # the layer's Aree are the ones a people.csv may write for a category (read as the category they replaced)
    assert dict(fl.areas) == labels.AREE_2023
    # a band's shares as percentages
    assert fmt.param_value([{"name": "alta", "staff": 0.2, "resources": 0.5}]) == "alta (personale 20%; risorse 50%)"


def test_plurals_after_one():
    one = Problem(rule="r", message="m", file="people.csv", row=2)
    assert render_problems([one], limit=1, total=2).splitlines()[-2:] == ["… e un altro problema", "2 problemi"]
    assert render_problems([one]).splitlines()[-1] == "1 errore, 0 avvisi"


@pytest.mark.slow  # schede-personali prints a PDF per person with Chromium
def test_the_scheda_personale_reads_as_italian(tmp_path):
    """A Comunità montana employee's scheda: the fund and the status by their words, no parameter code, the act by
    its title (not «regolamento comunita_montane»)."""
    cycle = demo("comunita_montane", tmp_path)
    assert main(["run", str(cycle), "--no-store", "--out", str(tmp_path / "out")]) in (0, 1)
    folder = tmp_path / "out" / "cm-feltrina"
    assert main(["schede-personali", str(folder)]) == 0
    pages = list((tmp_path / "schede-personali" / "cm-feltrina").glob("*.html"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for code in ("banded", "performance_individuale", "unit_item_weight", "regolamento comunita_montane", ".txt"):
        assert code not in text, code
    assert "Premi annuali sui risultati della performance (art. 17)" in text  # the fund's label
    assert "in fascia" in text  # the status banded in words


def test_the_relazione_names_its_fund(tmp_path):
    cycle = demo("bergamo", tmp_path)
    plan = load_config(cycle)
    from ciclope.core.reports.html import render

    page = render(compute(plan.enti[0], plan.year))
    assert "Fondo performance_individuale" not in page
    assert "Premi per la performance individuale (art. 45–46)" in page
    assert "Nessuna revisione in revisions.csv" not in page


def test_one_row_too_wide_is_one_error(tmp_path, capsys):
    """A note typed after the last column of a dirigente's row refuses that row alone: what refers to the
    dirigente (units, evaluators, cards) is not reported again, 57 errors before."""
    cycle = demo("bergamo", tmp_path)
    people = cycle.parent / "cciaa-bergamo" / "persone.csv"
    rows = people.read_text(encoding="utf-8").splitlines()
    rows[2] += ",nota in più"  # row 3: the dirigente DIR
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(cycle)]) == 1
    out = capsys.readouterr().out
    assert "persone.csv, riga 3: errore: la riga ha 10 celle ma l'intestazione 9 colonne" in out
    assert out.rstrip().endswith("1 errore, 0 avvisi")


def test_validate_of_many_enti_ends_with_a_total(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    capsys.readouterr()
    main(["validate", str(cycle)])
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    # the four demo Comuni (comune-fondo paid from its fund): each with one warning (the art. 69 maggiorazione
    # not configured), and comune-fondo one more: its fund counts 14.000,00 of EQ resources in the limit, and its
    # people sheet has no EQ
    assert last == (
        "Totale: 4 enti — 0 senza problemi, 4 con soli avvisi, 0 con errori, 0 non caricabili o falliti; "
        "0 errori e 5 avvisi in tutto"
    )


def test_a_long_ranking_shows_its_ends():
    from ciclope.core.store.commands import ends

    rows = [[f"{n}°", f"ente-{n}", "x"] for n in range(1, 31)]
    shown = ends(rows, every=False)
    # 5 first + a line for the 20 left out + 5 last
    assert len(shown) == 11 and shown[5] == ["…", "altri 20 enti (tutti con --tutti, --json o nel portale)", ""]
    assert shown[:5] == rows[:5] and shown[-5:] == rows[-5:]
    assert ends(rows, every=True) == rows


def test_the_collection_speaks_singular_and_names_its_own_paths(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    out = tmp_path / "raccolta"
    capsys.readouterr()
    assert main(["raccolta", "crea", str(cycle), "--ente", "comune-livelli", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert ": 1 cartella in " in printed and "1 indicatore" in printed and "1 indicatori" not in printed
    readme = (out / "LEGGIMI.txt").read_text(encoding="utf-8")
    assert f"ciclope raccolta unisci {cycle} --ente comune-livelli {out}" in readme
    assert "CYCLE.toml" not in readme and "{questa cartella}" not in readme


def test_the_template_names_a_plugins_own_sheets_in_italian(tmp_path):
    assert main(["template", "comunita_montane", str(tmp_path / "u")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    assert "innovazione" in wb.sheetnames and "innovation" not in wb.sheetnames
    assert [c.value for c in wb["innovazione"][1]] == ["persona", "tipo", "rinuncia_al_bonus", "importo"]
    assert "retribuzione_posizione" in [c.value for c in wb["persone"][1]]
    note = wb["persone"]["J1"].comment.text if wb["persone"]["J1"].value == "retribuzione_posizione" else ""
    # what the column holds and a real example, never the header said again
    assert note.startswith("retribuzione_posizione: retribuzione di posizione annua lorda di dirigenti e PO, in euro")
    assert "Esempio: 9500" in note


@pytest.mark.parametrize("plugin", ["regolamento"])
def test_the_declared_regulations_fund_is_in_ente_toml(tmp_path, plugin):
    assert main(["template", plugin, str(tmp_path / "u")]) == 0
    toml = (tmp_path / "u" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    assert '# performance_individuale = "12000.00"' in toml.split("[fondi]")[1].split("[atti]")[0]


def test_new_plugin_says_pip_install_e(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new-plugin", "provincia_prova"]) == 0
    out = capsys.readouterr().out
    assert "pip install -e " in out
    rules = (tmp_path / "ciclope-provincia_prova" / "ciclope_provincia_prova" / "rules.py").read_text()
    assert "def ciclope_calendar(year: int, params: Params) -> list[Deadline]:" in rules
    pyproject = (tmp_path / "ciclope-provincia_prova" / "pyproject.toml").read_text()
    assert '"demo/ciclope.db*"' in pyproject  # a demo run's store never goes into the wheel


def test_an_area_of_the_2022_contract_is_read_as_its_category(tmp_path):
    """The template of a cycle after 1.4.2023 offers the Aree: the loader reads each as the category it replaced."""
    from ciclope.core.inputs.loading import CANONICAL

    parse = CANONICAL["people"]["category"][0]
    assert parse("Area degli Istruttori") == "C" and parse("area dei funzionari e dell'elevata qualificazione") == "D"
    assert parse("c") == "C"
    with pytest.raises(ValueError, match="Area del CCNL 16.11.2022"):
        parse("Area dei dirigenti")
    role = CANONICAL["people"]["role"][0]
    assert role("Elevata qualificazione (EQ)") == "po" and role("Segretario comunale") == "segretario"


def test_explain_says_why_a_person_has_no_score(tmp_path, capsys):
    """The Segretario of the Comune di Livelli is not evaluated by its regulation: explain said «esito: non
    valutato» and «Nessuna cifra calcolata da spiegare» without the reason the results carry."""
    cycle = demo("regolamento", tmp_path)
    capsys.readouterr()
    assert main(["explain", str(cycle), "--ente", "comune-livelli", "--person", "SEG"]) == 0
    out = capsys.readouterr().out
    assert "esito: non valutato (senza valutazione individuale: il regolamento non la prevede per il suo ruolo)" in out


def test_explain_needs_the_ente_only_in_a_cycle_of_many(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    capsys.readouterr()
    assert main(["explain", str(cycle), "--person", "SEG"]) != 0
    err = capsys.readouterr().err
    assert (
        "il ciclo ha 4 enti: scegli quale con --ente (enti: comune-soglie, comune-livelli, comune-parti, comune-fondo)"
        in err
    )
    cycle.write_text(  # the Comune di Livelli alone
        '[ciclo]\nanno = 2024\nrisultati = "risultati"\n\n[[ente]]\nid = "comune-livelli"\nplugin = "regolamento"\n'
        'regolamento = "smvp-livelli.toml"\ndati = "comune-livelli"\n',
        encoding="utf-8",
    )
    assert main(["explain", str(cycle), "--person", "SEG"]) == 0
    assert "Persona SEG — Segretario comunale" in capsys.readouterr().out
