"""The plugin's own codes in Italian: the statuses its rules give people, and the other codes its reports show
(components of a score, the funds it pays). The registry reads them from the package; an ente's [etichette] may
give any of them its own words, and :mod:`..check.labelnames` counts them among the codes a label may name."""

STATUS_LABELS = {
    "escluso_assenze": "escluso per assenze",
    "escluso_punteggio_minimo": "escluso per punteggio sotto il minimo",
    "escluso_insufficiente": "escluso per insufficiente rendimento",
    "escluso_sanzione": "escluso per sanzione disciplinare",
    "escluso_unita_sotto": "escluso per obiettivi dell'unità non raggiunti",
    "escluso_formula": "escluso per una condizione del regolamento",
    "valutazione_negativa": "valutazione negativa",
    "senza_posizione": "senza retribuzione di posizione",
    "senza_valutazione_individuale": "senza valutazione individuale",  # paid only by parts that read none
    "non_ammesso": "non ammesso per la condizione della parte",  # ammesso, for every part that pays the role
    "senza_incarico": "senza incarico nell'elenco degli incarichi",  # only parts paid by appointment pay the role
}
LABELS = {
    "scheda": "scheda di valutazione",
    "unità × 100": "performance dell'unità",
    "ente × 100": "performance dell'ente",
    "cruscotto × 100": "cruscotto personale",
    "obiettivi individuali × 100": "obiettivi individuali e di gruppo",
    "motivo": "motivo",
    "performance_individuale": "Premi per la performance individuale",
    "performance_organizzativa": "Premi per la performance organizzativa",
    "risultato_po": "Retribuzione di risultato delle PO / EQ",
}
