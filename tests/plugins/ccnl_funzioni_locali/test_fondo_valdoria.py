"""The fund of a Comune as a blind tester constituted it for 2025 (Comune di Valdoria, a reconstructed case: the
files beside this test): every figure was right, the presentation was not. Each test is one thing the tester read.

The fund, by hand: stable 58,420.35 + 83.20 × 15 = 1,248.00 + 1,134.60 + RIA 612.04 + 455.00 + 84.50 × 13 = 1,098.50 +
296.40 + 1,840.00 = 65,104.89; variable 1,000.00 + 1,350.00 + 820.00 + 4,950.00 + 1,200.00 + 1,612.77 = 10,932.77;
fund 76,037.66. Destined to the premiums 14,000.00 (organizzativa) and 34,000.00 (individuale), the maggiorazione
(30% of the mean, 10% of the staff) set aside from the individual premium: 1,020.00.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.inputs.config import load_config
from ciclope.core.run.explain import explain
from ciclope.core.store.engine import store_url

from helpers import fund_case

CASE = Path(__file__).parent / "valdoria"
REDUCED = "fondo ridotto dell'accantonamento per la maggiorazione del premio individuale"


def run(tmp_path: Path, fondo: str | None = None):
    return fund_case(CASE, tmp_path, "valdoria", fondo)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    return run(tmp_path_factory.mktemp("anno"))


def premium(text: str, name: str) -> str:
    """The lines of one premium's explanation, up to the next figure at the left margin."""
    start = text.index(f"■ Premio di Luigi Fontana — {name} = ")
    end = text.find("\n■ ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_only_the_fund_the_maggiorazione_is_set_aside_from_says_it_is_reduced(year):
    text = explain(year, "person", "P08")
    assert text is not None
    # the organizzativa premium is paid whole from its own fund of 14,000.00: nothing was set aside from it
    organizzativa = premium(text, "organizzativa")
    assert "  • fondo = € 14.000,00\n" in organizzativa and REDUCED not in organizzativa
    # the individual premium reads 34,000.00 − 1,020.00 = 32,980.00: it says so
    individuale = premium(text, "individuale")
    said = "  • fondo: € 34.000,00 − € 1.020,00 accantonati per la maggiorazione = € 32.980,00\n"
    assert said in individuale and REDUCED in individuale


def test_the_limit_exceeded_is_said_at_the_items_the_ente_decided_listing_them(tmp_path):
    # the tester's err_limite: obiettivi_ente 1,200.00 → 3,000.00 (row 15)
    fondo = (CASE / "valdoria" / "fondo.csv").read_text(encoding="utf-8")
    raised = fondo.replace("obiettivi_ente,1200.00,", "obiettivi_ente,3000.00,")
    assert raised != fondo
    result = run(tmp_path, raised)
    [problem] = [p for p in result.violations if p.rule == "ccnl.fondo.limite"]
    # in the limit: 58,420.35 (the 2017 amount, row 2) + 4,950.00 (variabile_1_2, row 14, Delibera GC 58/2025) +
    # 3,000.00 (obiettivi_ente, row 15, the same act) = 66,370.35; with the EQ 20,400.00: 86,770.35
    # limit: 80,500.00 + 79,300.00 / 13 = 6,100.00 per head × (14 − 13) = 86,600.00; excess 170.35
    # anchored at the first item the ente decided (row 14), never at limite_2016 (row 17), which it must not change
    assert (problem.file, problem.row, problem.column) == ("fondo.csv", 14, "importo")
    assert (
        "le voci del fondo nel limite (Unico importo consolidato delle risorse stabili 2017 € 58.420,35 + "
        "Integrazione fino all'1,2% del monte salari 1997 € 4.950,00 + Risorse per obiettivi dell'ente (scelte "
        "organizzative) € 3.000,00 = € 66.370,35) e le risorse per le EQ (€ 20.400,00) fanno € 86.770,35, che "
        "supera di € 170,35 il limite dell'anno (€ 86.600,00, " in problem.message
    )
    # without EQ the sentence names no EQ: «le risorse per le EQ (€ 66.370,35 + € 0,00 …)» read as if they were the
    # items' sum; 66,370.35 with no EQ is under the limit, so the items alone are raised by 20,400.00 → 86,770.35
    alone = raised.replace("obiettivi_ente,3000.00,", "obiettivi_ente,23400.00,")
    eq = [line for line in alone.splitlines() if line.startswith("risorse_eq,")]
    for line in eq:
        alone = alone.replace(line + "\n", "")
    assert eq and "risorse_eq," not in alone
    result = run(tmp_path / "b", alone)
    [problem] = [p for p in result.violations if p.rule == "ccnl.fondo.limite"]
    assert "EQ" not in problem.message
    assert "€ 23.400,00 = € 86.770,35) superano di € 170,35 il limite dell'anno" in problem.message
    assert "riduci le voci nel limite o scrivi la decurtazione che lo rispetta" in problem.message


def test_a_person_s_explanation_stops_at_the_fund_constituted_pointing_to_explain_pool(year):
    text = explain(year, "person", "P08")
    assert text is not None
    # both premiums reach the fund constituted (76,037.66, computed above): each says it, and where its items are
    # the fund by its words, where its explanation is: never its key, nor the command's English option
    for name in ("Premi per la performance organizzativa", "Premi per la performance individuale"):
        pointer = f"(la costituzione, voce per voce, è nella spiegazione di «{name}»)"
        assert f"• fondo costituito = € 76.037,66   {pointer}\n" in text
    # the items of the constitution are not repeated in a person's explanation: they are the fund's
    assert "Unico importo consolidato" not in text and "Risorse stabili =" not in text
    # the fund constituted once under each of the two premiums, as the last line of its chain (it was the root of
    # the constitution's 80 lines under each)
    assert text.count("fondo costituito = € 76.037,66") == 2 and "■ Fondo risorse decentrate costituito" not in text
    # explain --pool still goes down to every item
    pool = explain(year, "pool", "performance_organizzativa")
    assert pool is not None and "• Unico importo consolidato delle risorse stabili 2017 = € 58.420,35" in pool


def test_the_pool_header_says_what_the_set_aside_took_from_what_the_ccdi_destined(year):
    text = explain(year, "pool", "performance_individuale")
    assert text is not None
    # destined 34,000.00 − set aside 1,020.00 = 32,980.00, all of it paid
    assert text.splitlines()[1] == (
        "Stanziato € 34.000,00 destinati − € 1.020,00 accantonati per la maggiorazione del premio individuale "
        "(art. 81 CCNL Funzioni Locali 16.11.2022) = € 32.980,00 · distribuito € 32.980,00 · residuo € 0,00"
    )


def test_a_weight_reads_with_the_places_of_its_sum_a_unit_s_percentage_too(year):
    text = explain(year, "person", "P08")
    assert text is not None
    organizzativa = premium(text, "organizzativa")
    # peso = "=unita": FIN reached 100% of its objectives, 1 as every weight without trailing zeros, never «100%»
    # beside the «0,50411» it becomes
    assert "  • peso dalla formula = 1\n" in organizzativa
    # the weight split: 100% × 184 / 365 = 0.504109589… → six places, 0,504110, said without its last zero
    assert "  • peso = 0,50411\n  • Σ pesi = 8,765601\n" in organizzativa
    # the individual premium: 78 × 184 / 365 = 39.320547945… → 39,320548, beside 740,641036
    assert "  • peso = 39,320548\n  • Σ pesi = 740,641036\n" in premium(text, "individuale")


def test_the_maggiorazione_is_explained_by_a_neutral_name_too(year):
    # 10% of the 14 dipendenti evaluated… the figures are the old key's: both names give the same explanation
    old = explain(year, "pool", "maggiorazione_art69")
    assert old is not None and old.startswith("Maggiorazione del premio individuale")
    assert explain(year, "pool", "maggiorazione") == old


def test_the_limit_s_adjustment_by_staff_shows_its_working(year):
    # the 2018 fund and PO resources 79,300.00 over the 13 in service at 31.12.2018 = 6,100.00 a head, × (14 − 13)
    [limit] = [c for c in year.fund.checks if c.key == "limite"]
    rows = dict(limit.rows)
    said = (
        "Adeguamento al personale in servizio (DL 34/2019 art. 33 c. 2): € 79.300,00 / 13 = € 6.100,00 per persona "
        "× (14 − 13)"
    )
    assert rows[said] == Decimal("6100.00")
    assert rows["Limite dell'anno"] == Decimal("86600.00")  # 80,500.00 + 6,100.00


def test_next_year_s_template_keeps_the_store_of_the_year_it_comes_from(tmp_path, capsys):
    folder = tmp_path / "valdoria"
    shutil.copytree(CASE, folder)
    assert main(["run", str(folder / "cycle.toml")]) == 0  # recorded in ciclope.db beside cycle.toml
    assert (folder / "ciclope.db").is_file()
    nxt = tmp_path / "u2026"
    assert main(["template", "regolamento", str(nxt), "--from", str(folder / "risultati" / "valdoria")]) == 0
    said = capsys.readouterr().out
    # the new cycle records in the same store, named from the new folder: its Modulo III finds the 2025 fund
    assert '\n[archivio]\nindirizzo = "../valdoria/ciclope.db"' in (nxt / "cycle.toml").read_text(encoding="utf-8")
    plan = load_config(nxt / "cycle.toml")
    assert store_url(nxt / "cycle.toml", plan.store) == f"sqlite:///{(folder / 'ciclope.db').resolve()}"
    assert (
        "Il nuovo ciclo usa lo stesso archivio dell'anno prima (../valdoria/ciclope.db, in [archivio] indirizzo di "
        "cycle.toml): la relazione tecnico-finanziaria confronta il fondo con quello dell'anno prima (Modulo III)."
    ) in said.splitlines()


def test_a_template_from_a_run_without_a_store_says_how_to_keep_the_comparison(tmp_path, capsys):
    folder = tmp_path / "valdoria"
    shutil.copytree(CASE, folder)
    assert main(["run", str(folder / "cycle.toml"), "--no-store"]) == 0
    nxt = tmp_path / "u2026"
    assert main(["template", "regolamento", str(nxt), "--from", str(folder / "risultati" / "valdoria")]) == 0
    assert "[archivio]" not in (nxt / "cycle.toml").read_text(encoding="utf-8")
    said = capsys.readouterr().out
    assert (
        "L'anno prima è stato eseguito senza archivio, o il suo archivio non si trova: il nuovo ciclo ne usa uno "
        "nuovo. Per confrontare il fondo con l'anno prima (Modulo III) i due cicli devono usare lo stesso archivio: "
        "scrivilo in [archivio] indirizzo di cycle.toml, o indicalo con --store."
    ) in said.splitlines()


def test_the_fund_s_items_are_named_by_their_words_never_their_codes(year):
    """explain --pool down to the constitution: each item read from fondo.csv by the words the Relazione
    tecnico-finanziaria gives it (the item's title; a base figure's, as its «Dati di partenza»), with the file, the
    row and the column; never «unico_importo_2017, riga 2» nor «voce unico_importo_2017»."""
    from ciclope.plugins.ccnl_funzioni_locali.fondo.table import table

    text = explain(year, "pool", "performance_individuale")
    assert text is not None
    codes = sorted(v for v in table().voci if "_" in v)
    assert [c for c in codes if c in text] == []
    assert "voce " not in text
    # fondo.csv row 2: 58,420.35 with no act; row 3: 15 people at 31.12.2015, × 83.20 = 1,248.00
    assert (
        "  • Unico importo consolidato delle risorse stabili 2017 = € 58.420,35   ← fondo.csv, riga 2, colonna "
        "importo\n"
    ) in text
    assert "formula: importi scritti nel foglio fondo\n" in text
    assert (
        "  • Personale destinatario del CCNL in servizio al 31.12.2015 (per teste) = 15   ← fondo.csv, riga 3, "
        "colonna numero\n"
    ) in text
    # the RIA of two cessati, rows 6 and 7 with the same act: 612.04 + 455.00 = 1,067.04, each row by its number
    assert "formula: RIA annue dei cessati prima dell'anno del fondo\n" in text
    assert ", riga 6 (Det. 312/2025) = € 612,04   ← fondo.csv, riga 6, colonna importo\n" in text
    # the 1.2% of the 1997 monte salari, decided at its cap: 412,500.00 × 1.2% = 4,950.00
    assert (
        "  • Integrazione fino all'1,2% del monte salari 1997 = € 4.950,00   ← fondo.csv, riga 14, colonna importo\n"
    ) in text
    assert "  • tetto: 1,2% × monte salari 1997 (base dell'1,2%) = € 4.950,00\n" in text


def test_no_figure_of_the_fund_reads_a_voce_by_its_code(year):
    """Every figure of the fund (its items, the limit, the 2018 mean per head): what it read is named by words."""
    from ciclope.plugins.ccnl_funzioni_locali.fondo.table import table

    codes = [v for v in table().voci if "_" in v]
    fund = {key: f for key, f in year.figures.items() if key.startswith("fund:")}
    assert {"fund:limit", "fund:limit:dl34", "fund:limit:dl34:per_head"} <= set(fund)
    named = [(key, i.name) for key, f in fund.items() for i in f.inputs if any(c in i.name for c in codes)]
    assert named == []
    assert not [key for key, f in fund.items() if any(c in f.formula for c in codes)]
