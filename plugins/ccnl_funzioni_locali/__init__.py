"""Layer ``ccnl_funzioni_locali``: the national contract (CCNL Funzioni Locali) and the laws on performance
pay, under every ente plugin that declares ``COMPARTO = "funzioni_locali"``.

Registered through the entry-point group ``ciclope.layers``; the core registers it in the ente's plugin
manager *before* the ente plugin, so the ente plugin wins where both implement a hook and the layer's
wrappers (``wrapper=True``) act around the plugin's computation. Its figures are dated rows of
``provisions.toml`` beside this file. Hook modules: :mod:`.bounds` (national bounds on plugin parameters),
:mod:`.config` (``[ente.national]``), :mod:`.acts` (planning acts and deadlines by law), :mod:`.art69` (the
maggiorazione del premio individuale), :mod:`.differentiation` (D.Lgs. 150/2009 art. 18 c. 2),
:mod:`.pay` (PO/EQ position pay in people.csv), :mod:`.fondo` (the fondo risorse decentrate: its sheet, constitution, limit and destination), :mod:`.quota` (the 15% of PO resources to result pay), :mod:`.report` (the Relazione's national sections), :mod:`.reforms` (pending reforms for ``compare``).
"""

from . import acts, art48, art69, bounds, config, differentiation, fondo, pay, quota, reforms, report, schema  # noqa: F401  (hook modules)

NAME = "ccnl_funzioni_locali"
COMPARTO = "funzioni_locali"
REGULATIONS = (
    "CCNL Funzioni Locali 21.5.2018, 16.11.2022 e 23.2.2026; CCNL 31.3.1999 (posizioni organizzative)",
    "D.Lgs. 150/2009 (come modificato dal D.Lgs. 74/2017); DL 80/2021 art. 6, DPR 81/2022, DM 132/2022 (PIAO)",
)
# The layer cites contracts and laws by their titles already: no repository file to translate.
DOCUMENTS: dict[str, str] = {}
LABELS = {
    "maggiorazione_art69": "Maggiorazione del premio individuale (art. 69 CCNL 21.5.2018, art. 81 CCNL 16.11.2022, "
    "art. 48 CCNL 23.2.2026)",
}
FUND_GROUPS = {"maggiorazione_art69": "personale"}
# The maggiorazione by a name that cites no article (art. 69 CCNL 2018, art. 81 CCNL 2022, art. 48 CCNL 2026):
# ``ciclope explain --pool maggiorazione`` in any year, the old key still taken
FUND_ALIASES = {"maggiorazione": "maggiorazione_art69"}
# From 1.4.2023 the CCNL 16.11.2022 classifies the staff in Aree (art. 12-13, Tabella B) and the posizioni
# organizzative become incarichi di Elevata qualificazione (art. 16-20): an ente of the comparto names them as its
# year's contract does (2023, the year of the change, by both names).
CLASSIFICATION = {
    "since": 2023,
    "areas": {
        "A": "Area degli Operatori",
        "B": "Area degli Operatori esperti",
        "C": "Area degli Istruttori",
        "D": "Area dei Funzionari e dell'Elevata qualificazione",
    },
    "po": "Elevata qualificazione (EQ)",
    "po_both": "Posizione organizzativa / EQ",
    # in the name of a group of people (premi-art20.csv's «dirigenti ed EQ»)
    "po_short": "EQ",
    "po_both_short": "PO/EQ",
    # in a Comune without dirigenti the responsabili of the services hold their functions (TUEL)
    "po_in_charge": "D.Lgs. 267/2000, art. 109 c. 2",
}
# Pending reforms: ``ciclope compare … --reform NAME`` applies one to a scenario; ``run`` never does.
REFORMS = {
    "ddl_merito": "DDL «merito» (A.C. 2511, approvato dalla Camera nel gennaio 2026, non è legge): al più il 30% "
    "del personale nel livello di valutazione più alto",
}
