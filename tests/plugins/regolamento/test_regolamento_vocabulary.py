"""A declared regulation's sanction scale matched as an HR office writes it: case, accents and spaces do not count,
«censura» is the old contract's rimprovero scritto, a declared synonym is a word of the scale; an unknown word is an
error naming the file, the row and the words allowed, and never reads as no sanction (the 20-person Comune of
test_regolamento_from_docs, whose levels pay each person their own maximum: nobody else's premium moves)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.plugins.regolamento.format import vocabulary

from comune_from_docs import REGULATION, files

SANCTION = """
[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_verbale"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
sinonimi = { "richiamo scritto" = "rimprovero_scritto" }
fonte = "art. 9 c. 4"
"""
WRITTEN = {"S01": "Rimprovero scritto", "S02": "censura", "S03": "Rimprovero  verbale", "S05": "ammonimento",
           "S06": "Richiamo scritto", "S10": "SOSPENSIONE"}  # fmt: skip


def with_sanctions() -> dict[str, str]:
    given = files()
    lines = given["people.csv"].splitlines()
    out = [lines[0] + ",sanzione"]
    for line in lines[1:]:
        out.append(line + "," + WRITTEN.get(line.split(",")[0], ""))
    given["people.csv"] = "\n".join(out) + "\n"
    return given


def test_words_match_as_written_and_an_unknown_one_is_an_error(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION + SANCTION, encoding="utf-8")
    result = ciclope_ente("regolamento", with_sanctions(), year=2024, params={"regolamento": str(path)})
    paid = {k: a.amount for k, a in result.rewards.awards.items() if a.pool == "performance_individuale"}
    # more serious than rimprovero verbale: S01 (rimprovero scritto), S02 (censura = rimprovero scritto), S06
    # (richiamo scritto, declared synonym), S10 (sospensione): excluded, 0 €; S03 (rimprovero verbale, as written
    # with two spaces) is not more serious: 700.00 as without sanction (94, intermedio: 1000 × 0.7)
    assert {pid: paid[pid] for pid in ("S01", "S02", "S06", "S10")} == dict.fromkeys(("S01", "S02", "S06", "S10"), 0)
    assert paid["S03"] == Decimal("700.00")
    # S05's «ammonimento» is no word of the scale: withheld (0 €, not 700.00) and an error naming row and words
    assert paid["S05"] == 0
    [problem] = [p for p in result.violations if p.rule == "regolamento.sanzione"]
    # people.csv: header row 1, SEG row 2, S01 row 3 … S05 row 7
    assert (problem.severity, problem.file.endswith("people.csv"), problem.row, problem.column) == (
        "error", True, 7, "sanzione")  # fmt: skip
    assert "«ammonimento»" in problem.message and "rimprovero_verbale, rimprovero_scritto, multa" in problem.message
    assert (
        "censura = rimprovero_scritto" in problem.message and "richiamo scritto = rimprovero_scritto" in problem.message
    )
    # the others keep their own maximum: S04 350.00, S12 700.00
    assert (paid["S04"], paid["S12"]) == (Decimal("350.00"), Decimal("700.00"))


def test_the_matching_rule():
    scale = ["rimprovero_verbale", "rimprovero_scritto", "multa"]
    assert vocabulary.match("Rimprovero Scritto", scale) == "rimprovero_scritto"
    assert vocabulary.match(" rimprovero-verbale ", scale) == "rimprovero_verbale"
    assert vocabulary.match("Censura", scale) == "rimprovero_scritto"
    assert vocabulary.match("censura", ["multa"]) is None  # a contract synonym only of a word the scale has
    assert vocabulary.match("richiamo", scale, {"richiamo": "multa"}) == "multa"
    assert vocabulary.match("ammonimento", scale) is None


def test_the_sanction_is_explained_as_the_office_wrote_it(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION + SANCTION, encoding="utf-8")
    result = ciclope_ente("regolamento", with_sanctions(), year=2024, params={"regolamento": str(path)})
    # the rule in words, «rimprovero verbale» without the file's «_»; the cell as written in people.csv (row 3)
    status = result.figures["score:S01:status"]
    assert status.formula == "escluso dal premio: sanzione disciplinare più grave di «rimprovero verbale»"
    [cell] = status.inputs
    assert (cell.name, cell.value, cell.cell) == (
        "sanzione disciplinare",
        "Rimprovero scritto",
        "people.csv:3:sanzione",
    )
    # a synonym (S02 «censura», row 4; S06 «Richiamo scritto», row 8) with the word of the scale it stands for
    assert result.figures["score:S02:status"].inputs[0].value == "censura (rimprovero scritto)"
    assert result.figures["score:S06:status"].inputs[0].value == "Richiamo scritto (rimprovero scritto)"
