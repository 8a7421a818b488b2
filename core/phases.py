"""The six phases of the ciclo della performance, in their order (SPEC.md §2), and their names for people."""

from __future__ import annotations

PHASES = ("pianificazione", "risorse", "monitoraggio", "valutazione", "premialita", "rendicontazione")
PHASE_NAMES = {  # for people: the phase's name, not the letter of SPEC.md's list
    "pianificazione": "Pianificazione",
    "risorse": "Risorse",
    "monitoraggio": "Monitoraggio (30/6)",
    "valutazione": "Valutazione",
    "premialita": "Premialità",
    "rendicontazione": "Rendicontazione",
}
