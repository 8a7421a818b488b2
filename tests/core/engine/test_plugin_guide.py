"""The worked ``ciclope_rewards`` of docs/plugin-guide.md runs as written, on the core's small ente."""

from __future__ import annotations

import re
import sys
from decimal import Decimal

import pytest

from ciclope.core.testing import results_doc, write_ente

from helpers import ROOT, files

GUIDE = ROOT / "docs" / "plugin-guide.md"
FUNDS = '\n[funds]\nperformance_individuale = "1000.00"\n'


@pytest.fixture
def guide_plugin(tmp_path, monkeypatch):
    """The guide's params.toml and rules.py as an importable package ``guide_example``."""
    text = GUIDE.read_text(encoding="utf-8")
    params = re.search(r"```toml\n# params.toml\n(.*?)```", text, re.S).group(1)
    rules = re.search(r"```python\n# rules.py\n(.*?)```", text, re.S).group(1)
    pkg = tmp_path / "src" / "guide_example"
    pkg.mkdir(parents=True)
    (pkg / "params.toml").write_text(params, encoding="utf-8")
    (pkg / "rules.py").write_text(rules, encoding="utf-8")
    (pkg / "__init__.py").write_text('from . import rules  # noqa: F401\nNAME = "guide_example"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    import guide_example

    yield guide_example
    for name in [m for m in sys.modules if m.startswith("guide_example")]:
        del sys.modules[name]


def run(tmp_path, plugin, params=None):
    fs = files()
    fs["ente.toml"] = re.sub(r"\[funds\]\n[^\n]*\n", "", fs["ente.toml"]) + FUNDS  # the guide's own funds
    folder = write_ente(tmp_path / "e", fs)
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.inputs.config import EnteConfig
    from ciclope.core.params import merge_params
    from ciclope.core.run.runner import compute

    specs = Hooks.for_plugin(plugin)[0].first(hookspecs.ciclope_params, year=2021)
    assert specs["min_score"].value == Decimal(60)  # params.toml found beside the package
    merged, problems = merge_params(specs, params or {})
    assert not problems
    return results_doc(compute(EnteConfig(id="e", plugin=plugin, data=folder, params=merged), 2021))


def test_the_guide_example_pays_by_score_times_fte(tmp_path, guide_plugin, monkeypatch):
    from ciclope.core.engine import registry

    monkeypatch.setattr(registry, "load_plugin", lambda name: (guide_plugin, registry._info(guide_plugin)))
    doc = run(tmp_path, "guide_example")
    people = doc["rewards"]["people"]
    # E1: card (54 + 30) / (60 + 40) = 84.00, fte 0.5 → weight 42; E2: (0.5×2 + 1×1) / 3 = 66.67, fte 1 → 66.67
    # E1 = 1000 × 42 / 108.67 = 386.491… → 386.49; E2 = 1000 × 66.67 / 108.67 = 613.508… → 613.51 (sum 1000.00)
    assert people["E1"]["amount"] == "386.49" and people["E2"]["amount"] == "613.51"
    assert "E3" not in people  # no card: no award at all
    assert doc["rewards"]["pools"]["performance_individuale"]["distributed"] == "1000.00"


def test_below_the_threshold_is_a_zero_award_with_a_status(tmp_path, guide_plugin, monkeypatch):
    from ciclope.core.engine import registry

    monkeypatch.setattr(registry, "load_plugin", lambda name: (guide_plugin, registry._info(guide_plugin)))
    doc = run(tmp_path, "guide_example", {"min_score": 70})
    people = doc["rewards"]["people"]
    assert people["E1"]["amount"] == "1000.00"  # the only one at 84 ≥ 70
    assert people["E2"]["amount"] == "0.00"  # 66.67 < 70: took part, got nothing
    assert doc["individual"]["E2"]["status"] == "sotto_soglia"


def test_the_guide_plugin_is_short_typed_and_uses_only_the_surface(tmp_path):
    """The worked plugin is written from the guide alone: at most 60 lines of Python, only names of
    ``ciclope.core.__all__`` (and their namespaces' ``__all__``), every hook typed as its hookspec."""
    from test_plugin_api import hookimpl_signatures, surface_uses

    rules = re.search(r"```python\n# rules.py\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)
    assert len(rules.strip().splitlines()) <= 60
    path = tmp_path / "rules.py"
    path.write_text(rules, encoding="utf-8")
    assert surface_uses(path) == []
    assert [(hook, all(args.values()), bool(returns)) for _, hook, args, returns in hookimpl_signatures(path)] == [
        ("ciclope_rewards", True, True)
    ]
