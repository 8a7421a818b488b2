"""The core's words in Italian, for people: statuses, indicator types, objective kinds, roles, unit kinds."""

from __future__ import annotations

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
KIND_LABELS = {"strategic": "strategico", "operational": "operativo", "individual": "individuale"}
ROLE_LABELS = {
    "segretario": "Segretario",
    "dirigente": "Dirigente",
    "po": "Posizione organizzativa",
    "dipendente": "Dipendente",
}
UNIT_KIND_LABELS = {
    "ente": "ente",
    "area": "area",
    "servizio": "servizio",
    "ufficio": "ufficio",
    "staff": "staff",
    "azienda_speciale": "azienda speciale",
}
CALENDAR_LABELS = {"fatto": "fatto", "in ritardo": "in ritardo", "mancante": "mancante", "": "da verificare"}

# Other words an office writes for a role (read as the role, never printed).
ROLE_ALIASES = {
    "Segretario Generale": "segretario",
    "Segretario comunale": "segretario",
    "Elevata qualificazione": "po",
    "Elevata qualificazione (EQ)": "po",
    "EQ": "po",
    "Posizione organizzativa / EQ": "po",
}
# From 1.4.2023 the CCNL Funzioni Locali 16.11.2022 (art. 12-13, Tabella B) classifies the staff in Aree, and the
# posizioni organizzative become incarichi di Elevata qualificazione (art. 16-20): a cycle names them as its year's
# contract does (2023, the year of the change, by both names).
AREE_2023 = {
    "A": "Area degli Operatori",
    "B": "Area degli Operatori esperti",
    "C": "Area degli Istruttori",
    "D": "Area dei Funzionari e dell'Elevata qualificazione",
}
CLASSIFICATION_YEAR = 2023


def role_label(code: str, year: int) -> str:
    """A role in the words of the cycle's contract: «Elevata qualificazione (EQ)» for a PO from 2024."""
    if code == "po" and year > CLASSIFICATION_YEAR:
        return "Elevata qualificazione (EQ)"
    if code == "po" and year == CLASSIFICATION_YEAR:
        return "Posizione organizzativa / EQ"
    return ROLE_LABELS.get(code, code)


def category_label(category: str, year: int) -> str:
    """A category in the words of the cycle's contract: «Area degli Istruttori (ex categoria C)» from 2023."""
    if year >= CLASSIFICATION_YEAR and category in AREE_2023:
        return f"{AREE_2023[category]} (ex categoria {category})"
    return f"categoria {category}"
