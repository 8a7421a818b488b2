"""The maggiorazione del premio individuale (art. 69 CCNL 21.5.2018, art. 81 CCNL 16.11.2022) computed by the comparto
from [ente.nazionale], under a regulation whose fund also pays the organizational performance (art. 68 c. 2 lett. a):
the mean is of the individual premium alone (`performance = "organizzativa"` on the other part). Every amount by
hand."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from helpers import amounts, next_year, one_unit_comune, regulation_text

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "performance organizzativa"
metodo = "proporzionale"
quota_fondo = 0.4
peso = "=1"
tempo_parziale = "intero"
performance = "organizzativa"
fonte = "art. 5 c. 1"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
quota_fondo = 0.6
fonte = "art. 5 c. 2"
"""
# ten people: S01 96 points, the nine others 56; Σ = 96 + 9 × 56 = 600
SCORES = {"S01": 96, **{f"S{i:02}": 56 for i in range(2, 11)}}


def run_with(
    tmp_path: Path, regulation: str, funds: str = 'performance_individuale = "10000.00"', nazionale: bool = True
):
    """The ten people under ``regulation`` in 2024, [ente.nazionale] at 30% of the mean for 10% of the staff (none
    without ``nazionale``)."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in SCORES]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in SCORES.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, f"[funds]\n{funds}\n")
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "smvp.toml").write_text(regulation, encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    national = {"maggiorazione": {"quota_premio": 0.30, "quota_personale": 0.10}} if nazionale else None
    params, problems = resolve_params("regolamento", 2024, overrides, "cycle.toml", national)
    assert problems == []
    folder = write_ente(tmp_path / "ente", data)
    return compute(EnteConfig(id="prova", plugin="regolamento", data=folder, overrides=overrides, params=params), 2024)


def test_the_mean_is_of_the_individual_part_alone(tmp_path):
    result = run_with(tmp_path, REGULATION)
    # the individual part pays 60% of 10.000 = 6.000 by score: S01 6.000 × 96 / 600 = 960,00, the others
    # 6.000 × 56 / 600 = 560,00; mean 6.000 / 10 = 600,00 (not 10.000 / 10 = 1.000,00 with the organizational
    # part); M = 30% × 600,00 = 180,00; 10% of 10 evaluated = 1 beneficiary, S01 (96 points)
    assert result.figures["art69:media"].value == Decimal("600.00")
    assert result.figures["art69:maggiorazione"].value == Decimal("180.00")
    # the mean is of the first split, before the set-aside (rules §2 step 2), and says so
    assert (
        "dividendo il fondo intero, prima che la maggiorazione ne sia accantonata"
        in result.figures["art69:media"].formula
    )
    # nothing left unpaid: the 180 are taken from the individual part alone (the maggiorazione is of the individual
    # premium, art. 68 c. 2 lett. b), split again by the regulation's rule: organizational 40% of 10.000 = 4.000 / 10
    # = 400,00 each, as without the maggiorazione; individual 6.000 − 180 = 5.820: S01 5.820 × 96 / 600 = 931,20,
    # the others 5.820 × 56 / 600 = 543,20; S01 + 180,00
    # S01 400,00 + 931,20 = 1.331,20; others 400,00 + 543,20 = 943,20; Σ 1.331,20 + 9 × 943,20 + 180 = 10.000,00
    others = {pid: "943.20" for pid in list(SCORES)[1:]}
    assert amounts(result) == {"S01": "1331.20", **others, "S01:maggiorazione_art69": "180.00"}
    # the part's fund after the set-aside is explained: 6.000,00 − 180,00 = 5.820,00
    part = result.figures["pool:performance_individuale:performance individuale:riserva"]
    assert part.value == Decimal("5820.00")
    assert [i.value for i in part.inputs] == [Decimal("6000.00"), Decimal("180.00")]
    assert "maggiorazione del premio individuale" in part.formula


def test_two_individual_parts_bear_the_set_aside_by_what_each_paid(tmp_path):
    # the fund pays 50% to the organizational performance (1 each), 30% by score and 20% equally, both individual
    regulation = (
        REGULATION.replace("quota_fondo = 0.4", "quota_fondo = 0.5").replace("quota_fondo = 0.6", "quota_fondo = 0.3")
        + '\n[[premi]]\nnome = "presenza"\nmetodo = "proporzionale"\nquota_fondo = 0.2\npeso = "=1"\n'
        'tempo_parziale = "intero"\nfonte = "art. 5 c. 3"\n'
    )
    result = run_with(tmp_path, regulation)
    # individual premium: by score 3.000: S01 3.000 × 96 / 600 = 480, others 280; equally 2.000 / 10 = 200;
    # S01 680, others 480: mean (680 + 9 × 480) / 10 = 500,00, M = 30% × 500 = 150,00, one beneficiary (S01)
    assert result.figures["art69:maggiorazione"].value == Decimal("150.00")
    # the 150 split between the two individual parts as they paid, 3.000 : 2.000 → 90 and 60; the organizational
    # part keeps 5.000 / 10 = 500 each. By score 2.910: S01 2.910 × 96 / 600 = 465,60, others 271,60; equally
    # 1.940 / 10 = 194,00. S01 500 + 465,60 + 194 = 1.159,60; others 500 + 271,60 + 194 = 965,60;
    # Σ 1.159,60 + 9 × 965,60 + 150 = 10.000,00
    others = {pid: "965.60" for pid in list(SCORES)[1:]}
    assert amounts(result) == {"S01": "1159.60", **others, "S01:maggiorazione_art69": "150.00"}
    by_score = result.figures["pool:performance_individuale:performance individuale:riserva"]
    equally = result.figures["pool:performance_individuale:presenza:riserva"]
    assert (by_score.value, equally.value) == (Decimal("2910.00"), Decimal("1940.00"))


def test_without_the_declaration_the_mean_is_of_the_whole_fund(tmp_path):
    # the same fund without `performance = "organizzativa"`: both parts are the individual premium, as before;
    # mean 10.000 / 10 = 1.000,00, M = 300,00
    result = run_with(tmp_path, REGULATION.replace('performance = "organizzativa"\n', ""))
    assert result.figures["art69:media"].value == Decimal("1000.00")
    assert result.figures["art69:maggiorazione"].value == Decimal("300.00")


def test_an_organizational_fund_of_its_own_is_not_the_individual_premium(tmp_path):
    # the organizational part in its own fund (4.000): only the individual fund (6.000) is the premium of art. 69,
    # and only it is cut: mean 6.000 / 10 = 600,00, M = 180,00, S01; the individual fund 6.000 − 180 = 5.820 split
    # again: S01 5.820 × 96 / 600 = 931,20, the others 5.820 × 56 / 600 = 543,20; the organizational 400,00 each
    regulation = REGULATION.replace("quota_fondo = 0.4\n", 'fondo = "performance_organizzativa"\n').replace(
        "quota_fondo = 0.6\n", ""
    )
    funds = 'performance_individuale = "6000.00"\nperformance_organizzativa = "4000.00"'
    result = run_with(tmp_path, regulation, funds)
    assert result.figures["art69:media"].value == Decimal("600.00")
    assert result.figures["art69:maggiorazione"].value == Decimal("180.00")
    paid: dict[tuple[str, str], Decimal] = {}
    for a in result.rewards.awards.values():
        paid[(a.pool, a.person)] = a.amount
    assert paid[("performance_organizzativa", "S02")] == Decimal("400.00")
    assert paid[("performance_individuale", "S01")] == Decimal("931.20")
    assert paid[("performance_individuale", "S02")] == Decimal("543.20")


def test_the_regulation_s_own_maggiorazione_is_checked_against_the_individual_mean(tmp_path):
    # the fund's third part is the contract's maggiorazione as the CCDI writes it (maggiorazione = true): 100,00 to
    # the best score, from its 10% of the fund (1.000,00). The individual part pays 50% = 5.000 by
    # score, mean 5.000 / 10 = 500,00 (the organizational part and the maggiorazione are not the premium);
    # 30% × 500,00 = 150,00 is the contract's minimum, and the part pays 100,00 to S01: a warning
    regulation = REGULATION.replace("quota_fondo = 0.6", "quota_fondo = 0.5") + (
        '\n[[premi]]\nnome = "maggiorazione"\nmetodo = "formula"\nmaggiorazione = true\n'
        "quota_fondo = 0.1\nimporto = '=SE(punteggio = MAX.ENTE(punteggio); 100 €; 0 €)'\nfonte = \"art. 6\"\n"
    )
    result = run_with(tmp_path, regulation)
    [short] = [p for p in result.violations if p.rule == "ccnl.art69.own_minimum"]
    assert (
        "€ 5.000,00 / 10 = € 500,00, cioè almeno € 150,00; la parte paga € 100,00 a Persona S01 (S01)" in short.message
    )


def test_the_next_year_s_ente_toml_asks_the_fund_not_its_parts(tmp_path):
    # the fund named to the comparto by its individual part («performance_individuale/performance individuale») is
    # one fund in the next year's ente.toml, with the amount of the run
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in SCORES]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in SCORES.items()]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    folder = next_year(tmp_path, REGULATION, one_unit_comune("Comune di Prova", staff, cards, funds))
    toml = (folder / "comune" / "ente.toml").read_text(encoding="utf-8")
    section = toml.split("[fondi]")[1].split("\n[")[0]
    assert 'performance_individuale = "10.000,00"' in section and "/" not in section, section  # as an office writes it


def test_the_article_says_which_part_is_organizational(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert (
        "La parte paga la performance organizzativa: non è del premio individuale, e il valore medio della "
        "maggiorazione prevista dal contratto nazionale non la legge."
    ) in text
    assert "CCNL 21.5.2018" not in text  # the contract's article varies by comparto and year: the text cites none
    assert text.count("La parte paga la performance organizzativa") == 1  # of the first part only
    assert "Inoltre" not in text and "individuale o organizzativa" not in text  # not the key's description
    # the premium has an organizational part: its parts are «del premio», not «del premio individuale»
    assert "Il premio si paga in 2 parti" in text and "Le parti del premio individuale" not in text


SET_ASIDE = (
    "Se il contratto integrativo prevede la maggiorazione del premio individuale del contratto nazionale (la sua "
    "misura è scritta nella configurazione del ciclo dell'ente, non in questo regolamento), la maggiorazione × il "
    "numero dei beneficiari è accantonata prima dal fondo dei premi per la performance individuale: da ciò che le "
    "parti lasciano non distribuito e, per il resto, riducendo il fondo, che è diviso una volta sola con la regola "
    "della parte."
)


def test_the_individual_part_says_the_maggiorazione_is_set_aside_from_its_fund_first(tmp_path):
    # the comparto's layer sets M × beneficiari aside from the fund of the individual premium before the regulation
    # divides it (in a Comune with 14.000,00 and M × 1 = 466,67, the part divides 13.533,33): a reader checking the
    # printout against the CCDI reads it at the individual part, once, after its share of the fund
    regulation = REGULATION.replace('performance = "organizzativa"', 'performance = "organizzativa"\nfondo = "org"')
    regulation = regulation.replace("quota_fondo = 0.4\n", "").replace("quota_fondo = 0.6\n", "")
    text = regulation_text(tmp_path, regulation)
    assert f"Le va tutto il fondo dei premi per la performance individuale. {SET_ASIDE}" in text, text
    assert text.count("accantonata prima") == 1  # not at the organizational part, which the layer does not read


def test_no_set_aside_is_said_outside_the_comparto_nor_where_a_part_is_the_maggiorazione(tmp_path):
    assert "accantonata prima" not in regulation_text(
        tmp_path, REGULATION.replace('comparto = "funzioni_locali"', 'comparto = "altro"')
    )
    own = REGULATION.replace("quota_fondo = 0.6", "quota_fondo = 0.5") + (
        '\n[[premi]]\nnome = "maggiorazione"\nmetodo = "formula"\nmaggiorazione = true\n'
        "quota_fondo = 0.1\nimporto = '=SE(punteggio = MAX.ENTE(punteggio); 100 €; 0 €)'\nfonte = \"art. 6\"\n"
    )
    (tmp_path / "own").mkdir()
    assert "accantonata prima" not in regulation_text(tmp_path / "own", own)  # the layer computes none of its own


def test_outside_the_comparto_no_maggiorazione_is_said(tmp_path):
    # «altro»: a contract ciclope has no national layer for computes no maggiorazione, so none «reads» the part
    text = regulation_text(tmp_path, REGULATION.replace('comparto = "funzioni_locali"', 'comparto = "altro"'))
    sentences = re.findall(r"La parte paga la performance organizzativa[^.]*\.", text)
    assert sentences == ["La parte paga la performance organizzativa: non è del premio individuale."], text
    assert "maggiorazione" not in text


def test_outside_the_comparto_an_incentive_says_no_maggiorazione(tmp_path):
    # a compenso that is no premium (performance = "nessuna") under a contract of its own: published apart, and no
    # national maggiorazione to skip it
    regulation = (
        'formato = 2\n[atto]\ntitolo = "CCI"\ntipo_ente = "ente_pubblico"\ncomparto = "altro"\n\n'
        '[[premi]]\nnome = "individuale"\nmetodo = "proporzionale"\nfonte = "art. 5 c. 2"\n\n'
        '[[premi]]\nnome = "ISTAT"\nmetodo = "proporzionale"\nfondo = "istat"\nvalutazione = false\npeso = "=1"\n'
        'performance = "nessuna"\nfonte = "art. 9"\n'
    )
    text = regulation_text(tmp_path, regulation)
    assert re.findall(r"La parte paga un compenso[^.]*\.", text) == [
        "La parte paga un compenso che non è un premio correlato alla performance (un incentivo previsto da una "
        "legge): non è del premio individuale, e i dati pubblicati la riportano a parte, fuori dai premi per la "
        "performance."
    ]
    assert "maggiorazione" not in text


def own_maggiorazione(share: str) -> str:
    """The regulation with its own maggiorazione for the best ranked among those at 50 points or more, ``share`` of
    them, rounded down; the individual part only from 60 points."""
    return REGULATION.replace(
        'quota_fondo = 0.6\nfonte = "art. 5 c. 2"',
        "quota_fondo = 0.5\nammesso = '=punteggio >= 60'\nfonte = \"art. 5 c. 2\"",
    ) + (  # fmt: skip
        '\n[[premi]]\nnome = "maggiorazione"\nmetodo = "formula"\nmaggiorazione = true\nquota_fondo = 0.1\n'
        f"ammesso = '=RANGO.ENTE(punteggio) <= ARROTONDA.PER.DIF({share} * CONTA.ENTE(punteggio >= 50); 0)'\n"
        "importo = '=150 €'\nfonte = \"art. 6\"\n"
    )


def test_a_maggiorazione_paid_to_everyone_is_a_warning(tmp_path):
    # «15» for 15%: ⌊15 × 10⌋ = 150 places (all ten score 50 or more), every rank is within them and all ten are
    # paid 150,00; S02–S10 (56 points) are below the individual part's 60 and have nothing from it (the
    # organisational part pays them: it is not the premium a maggiorazione increases)
    result = run_with(tmp_path, own_maggiorazione("15"))
    [warned] = [p for p in result.violations if p.rule == "regolamento.maggiorazione_a_tutti"]
    assert warned.severity == "warning" and warned.column == "premi[3]"  # the third part, «[[premi]] n. 3»
    assert "la parte «maggiorazione» paga la maggiorazione a tutte le 10 persone che può premiare" in warned.message
    assert "una quota si scrive in percentuale, «15%», non «15»" in warned.message
    nine = ", ".join(f"Persona S{i:02}" for i in range(2, 10)) + " e Persona S10"
    assert f"la ricevono anche {nine}, a cui il premio individuale non paga nulla" in warned.message


def test_a_maggiorazione_for_a_limited_share_says_nothing(tmp_path):
    # 15%: ⌊0,15 × 10⌋ = 1 place, S01 (96 points) alone
    result = run_with(tmp_path, own_maggiorazione("15%"))
    assert not [p for p in result.violations if p.rule == "regolamento.maggiorazione_a_tutti"]
    by_part = result.rewards.parts["performance_individuale"]
    paid = [pid for pid, parts in by_part.items() for name, amount in parts if name == "maggiorazione" and amount]
    assert paid == ["S01"]


def test_the_maggiorazione_s_row_has_the_outcome_of_the_score_that_gave_it(tmp_path):
    # its amount (150 €) reads no score, its condition (the first place by score) does: S01's row in «Premi» is the
    # outcome of their evaluation, as the individual part's row, never «senza valutazione individuale»
    from ciclope.core.reports import sheets

    result = run_with(tmp_path, own_maggiorazione("15%"))
    rows = [row for row in sheets.awards(result, sheets.statuses(result)).rows if row[0] == "S01"]
    esiti = {row[4]: row[6] for row in rows}  # Codice, Nome, Unità, Fondo, Parte, Importo, Esito (no levels)
    assert esiti["maggiorazione"] == esiti["performance individuale"] == "valutato", rows


def annex_sentences(result, start: str) -> list[str]:
    """The sentences of the Relazione's annex (the declared regulation's articles) that begin with ``start``."""
    [section] = [s for s in result.sections if s.title == "Allegato — Il sistema di valutazione dichiarato"]
    return [m for _, text in section.rows for m in re.findall(re.escape(start) + r"[^.]*\.", text)]


MAGGIORAZIONE_SAID = "La parte è la maggiorazione del premio individuale"


def test_the_annex_says_the_national_maggiorazione_where_the_comparto_s_layer_runs(tmp_path):
    # funzioni_locali: the comparto's layer computes the contract's maggiorazione and leaves it to the part
    result = run_with(tmp_path, own_maggiorazione("15%"), nazionale=False)
    assert annex_sentences(result, MAGGIORAZIONE_SAID) == [
        "La parte è la maggiorazione del premio individuale prevista dal contratto nazionale, come la scrive il "
        "contratto integrativo: non è calcolata una seconda volta."
    ]


def test_the_annex_says_the_ente_s_own_maggiorazione_where_no_layer_computes_one(tmp_path):
    # «altro»: no national layer runs for the ente, nothing computes the maggiorazione a first time; the part is the
    # ente's own, and no «second time» nor national mean is said
    regulation = own_maggiorazione("15%").replace('comparto = "funzioni_locali"', 'comparto = "altro"')
    result = run_with(tmp_path, regulation, nazionale=False)
    assert annex_sentences(result, MAGGIORAZIONE_SAID) == [
        "La parte è la maggiorazione del premio individuale propria dell'ente, come la scrive il contratto integrativo."
    ]
    assert annex_sentences(result, "La parte paga la performance organizzativa") == [
        "La parte paga la performance organizzativa: non è del premio individuale."
    ]
