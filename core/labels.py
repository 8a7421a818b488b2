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
    "segretario": "Segretario Generale",
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
