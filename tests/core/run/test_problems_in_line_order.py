"""A file's problems as a reader reads the file: by line, then by column, the files in the order they were met.
An office correcting a regulation from the top down never finds line 50 said before line 40."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.testing import write_ente

from helpers import ciclope, one_unit_comune

# Three mistakes, out of the order the reader checks them in: a range (line 9), a closed list (line 14), a formula
# (line 15). The reader finds the closed list and the formula first, the range after.
WRONG = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Righe"
tipo_ente = "comune"

[[riduzioni]]
misura = "assenze"
fonte = "art. 3"
scaglioni = [ { da = 0, a = 30, riduzione = 1.5 }, { da = 31, riduzione = 1 } ]

[[premi]]
nome = "produttività"
fonte = "art. 9"
metodo = "proporzionalex"
riparto_graduatorie = "=quota_tempx * 2"
"""


def test_validate_lists_a_regulations_errors_by_line(tmp_path: Path) -> None:
    people = ["P1,Persona P1,dipendente,C,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,"]
    write_ente(
        tmp_path / "dati",
        one_unit_comune("Comune di Righe", people, cards, '[funds]\nperformance_individuale = "1500.00"\n'),
    )
    (tmp_path / "smvp.toml").write_text(WRONG, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2024\noutput = "out"\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n'
        'regolamento = "smvp.toml"\n',
        encoding="utf-8",
    )
    done = ciclope("validate", cycle)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("smvp.toml, riga")]
    assert [line.split(",")[1] for line in lines] == [" riga 9", " riga 14", " riga 15"], lines


def test_problems_grouped_by_file_then_by_row_and_column() -> None:
    found = CiclopeError(
        [
            Problem(rule="r", message="b50", file="b.toml", row=50),
            Problem(rule="r", message="a7", file="a.csv", row=7, column="x"),
            Problem(rule="r", message="b46", file="b.toml", row=46),
            Problem(rule="r", message="b40C", file="ente.xlsx[persone]", row=40, column="z", letter="C"),
            Problem(rule="r", message="a3", file="a.csv", row=3),
            Problem(rule="r", message="b40A", file="ente.xlsx[persone]", row=40, column="y", letter="A"),
            Problem(rule="r", message="b-whole", file="b.toml"),
            Problem(rule="r", message="b40", file="b.toml", row=40),
        ]
    )
    # files in the order first met (b.toml, a.csv, ente.xlsx[persone]); in each, lines up, then columns A before C;
    # a problem of the whole file (no line) after its lines
    assert [p.message for p in found.problems] == ["b40", "b46", "b50", "b-whole", "a3", "a7", "b40A", "b40C"]
