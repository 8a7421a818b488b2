"""The portal's comparison of differentiation names each ente's highest level by the label its own regulation gives
it ([etichette], read again from the regulation file the run read), as the ente's page does."""

from __future__ import annotations

from ciclope.core.commands.cli import main

from helpers import labelled_levels


def test_differentiation_names_each_ente_s_highest_level_by_its_label(tmp_path):
    cycle = labelled_levels(tmp_path / "demo", **{"comune-livelli-bis": "ottimo"})
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(cycle), "--ente", "comune-livelli", "--ente", "comune-livelli-bis", "--store", url]) == 0
    assert main(["site", "--store", url, "--out", str(tmp_path / "sito")]) == 0
    page = (tmp_path / "sito" / "differenziazione.html").read_text(encoding="utf-8")
    act = "Regolamento sulla misurazione e valutazione della performance del Comune di Livelli"
    # 2 of the 9 evaluated people (L1 98, L2 95 points) are at A in both enti
    for ente, label in (("comune-livelli", "eccellente"), ("comune-livelli-bis", "ottimo")):
        assert (
            f'<a href="enti/{ente}.html">Comune di Livelli</a></th><td>{act}</td><td>{label}</td>'
            '<td class="num" data-sort="0.2222">22,22%</td>'
        ) in page
    assert "<td>A</td>" not in page
