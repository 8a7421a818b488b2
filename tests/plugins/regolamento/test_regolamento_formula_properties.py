"""Invariants of the declared format's formulas, for formulas drawn at random from the language (and broken at
random): reading never raises (a formula is read, or refused with Italian problems), and a regulation that reads
runs an ente without a traceback, every fund conserved to the cent, no amount negative."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.testing import compute_ente, write_ente
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read
from ciclope.plugins.regolamento.read.load import load

from helpers import one_unit_comune

NUMBERS = st.sampled_from(["0", "1", "2,5", "60", "100", "0,3", "30%", "1000"])
NAMES = st.sampled_from(
    [
        "punteggio",
        "scheda",
        "fte",
        "assenze",
        "giorni_servizio",
        "giorni_anno",
        "ente",
        "unita",
        "fondo",
        "retribuzione_posizione",
        "livello",
        "ruolo",
        "categoria",
    ]  # fmt: skip
)
TEXTS = st.sampled_from(['"A"', '"B"', '"dipendente"', '"C"'])


def formulas(depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.one_of(NUMBERS, NAMES, TEXTS)
    if depth == 0:
        return leaf
    inner = formulas(depth - 1)
    return st.one_of(
        leaf,
        st.builds(
            lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(["+", "-", "*", "/", ">=", "<", "=", "<>"]), inner
        ),  # fmt: skip
        st.builds(lambda c, a, b: f"SE({c}; {a}; {b})", inner, inner, inner),
        st.builds(
            lambda fn, a, b: f"{fn}({a}; {b})", st.sampled_from(["MIN", "MAX", "MEDIA", "E", "O"]), inner, inner
        ),  # fmt: skip
        st.builds(
            lambda fn, a: f"{fn}({a})",
            st.sampled_from(["ARROTONDA", "ASS", "MEDIA.ENTE", "MAX.GRUPPO", "RANGO.ENTE", "NON", "LIVELLO"]),
            inner,
        ),  # fmt: skip
        st.builds(lambda a: f"({a})", inner),
    )


def typed(kind: str, depth: int = 3) -> st.SearchStrategy[str]:
    """Formulas of one type, so that most read and run: ``euro`` (an amount), ``peso`` (a number), ``cond``."""
    leaves = {
        "euro": st.sampled_from(["fondo", "retribuzione_posizione", "100", "2500,5", "0"]),
        "peso": st.sampled_from(
            ["punteggio", "1", "fte", "giorni_servizio / giorni_anno", "0", "RANGO.ENTE(punteggio)"]
        ),
        "cond": st.sampled_from(
            [
                'punteggio >= 60',
                'assenze < 30',
                'ruolo = "dipendente"',
                'livello = "A"',
                "punteggio = MAX.ENTE(punteggio)",
                "unita >= 50%",
                "fte = 1",
            ]
        ),  # fmt: skip
    }
    if depth == 0:
        return leaves[kind]
    same = typed(kind, depth - 1)
    cond = typed("cond", depth - 1)
    scale = st.sampled_from(["2", "0,5", "30%", "fte", "(punteggio / 100)", "MEDIA.ENTE(fte)"])
    grown = {
        "euro": st.one_of(
            st.builds(lambda a, f: f"{a} * {f}", same, scale),
            st.builds(lambda a, b: f"{a} + {b}", same, same),
            st.builds(lambda a, b: f"MIN({a}; {b})", same, same),
            st.builds(lambda a: f"ARROTONDA({a}; 2)", same),
            st.builds(lambda a: f"{a} / giorni_servizio", same),  # a division by zero for whom has no days
        ),
        "peso": st.one_of(st.builds(lambda a, f: f"{a} * {f}", same, scale), st.builds(lambda a: f"MAX({a}; 1)", same)),
        "cond": st.one_of(
            st.builds(lambda a, b: f"E({a}; {b})", cond, cond),
            st.builds(lambda a, b: f"O({a}; {b})", cond, cond),
            st.builds(lambda a: f"NON({a})", cond),
        ),
    }
    return st.one_of(leaves[kind], grown[kind], st.builds(lambda c, a, b: f"SE({c}; {a}; {b})", cond, same, same))


def broken(text: str, cut: int, junk: str) -> str:
    """``text`` with a random slice replaced: what a hurried office may type."""
    at = cut % (len(text) + 1)
    return text[:at] + junk + text[at + 1 :]


@settings(max_examples=300)
@given(text=formulas(), place=st.sampled_from(sorted(PLACES)), cut=st.integers(0, 200),
       junk=st.sampled_from(["", "(", ")", ";", ",", "\"", "%", "=", "x", "ABC(", "1/0", "é"]), mangle=st.booleans())  # fmt: skip
def test_reading_a_formula_never_raises_but_its_problem(text, place, cut, junk, mangle):
    written = "=" + (broken(text, cut, junk) if mangle else text)
    try:
        formula = read(written, Scope(PLACES[place], levels=("A", "B"), parts=("prima",)))
    except FormulaError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert formula.text == written[1:].strip()


REGULATION = """\
formato = 2
[atto]
titolo = "SMVP casuale"
tipo_ente = "comune"

[livelli]
fonte = "art. 1"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 60 }]

[[premi]]
nome = "prima"
metodo = "livelli"
quota_fondo = 0.5
coefficienti = { A = 2, B = 1 }
fonte = "art. 2"

[[premi]]
nome = "seconda"
metodo = "{method}"
quota_fondo = 0.5
{key} = '={formula}'
fonte = "art. 3"
"""
PEOPLE = [("P1", 95, 1, 0), ("P2", 80, 0.5, 30), ("P3", 60, 1, 200), ("P4", 40, 1, 0), ("P5", 99, 0.75, 10)]


def ente(folder: Path) -> Path:
    staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},{absent},false,SEG" for pid, _, fte, absent in PEOPLE]
    cards = [f"{pid},SEG,scheda,Voce,100,{score}," for pid, score, _, _ in PEOPLE]
    files = one_unit_comune("Comune", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    return write_ente(folder / "ente", files)


HOW = {"importo": ("formula", "euro"), "peso": ("proporzionale", "peso"), "ammesso": ("proporzionale", "cond")}


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), key=st.sampled_from(sorted(HOW)), wild=st.booleans())
def test_a_regulation_with_any_formula_runs_and_conserves_every_fund(data, key, wild):
    method, kind = HOW[key]
    text = data.draw(formulas(2) if wild else typed(kind))
    folder = Path(tempfile.mkdtemp())
    path = folder / "smvp.toml"
    path.write_text(REGULATION.replace("{method}", method).replace("{key}", key).replace("{formula}", text))
    regulation, problems = load(str(path))
    if regulation is None:
        assert problems and all(p.message for p in problems)
        return
    result = compute_ente(ente(folder), "regolamento", 2024, {"regolamento": str(path)}, "rendicontazione")
    paid: dict[str, Decimal] = {}
    for award in result.rewards.awards.values():
        assert award.amount >= 0 and award.amount == award.amount.quantize(Decimal("0.01"))
        paid[award.pool] = paid.get(award.pool, Decimal(0)) + award.amount
    for name, pool in result.rewards.pools.items():
        assert pool.distributed == paid.get(name, Decimal(0))
        assert pool.distributed + pool.residual == pool.amount


def test_a_rank_of_texts_is_listed_without_negating_them():
    """``RANGO.ENTE("A")`` (a text: everyone ties at place 1) once crashed the explanation, which listed the values
    ranked by negating them: the values are listed by rank as they compare, ties in the file's order."""
    folder = Path(tempfile.mkdtemp())
    path = folder / "smvp.toml"
    text = (
        REGULATION.replace("{method}", "proporzionale").replace("{key}", "peso").replace("{formula}", 'RANGO.ENTE("A")')
    )
    path.write_text(text)
    result = compute_ente(ente(folder), "regolamento", 2024, {"regolamento": str(path)}, "rendicontazione")
    # «prima», 5.000,00 by level × fte: P1 A 2 × 1, P5 A 2 × 0,75, P2 B 1 × 0,5, P3 B 1 × 1 (P4, 40, no level): Σ 5,
    # 1.000,00 a unit → P1 2.000, P5 1.500, P2 500, P3 1.000. «seconda», 5.000,00 by place 1 (all tied) × fte: Σ 4,25
    # → 1.176,4705… each at full time (P1, P3, P4), P2 588,2352…, P5 882,3529…; rounded down 4.999,99, the cent to
    # the largest remainder (P2's ,0052)
    amounts = {pid: str(a.amount) for pid, a in result.rewards.awards.items()}
    assert amounts == {"P1": "3176.47", "P2": "1088.24", "P3": "2176.47", "P4": "1176.47", "P5": "2382.35"}
