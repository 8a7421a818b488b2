"""Pending reforms (rules §5): never applied by ``run``; ``ciclope compare … --reform NAME`` applies one to a
scenario. Placeholder until the compare machinery is wired (see NOTES)."""

from __future__ import annotations
