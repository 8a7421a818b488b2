"""Plugin `brescia` (thin: core defaults only, until its issue is done)."""
from pathlib import Path

from core import hookimpl, load_param_specs

NAME = "brescia"
REGULATIONS = ()
DEMO = Path(__file__).parent / "demo"


@hookimpl
def ciclope_params(year):
    return load_param_specs(Path(__file__).parent / "params.toml", year)
