"""Parameters as dated data (params.toml): the value in force for the cycle year, sources required."""

import datetime as dt
from decimal import Decimal

import pytest

from ciclope.core.params import load_param_specs, merge_params
from ciclope.core.problems import CiclopeError
from ciclope.core.reports.fmt import worded

TOML = '''
[point_value_staff]
source = "004_a450255962d2094d.txt §5.3"
min = 0
max = 0.1
values = [ { since = 2021-07-29, value = 0.01 }, { since = 2023-01-01, value = 0.015 } ]

[result_share]
value = 0.15
since = 2018-11-08
min = 0.15
max = 1
source = "001_2164dd4e03a9b49f.txt art. 6.5"
assumption = ""
'''


def write(tmp_path, text):
    p = tmp_path / "params.toml"
    p.write_text(text)
    return p


def test_value_in_force_for_the_year(tmp_path):
    p = write(tmp_path, TOML)
    assert load_param_specs(p, 2021)["point_value_staff"].value == Decimal("0.01")
    assert load_param_specs(p, 2022)["point_value_staff"].value == Decimal("0.01")
    spec = load_param_specs(p, 2023)["point_value_staff"]
    assert spec.value == Decimal("0.015") and spec.since == dt.date(2023, 1, 1)


def test_nothing_in_force_before_the_first_date(tmp_path):
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, TOML), 2017)
    rules = {p.rule for p in exc.value.problems}
    assert rules == {"params.in_force"}  # both parameters start after 2017


@pytest.mark.parametrize(
    "cut, rule",
    [('source = "001_2164dd4e03a9b49f.txt art. 6.5"\n', "params.source"), ("since = 2018-11-08\n", "params.since")],
)
def test_source_and_date_are_required(tmp_path, cut, rule):
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, TOML.replace(cut, "")), 2021)
    assert [p.rule for p in exc.value.problems] == [rule]


def test_defaults_out_of_their_own_bounds_do_not_load(tmp_path):
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, TOML.replace("value = 0.15\n", "value = 0.10\n")), 2021)
    assert [p.rule for p in exc.value.problems] == ["params.bounds"]


def test_overrides_checked_against_bounds_inclusive(tmp_path):
    specs = load_param_specs(write(tmp_path, TOML), 2021)
    params, problems = merge_params(specs, {"result_share": 0.15}, "cycle.toml")  # exactly at the bound
    assert problems == [] and params["result_share"] == Decimal("0.15") and "result_share" in params.overridden
    _, problems = merge_params(specs, {"result_share": 0.149}, "cycle.toml")
    assert [p.rule for p in problems] == ["config.param_bounds"]
    assert "001_2164dd4e03a9b49f.txt art. 6.5" == problems[0].source


CHOICE = """
[band_money]
kind = "choice"
value = "per_capita"
choices = ["per_capita", "band_pool"]
since = 2011-02-01
source = "art. 17.2"
label = "modo di pagare le fasce"
labels = { per_capita = "pro capite" }
"""


def test_a_parameter_and_its_choices_carry_their_words(tmp_path):
    spec = load_param_specs(write(tmp_path, CHOICE), 2021)["band_money"]
    assert spec.label == "modo di pagare le fasce"
    assert dict(spec.labels) == {"per_capita": "pro capite"}


def test_words_for_a_value_that_is_not_a_choice_do_not_load(tmp_path):
    text = CHOICE.replace('labels = { per_capita = "pro capite" }', 'labels = { per_capta = "pro capite" }')
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, text), 2021)
    [problem] = exc.value.problems
    assert problem.rule == "params.format" and "per_capta" in problem.message


def test_a_published_text_says_codes_in_words():
    words = {"per_capita": "pro capite", "po_result_min_share": "quota minima di risultato"}
    text = "«per_capita» ripartisce; tra po_result_min_share e po_result_max_share"
    # a known code, quoted or not, becomes its words in «»; an unknown one stays, for the scan to find it
    assert worded(text, words) == "«pro capite» ripartisce; tra «quota minima di risultato» e po_result_max_share"


def test_a_name_a_hint_tells_the_office_to_write_stays_as_written():
    words = {"performance_individuale": "Premi per la performance individuale"}
    text = "«performance_individual» non è un fondo; forse «performance_individuale»? (performance_individuale)"
    # the suggestion is what the office types: never its words; the same code elsewhere is said in words
    assert worded(text, words) == (
        "«performance_individual» non è un fondo; forse «performance_individuale»? "
        "(«Premi per la performance individuale»)"
    )


def test_a_key_of_ente_toml_stays_as_the_office_wrote_it():
    words = {"performance_individuale": "Premi per la performance individuale"}
    text = "togli [fondi] performance_individuale da ente.toml: il fondo performance_individuale"
    assert worded(text, words) == (
        "togli [fondi] performance_individuale da ente.toml: il fondo «Premi per la performance individuale»"
    )


def test_names_to_choose_from_and_a_value_to_write_stay_as_written():
    words = {"performance_individuale": "Premi per la performance individuale", "risultato_po": "Risultato"}
    # what the office types in a cell: the list it chooses from, the value after its key; elsewhere the words
    text = "(usa: «performance_individuale», «risultato_po»); scrivi fondo_premi = risultato_po per risultato_po"
    assert worded(text, words) == (
        "(usa: «performance_individuale», «risultato_po»); scrivi fondo_premi = risultato_po per «Risultato»"
    )


DATED = """
[access_threshold]
italian_key = "soglia_accesso"
min = 50
max = 70
source = "Regolamento premialità art. 5 c. 1"
values = [
  { since = 2019-01-01, value = 60 },
  { since = 2024-01-01, value = 65, source = "Regolamento premialità art. 5 c. 1, modificato con delibera G.C. 12/2024" },
]
"""


def test_a_dated_value_may_cite_the_act_that_set_it(tmp_path):
    from ciclope.core.citation import read

    p = write(tmp_path, DATED)
    # 2023: the row of 2019 is in force (60), and it cites no act of its own: the parameter's source
    before = load_param_specs(p, 2023)["access_threshold"]
    assert (before.value, before.source) == (Decimal(60), read("Regolamento premialità art. 5 c. 1"))
    # 2024: the row of 2024-01-01 is in force (65), with the act that changed the value
    after = load_param_specs(p, 2024)["access_threshold"]
    changed = read("Regolamento premialità art. 5 c. 1, modificato con delibera G.C. 12/2024")
    assert (after.value, after.source) == (Decimal(65), changed)


def test_a_dated_value_cites_its_act_without_a_source_for_the_parameter(tmp_path):
    text = DATED.replace('source = "Regolamento premialità art. 5 c. 1"\n', "").replace(
        "value = 60 }", 'value = 60, source = "Regolamento premialità art. 5 c. 1" }'
    )
    spec = load_param_specs(write(tmp_path, text), 2021)["access_threshold"]
    assert (spec.value, str(spec.source)) == (Decimal(60), "Regolamento premialità art. 5 c. 1")
    # a row without one, with no source for the parameter: the parameter has no source in those years
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, DATED.replace('source = "Regolamento premialità art. 5 c. 1"\n', "")), 2021)
    assert [p.rule for p in exc.value.problems] == ["params.source"]


@pytest.mark.parametrize("row", ["fooo = 1", 'fonte = "art. 5"'])
def test_an_unknown_key_in_a_dated_value_is_an_error(tmp_path, row):
    with pytest.raises(CiclopeError) as exc:
        load_param_specs(write(tmp_path, DATED.replace("value = 60 }", f"value = 60, {row} }}")), 2024)
    [problem] = exc.value.problems
    key = row.split(" ")[0]
    assert problem.rule == "params.format" and problem.column == "access_threshold", problem
    assert f"chiavi sconosciute per access_threshold (valore dal 2019-01-01): {key}" in problem.message
    assert "since, value e source" in problem.message


def test_the_plugin_guide_says_the_keys_of_a_dated_value_and_the_renamed_columns(tmp_path):
    from ciclope.core.params import DATED_KEYS, ROW_KEYS

    from helpers import ROOT

    guide = " ".join((ROOT / "docs" / "plugin-guide.md").read_text(encoding="utf-8").split())
    assert "A row has exactly these keys: `since`" in guide and all(f"`{k}`" in guide for k in DATED_KEYS)
    for italian, code in ROW_KEYS.items():  # every renaming a plugin author meets, said
        assert f"`{italian}` → `{code}`" in guide, italian
    assert len(ROW_KEYS) == 6 and "six keys are renamed" in guide
    # and as the guide says it: `da` arrives as `min`, any other key as written
    table = (
        '[classes]\nkind = "table"\nsource = "Reg art. 5"\nsince = 2019-01-01\nvalue = [{ da = 80, parametro = 200 }]\n'
    )
    assert load_param_specs(write(tmp_path, table), 2024)["classes"].value == ({"min": 80, "parametro": 200},)


def test_an_input_read_from_a_parameter_names_it_as_the_office_writes_it(tmp_path):
    import types

    from ciclope.core import Ente, Params
    from ciclope.core.run.explain import place, where

    specs = load_param_specs(write(tmp_path, DATED), 2024)  # access_threshold, italian_key soglia_accesso
    result = types.SimpleNamespace(
        ente=Ente(id="e", name="Ente", year=2024), plugin=types.SimpleNamespace(name="nessuno"), params=Params(specs)
    )
    assert where(result, "params:access_threshold") == "parametro «soglia_accesso» del regolamento"
    # with its Italian words (label), those: an explanation says no key where it can say words
    labelled = load_param_specs(
        write(tmp_path, DATED.replace("min = 50", 'label = "soglia di accesso"\nmin = 50')), 2024
    )
    result.params = Params(labelled)
    assert where(result, "params:access_threshold") == "parametro «soglia di accesso» del regolamento"
    # a parameter the ente has not (a cell from the store, read with no Result): said as before, no code
    assert where(result, "params:other") == "parametri del regolamento"
    assert place("params:access_threshold") == "parametri del regolamento"
