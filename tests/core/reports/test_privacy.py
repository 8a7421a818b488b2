"""No personal name reaches the console or trasparenza.csv (SPEC §6; D.Lgs. 33/2013)."""

import csv
import re

from ciclope.core.commands.cli import main


def test_names_stay_out_of_logs_and_transparency(example, capsys):
    folder = example("comunita_montane")
    people = folder / "cm-esempio" / "people.csv"
    rows = list(csv.reader(people.open(encoding="utf-8")))
    names = []
    for n, row in enumerate(rows[1:], 1):
        row[1] = f"Zebedeo{n} Quaglia{n}"
        names.append(row[1])
    rows[3][8] = "NESSUNO"  # a dangling evaluator: the ente fails and the problem is printed
    with people.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert main(["run", str(folder / "cycle.toml"), "--out", str(folder / "out")]) == 1
    main(["validate", str(folder / "cycle.toml")])
    logs = capsys.readouterr()
    rows[3][8] = "SEG"
    with people.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    main(["run", str(folder / "cycle.toml"), "--out", str(folder / "out")])
    logs2 = capsys.readouterr()
    text = logs.out + logs.err + logs2.out + logs2.err
    assert "NESSUNO" in text  # the problem was reported…
    assert not re.search(r"Zebedeo|Quaglia", text)  # …without anybody's name
    published = (folder / "out" / "cm-esempio" / "trasparenza.csv").read_text(encoding="utf-8")
    assert not re.search(r"Zebedeo|Quaglia|\bP\d+\b|\bSEG\b", published)
