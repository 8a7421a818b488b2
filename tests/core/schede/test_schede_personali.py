"""`schede-personali` refuses to describe data that changed since the run, and suggests the nearest person
id; `validate --until` checks what `run --until` computes (issue 42)."""

import csv
import datetime as dt
import json

import pytest

from ciclope.core.commands.cli import main


def test_validate_until_monitoring_reports_what_run_until_monitoring_finds(example, tmp_path, capsys):
    folder = example("brescia")
    indicators = next(folder.glob("*/indicators.csv"))
    rows = list(csv.DictReader(indicators.open(encoding="utf-8")))
    for row in rows:
        row["actual"] = ""  # July: no year-end actual yet
    with indicators.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    cycle = folder / "cycle.toml"
    assert main(["validate", str(cycle)]) == 1  # the year-end check: errors of phases d-e
    assert "errore" in capsys.readouterr().out
    assert main(["validate", str(cycle), "--until", "monitoraggio"]) == 0
    july = capsys.readouterr().out
    assert main(["run", str(cycle), "--until", "monitoraggio", "--out", str(tmp_path / "o"), "--no-store"]) == 0
    capsys.readouterr()
    ran = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "o").rglob("results.json")]
    assert ran and all(v["message"][:50] in july for doc in ran for v in doc["violations"])
    assert "0 errori" in july


def test_schede_personali_suggests_the_nearest_person_and_refuses_changed_data(example, tmp_path, capsys):
    folder = example("brescia")
    out = tmp_path / "o"
    main(["run", str(folder / "cycle.toml"), "--out", str(out), "--no-store"])
    ente = next(p for p in out.iterdir() if (p / "results.json").is_file())
    capsys.readouterr()
    assert main(["schede-personali", str(ente), "--persona", "hA", "--solo-html"]) == 2
    assert "persona sconosciuta" in (err := capsys.readouterr().err) and "(forse «HA»?)" in err
    assert main(["schede-personali", str(ente), "--persona", "HA", "--solo-html"]) == 0
    assert capsys.readouterr().out.startswith("Scritta 1 scheda personale in ")  # one, in the singular
    page = (tmp_path / "schede-personali" / ente.name / "HA.html").read_text(encoding="utf-8")
    assert "per presa visione" in page and 'lang="it"' in page
    assert [p.name for p in (tmp_path / "schede-personali" / ente.name).glob("*.html")] == ["HA.html"]
    people = next(folder.glob("*/people.csv"))
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the data changes after the run
    capsys.readouterr()
    assert main(["schede-personali", str(ente), "--solo-html"]) == 2
    assert "rilancia `ciclope run`" in capsys.readouterr().err


def test_calendar_ics_has_a_reminder_days_before_each_act(example, tmp_path, capsys):
    folder = example("comunita_montane")
    ics = tmp_path / "cal.ics"
    assert main(["calendar", str(folder / "cycle.toml"), "--ics", str(ics), "--promemoria", "7"]) == 0
    text = ics.read_bytes().decode("utf-8")
    events, alarms = text.count("BEGIN:VEVENT"), text.count("BEGIN:VALARM")
    assert events > 0 and alarms == events  # one reminder per act
    assert "TRIGGER:-P7D\r\n" in text and "ACTION:DISPLAY\r\n" in text
    assert "DESCRIPTION:Tra 7 giorni: " in text
    one = tmp_path / "uno.ics"
    assert main(["calendar", str(folder / "cycle.toml"), "--ics", str(one), "--promemoria", "1"]) == 0
    text = one.read_bytes().decode("utf-8")
    assert "DESCRIPTION:Tra 1 giorno: " in text and "Tra 1 giorni" not in text
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", str(folder / "cycle.toml"), "--ics", str(tmp_path / "b.ics"), "--promemoria", "sette"])
    assert exit_.value.code == 2
    assert "giorni non validi" in capsys.readouterr().err


def test_a_scheda_leaves_out_the_sums_over_a_pool_of_two():
    """rules/core.md §6: a scheda shows no figure of a group of fewer than 3 colleagues. A pool paid to 2 people:
    its fund stays (its allocation is published anyway), the sum of the two weights goes (with the fund and one's
    own weight it gives the colleague's); a pool of 3 keeps it."""
    from decimal import Decimal
    from types import SimpleNamespace

    from ciclope.core import Award
    from ciclope.core.schede.content import _own
    from ciclope.core.trace import Figure, Input

    awards = [Award("A", Decimal(600), "due"), Award("B", Decimal(400), "due")]
    awards += [Award(p, Decimal(100), "tre") for p in ("C", "D", "E")]
    memo: dict = {}
    result = SimpleNamespace(
        ledger=SimpleNamespace(awards=awards, pools={"due": None, "tre": None}),
        figures={},  # no award takes a part of a pool here
        memo=lambda key, make: memo.setdefault(key, make()),
        ente=SimpleNamespace(
            people={}, evaluator_of=lambda pid: None, evaluators_of=lambda pid: ()
        ),  # no other person's datum among the inputs
    )
    inputs = (
        Input("fondo due", Decimal(1000), ref="pool:due"),
        Input("peso", Decimal(60)),
        Input("somma dei pesi dell'area", Decimal(100)),
    )
    figure = Figure("award:A", Decimal(600), "fondo × peso / somma", "art. 1", inputs)
    # A's 600 = 1000 × 60 / 100: with «somma dei pesi» 100 the colleague's weight 40, and pay, would follow
    assert [i.name for i in _own(result, figure, "due", None).inputs] == ["fondo due", "peso"]
    assert [i.name for i in _own(result, figure, "tre", None).inputs] == [i.name for i in inputs]


def test_a_two_person_band_in_each_area_leaves_its_fund_and_fte_off_the_schede(example):
    """rules/core.md §6 on the Comunità montane with one graduatoria per area: in each area's «intermedia» and «bassa»
    two people, so each band's fund and «Σ fte della fascia» would give the colleague's premium and time by
    difference, although the band holds four people across the ente. The graduatoria's fund (over 5 and 4 people)
    stays."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.core.schede.content import build

    folder = example("comunita_montane")
    data = folder / "cm-esempio"
    with open(data / "units.csv", "a", encoding="utf-8") as fh:
        fh.write("amm,Area Amministrativa,area,cme,SEG\n")
    people = (data / "people.csv").read_text(encoding="utf-8")
    for pid in ("P6", "P7", "P9", "P10", "P11"):  # five of the staff move to the second area
        start = people.index(f"\n{pid},") + 1
        line = people[start : people.index("\n", start)]
        people = people.replace(line, line.replace(",tec,", ",amm,"))
    (data / "people.csv").write_text(people, encoding="utf-8")
    cycle = folder / "cycle.toml"
    cycle.write_text(cycle.read_text(encoding="utf-8") + '\n[ente.params]\nranking_scope = "area"\n', encoding="utf-8")
    plan = load_config(cycle)
    result = compute(plan.enti[0], plan.year)
    bands = {}
    for a in result.rewards.awards.values():
        if a.band:
            bands.setdefault(a.band, []).append(a.person)
    # tec: P1..P5 banded (P8 absent 180 days) → alta ⌊5 × 0.2⌋ = 1 (P1), intermedia ⌊5 × 0.6⌋ − 1 = 2 (P2, P3), bassa
    # the other 2 (P4, P5); amm: P6, P7, P9, P10 banded (P11 below 70) → alta ⌊4 × 0.2⌋ = 0, intermedia ⌊4 × 0.6⌋ = 2
    # (P6, P7), bassa 2 (P9, P10): four in each of «intermedia» and «bassa» across the ente, two in each area
    assert bands == {"alta": ["P1"], "intermedia": ["P2", "P3", "P6", "P7"], "bassa": ["P4", "P5", "P9", "P10"]}
    for pid in ("P2", "P3", "P4", "P5", "P6", "P7", "P9", "P10"):
        (payment,) = build(result, pid).payments
        labels = [line.label for line in payment.steps]
        assert not [x for x in labels if x.startswith("fondo della fascia") or "Σ" in x], (pid, labels)
        # the graduatoria's fund, 12,000.00 split by staff in service: tec 6 of 11 = 6,545.4545… → 6,545.45, amm
        # 5 of 11 = 5,454.5454… → 5,454.54 + the cent of the larger remainder = 5,454.55
        fund = {line.label: line.value for line in payment.steps}["fondo della graduatoria"]
        assert fund == ("€ 6.545,45" if pid in ("P2", "P3", "P4", "P5") else "€ 5.454,55")


def test_a_band_of_four_in_one_graduatoria_keeps_its_fund_on_the_scheda(example):
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.core.schede.content import build

    plan = load_config(example("comunita_montane") / "cycle.toml")
    result = compute(plan.enti[0], plan.year)
    # one graduatoria: «intermedia» holds P2, P3, P4, P5 — four people, its fund is no one's pay
    (payment,) = build(result, "P2").payments
    assert "fondo della fascia intermedia" in [line.label for line in payment.steps]


def test_the_scheda_says_the_time_worked_as_typed_and_who_signs_it(example):
    """A time worked of 83,33% is «83,33%» at the top as in the calculation below (it read «83%»); the signature
    line is «La persona valutata», a dirigente or an EQ as well as a dipendente."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    folder = example("comunita_montane")
    people = folder / "cm-esempio" / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if line.startswith("P1,"))
    cells = lines[row].split(",")
    cells[head.index("fte")] = "83,33%"
    lines[row] = ",".join(f'"{c}"' if "," in c else c for c in cells)
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ente = folder / "cm-esempio" / "ente.toml"  # approved on 10 May, validated by the OIV on 30 May
    ente.write_text(ente.read_text(encoding="utf-8") + "relazione_approved = 2022-05-10\n", encoding="utf-8")
    plan = load_config(folder / "cycle.toml")
    result = compute(plan.enti[0], plan.year)
    scheda = build(result, "P1")
    assert {line.label: line.value for line in scheda.about}["Tempo lavorato"] == "83,33%"
    page = render(scheda)
    assert "La persona valutata, per presa visione" in page and "Il dipendente, per presa visione" not in page
    # the acts in the order they happened, whatever the order of the approvals in ente.toml
    assert [line.label for line in scheda.acts] == [
        "Piano della performance adottato il",
        "Relazione approvata il",
        "Relazione validata dall'OIV il",
    ]
    days = [dt.datetime.strptime(line.value, "%d/%m/%Y") for line in scheda.acts]
    assert days == sorted(days)


def test_a_riesame_accepted_prints_the_new_points_and_says_so_in_the_note(tmp_path):
    """docs/anno-ufficio.md §3: the scheda shows the points a riesame changed; it printed the old ones, Note empty."""
    from ciclope.core.schede.content import build, card_score
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import files

    appeals = "person,stage,date,outcome,new_points_item,new_points\nE1,riesame,2022-03-15,accolto,Obiettivi,60\n"
    write_ente(tmp_path, files(**{"appeals.csv": appeals}))
    result = compute_ente(tmp_path, "comunita_montane", 2021)
    rows = {row.item: row for row in build(result, "E1").card}
    # E1's «Obiettivi»: 54 of 60 points, raised to 60 by the riesame of 15 March 2022
    assert (rows["Obiettivi"].points, rows["Obiettivi"].note) == ("60", "riesame del 15/03/2022: punti da 54 a 60")
    assert (rows["Collaborazione"].points, rows["Collaborazione"].note) == ("30", "")
    # the card's score with the new points: 100 × (60 + 30) / (60 + 40) = 90,00
    assert card_score(result, "E1") == "90,00"
