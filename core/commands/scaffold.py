"""``ciclope new-plugin NAME``: a pip-installable plugin package for a new ente's regulation.

Creates ``./ciclope-NAME/`` with: ``pyproject.toml`` (entry point in group ``ciclope.plugins``), the
plugin package laid out as the built-in ones (``__init__`` names the plugin and imports its hook
modules; ``rules.py`` lists every hook in cycle order, stubbed by a comment: the core rules work until
you write one; ``params.toml`` and ``demo/`` beside them, found by convention), a Python test and a
TOML case.
"""

from __future__ import annotations

import inspect
import keyword
import re
import textwrap
from pathlib import Path

from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import available_plugins, load_plugin
from ciclope.core.fmt import quoted
from ciclope.core.problems import CiclopeError, Problem

_NAME = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def check_name(name: str, dest: Path) -> list[Problem]:
    problems = []
    if not _NAME.match(name) or keyword.iskeyword(name):
        problems.append(
            Problem(
                rule="new_plugin.name",
                column="NAME",
                message=f"nome {quoted(name)} non valido: lettere minuscole, cifre e '_', "
                "iniziando con una lettera (es. provincia_prova)",
            )
        )
    elif name in available_plugins():
        problems.append(
            Problem(
                rule="new_plugin.name", column="NAME", message=f"esiste già un plugin installato di nome {quoted(name)}"
            )
        )
    if dest.exists():
        problems.append(
            Problem(rule="new_plugin.exists", file=str(dest), message="la cartella esiste già: non la sovrascrivo")
        )
    return problems


def hooks_in_cycle_order() -> list[str]:
    """The hookspecs in the order of ``core/engine/hookspecs.py``, which follows the cycle (set-up, phases a–f)."""
    specs = [fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("ciclope_")]
    return [fn.__name__ for fn in sorted(specs, key=lambda fn: fn.__code__.co_firstlineno)]


def _stubs() -> str:
    blocks = []
    for name in hooks_in_cycle_order():
        fn = getattr(hookspecs, name)
        if name == "ciclope_calendar":
            blocks.append(CALENDAR)
            continue
        sig = "(" + ", ".join(inspect.signature(fn).parameters) + ")"  # names only: pluggy passes by name
        first = (inspect.getdoc(fn) or "").split("\n\n")[0].replace("\n", " ")
        default = next((p for p in (inspect.getdoc(fn) or "").split("\n\n") if "Default" in p), "")
        note = textwrap.fill(f"{first} {default}".replace("\n", " "), 96, initial_indent="# ", subsequent_indent="# ")
        blocks.append(f"{note}\n# @hookimpl\n# def {name}{sig}:\n#     ...\n")
    return "\n\n".join(blocks)


CALENDAR = '''# The regulation's deadlines: here the legal one for the Relazione (D.Lgs. 150/2009 art. 10).
@hookimpl
def ciclope_calendar(year: int, params: Params) -> list[Deadline]:
    return [Deadline(phase="rendicontazione", act="Relazione sulla performance", due=dt.date(year + 1, 6, 30),
                     source="D.Lgs. 150/2009 art. 10 c. 1 lett. b", approval="relazione_validated_oiv")]
'''


def files_for(name: str) -> dict[str, str]:
    pkg = f"ciclope_{name}"
    title = name.replace("_", " ").title()
    return {
        "pyproject.toml": f'''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "ciclope-{name.replace('_', '-')}"
version = "0.1.0"
description = "Plugin ciclope per il regolamento di {title}"
requires-python = ">=3.11"
dependencies = ["ciclope-pa"]

[project.optional-dependencies]
test = ["pytest"]                      # pip install -e './ciclope-{name}[test]'

[project.entry-points."ciclope.plugins"]
{name} = "{pkg}"

# the plugin's own pytest root: inside another project's folder (a checkout of ciclope) pytest would otherwise take
# that project's configuration, and the cases of tests/cases/ would not be collected
[tool.pytest.ini_options]
testpaths = ["tests"]
ciclope_cases = ["tests/cases"]

[tool.setuptools.packages.find]
include = ["{pkg}*"]

[tool.setuptools.package-data]
"*" = ["*.toml", "demo/**/*"]

[tool.setuptools.exclude-package-data]
"*" = ["demo/risultati/*", "demo/out/*", "demo/ciclope.db*"]     # a demo run's output and store are never packaged
''',
        f"{pkg}/__init__.py": f'''"""Plugin ciclope `{name}`: the performance regulation of {title}.

The core registers every module imported here; their ``@hookimpl`` functions are the plugin's hooks.
``params.toml`` (the parameters, each with its legal source) and ``demo/`` (an example ente) sit
beside this file and are found by convention.
"""
from . import rules  # noqa: F401  (hook module, registered by the core)

NAME = "{name}"
REGULATIONS = ("Regolamento sulla performance di {title} (da indicare: delibera, articoli)",)
''',
        f"{pkg}/rules.py": f'''"""The rules of {title}: every hook the core offers, in cycle order.

Until you implement a hook, the core rules (rules/core.md) apply. Import only from ``ciclope.core``.
Cite the article of your regulation in each figure you record
(``trace.record(..., source="<regolamento> art. N")``) and in params.toml.
"""
import datetime as dt

from ciclope.core import Deadline, Params, hookimpl


{_stubs()}''',
        f"{pkg}/params.toml": '''# Parameters of the regulation: each with value (or dated `values`), bounds and legal source.
[positive_threshold]
italian_key = "soglia_positiva"   # the key an office writes in [ente.parametri]; a code in English needs one
value = 60
min = 0
max = 100
source = "Regolamento di esempio art. 1 (da sostituire)"
since = 2021-01-01
description = "Punteggio minimo di una valutazione positiva"
assumption = "Valore d'esempio dello scaffold: sostituirlo con quello del regolamento"
''',
        f"{pkg}/demo/cycle.toml": f'''[ciclo]
anno = 2021
risultati = "risultati"

[[ente]]
id = "{name.replace('_', '-')}-esempio"
plugin = "{name}"
dati = "ente"
''',
        f"{pkg}/demo/ente/ente.toml": f'''nome = "Ente di esempio ({title})"

[fondi]
performance_individuale = "1000.00"

[atti]
piano_adottato = 2021-01-25
relazione_validata_oiv = 2022-05-30
''',
        # the example ente in the office's words (docs/ops.md, «I file»): the files, headers and values of the
        # template's workbook, so a demo an office copies reads like its own data
        f"{pkg}/demo/ente/unità.csv": (
            "codice,nome,tipo,superiore,responsabile\nente,Ente di esempio,ente,,SG\nser,Servizio unico,servizio,ente,SG\n"
        ),
        f"{pkg}/demo/ente/persone.csv": (
            "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,insufficiente,valutatore\n"
            "SG,Segretario,Segretario,DIR,ente,1,0,NO,\n"
            "D1,Dipendente Uno,Dipendente,C,ser,1,0,NO,SG\n"
        ),
        f"{pkg}/demo/ente/obiettivi.csv": (
            "codice,tipo,titolo,superiore,area,peso,responsabile\nOB1,operativo,Servizi ai cittadini,,,,ser\n"
        ),
        f"{pkg}/demo/ente/indicatori.csv": (
            "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo,target_30_6,consuntivo_30_6,"
            "neutralizzato,motivo,fonte\n"
            "IN1,OB1,Pratiche evase,più è meglio,,,10,8,5,4,,,Protocollo\n"
            "IN2,OB1,Carta dei servizi pubblicata,scadenza,,,30.6.2021,15.6.2021,,,,,Sito web\n"
        ),
        f"{pkg}/demo/ente/valutazioni.csv": (
            "persona,valutatore,sezione,voce,punti_massimi,punti,peso\n"
            "D1,SG,comportamenti,Collaborazione,10,8,\n"
            "D1,SG,risultati,Obiettivi,10,9,\n"
        ),
        "tests/test_demo.py": f'''"""The plugin's example ente, with expectations computed by hand."""
from pathlib import Path

import {pkg}
from ciclope.core.testing import compute_ente, results_doc

DEMO = Path({pkg}.__file__).parent / "demo"


def test_demo_ente():
    doc = results_doc(compute_ente(DEMO / "ente", "{name}", 2021))
    # IN1: 8 / 10 = 0.8; IN2: done 15.6 before 30.6 = 1; OB1 = (0.8 + 1) / 2 = 0.9
    assert doc["organizational"]["objectives"]["OB1"] == 0.9
    assert doc["organizational"]["ente"] == 0.9
    # D1's card: (8 + 9) / (10 + 10) = 85
    assert doc["individual"]["D1"]["score"] == 85.0
''',
        "tests/conftest.py": '''"""Opt in to ciclope's test kit: fixtures and the TOML cases in tests/cases/."""
pytest_plugins = ["ciclope.core.testing"]
''',
        "tests/cases/esempio.toml": f'''# A case as data: inputs, expected figures; no Python needed.
[case]
description = "Ente di esempio: obiettivo al 90%"
plugin = "{name}"
year = 2021
data = "../../{pkg}/demo/ente"

[expected]
"organizational.indicators.IN1.achievement" = 0.8
"organizational.objectives.OB1" = 0.9
"monitoring.IN1.achievement" = 0.8
"!no_error_violations" = true
''',
        "README.md": f'''# ciclope-{name.replace('_', '-')}

Plugin [ciclope](https://pypi.org/project/ciclope-pa/) per il regolamento sulla performance di {title}.

```sh
pip install './ciclope-{name}[test]'           # con pytest, per i test
ciclope plugins                                  # lo elenca
ciclope run {pkg}/demo/cycle.toml                # l'ente di esempio
pytest                                           # i test (anche i casi in tests/cases/*.toml)
```

Scrivi le regole nei hook di `{pkg}/rules.py` (l'elenco completo, nell'ordine del ciclo, è nei
commenti) e i parametri in `{pkg}/params.toml`, ciascuno con la fonte normativa. Durante lo sviluppo
installa il plugin in modo modificabile: `pip install -e './ciclope-{name}[test]'`.
''',
    }


def create(name: str, where: Path = Path(".")) -> Path:
    link = where / f"ciclope-{name}"
    if link.is_symlink():  # even a dangling one: following it would write outside this folder
        raise CiclopeError(
            [
                Problem(
                    rule="new_plugin.exists",
                    file=str(link),
                    message="esiste già un collegamento simbolico con questo nome: non lo seguo",
                )
            ]
        )
    dest = link.resolve()
    if dest.parent != where.resolve():
        raise CiclopeError(
            [
                Problem(
                    rule="new_plugin.exists",
                    file=str(link),
                    message="la cartella del plugin uscirebbe dalla cartella corrente",
                )
            ]
        )
    problems = check_name(name, dest)
    if problems:
        raise CiclopeError(problems)
    try:
        dest.mkdir()  # made here, never an existing folder (it may have appeared since the check)
    except FileExistsError:
        raise CiclopeError(
            [Problem(rule="new_plugin.exists", file=str(dest), message="la cartella esiste già: non la sovrascrivo")]
        ) from None
    for rel, text in files_for(name).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


# The plugin that reads a declared regulation, and its commented starting file (``new-plugin --toml``).
REGULATION_PLUGIN, REGULATION_STARTER = "regolamento", "nuovo.toml"


def create_regulation(name: str, where: Path = Path(".")) -> Path:
    """``./NAME.toml``: the commented starting file of a declared regulation, shipped by the plugin that reads
    them; never overwrites a file."""
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,60}$", name):
        raise CiclopeError(
            [
                Problem(
                    rule="new_plugin.name",
                    column="NAME",
                    message=f"nome {quoted(name)} non valido: lettere, cifre, '_' e '-'",
                )
            ]
        )
    starter = None
    if REGULATION_PLUGIN in available_plugins():
        folder = load_plugin(REGULATION_PLUGIN)[1].folder
        starter = folder / REGULATION_STARTER if folder is not None else None
    if starter is None or not starter.is_file():
        raise CiclopeError(
            [Problem(rule="new_plugin.toml", message=f"il plugin {quoted(REGULATION_PLUGIN)} non è installato")]
        )
    path = where / f"{name}.toml"
    text = starter.read_text(encoding="utf-8").replace("{file}", path.name).replace("{name}", name)
    try:
        with open(path, "x", encoding="utf-8") as fh:  # "x": never an existing file
            fh.write(text)
    except FileExistsError:
        raise CiclopeError(
            [Problem(rule="new_plugin.exists", file=str(path), message="il file esiste già: non lo sovrascrivo")]
        ) from None
    return path
