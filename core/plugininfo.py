"""What the core knows of a plugin: its name, version, regulations and package folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from ciclope.core.provisions import Provision

# ``COMPARTO`` of a plugin whose enti each name their comparto (hook ``ciclope_comparto``): every installed layer
# is registered under it, and each ente's hooks call only the layers of that ente's comparto
COMPARTO_PER_ENTE = "per_ente"


@attrs.frozen
class PluginInfo:
    name: str
    module: str
    version: str
    regulations: tuple[str, ...] = ()
    folder: Path | None = None  # the plugin package's folder: params.toml and demo/ sit here
    # every code the plugin writes in Italian: its LABELS (statuses, components of a score, funds) and STATUS_LABELS
    status_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the words of one ente (``ciclope_labels``: a declared regulation's [etichette]), which also name its levels;
    # the module's tables never relabel a level (a plugin names its levels as people read them)
    ente_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    documents: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # seed file → title, for readers
    # fund name (or prefix ending in ':') → the group it is destined to (``dirigenti e PO`` or ``personale``)
    fund_groups: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the comparto (national contract area) the plugin belongs to, e.g. ``funzioni_locali``: the layers of that
    # comparto run under it (docs/plugin-guide.md)
    comparto: str = ""
    # for a layer: its dated national provisions (``provisions.toml`` beside its package)
    provisions: tuple[Provision, ...] = ()
    # pending reforms (name → description in Italian) a ``compare`` scenario may apply, never ``run``
    reforms: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # for an ente plugin: the layers registered under it (their PluginInfo), in registration order
    layers: tuple[PluginInfo, ...] = ()
    # files an ente of the plugin names in cycle.toml (``ENTE_FILES``: [[ente]] key → (the file's name in the
    # office's folder, its starting text beside the package)): ``ciclope template`` writes them
    ente_files: Mapping[str, tuple[str, Path]] = attrs.field(factory=dict, hash=False)

    @property
    def all_reforms(self) -> dict[str, str]:
        """The reforms of the plugin and of the layers under it."""
        out: dict[str, str] = {}
        for layer in self.layers:
            out.update(layer.reforms)
        return {**out, **self.reforms}

    @property
    def params_file(self) -> Path | None:
        path = self.folder / "params.toml" if self.folder else None
        return path if path is not None and path.is_file() else None

    @property
    def demo(self) -> Path | None:
        """The plugin's example enti (``demo/cycle.toml`` beside the package), if it has them."""
        path = self.folder / "demo" if self.folder else None
        return path if path is not None and (path / "cycle.toml").is_file() else None
