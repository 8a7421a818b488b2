"""The catalogue's regulations as people read them: each run on the small ente its test builds
(test_regolamento_catalogo, test_regolamento_formulas), through ``ciclope run`` with every default output, ``ciclope
explain`` and ``ciclope regolamento leggi``, and the texts scanned as tests/test_what_people_see.py scans the demo's
(:mod:`seen`); and, one test each, what a review of those texts found: a level read by its label, a share the text
writes as a percentage read as one, a mean or a ratio of days to four decimals, a fund by its words, a fund the
regulation constitutes sought where it is written."""

from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import seen
import test_regolamento_catalogo as catalogo
import test_regolamento_formulas as formulas
from test_regolamento_catalogo import card, ente, montagna_sicura, run

from ciclope.core.commands.cli import main
from ciclope.core.reports import stats
from ciclope.core.run.explain import explain, show
from ciclope.core.schede.content import build, level_words
from ciclope.core.testing import compute_ente, write_ente
from ciclope.core.tomlcompat import read_toml

from helpers import run_declared

# The catalogue's tests whose enti are read here: levels with labels and without, nested shares, a fund the
# regulation constitutes, reductions by brackets, a threshold at the mean, positions with an interim, a park's
# point's value with a set-aside maggiorazione, a port authority's owed parts with an advance and a balance.
READ = (
    (catalogo, "test_magenta_merit_bands_of_the_dirigenti"),
    (catalogo, "test_fondazione_alma_mater_nested_shares_of_the_plafond_by_position_and_level"),
    (catalogo, "test_montagna_sicura_the_ceiling_of_85_percent_binds"),
    (catalogo, "test_ater_civitavecchia_presence_by_grade_cut_by_absences_and_objectives"),
    (catalogo, "test_dap_coefficients_of_the_judgement_and_the_best_reggenza"),
    (catalogo, "test_parco_pollino_40_percent_by_the_attested_performance_48_by_the_point_and_the_maggiorazione"),
    (catalogo, "test_adsp_tirreno_centrale_80_20_by_the_band_of_each_section_advance_and_balance"),
    (formulas, "test_the_interim_is_paid_with_the_result_pay_out_of_its_fund_first"),
)
# A number with more digits than any the office typed or ciclope rounds to (λ has six): a Decimal printed whole.
LONG = re.compile(r"\d,\d{7,}")


def built(monkeypatch, folder: Path) -> list[tuple[str, dict[str, str]]]:
    """The regulation and the files of each ente the tests of :data:`READ` build, their assertions run."""
    kept: list[tuple[str, dict[str, str]]] = []

    def keeping(ciclope_ente, where, regulation, data, **params):
        kept.append((regulation, dict(data)))
        return run_declared(ciclope_ente, where, regulation, data, **params)

    def fresh(plugin, files, year=2021, params=None, until="rendicontazione"):
        here = folder / f"calcolo-{len(kept)}"  # one folder per ente: no file of another stays in it
        return compute_ente(write_ente(here, files), plugin, year, params, until)

    for module, name in READ:
        monkeypatch.setattr(module, "run_declared", keeping)
        (folder / name).mkdir()
        getattr(module, name)(fresh, folder / name)
    return kept


def said(args: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code in (0, 1), err.getvalue()
    return out.getvalue() + err.getvalue()


def book(path: Path) -> str:
    """A workbook's words, sheet by sheet: its text cells (numbers carry their format, not their words)."""
    sheets = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        str(v) for ws in sheets.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)
    )


def rendered(root: Path, enti: list[tuple[str, dict[str, str]]]) -> tuple[dict[str, str], dict[str, str]]:
    """Every document and terminal text of the cycle of ``enti``: name → text, and those of the public pages."""
    lines = ["[ciclo]", "anno = 2024", 'risultati = "risultati"']
    for n, (text, data) in enumerate(enti, start=1):
        (root / f"ente-{n}.toml").write_text(text, encoding="utf-8")
        write_ente(root / f"ente-{n}", data)
        lines += ["[[ente]]", f'id = "ente-{n}"', 'plugin = "regolamento"', f'regolamento = "ente-{n}.toml"']
        lines.append(f'dati = "ente-{n}"')
    cycle = root / "cycle.toml"
    cycle.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = {"run": said(["run", str(cycle), "--no-store"]), "validate": said(["validate", str(cycle)])}
    for n in range(1, len(enti) + 1):
        out = root / "risultati" / f"ente-{n}"
        texts[f"leggi {n}"] = said(["regolamento", "leggi", str(root / f"ente-{n}.toml")])
        people = [p.split(",", 1)[0] for p in enti[n - 1][1]["people.csv"].splitlines()[1:]]
        for pid in [p for p in people if p != "SEG"][:3]:
            texts[f"explain {n} {pid}"] = said(["explain", str(cycle), "--ente", f"ente-{n}", "--person", pid])
        said(["schede-personali", str(out), "--solo-html"])
        texts[f"{n}/relazione.html"] = seen.page_text(out / "relazione.html")
        texts[f"{n}/schede.xlsx"] = book(out / "schede.xlsx")
        if (out / "trasparenza.csv").is_file():  # a case computed with errors publishes nothing
            texts[f"{n}/trasparenza.csv"] = (out / "trasparenza.csv").read_text(encoding="utf-8")
    public = {f"{p.parent.name}/{p.name}": seen.page_text(p) for p in root.glob("risultati/*/relazione-pubblica.html")}
    public |= {
        f"{p.parent.name}/{p.name}": p.read_text(encoding="utf-8") for p in root.glob("risultati/*/premi-art20.csv")
    }
    for page in root.glob("schede-personali/*/*.html"):
        texts[f"scheda {page.parent.name}/{page.name}"] = seen.page_text(page)
    return texts, public


def labelled(root: Path) -> frozenset[str]:
    """The names the regulations give a label in [etichette] and write with «_»: read by their labels."""
    return frozenset(k for p in root.glob("ente-*.toml") for k in read_toml(p).get("etichette", {}) if "_" in k)


def test_the_catalogue_s_outputs_read_as_people_read_them(monkeypatch, tmp_path):
    root = tmp_path / "ciclo"
    root.mkdir()
    texts, public = rendered(root, built(monkeypatch, tmp_path))
    ids = frozenset(
        line.split(",", 1)[0] for p in root.glob("ente-*/*.csv") for line in p.read_text("utf-8").splitlines()[1:]
    )
    allowed = ids | seen.vocabulary() | seen.office_words(root)
    units = seen.unit_codes(root)  # a public page names a unit by its name, never beside these
    codes, names = seen.labelled_codes(), labelled(root)
    bad: dict[str, list[str]] = {}
    for name, text in [*texts.items(), *public.items()]:
        terminal = not name.endswith((".html", ".xlsx", ".csv"))
        shown = seen.terminal_text(text) if terminal else text
        found = seen.findings(
            shown,
            codes,
            strict=name.startswith("scheda "),
            allowed=allowed,
            public=name in public,
            ids=ids,
            units=units,
        )
        found += [f"decimali: «{m.group()}»" for m in LONG.finditer(text)]
        words = seen.OFFICE_WRITES.sub(" ", seen.FORMULA.sub(" ", text))
        found += [f"senza etichetta: «{k}»" for k in names if re.search(rf"(?<![\w«]){k}(?![\w»])", words)]
        if found:
            bad[name] = found[:5]
    assert not bad, "\n".join(f"{n}:\n  " + "\n  ".join(f) for n, f in sorted(bad.items()))
    assert {n.split("/")[-1] for n in [*texts, *public]} >= {"relazione.html", "relazione-pubblica.html", "schede.xlsx"}


MAGENTA = [
    "M1,Persona M1,dirigente,DIR,ente,1,0,false,SEG",
    "M2,Persona M2,dipendente,C,ente,1,0,false,SEG",
]


def test_a_level_is_read_by_its_label_on_the_scheda_and_in_the_distribution(ciclope_ente, tmp_path):
    # Magenta: «prima_fascia = "prima fascia di merito (x ≥ 95)"» in [etichette]; M1 95,00 reaches it
    result = run(ciclope_ente, tmp_path, "magenta", ente(MAGENTA, [card("M1", "95"), card("M2", "90")]))
    assert result.scores["M1"].level == "prima_fascia"
    # the dirigente M1 and the dipendente M2 are on two scales: the evaluators' column names neither's top; the
    # distribution names each level by its label, the common scale first (M2 90,00: da_90_a_100), then the
    # dirigenti's, then SEG (no card: «non valutato»)
    assert stats.evaluators(result)[1] == "quota al livello più alto della propria scala sulle persone con un livello"
    assert stats.distribution(result) == [
        ("dipendenti 100–90%", 1),
        ("prima fascia di merito (x ≥ 95)", 1),
        ("non valutato", 1),
    ]
    # the scheda says the level once, by its label, beside the score; the sentence under it says the outcome only
    assert build(result, "M1").level.startswith("prima fascia di merito (x ≥ 95)")
    assert level_words(result, "M1", "prima_fascia", "evaluated") == "Esito: valutato."


def test_on_one_scale_the_evaluators_table_names_the_top_level_by_its_label(ciclope_ente, tmp_path):
    # Magenta without a dirigente: everyone on the common scale; M2 90,00 reaches da_90_a_100, the highest in use
    result = run(ciclope_ente, tmp_path, "magenta", ente(MAGENTA[1:], [card("M2", "90")]))
    assert stats.evaluators(result)[1] == "quota al livello più alto (dipendenti 100–90%) sulle persone con un livello"


def line_of(text: str, start: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(start))


def test_a_share_the_text_writes_as_a_percentage_reads_as_one(ciclope_ente, tmp_path):
    # ATER: 20 days of absence fall in «16–25: riduzione 0.05», the cut of the presence part; the objectives part's
    # weight reads the unit's achievement, IN1 10 of 10: 100%
    people = ["T2,Persona T2,dipendente,C,ente,1,20,false,SEG,C1"]
    result = run(ciclope_ente, tmp_path, "ater_civitavecchia", ente(people, [card("T2", "80")], extra="grado"))
    told = explain(result, "person", "T2")
    assert line_of(told, "■ Riduzione del premio di Persona T2") == "■ Riduzione del premio di Persona T2 = 5%"
    assert line_of(told, "• il raggiungimento degli obiettivi dell'unità") == (
        "• il raggiungimento degli obiettivi dell'unità = 100,00%"
    )


def test_the_measure_of_an_interim_reads_as_a_percentage(ciclope_ente, tmp_path):
    # «interim = 0.2» of [posizioni]: 20% of the pay of the position covered
    text, data = formulas.interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    told = explain(run_declared(ciclope_ente, tmp_path, text, data), "person", "PO1")
    assert line_of(told, "• misura dell'interim") == "• misura dell'interim = 20%"


def test_a_share_of_a_share_reads_as_the_text_writes_it(ciclope_ente, tmp_path):
    # Fondazione Alma Mater: «80% del plafond … a tutto il personale, di cui l'80% ripartito in egual misura»
    people = ["P1,Impiegata,dipendente,,ente,1,0,false,,,,no,primo livello"]
    data = ente(people, [], extra="assunzione,cessazione,posizione_responsabilita,inquadramento")
    data["ente.toml"] = (
        'name = "Fondazione"\n[funds]\npremio_produttivita = "13000.00"\n[approvals]\npremi_erogati = 2025-07-15\n'
    )
    told = explain(run(ciclope_ente, tmp_path, "fondazione_alma_mater", data), "person", "P1")
    assert line_of(told, "• di cui") == "• di cui = 80%"


def test_a_mean_and_a_ratio_of_days_read_to_four_decimals(ciclope_ente, tmp_path):
    # DAP: «Oltre la media dal valore medio dei punteggi + 1»; on 500: (450 + 420 + 400 + 352 + 300 + 200) / 6 =
    # 2.122 / 6 = 353,6666…: the threshold 354,6666…, to four decimals 354,6667 (compared exact)
    points = {"D1": 450, "D2": 420, "D3": 400, "D4": 352, "D5": 300, "D6": 200}
    people = [f"{pid},Dirigente {pid},dirigente,DIR,ente,1,0,false,SEG,40000.00" for pid in points]
    cards = [card(pid, str(p), "500") for pid, p in points.items()]
    result = run(ciclope_ente, tmp_path, "dap", ente(people, cards, "48000.00", "position_pay"))
    threshold = result.figures["livelli:soglia:Oltre la media"]
    assert (threshold.value, threshold.note) == (Decimal("354.6667"), "soglia dell'anno: 354,6667 punti su 500")
    assert {i.name: i.value for i in threshold.inputs} == {"la media del punteggio nell'ente": Decimal("353.6667")}
    assert result.scores["D4"].level == "Distinto"  # 352 < 354,666…
    # Montagna Sicura: M4 hired on 16 April 2024, 366 − 106 = 260 days of 366 = 0,710382… → «0,7103…», cut at the
    # fourth decimal and said cut, never rounded to 0,7104 without a sign
    staff = {"M1": ("1", "", "", "50+50"), "M4": ("1", "2024-04-16", "", "50+50")}
    (tmp_path / "montagna").mkdir()
    sicura = run(ciclope_ente, tmp_path / "montagna", "montagna_sicura", montagna_sicura(staff, ""))
    (summed,) = [f for k, f in sicura.figures.items() if k.startswith("aggregato:")]
    # the Segretario, whom the sum's condition (ruolo = "dipendente") leaves out, in the one line of the others
    assert {i.name: show(i.value, "number") for i in summed.inputs} == {
        "Persona M1 (M1)": "1",
        "Persona M4 (M4)": "0,7103…",
        "l'altra persona, per cui il ruolo non è uguale a «dipendente»": "0",
    }
    assert show(summed.value, "number") == "1,7103…"  # 1 + 0,710382… = 1,710382…; the fund reads it exact


def test_the_fund_of_the_positions_is_named_in_words(ciclope_ente, tmp_path):
    text, data = formulas.interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    told = explain(run_declared(ciclope_ente, tmp_path, text, data), "person", "PO1")
    # «PO» in capitals, as the field writes it (a Comune read «fondo risorse eq»)
    assert "• fondo posizioni PO = € 40.000,00   ← ente.toml [fondi] posizioni_po" in told
    assert "fondo posizioni_po" not in told


def test_a_fund_the_regulation_constitutes_is_not_sought_in_ente_toml(ciclope_ente, tmp_path):
    # Montagna Sicura: the ceiling 85% × 3.600 × 1 = 3.060,00 for one dipendente, due 3.600,00: not enough; the fund
    # is [[fondi]] of the regulation, «non si scrive in ente.toml»
    staff = {"M1": ("1", "", "", "50+50")}
    result = run(ciclope_ente, tmp_path, "montagna_sicura", montagna_sicura(staff, ""))
    (short,) = [p for p in result.violations if p.rule == "regolamento.fondo_insufficiente"]
    # the office finds the fund where the regulation constitutes it: the one [[fondi]] of the file, at line 58
    assert short.said == "smvp.toml, riga 58, [[fondi]] n. 1"  # the catalogue's text, written as smvp.toml
    assert "(€ 3.060,00) non basta per i premi dovuti (€ 3.600,00)" in short.message


def test_the_public_relazione_names_no_command_without_the_archive(ciclope_ente, tmp_path):
    from ciclope.core.reports.relazione.annexes import NO_ARCHIVE

    assert not seen.COMMAND.search(NO_ARCHIVE)
