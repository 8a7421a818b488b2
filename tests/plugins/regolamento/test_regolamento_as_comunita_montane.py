"""The Comunità Montane's regulation written as a declared file (``tests/regolamento/comunita_montane.toml``,
formato 2) gives the same money, levels and statuses as the Python plugin ``comunita_montane``: on the public
example, on synthetic enti large enough for the bonus delle eccellenze, with one graduatoria per area, and on small
enti made by hand.

Compared byte for byte as results.json writes them: every pool (amount, distributed, residual), every award of
every person (amount, band, pool, further awards), every score, level and status. Compared too: the progressioni
economiche of art. 20 (who is selected, as the set of ids, how many, the candidates and the places ⌊25% × staff in
service⌋; the file reads «the first two merit bands» with ``FASCIA``) and the Piano's deadline of art. 7.1 lett. a
(45 days after the budget's approval) in the cycle's calendar. Not compared: the plugin's other reports (rewards.extra, the evaluators'
differentiation), the calendar's other acts and the wording of explanations and warnings. Rules the file does not say, so the enti here do not exercise them: the CCNL 1999 per-person limits of
the PO result pay (cycles before 21.5.2018), the innovation and efficiency prizes of art. 19 with their amounts
and the incompatibility of art. 18.4 (the synthetic ``innovation.csv`` rows all renounce the bonus and carry no
amount, so the declared copy leaves the file out), and a lead's score from the card alone when their unit was not
measured."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from helpers import TESTS, ciclope

DECLARED = TESTS / "regolamento" / "comunita_montane.toml"
AREA = '[ente.params]\nranking_scope = "area"\n'


def cli(*args: str) -> None:
    done = ciclope(*args)
    assert done.returncode == 0, done.stdout + done.stderr


def both(source: Path, tmp: Path, by_area: bool = False) -> tuple[Path, Path]:
    """The cycle run by the plugin and by the declared file; the output folders of each."""
    python, declared = tmp / "python", tmp / "declared"
    for side in (python, declared):
        shutil.copytree(source, side, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    text = DECLARED.read_text(encoding="utf-8")
    if by_area:
        text = text.replace("tetto_prime_fasce = 0.30\n", 'tetto_prime_fasce = 0.30\ngraduatorie = "area"\n')
    (declared / "smvp.toml").write_text(text, encoding="utf-8")
    for extra in [*declared.rglob("innovation.csv"), *declared.rglob("innovazione.csv")]:  # the example; synth
        extra.unlink()
    cycle = (python / "cycle.toml").read_text(encoding="utf-8")
    if by_area:
        cycle = re.sub(r'(dati = "[^"]+"\n)', lambda m: m.group(1) + AREA, cycle)
        (python / "cycle.toml").write_text(cycle, encoding="utf-8")
    swapped = cycle.replace(AREA, "").replace(
        'plugin = "comunita_montane"', 'plugin = "regolamento"\nregolamento = "smvp.toml"'
    )
    (declared / "cycle.toml").write_text(swapped, encoding="utf-8")
    for side in (python, declared):
        cli("run", str(side / "cycle.toml"), "--out", str(side / "out"), "--no-store")
    return python / "out", declared / "out"


def money_levels_statuses(results: dict) -> dict:
    individual = {pid: (p["score"], p["level"], p["status"]) for pid, p in results["individual"].items()}
    return {"pools": results["rewards"]["pools"], "people": results["rewards"]["people"], "individual": individual}


def progressions_and_piano(results: dict) -> dict:
    """What a side says of art. 20 and of the Piano's deadline, in terms both share: the ids selected for the
    progressioni (both write them as ``rewards.extra.progressioni``, each in its own graduatoria order), how many, the
    places (``limit`` of ``progressioni_detail``), the candidates, and the due date of the calendar's act proved by
    ``piano_adopted``. A side that says none of them gives None or an empty list, never the other's value."""
    extra = results["rewards"].get("extra", {})
    selected = extra.get("progressioni")
    detail = extra.get("progressioni_detail") or {}
    return {
        "selected": None if selected is None else sorted(selected),
        "count": None if selected is None else len(selected),
        "places": detail.get("limit"),
        "candidates": sorted(detail.get("candidates", [])),
        "piano": [d["due"] for d in results["calendar"] if d["approval"] == "piano_adopted"],
    }


def assert_same(python: Path, declared: Path) -> dict[str, dict]:
    """Money, levels and statuses the same; of art. 20 the places, the candidates, the selected and the Piano's
    deadline the same."""
    found = {}
    for path in sorted(python.glob("*/results.json")):
        plugin = json.loads(path.read_text(encoding="utf-8"))
        toml = json.loads((declared / path.parent.name / "results.json").read_text(encoding="utf-8"))
        name = path.parent.name
        by_python = money_levels_statuses(plugin)
        assert money_levels_statuses(toml) == by_python, name
        mine = progressions_and_piano(plugin)
        assert progressions_and_piano(toml) == mine, name
        found[name] = {**by_python, "art20": mine}
    assert found
    return found


def by_hand(
    tmp: Path, points: dict[str, int], budget: str | None, insufficient: str = "", half_reached: str = ""
) -> Path:
    """The public example with the cards' points of ``points`` (person → points of the one item), ``insufficient``
    declared of insufficient rendimento, ``half_reached`` moved to a new unit whose one objective is reached at 50%,
    and the budget approved on ``budget`` (None: not dated)."""
    source = tmp / "source"
    shutil.copytree(EXAMPLES / "comunita_montane", source, ignore=shutil.ignore_patterns("risultati", "out"))
    data = source / "cm-esempio"
    cells = {p: {"points": str(v)} for p, v in points.items()}
    people = {p: c for p, c in ((insufficient, {"insufficient": "true"}), (half_reached, {"unit": "amm"})) if p}
    for name, values in (("evaluations.csv", cells), ("people.csv", people)):
        with (data / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            row.update(values.get(row.get("person") or row["id"], {}))
        with (data / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    for name, line in (
        ("units.csv", "amm,Area Amministrativa,area,cme,SEG"),
        ("objectives.csv", "OB2,operational,Servizi amministrativi,,,,amm"),
        ("indicators.csv", "IN3,OB2,Pratiche evase,higher,,,100,50,50,25,,,"),  # 50 of 100: reached at 50%
    ):
        with (data / name).open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    ente = (data / "ente.toml").read_text(encoding="utf-8")
    dated = "" if budget is None else f"budget_approved = {budget}\n"
    (data / "ente.toml").write_text(ente.replace("budget_approved = 2020-12-20\n", dated), encoding="utf-8")
    return source


def test_a_small_ente_by_hand(tmp_path):
    # 11 dipendenti (P1–P11): ⌊25% × 11⌋ = ⌊2,75⌋ = 2 places. P4 (97, insufficient rendimento), P8 (95, 180 days of
    # absence) and P9 (98, in a unit at 50% < 70%) are out of the bands, so no candidates. In the bands, by points:
    # P1 96, P2 90, P3 90, P5 83, P6 80, P7 77, P10 71 (P11, 60, is under 70): n = 7, the alta ⌊7 × 20%⌋ = ⌊1,4⌋ = 1
    # (under the cap ⌊30% × 11⌋ = 3), the first two ⌊7 × 60%⌋ = ⌊4,2⌋ = 4: P1 | P2 P3 P5 | P6 P7 P10 (83 ≠ 80: no
    # tie at the boundary). Candidates (first two bands, ≥ 80): P1, P2, P3, P5. Places: P1, then P2 and P3 tie at 90
    # across the 2nd place (P1, P2, P3 would be 3 > 2): both left out, and nobody below is taken. Selected: P1 alone.
    # The Piano: 20/01/2021 + 45 days = 11 days to 31/01, 28 of February (39), 6 of March: 06/03/2021.
    points = {"P1": 96, "P2": 90, "P3": 90, "P4": 97, "P5": 83, "P6": 80, "P8": 95, "P9": 98}
    made = by_hand(tmp_path, points, "2021-01-20", insufficient="P4", half_reached="P9")
    found = assert_same(*both(made, tmp_path))
    assert {p: found["cm-esempio"]["individual"][p][2] for p in ("P4", "P8", "P9")} == {
        "P4": "non_adeguata",
        "P8": "non_valutabile",
        "P9": "escluso_peg",
    }
    art20 = found["cm-esempio"]["art20"]
    assert art20 == {
        "selected": ["P1"],
        "count": 1,
        "places": 2,
        "candidates": ["P1", "P2", "P3", "P5"],
        "piano": ["2021-03-06"],
    }


def test_only_the_first_two_bands_are_candidates(tmp_path):
    # Few in the bands: P1 95, P2 90, P3 85; the others under 70 (P8 also absent). n = 3: the alta ⌊3 × 20%⌋ = 0
    # (empty), the first two ⌊3 × 60%⌋ = ⌊1,8⌋ = 1: P1 | P2 P3 in the lowest band. Places ⌊25% × 11⌋ = 2.
    # Art. 20.3, first two bands: P1 alone is a candidate, P1 selected, though P2 (90) and P3 (85) have 80 points or
    # more and there are places. Budget not dated: neither side counts the 45 days, and the calendar keeps the law's
    # Piano by 31 January (D.Lgs. 150/2009 art. 10 c. 1 lett. a), on both sides.
    points = {"P1": 95, "P2": 90, "P3": 85, **{f"P{i}": 60 for i in range(4, 12)}}
    found = assert_same(*both(by_hand(tmp_path, points, None), tmp_path))
    art20 = found["cm-esempio"]["art20"]
    assert (art20["selected"], art20["candidates"], art20["piano"]) == (["P1"], ["P1"], ["2021-01-31"])
    assert {p: found["cm-esempio"]["people"][p]["band"] for p in ("P1", "P2", "P3")} == {
        "P1": "intermedia",
        "P2": "bassa",
        "P3": "bassa",
    }


def test_the_public_example(tmp_path):
    found = assert_same(*both(EXAMPLES / "comunita_montane", tmp_path))
    # the example's fund of 12.000,00 € to 9 banded people; P1 (96 points, «alta») as the Python plugin pays it
    assert found["cm-esempio"]["people"]["P1"] == {
        "amount": "4285.71",
        "band": "alta",
        "pool": "performance_individuale",
    }
    # art. 20: 11 dipendenti, ⌊25% × 11⌋ = ⌊2,75⌋ = 2 places. In the bands (P8 is out for absences, P11 under 70):
    # 9 people, the first two bands ⌊9 × 60%⌋ = ⌊5,4⌋ = 5, P1 (96) … P5 (83); P1 and P2 (91) take the two places,
    # P3 has 88, no tie at the cut. The Piano: 20/12/2020 + 45 days = 11 days to 31/12, 34 into 2021 = 03/02/2021.
    art20 = found["cm-esempio"]["art20"]
    assert (art20["selected"], art20["places"], art20["piano"]) == (["P1", "P2"], 2, ["2021-02-03"])
    assert art20["candidates"] == ["P1", "P2", "P3", "P4", "P5"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    # 400 people: the first band holds about 60 banded staff, so ⌊5% × band⌋ ≥ 1 and the bonus is paid somewhere
    folder = tmp_path_factory.mktemp("cm") / "synth"
    cli("synth", str(folder), "--plugin", "comunita_montane", "--enti", "3", "--people", "400", "--seed", "7")
    return folder


def test_synthetic_enti_with_the_bonus_and_the_result_pay(synthetic, tmp_path):
    found = assert_same(*both(synthetic, tmp_path))
    pools = [f["pools"] for f in found.values()]
    assert any(p["bonus_eccellenze"]["distributed"] != "0.00" for p in pools)  # the bonus was paid, and compared
    assert all(p["risultato_po_dirigenti"]["distributed"] != "0.00" for p in pools)
    also = [a for f in found.values() for a in f["people"].values() if "also" in a]
    assert also and all(a["also"][0]["pool"] == "bonus_eccellenze" for a in also)
    # the progressioni were selected and the Piano dated on every ente, so both were compared on something
    assert all(f["art20"]["count"] > 0 and len(f["art20"]["piano"]) == 1 for f in found.values())


def test_one_graduatoria_per_area(synthetic, tmp_path):
    python, declared = both(synthetic, tmp_path, by_area=True)
    # the first two bands are each area's: somebody of an area's lowest band may outrank another area's first two,
    # and is no candidate on either side
    found = assert_same(python, declared)
    assert len(found) == 3
    plugin = json.loads((python / "synth-00000" / "results.json").read_text(encoding="utf-8"))
    assert plugin["rewards"]["extra"]["ranking_scope"] == "area"  # the plugin did rank by area
    assert len(plugin["rewards"]["extra"]["rankings"]) > 1


def test_the_admitted_status_is_said_by_its_label(tmp_path):
    # stato_ammessi = "banded" keeps the Python plugin's code in results.json; the articles say it as [etichette] does
    from helpers import regulation_text

    text = regulation_text(tmp_path, DECLARED.read_text(encoding="utf-8"))
    assert "Accede al premio chi, dopo la valutazione, ha lo stato «in fascia»." in text
