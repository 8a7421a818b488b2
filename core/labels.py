"""The core's words in Italian, for people: statuses, indicator types, objective kinds, roles, unit kinds."""

from __future__ import annotations

from ciclope.core.model import UNIT_KIND_ALIASES, UNIT_KIND_LABELS  # noqa: F401  (the words of units, read here too)
from ciclope.core.plugininfo import ROLE_LABELS, Classification, said_category, said_role  # noqa: F401  (read here too)

# Italian labels of the core's words. A plugin's own statuses are labelled by its STATUS_LABELS (see
# docs/plugin-guide.md), else shown with "_" → " ".
STATUS_LABELS = {
    "evaluated": "valutato",
    "not_evaluated": "non valutato",
    "scored": "misurato",
    "neutralized": "neutralizzato",
    "inactive": "non attivo nell'anno",
    "monitor": "di monitoraggio",
    "missing": "consuntivo mancante",
}
TYPE_LABELS = {
    "higher": "più è meglio",
    "lower": "meno è meglio",
    "deadline": "scadenza",
    "boolean": "SI/NO",
    "project": "progetto (% completamento)",
    "monitor": "monitoraggio",
}
# Shorter words an office writes for a type of indicator (read as the type, never printed): the declared format's
# [[indicatori]] tipi name a project «progetto», as an office says it
TYPE_ALIASES = {"progetto": "project"}
KIND_LABELS = {"strategic": "strategico", "operational": "operativo", "individual": "individuale"}
CALENDAR_LABELS = {
    "fatto": "fatto",
    "in ritardo": "in ritardo",
    "mancante": "mancante",
    "da fare": "da fare",
    "": "da verificare",
}

# Other words an office writes for a role (read as the role, never printed).
ROLE_ALIASES = {
    "Segretario Generale": "segretario",
    "Segretario comunale": "segretario",
    "Elevata qualificazione": "po",
    "Elevata qualificazione (EQ)": "po",
    "EQ": "po",
    "Posizione organizzativa / EQ": "po",
}
# The roles as an error lists them: the PO under both the names the contracts gave it (Funzioni Locali's incarichi
# di Elevata qualificazione from 2023), since the office may know it by either.
ROLES_SAID = "Segretario, Dirigente, Posizione organizzativa (o Elevata qualificazione, EQ), Dipendente"
# The Aree of the CCNL Funzioni Locali 16.11.2022 (art. 12-13, Tabella B), read as the categories they took the
# place of (people.csv's category column is the comparto's): words a cell may hold, never how the core names a
# person's category, which is the ente's comparto's (:class:`Classification`, its layer's ``CLASSIFICATION``).
AREE_2023 = {
    "A": "Area degli Operatori",
    "B": "Area degli Operatori esperti",
    "C": "Area degli Istruttori",
    "D": "Area dei Funzionari e dell'Elevata qualificazione",
}
# Every name of an Area a cell may hold → its category: the Area's name, the name without «Area dei/degli»
# («Istruttori»), and the Funzionari's short names («Funzionari», «Funzionari ed EQ»), the names a declared
# regulation reads too (docs/regolamento.md: «"Istruttori"», «"Area degli Istruttori"»).
AREE_2023_WORDS = {
    **{name: code for code, area in AREE_2023.items() for name in (area, area.split(" ", 2)[2])},
    **dict.fromkeys(("Funzionari", "Funzionari ed EQ", "Funzionari e EQ"), "D"),
}


role_label = said_role  # a role in the words of the ente's contract: :func:`plugininfo.said_role`


category_label = said_category  # a category in the words of the ente's contract: :func:`plugininfo.said_category`
