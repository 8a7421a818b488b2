"""Merit bands with a fixed pool per band (``ripartizione = "per_fascia"``: «il 50% delle risorse alla fascia
alta»), split within the band in proportion to fte or to score × fte, beside the per-capita reading. Every amount
by hand; each pool conserved to the cent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import Person, money
from ciclope.core.reports import stats
from ciclope.plugins.regolamento.format.spec import BandShare, Premium
from ciclope.plugins.regolamento.pay import premium, shapes
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import amounts, one_unit_comune, regulation_problems, run_declared

REGULATION = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Fasce"
tipo_ente = "comune"

[premio]
metodo = "fasce"
fonte = "art. 11"
ripartizione = "per_fascia"
fasce = [
  { nome = "alta", personale = 0.2, risorse = 0.5 },
  { nome = "media", personale = 0.5, risorse = 0.4 },
  { nome = "bassa", personale = 0.3, risorse = 0.1 },
]
"""
# (id, fte, score); 10 people: the bands hold floor(10 × 0.2) = 2, floor(10 × 0.7) − 2 = 5 and the other 3
PEOPLE = [
    ("S01", "1", 95),
    ("S02", "0.5", 92),
    ("S03", "1", 90),
    ("S04", "0.5", 88),
    ("S05", "1", 85),
    ("S06", "1", 80),
    ("S07", "1", 78),
    ("S08", "1", 70),
    ("S09", "1", 65),
    ("S10", "1", 60),
]
# the fund 10000.00: alta 10000 × 0.5 = 5000.00, media × 0.4 = 4000.00, bassa × 0.1 = 1000.00


def files(people=PEOPLE) -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},0,false,SEG" for pid, fte, _ in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score in people]
    return one_unit_comune("Comune di Fasce", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')


def run(ciclope_ente, tmp_path: Path, text: str, people=PEOPLE):
    return run_declared(ciclope_ente, tmp_path, text, files(people))


@pytest.mark.parametrize("within", ["", "quota_tempo", "fte"])
def test_a_fixed_pool_per_band_split_by_fte(ciclope_ente, tmp_path, within):
    """In proportion to the time worked: by default, as «quota_tempo» or as «fte», its word of before."""
    text = REGULATION.replace('"per_fascia"', f'"per_fascia"\nin_fascia = "{within}"') if within else REGULATION
    result = run(ciclope_ente, tmp_path, text)
    assert amounts(result) == {
        # alta, 5000.00 over fte 1 + 0.5 = 1.5: 500000 cents / 1.5 = 333333.33 (.33) and 166666.67 (.67);
        # the cent left to the larger remainder, S02
        "S01": "3333.33",
        "S02": "1666.67",
        # media, 4000.00 over fte 1 + 0.5 + 1 + 1 + 1 = 4.5: 400000 / 4.5 = 88888.89 per fte (.89), the half
        # 44444.44 (.44); floors 4 × 888.88 + 444.44 = 3999.96: 4 cents to the four .89, S03 S05 S06 S07
        "S03": "888.89",
        "S04": "444.44",
        "S05": "888.89",
        "S06": "888.89",
        "S07": "888.89",
        # bassa, 1000.00 over 3: 333.33 each (.33), the cent left to the best score of the tie, S08
        "S08": "333.34",
        "S09": "333.33",
        "S10": "333.33",
    }
    assert {pid: a.band for pid, a in result.rewards.awards.items()} == {
        **dict.fromkeys(["S01", "S02"], "alta"),
        **dict.fromkeys(["S03", "S04", "S05", "S06", "S07"], "media"),
        **dict.fromkeys(["S08", "S09", "S10"], "bassa"),
    }
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))
    figure = result.figures["award:S04"]
    assert figure.formula.startswith("fondo × quota di risorse della fascia, divisa tra i collocati nella fascia")
    given_ = {i.name: i.value for i in figure.inputs}
    assert (given_["fascia"], given_["quota di risorse della fascia"]) == ("media", Decimal("0.4"))
    # S04's weight and its band's sum, to redo it by hand: 10000 × 0.4 × 0.5 / 4.5 = 444.44
    assert (given_["peso"], given_["Σ pesi della fascia"]) == (Decimal("0.5"), Decimal("4.5"))
    assert "Σ pesi" not in given_  # the sum of the band, never of the whole pool
    assert [p for p in result.violations if p.severity == "error"] == []


def test_the_fund_s_explanation_gives_each_band_s_sum_and_who_received_what(ciclope_ente, tmp_path):
    """explain --pool of [premio] (format 1, no part): the premium's amounts, each band's Σ pesi (fte: alta 1 + 0.5 =
    1.5, media 1 + 0.5 + 1 + 1 + 1 = 4.5, bassa 3) and each amount, as above: 10000.00 in all."""
    from ciclope.core.run.explain import explain

    text = explain(run(ciclope_ente, tmp_path, REGULATION), "pool", "performance_individuale")
    paid = text.index("■ Premi pagati = € 10.000,00\n")
    assert "  formula: somma degli importi che il premio ha pagato, ciascuno spiegato con il suo calcolo\n" in text
    assert "parte" not in text[paid : text.index("\n", paid)]
    for said in (
        "Σ pesi della fascia alta = 1,5",
        "Σ pesi della fascia media = 4,5",
        "Σ pesi della fascia bassa = 3",
    ):
        assert f"  • {said}\n" in text[paid:]
    assert "  • importo di Persona S04 = € 444,44\n" in text[paid:]


def test_a_fixed_pool_per_band_split_by_score(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, REGULATION.replace('"per_fascia"', '"per_fascia"\nin_fascia = "punteggio"'))
    assert amounts(result) == {
        # alta: 95 × 1 = 95 and 92 × 0.5 = 46, Σ 141; 500000 × 95 / 141 = 336879.43 (.43),
        # 500000 × 46 / 141 = 163120.57 (.57): the cent to S02
        "S01": "3368.79",
        "S02": "1631.21",
        # media: 90, 88 × 0.5 = 44, 85, 80, 78, Σ 377; 400000 × w / 377 = 95490.72, 46684.35, 90185.68,
        # 84880.64, 82758.62; floors 3999.97: the 3 cents to .72 (S03), .68 (S05), .64 (S06)
        "S03": "954.91",
        "S04": "466.84",
        "S05": "901.86",
        "S06": "848.81",
        "S07": "827.58",
        # bassa: 70, 65, 60, Σ 195; 100000 × w / 195 = 35897.44, 33333.33, 30769.23: the cent to S08 (.44)
        "S08": "358.98",
        "S09": "333.33",
        "S10": "307.69",
    }


def test_a_band_nobody_is_in_keeps_its_pool_as_residual(ciclope_ente, tmp_path):
    people = [("T1", "1", 90), ("T2", "1", 80), ("T3", "1", 70), ("T4", "1", 60)]
    result = run(ciclope_ente, tmp_path, REGULATION, people)
    # 4 people: alta floor(4 × 0.2) = 0, media floor(4 × 0.7) = 2, bassa the other 2
    # media 4000.00 / 2 = 2000.00 each; bassa 1000.00 / 2 = 500.00 each; alta's 5000.00 stays residual
    assert amounts(result) == {"T1": "2000.00", "T2": "2000.00", "T3": "500.00", "T4": "500.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("5000.00"), Decimal("5000.00"))
    # each band redone by hand from the explanation: alta and media end at ⌊4 × (20% + 50%)⌋ = ⌊2,8⌋ = 2, so T1 (1st
    # of 4) is in media; T3 (3rd) is past it, in bassa, the last band, which takes the rest
    first = {i.name: i.value for i in result.figures["award:T1"].inputs}
    third = {i.name: i.value for i in result.figures["award:T3"].inputs}
    assert (first["posto in graduatoria"], first["posti fino a questa fascia"]) == (
        "1 su 4",
        "fino al 2° posto: ⌊4 × 70%⌋",
    )
    assert (third["posto in graduatoria"], third["posti fino a questa fascia"]) == (
        "3 su 4",
        "fino al 4° posto: gli altri",
    )
    [warning] = [p for p in result.violations if p.rule == "regolamento.fascia_vuota"]
    assert warning.severity == "warning" and warning.source == "SMVP del Comune di Fasce, art. 11"
    assert warning.message == (
        "nessun premio dalla fascia «alta» (nessuno vi è collocato con una quota pagata): la sua quota del fondo, "
        "€ 5.000,00, resta residua"
    )


def test_the_per_capita_reading_is_still_the_default(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, REGULATION.replace('ripartizione = "per_fascia"\n', ""))
    # per capita: weight = (risorse / personale) × fte: alta 0.5 / 0.2 = 2.5, media 0.4 / 0.5 = 0.8,
    # bassa 0.1 / 0.3 = 1/3. Σ = 2.5 × 1.5 + 0.8 × 4.5 + 1/3 × 3 = 3.75 + 3.6 + 1 = 8.35;
    # S01 1000000 cents × 2.5 / 8.35 = 299401.20 → 2994.01 (.20); S08 1000000 × (1/3) / 8.35 = 39920.16 → 399.20
    # (.16); the 3 cents left go to S02 (.60) and to S03, S05 (.38, the best of the four media at 0.8)
    got = amounts(result)
    assert (got["S01"], got["S08"]) == ("2994.01", "399.20")
    # S08's weight 1/3 and the sum 8.35, to six decimals as the explanation shows a ratio
    inputs = {i.name: i.value for i in result.figures["award:S08"].inputs}
    assert (inputs["peso"], inputs["Σ pesi"]) == (Decimal("0.333333"), Decimal("8.35"))


def test_the_keys_of_a_fixed_pool_per_band_are_checked(tmp_path):
    text = REGULATION.replace('ripartizione = "per_fascia"', 'in_fascia = "punteggio"').replace(
        'nome = "bassa"', 'nome = "media"'
    )
    assert regulation_problems(tmp_path, text) == [
        'riga 9, chiave premio.in_fascia: in_fascia vale con ripartizione = "per_fascia" (la quota di ogni fascia '
        "divisa tra i suoi membri)",
        "riga 13, chiave premio.fasce[3].nome: la fascia «media» è già scritta prima",
    ]
    levels = '[premio]\nmetodo = "livelli"\nfonte = "art. 11"\nripartizione = "per_fascia"\ncoefficienti = { A = 1 }\n'
    text = REGULATION.split("[premio]")[0] + '[livelli]\nfonte = "art. 7"\nscala = [{ nome = "A", da = 60 }]\n' + levels
    assert regulation_problems(tmp_path, text) == [
        "riga 12, chiave premio.ripartizione: la ripartizione per_fascia vale per il metodo «fasce»"
    ]


BANDS = Premium(
    source="art. 1",
    method="fasce",
    band_money="per_fascia",
    bands=(
        BandShare(name="alta", staff=Decimal("0.2"), resources=Decimal("0.5")),
        BandShare(name="media", staff=Decimal("0.5"), resources=Decimal("0.4")),
        BandShare(name="bassa", staff=Decimal("0.3"), resources=Decimal("0.1")),
    ),
)


class _Warnings:
    def __init__(self) -> None:
        self.problems: list[object] = []

    def problem(self, problem: object) -> None:
        self.problems.append(problem)


@settings(max_examples=120)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 10000).map(lambda c: Decimal(c) / 100), st.sampled_from(["1", "0.5", "0.75"])),
        max_size=25,
    ),
    fund=st.integers(0, 3_000_000).map(lambda c: Decimal(c) / 100),
    within=st.sampled_from(["quota_tempo", "punteggio"]),
)
def test_each_band_pays_exactly_its_share_or_leaves_it_residual(rows, fund, within):
    pr = Premium(source=BANDS.source, method="fasce", band_money="per_fascia", within_band=within, bands=BANDS.bands)
    admitted = []
    for i, (score, fte) in enumerate(rows):
        person = Person(id=f"P{i:02d}", name=f"P{i}", role="dipendente", category="C", unit="u", fte=Decimal(fte))
        admitted.append(shapes.Entry(person, score, None, None, Decimal(fte), (), "fte"))
    plan = premium.method_plan(None, pr, admitted, None, None)  # type: ignore[arg-type]
    rank = {e.person.id: i for i, e in enumerate(premium.ordered(admitted))}
    warnings = _Warnings()
    amounts = premium.settle(fund, plan, pr, rank, "art. 1", warnings)[0]  # type: ignore[arg-type]
    # the band's part: the fund split 0.5 / 0.4 / 0.1 to the cent, by largest remainder
    shares = {"alta": Decimal("0.5"), "media": Decimal("0.4"), "bassa": Decimal("0.1")}
    parts = money.split(fund, shares, rank={"alta": 0, "media": 1, "bassa": 2})  # a tied cent to the higher band
    for band, part in parts.items():
        paid = sum((a for pid, a in amounts.items() if plan.band[pid] == band), Decimal("0.00"))
        weights = [w for pid, w in plan.values.items() if plan.band[pid] == band]
        assert paid == (part if any(weights) else Decimal("0.00"))  # conserved per band, or all residual
    assert all(a >= 0 and a == a.quantize(Decimal("0.01")) for a in amounts.values())
    unpaid = [b for b, p in parts.items() if p > 0 and not any(w for k, w in plan.values.items() if plan.band[k] == b)]
    assert len(warnings.problems) == len(unpaid)  # a warning for each band whose part nobody receives


# «a) 2 al 20% del personale […]; b) 1 a non meno del 30% del personale; c) al restante personale è attribuito un
# parametro intermedio da stabilirsi in contrattazione decentrata» (CCNL Istituzioni ed Enti di ricerca 7.10.1996,
# art. 45): a coefficient per head for each band, not its share of the resources; the intermediate 1,5 an example.
COEFFICIENTS = """\
formato = 2
[atto]
titolo = "CCNL Istituzioni ed Enti di ricerca, produttività collettiva e individuale"
tipo_ente = "altro"

[premio]
metodo = "fasce"
fonte = "art. 45 c. 2"
fasce = [
  { nome = "parametro 2", personale = 0.2, coefficiente = 2 },
  { nome = "parametro intermedio", personale = 0.5, coefficiente = 1.5 },
  { nome = "parametro 1", personale = 0.3, coefficiente = 1 },
]
"""


def test_bands_with_a_coefficient_per_head(ciclope_ente, tmp_path):
    people = [("R1", "1", 95), ("R2", "1", 88), ("R3", "1", 80), ("R4", "1", 72), ("R5", "1", 65)]
    result = run(ciclope_ente, tmp_path, COEFFICIENTS, people)
    # 5 people: ⌊5 × 0,2⌋ = 1 at parametro 2, ⌊5 × 0,7⌋ = 3 (2 more) intermediate, the 2 left at parametro 1;
    # weights 2 + 1,5 + 1,5 + 1 + 1 = 7: 10000 × 2 / 7 = 2857,142…, × 1,5 / 7 = 2142,857…, × 1 / 7 = 1428,571…;
    # cents down 9999,98, the 2 cents to the largest remainders, R2 and R3 (0,71 of a cent each)
    assert amounts(result) == {"R1": "2857.14", "R2": "2142.86", "R3": "2142.86", "R4": "1428.57", "R5": "1428.57"}
    inputs = {i.name: i.value for i in result.figures["award:R1"].inputs}
    assert inputs["coefficiente della fascia"] == Decimal("2")
    assert (inputs["peso"], inputs["Σ pesi"]) == (Decimal("2"), Decimal("7"))  # 10000 × 2 / 7
    path = tmp_path / "epr.toml"
    path.write_text(COEFFICIENTS, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    said = render(regulation)
    assert "«parametro 2» con il 20% del personale e il coefficiente 2" in said
    assert "è diviso per il coefficiente della fascia × la quota pagata." in said


def test_a_band_says_its_resources_or_its_coefficient(tmp_path):
    both = COEFFICIENTS.replace("coefficiente = 2 }", "coefficiente = 2, risorse = 0.4 }")
    mixed = COEFFICIENTS.replace("coefficiente = 1 }", "risorse = 0.3 }")
    fixed = COEFFICIENTS.replace('fonte = "art. 45 c. 2"', 'fonte = "art. 45 c. 2"\nripartizione = "per_fascia"')
    # the bands are on lines 10–12 of the file, under «fasce = [» on line 9
    assert regulation_problems(tmp_path, both) == [
        "riga 10, chiave premio.fasce[1]: una fascia dice la sua quota di risorse o il suo coefficiente, uno dei due"
    ]
    assert regulation_problems(tmp_path, mixed) == [
        "riga 9, chiave premio.fasce: le fasce dicono tutte la quota di risorse o tutte il coefficiente"
    ]
    assert any("per_fascia divide il fondo per le quote di risorse" in m for m in regulation_problems(tmp_path, fixed))


# «a) 2 al 20% del personale, fino ad un importo massimo pari al 1,5 volte dell'indennità di Ente di cui all'art. 43,
# comma 2» (art. 45 c. 2): a maximum per person from a datum of the person; only the top band can reach it here.
CAPPED = (
    COEFFICIENTS.replace(
        "[premio]",
        '[[colonne]]\nnome = "indennita_ente"\ntipo = "euro"\n'
        'significato = "l\'indennità di Ente annua"\nfonte = "art. 43 c. 2"\n\n[[premi]]\n'
        'nome = "produttività"\nmassimo_persona = "=1,5 * indennita_ente"',
    )  # fmt: skip
)


def capped_files() -> dict[str, str]:
    people = [("R1", 95), ("R2", 88), ("R3", 80), ("R4", 72), ("R5", 65)]
    data = files([(pid, "1", score) for pid, score in people])
    lines = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([lines[0] + ",indennita_ente", *(f"{row},1800.00" for row in lines[1:])]) + "\n"
    return data


@pytest.mark.parametrize(
    "residual, amounts_",
    [
        # «resta»: R1 the lesser of 2.857,14 and 1,5 × 1.800 = 2.700,00; the 157,14 it does not take stay residual
        ("resta", {"R1": "2700.00", "R2": "2142.86", "R3": "2142.86", "R4": "1428.57", "R5": "1428.57"}),
        # «ridistribuisci»: R1 2.700,00, the other 7.300,00 by 1,5 + 1,5 + 1 + 1 = 5: 2.190,00 / 2.190,00 / 1.460,00
        # / 1.460,00, each below its own 2.700,00
        ("ridistribuisci", {"R1": "2700.00", "R2": "2190.00", "R3": "2190.00", "R4": "1460.00", "R5": "1460.00"}),
    ],
)
def test_a_maximum_per_person_from_a_datum_of_the_person(ciclope_ente, tmp_path, residual, amounts_):
    text = CAPPED.replace('fonte = "art. 45 c. 2"', f'fonte = "art. 45 c. 2"\nresiduo = "{residual}"')
    result = run_declared(ciclope_ente, tmp_path, text, capped_files())
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == amounts_
    pool = result.rewards.pools["performance_individuale"]
    residue = Decimal("157.14") if residual == "resta" else Decimal("0.00")
    assert (pool.distributed, pool.residual) == (Decimal("10000.00") - residue, residue)
    inputs = {i.name: i.value for i in result.figures["award:R1"].inputs}
    assert inputs["massimo per persona (1,5 × l'indennità di Ente annua)"] == Decimal("2700.00")
    said = render(load_text(tmp_path, text))
    rest = "va agli altri in proporzione" if residual == "ridistribuisci" else "resta residuo"
    assert "Nessuno riceve più di 1,5 × l'indennità di Ente annua (formula: =1,5 * indennita_ente) " in said
    assert f"ciò che supera {rest}." in said


def test_a_maximum_that_is_a_number_is_said_without_its_formula(tmp_path):
    # «=2500 €» is the whole of what the sentence says, «€ 2.500,00»: the annex never repeats it as code
    text = CAPPED.replace('massimo_persona = "=1,5 * indennita_ente"', 'massimo_persona = "=2500 €"')
    assert 'massimo_persona = "=2500 €"' in text
    said = render(load_text(tmp_path, text))
    assert "Nessuno riceve più di € 2.500,00 (per difetto al centesimo)" in said and "=2500" not in said


def load_text(folder: Path, text: str):
    path = folder / "capped.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is not None, found
    return regulation


def test_a_maximum_per_person_is_for_a_fund_divided_by_weights(tmp_path):
    text = CAPPED.replace('fonte = "art. 45 c. 2"', 'fonte = "art. 45 c. 2"\nripartizione = "per_fascia"')
    text = text.replace("coefficiente = 2", "risorse = 0.4").replace("coefficiente = 1.5", "risorse = 0.4")
    text = text.replace("coefficiente = 1", "risorse = 0.2")
    assert any("chiave premi[1].massimo_persona: vale per un fondo diviso per pesi" in m
               for m in regulation_problems(tmp_path, text))  # fmt: skip


def test_the_relazione_lists_the_bands_best_first_even_when_a_lower_one_is_paid_more(ciclope_ente, tmp_path):
    text = REGULATION.replace("risorse = 0.5", "risorse = 0.2").replace("risorse = 0.4", "risorse = 0.7")
    everyone_full_time = [(pid, "1", score) for pid, _, score in PEOPLE]
    result = run(ciclope_ente, tmp_path, text, everyone_full_time)
    # alta 10000 × 0,2 = 2000 over S01 S02: 1000 each; media 10000 × 0,7 = 7000 over S03–S07: 1400 each;
    # bassa 10000 × 0,1 = 1000 over S08–S10: 333,33 (+1 cent to S08). Media is paid more per head than alta,
    # and the table still follows the scale: alta, media, bassa
    assert [(b.band, b.count, b.mean) for b in stats.bands(result)] == [
        ("alta", 2, Decimal("1000.00")),
        ("media", 5, Decimal("1400.00")),
        ("bassa", 3, Decimal("333.33")),  # 1000,00 / 3 = 333,333… → 333,33
    ]
