"""An exclusion of the regulation applies to every part of the premium — the prizes decided and typed in
premi.csv («importi») included — unless the regulation limits it to some parts (``parti``): docs, explanation and
money say the same. Amounts by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from helpers import regulation_problems, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Esclusi"
tipo_ente = "comune"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_verbale"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
fonte = "art. 9 c. 4"
{limit}

[[esclusioni]]
regola = "insufficiente"
fonte = "art. 9 c. 5"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 10"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_innovazione"
fonte = "art. 12"
"""
STAFF = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,sanzione"
CARD = "person,evaluator,section,item,max_points,points,weight"


def comune() -> dict[str, str]:
    """Four staff scored 80: S1 with a written reprimand (more serious than a verbal one), S2 declared of insufficient
    performance, S3 and S4 with nothing. premi.csv gives S1 300.00, S2 200.00, S3 100.00 of a 1,000.00 fund."""
    people = [
        "S1,Uno,dipendente,C,com,1,0,false,SEG,rimprovero_scritto",
        "S2,Due,dipendente,C,com,1,0,true,SEG,",
        "S3,Tre,dipendente,C,com,1,0,false,SEG,",
        "S4,Quattro,dipendente,C,com,1,0,false,SEG,",
    ]
    cards = [f"S{i},SEG,scheda,Valutazione,100,80," for i in range(1, 5)]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF, "SEG,Segretario,segretario,DIR,com,1,0,false,,", *people]) + "\n",
        "evaluations.csv": "\n".join([CARD, *cards]) + "\n",
        "premi.csv": "persona,parte,importo\nS1,innovazione,300.00\nS2,innovazione,200.00\nS3,innovazione,100.00\n",
        "ente.toml": 'name = "Comune di Esclusi"\n[funds]\nperformance_individuale = "1000.00"\n'
        'premi_innovazione = "1000.00"\n',
    }


def paid(result, pool: str) -> dict[str, str]:
    return {a.person: str(a.amount) for a in result.rewards.awards.values() if a.pool == pool and a.amount > 0}


def test_an_excluded_person_is_paid_no_typed_prize(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD.format(limit=""), comune())
    # produttività: S1 and S2 excluded, 1,000.00 split between S3 and S4 (80 and 80): 500.00 each
    assert paid(result, "performance_individuale") == {"S3": "500.00", "S4": "500.00"}
    # innovazione: the exclusions apply to every part: only S3's 100.00 is paid, 900.00 stay in the fund
    assert paid(result, "premi_innovazione") == {"S3": "100.00"}
    pool = result.rewards.pools["premi_innovazione"]
    assert (pool.distributed, pool.residual) == (Decimal("100.00"), Decimal("900.00"))
    warnings = [p for p in result.violations if p.rule == "regolamento.importi_escluso"]
    # rows 2 and 3 of premi.csv (S1, S2), each with the amount left in the fund
    assert [(w.file, w.row, w.severity) for w in warnings] == [("premi.csv", 2, "warning"), ("premi.csv", 3, "warning")]
    assert "300,00" in warnings[0].message and "art. 12" in warnings[0].source
    # the explanation of S1's status names the rule, the sanction and its article
    status = result.figures["score:S1:status"]
    assert status.value == "escluso_sanzione" and "art. 9 c. 4" in status.source


def test_an_exclusion_the_regulation_limits_to_one_part(ciclope_ente, tmp_path):
    limit = 'parti = ["produttività"]'
    result = run_declared(ciclope_ente, tmp_path, HEAD.format(limit=limit), comune())
    # the sanction excludes S1 from «produttività» only: S1 still gets the 300.00 the OIV decided; S2's insufficient
    # performance excludes from every part: 300.00 + 100.00 = 400.00 paid, 600.00 residual
    assert paid(result, "performance_individuale") == {"S3": "500.00", "S4": "500.00"}
    assert paid(result, "premi_innovazione") == {"S1": "300.00", "S3": "100.00"}
    assert result.rewards.pools["premi_innovazione"].residual == Decimal("600.00")
    assert "per le parti: produttività" in result.figures["score:S1:status"].formula
    # S1 is paid the prize: not «escluso» beside it (the explanation of produttività says why nothing came from it);
    # S2, excluded from every part, is
    assert "S1" not in result.rewards.statuses and result.rewards.statuses["S2"] == "escluso_insufficiente"
    (warning,) = [p for p in result.violations if p.rule == "regolamento.importi_escluso"]
    assert warning.row == 3  # S2


def test_a_limit_must_name_a_part(tmp_path):
    from ciclope.plugins.regolamento.read.load import load

    path = tmp_path / "smvp.toml"
    path.write_text(HEAD.format(limit='parti = ["produtività"]'), encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is None
    (problem,) = problems
    assert problem.column == "esclusioni[1].parti" and "(forse «produttività»?)" in problem.message


def test_a_part_with_an_error_of_its_own_is_still_a_part_an_exclusion_names(tmp_path):
    # «produttività» has a formula that does not read: that is the one error, never also «"produttività" non è il
    # nome di una parte» for the exclusion limited to it
    text = HEAD.format(limit='parti = ["produttività"]').replace(
        'metodo = "proporzionale"', "metodo = \"proporzionale\"\nammesso = '=punteggio >= '"
    )
    problems = regulation_problems(tmp_path, text)
    assert len(problems) == 1 and "premi[1].ammesso" in problems[0], problems


def test_a_decided_prize_only_to_whom_its_condition_admits(ciclope_ente, tmp_path):
    # docs/regolamento.md, «Premi decisi»: «ai responsabili di struttura non spetta il premio», a declared yes-no
    # column and ammesso = "=NON(responsabile_struttura)"
    column = (
        '[[colonne]]\nnome = "responsabile_struttura"\ntipo = "sì/no"\nsignificato = "responsabile di struttura"\n'
        'fonte = "art. 3"\n\n'
    )
    text = HEAD.format(limit="").replace("[[premi]]", column + "[[premi]]", 1)
    text = text.replace(
        'fondo = "premi_innovazione"', 'fondo = "premi_innovazione"\nammesso = "=NON(responsabile_struttura)"'
    )
    data = comune()
    rows = data["people.csv"].splitlines()
    rows = [
        rows[0] + ",responsabile_struttura",
        *(r + ("," + ("sì" if r.startswith("S4") else "no")) for r in rows[1:]),
    ]
    data["people.csv"] = "\n".join(rows) + "\n"
    data["premi.csv"] = "persona,parte,importo\nS3,innovazione,100.00\nS4,innovazione,250.00\n"
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # S4 heads a structure: its 250.00 is not paid; S3's 100.00 is, and 1,000.00 − 100.00 = 900.00 stay in the fund
    assert paid(result, "premi_innovazione") == {"S3": "100.00"}
    assert result.rewards.pools["premi_innovazione"].residual == Decimal("900.00")
    (warning,) = [p for p in result.violations if p.rule == "regolamento.importi_escluso"]
    # the warning says what S4's row holds (the column says yes), not the condition (it «says no»)
    assert warning.row == 3 and warning.message == (
        "S4 non è ammesso alla parte «innovazione» (la colonna responsabile_struttura (responsabile di struttura) "
        "dice sì): l'importo di € 250,00 non è pagato e resta nel fondo"
    )
