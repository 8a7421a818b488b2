"""A declared regulation with formulas against the same regulation with keywords: loading + calculation per ente.

usage: python bench/formulas.py [--enti 1] [--people 30000] [--rounds 3] [--seed 7]

Synthesizes ``--enti`` enti (``ciclope synth --plugin comunita_montane``, the Python plugin's own files set aside)
and runs ``runner.compute`` on each under two declared regulations that pay the same money:

- keywords: a scale of three levels, an exclusion below 60 points, [premio] «livelli» with a maximum;
- formulas: the same scale with the level decided by a formula (``LIVELLO(punteggio)``, so every level is decided
  once the cohort is scored), a threshold of the year (``MEDIA.ENTE``: one aggregate per ente), a part admitted by a
  formula and paid by an amount formula.

The two are timed in turn within each round, in alternating order (a virtual machine's speed drifts). The issue's
bound: on the 30,000-person ente (``--enti 1 --people 30000``) the formulas are within 1.5× of the keywords.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from regolamento import plans, seconds  # noqa: E402

from ciclope.core.inputs.config import load_config  # noqa: E402

HEAD = """\
formato = 2
[atto]
titolo = "SMVP di prova"
tipo_ente = "comune"
"""
KEYWORDS = (
    HEAD
    + """
[livelli]
fonte = "art. 1"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 75 }, { nome = "C", da = 60 }]

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 2"

[premio]
metodo = "livelli"
fondo = "performance_individuale"
massimo = "1000.00"
coefficienti = { A = 1, B = 0.7, C = 0.4 }
ruoli = ["dipendente"]
fonte = "art. 3"
"""
)
FORMULAS = (
    HEAD
    + """
[livelli]
fonte = "art. 1"
scala = [{ nome = "A", da = "=MAX(90; MEDIA.ENTE(punteggio) - 1000)" }, { nome = "B", da = 75 }, { nome = "C", da = 60 }]
formula = "=LIVELLO(punteggio)"

[[premi]]
nome = "premio"
metodo = "formula"
fondo = "performance_individuale"
ruoli = ["dipendente"]
ammesso = "=punteggio >= 60"
importo = '=SE(livello = "A"; 1000; SE(livello = "B"; 700; SE(livello = "C"; 400; 0)))'
fonte = "art. 3"
"""
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--enti", type=int, default=1)
    ap.add_argument("--people", type=int, default=30000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _, declared = plans(Path(tmp) / "cycle", args.enti, args.people, args.seed)
        folder = Path(tmp) / "cycle-regolamento"
        (folder / "smvp.toml").write_text(KEYWORDS, encoding="utf-8")
        (folder / "formule.toml").write_text(FORMULAS, encoding="utf-8")
        text = (folder / "cycle.toml").read_text(encoding="utf-8")
        (folder / "formule.cycle.toml").write_text(text.replace('"smvp.toml"', '"formule.toml"'), encoding="utf-8")
        keywords, formulas = load_config(folder / "cycle.toml"), load_config(folder / "formule.cycle.toml")
        seconds(keywords), seconds(formulas)  # warm-up: imports, plugin managers, the regulations read once
        times: dict[str, list[float]] = {"parole chiave": [], "formule": []}
        for n in range(args.rounds):
            order = [("parole chiave", keywords), ("formule", formulas)]
            for name, plan in order if n % 2 == 0 else order[::-1]:
                times[name].append(seconds(plan) / len(plan.enti) * 1000)
    for name, ms in times.items():
        print(f"{name:<14} {statistics.median(ms):8.1f} ms per ente (best {min(ms):.1f})")
    ratios = [f / k for k, f in zip(times["parole chiave"], times["formule"], strict=True)]
    print(
        f"formule / parole chiave: {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}×), "
        f"{args.enti} enti of {args.people} people, {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
