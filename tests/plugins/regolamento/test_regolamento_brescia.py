"""The rules of the Camera di Commercio di Brescia (plugin ``brescia``) declared as a format 2 regulation
(tests/regolamento/brescia.toml) give the same figures as the Python plugin for what the format can say, on the
public example (``bs-esempio``), on three synthetic Brescia enti for each of two seeds (200 people each), each with
an interim and holders without the requirements, and on the public example with an interim and such holders,
computed by hand.

Compared exactly as results.json writes them:

- every position of ``positions`` (value, holder, paid, annual pay, pay due, monthly instalment, last instalment,
  13 instalments);
- the position-pay pool (amount, distributed, residual) and every holder's position-pay award;
- the interim extras (Delibera 9/C art. 3.4, CCNL 21.5.2018 art. 15 c. 6), each at its own measure (the plugin's
  ``interim_percent``, the declared ``interim_share``): both take them first out of the result fund and pay them
  with the holder's result pay; the amount per person is compared;
- the PO result-pay fund (``po_risultato`` amount: 15% of ``po_total`` reduced by the attested performance,
  ``ridotto_attestata``) and who receives a result pay (amount above 0);
- the ente's performance, the score, level and status of everyone (staff, PO, dirigenti, Segretario), except the
  PO scores of :func:`rounded_apart`, each checked against both formulas;
- the holders with an error for a requirement: withheld (category, part time) or not (education and years).

What the file does not declare, and how the test treats it:

- the variable resources from projects.csv (SMVP §5: coefficients × stable funds × point values) and the funds per
  area of dirigenti and staff (``dirigenti:<area>``, ``staff:<area>``), with the OIV reduction of those funds and
  the awards paid from them: the format has no projects nor funds computed from them; those pools and awards are
  not compared (the declared copy has no projects.csv);
- the attested (not computed) performance of the ente in the PO score (SMVP §4.2.2) and the OIV checks on the
  attestation (SMVP §3): the declared component ``ente`` is the computed performance; the enti here carry no
  ``oiv_attested`` (removed from the public example in both copies), so attested = computed on both sides;
- the organizational part of a PO rounded to 4 decimals before × 40 (plugins/brescia/scores.py): the declared
  score rounds once, so a PO's score may differ by 0.01; :func:`rounded_apart` checks each such PO against the
  two formulas and its level and status are still compared;
- a position's ``result_max``/``result`` and the cents of the maxima: both split the result fund, less the interims,
  over every position by its pay due (a vacant or unpaid position's share residual: the file's ``posizioni_vacanti
  = "residuo"``), but the plugin gives the cents by largest remainder and the file rounds each maximum down («fino
  a»); each holder's result pay is compared with the file's rule applied to the plugin's own figures
  (:func:`declared_result_pay`), except for the PO whose scores differ by the rounding above;
- of the holders' requirements (art. 1–2), the three-year term (2.4) and the role: the category D and full time
  (1.2, 2.7: the position is not paid) are the file's ``requisiti``, the education and years (2.5: an error, the
  pay still computed) its ``[[controlli]]``; who gets an error of each kind is compared
  (:func:`requirement_errors`), and no money is paid for a withheld position on either side, which both
  results.json mark not paid;
- the contraddittorio and the calendar, and any other violation or warning.

The declared copy has the same data in the format's layout: ``po_total`` is the fund of ``[posizioni]`` (its
position-pay pool is named ``po_total`` where the plugin names it ``po_posizione``: the test renames it), the
holders' ``term_start``/``term_end`` of people.csv are the ``start``/``end`` of positions.csv, the interim is
written on the covered position's row (``interim``: who covers it, ``interim_from``/``interim_to``) where the plugin
writes it on the covering holder's (``interim_of``, ``interim_percent``; its measure is the declared
``interim_share``), ``education/``qualified_years`` are the
declared columns ``titolo_di_studio``/``anni_di_esperienza``, and the pay ``due`` the declared file omits when it
equals the annual pay is filled in.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

from ciclope.core.commands.synth import synth
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.inputs.headers import SHEET_ALIASES, SHEET_TITLES, column_code
from ciclope.core.inputs.loading import merge_schemas

from helpers import TESTS, as_declared, run_cycle

DECLARED = TESTS / "regolamento" / "brescia.toml"
PLUGIN_ONLY = ("term_start", "term_end", "interim_of", "interim_percent")
DECLARED_COLUMNS = {"education": "titolo_di_studio", "qualified_years": "anni_di_esperienza"}  # art. 2.5, [[colonne]]
# on the covered position's row in the declared copy: who covers it, from, to, at what measure
INTERIM_COLUMNS = ("interim", "interim_from", "interim_to", "interim_share")
# the errors for a requirement, by what follows: the position not paid (art. 1.2, 2.7; the file's requisiti) or
# the pay still computed (art. 2.5; the file's [[controlli]])
WITHHELD = ("brescia.po.category", "brescia.po.part_time", "regolamento.requisiti")
EXPERIENCE = ("brescia.po.requirements", "regolamento.controllo")
POSITION_POOL = {"po_total": "po_posizione"}  # the declared pool's name → the plugin's
RESULT = ("result_max", "result")  # the PO result pay fields of a position


BRESCIA = merge_schemas(Hooks.for_plugin("brescia")[0].answers(hookspecs.ciclope_input_schema, params=None))


def table(folder: Path, sheet: str) -> Path:
    """An ente's file of ``sheet`` (``people``) by the name it has: the office's (``persone.csv``, the synthetic
    enti) or the code (``people.csv``, the public example)."""
    for name in (SHEET_TITLES[sheet], sheet):
        if (folder / f"{name}.csv").exists():
            return folder / f"{name}.csv"
    return folder / f"{SHEET_TITLES[sheet]}.csv"


def read(path: Path) -> list[dict[str, str]]:
    """The rows of a file keyed by the columns' codes: the synthetic enti are written in the office's words
    (``persone.csv``, ``titolo_di_studio``), which the copy is rewritten from; the codes stay readable."""
    sheet = SHEET_ALIASES.get(path.stem, path.stem)
    with path.open(encoding="utf-8", newline="") as f:
        return [{column_code(sheet, k, BRESCIA): v for k, v in row.items()} for row in csv.DictReader(f)]


def write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def declared_copy(folder: Path, to: Path) -> Path:
    """The same enti with plugin regolamento, the declared file and the data in the format's layout."""
    cycle = as_declared(folder, to, "brescia", DECLARED)
    for ente in {p.parent for p in [*to.rglob("posizioni.csv"), *to.rglob("positions.csv")]}:
        people = read(table(ente, "people"))
        terms = {p["id"]: (p.get("term_start", ""), p.get("term_end", "")) for p in people}
        people = [{DECLARED_COLUMNS.get(c, c): v for c, v in p.items()} for p in people]
        write(table(ente, "people"), people, [c for c in people[0] if c not in PLUGIN_ONLY])
        positions = read(table(ente, "positions"))
        columns = [c for c in positions[0] if c not in PLUGIN_ONLY and c not in INTERIM_COLUMNS]
        # the plugin writes an interim on the covering holder's row, the declared file on the covered position's
        interims = {}
        for r in positions:
            if r.get("interim_of"):
                covers = (r["holder"], r.get("interim_from", ""), r.get("interim_to", ""), r["interim_percent"])
                interims[r["interim_of"]] = covers
        for r in positions:
            r["start"], r["end"] = terms.get(r["holder"], ("", ""))
            r.update(zip(INTERIM_COLUMNS, interims.get(r["id"], ("", "", "", ""))))
        write(table(ente, "positions"), positions, [*columns, "start", "end", *INTERIM_COLUMNS])
        table(ente, "projects").unlink(missing_ok=True)  # the variable resources: not declared
    return cycle


def compared(results: dict, renamed: dict[str, str]) -> dict:
    """What the declared file can say, as results.json writes it; the pool names made the plugin's."""
    pools = {renamed.get(k, k): v for k, v in results["rewards"]["pools"].items()}
    awards, paid, extras, result_pay = [], set(), [], {}
    for pid, a in results["rewards"]["people"].items():
        results_pay = []
        for award in [a, *a.get("also", [])]:
            pool = renamed.get(award["pool"], award["pool"])
            if pool == "po_posizione":
                awards.append((pid, award["amount"]))
            elif pool == "po_risultato":
                results_pay.append(award["amount"])
        if results_pay:
            result_pay[pid] = Decimal(results_pay[0])
        if results_pay and results_pay[0] != "0.00":
            paid.add(pid)
        # the declared file writes a holder's result pay, then each interim paid with it (pay/interim.py)
        extras += [(pid, v) for v in results_pay[1:] if v != "0.00"]
    return {
        "position pool": pools["po_posizione"],
        "position awards": sorted(awards),
        "result fund": pools.get("po_risultato", {}).get("amount"),
        "result paid": paid,
        "result pay": result_pay,
        "interims": sorted(extras),
        "positions": {k: position(p) for k, p in results["positions"].items()},
        "people": {pid: (p["score"], p["level"], p["status"]) for pid, p in results["individual"].items()},
        "po": {pid: p["breakdown"] for pid, p in results["individual"].items() if "organizzativa" in p["breakdown"]},
        "ente": results["organizational"]["ente"],
    }


def position(p: dict) -> dict:
    """A position as both write it: the declared file gives ``due`` only when it differs from the annual pay (a
    term shorter than the year) and no result pay per position (it is the holder's award of ``po_risultato``)."""
    kept = {f: v for f, v in p.items() if f not in RESULT}
    kept["due"] = p.get("due") or (p["annual"] if p["paid"] else "0.00")
    return kept


def r(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def rounded_apart(mine: dict, theirs: dict) -> set[str]:
    """The PO whose scores differ, each checked to differ only by where the organizational part is rounded:
    the plugin rounds ½ ente + ½ unit to 4 decimals before × 40 (SMVP §4.2.2, plugins/brescia/scores.py), the
    declared file rounds 20 × ente + 20 × unit + 0.6 × card once, to 2 decimals. Everyone else agrees exactly."""
    apart = {pid for pid, v in theirs["people"].items() if v != mine["people"][pid]}
    assert apart <= set(mine["po"])  # only PO scores can differ
    ente = Decimal(str(mine["ente"]))
    for pid in apart:
        b = mine["po"][pid]
        unit, card = Decimal(str(b["unita"])), Decimal(str(b["scheda"]))
        org = r(ente / 2 + unit / 2, "0.0001")
        assert Decimal(str(b["organizzativa"])) == org
        assert Decimal(str(mine["people"][pid][0])) == r(40 * org + card * Decimal("0.6"), "0.01")
        assert Decimal(str(theirs["people"][pid][0])) == r(20 * ente + 20 * unit + card * Decimal("0.6"), "0.01")
        assert theirs["people"][pid][1:] == mine["people"][pid][1:]  # same level and status
    return apart


def interims(results: dict) -> list[tuple[str, str]]:
    """The plugin's interim extras (art. 3.4), per holder: paid inside the result pay, which is the maximum × the
    holder's score / 100 (half-up) plus the extra (plugins/brescia/positions.py ``pay_result``), so the extra is
    what the result pay has beyond the maximum × score / 100; nothing with a result pay of zero."""
    out = []
    for p in results["positions"].values():
        if p["paid"] and p["result"] not in (None, "0.00"):
            score = Decimal(str(results["individual"][p["holder"]]["score"]))
            extra = Decimal(p["result"]) - r(Decimal(p["result_max"]) * score / 100, "0.01")
            if extra:
                out.append((p["holder"], str(extra)))
    return sorted(out)


def requirement_errors(results: dict, folder: Path, ente: str) -> dict[str, set[str]]:
    """The holders with an error for a requirement (art. 1–2), by what follows: ``withheld``, the position not
    paid (category, part time); ``experience``, the pay still computed (education and years). The plugin names
    the holder's row of people.csv, the declared requisiti the position's row of positions.csv, the declared
    check the people by name. ``folder``: the cycle's input, the ente's files under ``ente``."""
    people = read(table(next(folder.rglob(f"{ente}/ente.toml")).parent, "people"))
    positions = read(table(next(folder.rglob(f"{ente}/ente.toml")).parent, "positions"))
    by_name = {p["name"]: p["id"] for p in people}
    out: dict[str, set[str]] = {"withheld": set(), "experience": set()}
    for v in results["violations"]:
        if v["severity"] != "error" or v["rule"] not in WITHHELD + EXPERIENCE:
            continue
        kind = "withheld" if v["rule"] in WITHHELD else "experience"
        if v["rule"] == "regolamento.controllo":  # «message: name (what was read); name (…)»
            named = v["message"].split(": ", 1)[1]
            out[kind] |= {pid for n, pid in by_name.items() if re.search(rf"(^|; ){re.escape(n)}( \(|;|$)", named)}
            continue
        file, row, _ = v["where"].split(":")  # the row of a csv file: the header is row 1
        of_people = SHEET_ALIASES.get(file.removesuffix(".csv"), file.removesuffix(".csv")) == "people"
        out[kind].add((people if of_people else positions)[int(row) - 2]["id" if of_people else "holder"])
    return out


def same(python: Path, declared: Path, ente: str) -> tuple[dict, set[str]]:
    """The two results agree on what the file says; the PO whose scores differ by the rounding, returned with
    the comparison of the plugin's side (its ``interims`` and ``requirements`` added)."""
    a = json.loads((python / "out" / ente / "results.json").read_text(encoding="utf-8"))
    b = json.loads((declared / "out" / ente / "results.json").read_text(encoding="utf-8"))
    mine, theirs = compared(a, {}), compared(b, POSITION_POOL)
    mine["interims"] = interims(a)  # the plugin's are inside its result pay
    mine["requirements"] = requirement_errors(a, python, ente)
    assert requirement_errors(b, declared, ente) == mine["requirements"]
    # a withheld position pays nothing on either side: no position award, no result pay, no interim
    withheld = {k for k, p in mine["positions"].items() if p["holder"] and not p["paid"]}
    assert {mine["positions"][k]["holder"] for k in withheld} == mine["requirements"]["withheld"]
    assert theirs["positions"] == mine["positions"]
    for field in ("position awards", "position pool", "interims", "result fund", "result paid", "ente"):
        assert theirs[field] == mine[field], field
    apart = rounded_apart(mine, theirs)
    # each result pay, but of the PO whose scores differ by the rounding (and so their pay): nothing for a PO whose
    # position is not paid, every paid holder listed
    expected = declared_result_pay(a, mine)
    assert set(expected) <= set(theirs["result pay"])
    for pid, amount in theirs["result pay"].items():
        if pid not in apart:
            assert amount == expected.get(pid, Decimal("0.00")), pid
    return mine, apart


def declared_result_pay(results: dict, mine: dict) -> dict[str, Decimal]:
    """Each holder's result pay as the declared file computes it from the plugin's own figures: the result fund less
    the interims (both take them first), split over every position by the pay due (the annual one of a position not
    paid, whose share stays residual: ``posizioni_vacanti = "residuo"``) and rounded down to the cent («fino a»,
    where the plugin gives the cents by largest remainder), × the score / 100 half-up when the evaluation is
    positive; the PO of ``po`` scored, others 0."""
    fund = Decimal(results["rewards"]["pools"]["po_risultato"]["amount"]) - sum(
        (Decimal(v) for _, v in mine["interims"]), Decimal(0)
    )
    basis = {k: Decimal(p["due"] if p["paid"] else p["annual"]) for k, p in results["positions"].items()}
    total = sum(basis.values(), Decimal(0))
    out = {}
    for k, p in results["positions"].items():
        if not p["paid"] or p["holder"] not in mine["result pay"]:
            continue
        cap = (fund * basis[k] / total).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
        score = Decimal(str(results["individual"][p["holder"]]["score"]))
        out[p["holder"]] = r(cap * score / 100, "0.01") if p["holder"] in mine["result paid"] else Decimal("0.00")
    return out


def without_attestation(folder: Path) -> None:
    """No ``oiv_attested`` (nor its motivation): the attested performance is the computed one."""
    for toml in folder.rglob("ente.toml"):
        text = toml.read_text(encoding="utf-8")
        toml.write_text(re.sub(r"(?m)^oiv_(attested|motivation) = .*\n", "", text), encoding="utf-8")


def test_the_public_example_pays_the_same_positions(tmp_path):
    python = tmp_path / "python"
    shutil.copytree(EXAMPLES / "brescia", python, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    without_attestation(python)
    run_cycle(python / "cycle.toml")
    run_cycle(declared_copy(python, tmp_path / "declared"))
    mine, apart = same(python, tmp_path / "declared", "bs-esempio")
    assert apart == set()
    # Delibera 9/C art. 3.2, 4 by hand: PA 20·5/5+10·4/5+5·4/5+(10+10+10)·4/5+15·4/5+20·5/5 = 20+8+4+24+12+20 = 88;
    # PB 100·3/5 = 60; PC (vacant) 4+4+1+2+4+2+3+4 = 24. F = 40000 − 6000 = 34000; λ = 34000/172 gives PA
    # 17395 > 16000: PA 16000, the rest 18000 over 60 + 24: PB 12857.14, PC 5142.86 (≥ 5000)
    assert {k: (p["score"], p["annual"]) for k, p in mine["positions"].items()} == {
        "PA": (88.0, "16000.00"),
        "PB": (60.0, "12857.14"),
        "PC": (24.0, "5142.86"),
    }
    assert mine["position pool"] == {"amount": "34000.00", "distributed": "28857.14", "residual": "5142.86"}
    # no interim; HA (laurea, 7 years ≥ 4) and HB (diploma, 12 ≥ 8) have every requirement
    assert mine["interims"] == [] and mine["requirements"] == {"withheld": set(), "experience": set()}


def test_an_interim_and_holders_without_the_requirements_by_hand(tmp_path):
    """The public example with HB covering the vacant PC ad interim for the second half of 2021, HA of category C
    and HB with a diploma and 7 years of experience: the same interim, the same errors and the same pay withheld."""
    python = tmp_path / "python"
    shutil.copytree(EXAMPLES / "brescia", python, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    without_attestation(python)
    ente = python / "bs-esempio"
    positions = read(table(ente, "positions"))
    for row in positions:
        if row["id"] == "PB":
            row.update(interim_of="PC", interim_percent="22%", interim_from="2021-07-01", interim_to="2021-12-31")
    write(table(ente, "positions"), positions, [*positions[0], "interim_from", "interim_to"])
    people = read(table(ente, "people"))
    for person in people:
        if person["id"] == "HA":
            person["category"] = "C"  # art. 1.2: «esclusivamente a dipendenti classificati nella categoria D»
        if person["id"] == "HB":
            person["qualified_years"] = "7"  # art. 2.5 a: a diploma needs at least 8 years
    write(table(ente, "people"), people, list(people[0]))
    run_cycle(python / "cycle.toml")
    run_cycle(declared_copy(python, tmp_path / "declared"))
    mine, _ = same(python, tmp_path / "declared", "bs-esempio")
    # the annual pay as above (a holder does not change the weighting): PA 16000.00, PB 12857.14, PC 5142.86.
    # The interim (art. 3.4) at its own measure, 22% (not the file's 20%): 1 July – 31 December 2021 =
    # 31+31+30+31+30+31 = 184 days of 365; 22% × 5142.86 = 1131.4292; × 184 = 208182.9728; / 365 = 570.364… → 570.36
    # (HB's score, 77.5, is positive); same() found the declared file paying the same out of po_risultato
    assert mine["interims"] == [("HB", "570.36")]
    # HA of category C: PA is not paid (art. 1.2), an error; HB short of experience: an error, HB still paid
    assert mine["requirements"] == {"withheld": {"HA"}, "experience": {"HB"}}
    assert mine["positions"]["PA"]["paid"] is False and mine["position awards"] == [("HB", "12857.14")]
    assert mine["result paid"] == {"HB"}
    # the position pool pays PB only, on both sides (same()): 12857.14 of 34000.00, residual 34000 − 12857.14 =
    # 21142.86 (PA's 16000.00 + PC's 5142.86); the interim is result pay, not position pay
    assert mine["position pool"] == {"amount": "34000.00", "distributed": "12857.14", "residual": "21142.86"}
    results = tmp_path / "declared" / "out" / "bs-esempio" / "results.json"
    declared = compared(json.loads(results.read_text(encoding="utf-8")), POSITION_POOL)
    assert declared["position awards"] == [("HB", "12857.14")] and declared["interims"] == [("HB", "570.36")]
    # HB's result pay: the result fund (5820.00 on both sides) less the interim, 5820.00 − 570.36 = 5249.64, over
    # every position's pay (PA not paid 16000.00 + PB 12857.14 + PC vacant 5142.86 = 34000.00, the shares of PA and
    # PC residual): 5249.64 × 12857.14 / 34000 = 1985.157… → 1985.15 («fino a»; the plugin's largest remainder
    # gives 1985.16), × 76.9 / 100 = 1526.580… → 1526.58; with the interim, 2096.94 (the plugin's 2096.95)
    assert declared["result fund"] == "5820.00" and declared["result pay"]["HB"] == Decimal("1526.58")
    assert declared["positions"]["PA"]["paid"] is False  # HA lacks the requirements: PA is not paid, nothing due


def with_interim_and_requirements(folder: Path) -> None:
    """In every synthetic ente: its interim (the first position covers the vacant one) at the measure synth gives it; the second
    position's holder without a requirement that withholds the pay (category C, or part time in every other ente);
    the third's with one year of experience (below the 2 of a specialization, the least of art. 2.5)."""
    for k, ente in enumerate(sorted(p for p in (folder / "enti").iterdir())):
        positions = read(table(ente, "positions"))
        covering = [row for row in positions if row["interim_of"]]
        assert len(covering) == 1 and covering[0] is positions[0]  # ciclope synth: the first covers the vacant one
        people = read(table(ente, "people"))
        for person in people:
            if person["id"] == positions[1]["holder"]:
                person.update({"category": "C"} if k % 2 == 0 else {"fte": "0.5"})  # art. 1.2 or 2.7
            if person["id"] == positions[2]["holder"]:
                person["qualified_years"] = "1"
        write(table(ente, "people"), people, list(people[0]))


@pytest.mark.parametrize("seed", [3, 17])
def test_synthetic_brescia_enti_pay_the_same_positions(tmp_path, seed):
    cycle = synth(tmp_path / "python", enti=3, people=200, seed=seed, plugins=["brescia"])
    with_interim_and_requirements(cycle.parent)
    run_cycle(cycle)
    run_cycle(declared_copy(cycle.parent, tmp_path / "declared"))
    for ente in sorted(p.name for p in (cycle.parent / "enti").iterdir()):
        mine, apart = same(cycle.parent, tmp_path / "declared", ente)
        assert mine["position awards"] and mine["result paid"]  # holders were paid position and result pay
        assert len(mine["interims"]) == 1  # the interim paid on both sides, the same amount
        assert len(mine["requirements"]["withheld"]) == len(mine["requirements"]["experience"]) == 1
        scored = [s for s, _, _ in mine["people"].values() if s is not None]
        assert len(scored) > 150  # staff, PO and dirigenti scored on both sides
