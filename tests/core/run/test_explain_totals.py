"""What a person's amounts make together, named by what they add: premiums, or a premium beside a dirigente's result
pay, each as its own line above names it («Premio», «Retribuzione di risultato»)."""

from __future__ import annotations

from ciclope.core.run.explain import total_lines


def award(amount: str, what: str = "", kind: str = "performance") -> dict[str, str]:
    return {"amount": amount, "what": what, "kind": kind}


def test_two_premiums_are_the_total_of_the_premiums():
    # 500,00 + 714,88 = 1.214,88
    assert total_lines([award("500.00"), award("714.88")]) == ["Totale dei premi: € 1.214,88"]


def test_a_premium_beside_the_result_pay_says_both():
    # the interim part of a dirigente, 5.865,41, and his retribuzione di risultato, 9.140,00: 15.005,41
    found = total_lines([award("5865.41"), award("9140.00", "retribuzione di risultato")])
    assert found == ["Totale del premio e della retribuzione di risultato: € 15.005,41"]


def test_two_premiums_and_the_result_pay_and_a_compenso():
    # premiums 100,00 + 200,00 and result pay 300,00: 600,00; with the incentive of 50,00: 650,00
    awards = [award("100.00"), award("200.00"), award("300.00", "retribuzione di risultato")]
    awards.append(award("50.00", kind="incentive"))
    assert total_lines(awards) == [
        "Totale dei premi e della retribuzione di risultato: € 600,00",
        "Totale dei premi, della retribuzione di risultato e del compenso: € 650,00",
    ]


def test_one_premium_and_one_compenso():
    # 400,00 + the incentive 882,35 = 1.282,35: one total, of what there is
    assert total_lines([award("400.00"), award("882.35", kind="incentive")]) == [
        "Totale del premio e del compenso: € 1.282,35"
    ]
