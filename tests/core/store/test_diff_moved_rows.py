"""`ciclope diff` between two runs whose persone.csv lists the same people in another order: a value read the same
from another row (next year's workbook for this year's CSV, a row moved) is no change of a person's data, and only
what changed value is said."""

from __future__ import annotations

from comune_di_prova import BY_SCORE, HEAD, NAMES, files
from test_diff_parts import diff, said  # the same command between runs 1 and 2, the same lines under a person

from helpers import ciclope, first_comune_run

POINTS = {"D01": 50, "D02": 90, "D03": 60}
# the premium by score × the time worked (tempo_parziale «proporzionale»): each premium reads its person's quota_tempo
TIMED = HEAD + BY_SCORE.replace('tempo_parziale = "intero"\n', "")


def test_a_row_moved_with_its_values_is_no_change(tmp_path):
    first_comune_run(tmp_path, TIMED, files(POINTS))
    # run 2: persone.csv lists the people in another order (D03, D02, D01), and D01's card says 70 for 50
    rows = {pid: f"{pid},{NAMES[pid]},dipendente,C,ENTE,100%,0,SEG\n" for pid in POINTS}
    moved = files({**POINTS, "D01": 70}, "".join(rows[pid] for pid in ("D03", "D02", "D01")))
    for name in ("persone.csv", "valutazioni.csv"):
        (tmp_path / "comune" / name).write_text(moved[name], encoding="utf-8")
    done = ciclope("run", tmp_path / "cycle.toml")
    assert done.returncode == 0, done.stderr
    lines = said(diff(tmp_path / "cycle.toml"), "D01")
    # her points are the change said (1.000 × 50 / 200 = 250,00 before, 1.000 × 70 / 220 = 318,18 after); her row
    # went from 2 to 4 of persone.csv, and her time worked (100%) read the same from the other row is not said
    assert [line for line in lines if "Valutazione complessiva" in line and "50" in line and "70" in line], lines
    assert not [line for line in lines if "tempo lavorato" in line], lines
