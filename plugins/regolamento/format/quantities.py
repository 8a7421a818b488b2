"""The names and functions a formula may use: the cycle's quantities, each with its unit and its Italian words.

One table serves the reader (which names exist where, and their types), the sentences of ``regolamento leggi``
(each name's words) and the reference of ``docs/regolamento.md``. A formula is written where one of the
**places** below allows it; each place has the person's quantities and some of its own.
"""

from __future__ import annotations

import attrs

from ciclope.plugins.regolamento.format.expr import (
    BOOL,
    DATE,
    DAYS,
    EURO,
    LEVEL,
    NUMBER,
    PERCENT,
    PERSON,
    POINTS,
    TEXT,
    Type,
)


@attrs.frozen
class Quantity:
    type: Type
    words: str  # «il punteggio della persona»: how a sentence says it
    meaning: str = ""  # what the reference of the names adds for who writes the file, where the words are not enough
    row: bool = False  # a datum of a row of incarichi.csv, not of the person: read only for each appointment
    project: bool = False  # a datum of the project a row of incarichi.csv names ([[colonne]] elenco = "progetti")
    unit: bool = False  # a datum of units.csv ([[colonne]] elenco = "unità"): a person reads their unit's
    whole: bool = False  # a datum of the ente ([[colonne]] elenco = "ente"): the same for everyone, read in any formula
    # a text whose empty cell means something: how ``x = ""`` and ``x <> ""`` are said (empty, given), where the
    # words of wording.missing («… non è indicata») would hide that meaning
    empty: tuple[str, str] | tuple[()] = ()
    year: bool = False  # a year ([[colonne]] tipo = "anno"): a number compared with it is said as a year, «2020»


# The person's quantities, in every place. Points are on the regulation's scale ([punteggio] su, else 100), as
# the file's thresholds are: a formula compares points with points.
PERSON_NAMES: dict[str, Quantity] = {
    "punteggio": Quantity(POINTS, "il punteggio"),
    "scheda": Quantity(POINTS, "il punteggio della scheda di valutazione"),
    "unita": Quantity(PERCENT, "il raggiungimento degli obiettivi dell'unità"),
    # the same for everyone: read alone even where a value holds for everyone (a threshold, a fund's share)
    "ente": Quantity(PERCENT, "la performance dell'ente", whole=True),
    # the OIV's value where it attests one ([atti] attestazione_oiv), else the computed one: «in proporzione alla
    # performance attestata», as [risultato_po] ridotto_attestata reads it
    "ente_attestata": Quantity(
        PERCENT,
        # one regulation serves enti with an OIV and with a Nucleo: the value read names the ente's body
        "la performance dell'ente attestata",
        "quella che l'OIV o il Nucleo di valutazione attesta ([atti] attestazione_oiv); senza attestazione, la "
        "performance calcolata",
        whole=True,
    ),
    "cruscotto": Quantity(PERCENT, "il raggiungimento del cruscotto personale"),
    # a share, as its column of persone.csv: explain shows it «75%», so its words say a share, not «100% a tempo pieno»
    "quota_tempo": Quantity(
        NUMBER,
        "il tempo lavorato (la quota del tempo pieno)",
        "come la colonna quota_tempo di persone.csv: 100% a tempo pieno, 50% a metà tempo; si legge anche con il "
        "nome di prima, fte",
    ),
    "assenze": Quantity(DAYS, "i giorni di assenza"),
    "giorni_servizio": Quantity(DAYS, "i giorni di servizio nell'anno"),
    # an EQ who receives or leaves the incarico within the year: the days outside it are an employee's (a part of
    # the dipendenti pays them with peso × (giorni_servizio - giorni_incarico) / giorni_servizio)
    "giorni_incarico": Quantity(
        DAYS,
        "i giorni dell'incarico di PO / EQ nell'anno",
        "nel servizio dell'anno, da inizio_incarico e fine_incarico di persone.csv (con [posizioni], dalle date "
        "della posizione in posizioni.csv); tutti i giorni di servizio per una PO / EQ senza date, 0 per chi non è "
        "PO / EQ",
    ),
    "giorni_anno": Quantity(DAYS, "i giorni dell'anno"),
    # the cycle's year: a rule counted from it holds in every year the regulation runs («da almeno tre anni»)
    "anno_ciclo": Quantity(
        NUMBER,
        "l'anno del ciclo",
        "l'anno valutato (2026 nel ciclo 2026): «anno_ultima_progressione <= anno_ciclo - 3» chiede almeno tre anni "
        "dall'ultima progressione in ogni anno, senza riscrivere il regolamento",
        whole=True,
        year=True,
    ),
    # its letter: compared with an Area's name («Funzionari»), the name is read as the letter (format.grades.lettered)
    "categoria": Quantity(
        TEXT,
        "la categoria (o l'Area) del contratto",
        "la lettera: A, B, C, D o DIR; confrontata con il nome di un'Area, come «Funzionari» o «Area degli "
        "Istruttori», lo legge come la sua lettera; un'altra parola è un errore",
    ),
    # said «il grado» in a sentence (a table of amounts by grade repeats it): what it is, in the reference only
    "grado": Quantity(TEXT, "il grado", "la categoria, o il grado dichiarato in [gradi]"),
    "ruolo": Quantity(TEXT, "il ruolo"),
    "valutatore": Quantity(TEXT, "il valutatore"),
    "retribuzione_posizione": Quantity(EURO, "la retribuzione di posizione"),
    # the column the exclusions read ([[esclusioni]] regola = "sanzione"), as written; an empty cell is no sanction
    "sanzione": Quantity(
        TEXT,
        "la sanzione disciplinare",
        "come è scritta nella colonna sanzione di persone.csv; vuota per chi non ne ha: sanzione = \"\" è vero per "
        "chi non ha sanzioni",
        empty=("la persona non ha sanzioni disciplinari", "la persona ha una sanzione disciplinare"),
    ),
    "livello": Quantity(LEVEL, "il livello"),
}
# The names formulas read before they took the Italian word (the header of persone.csv): still read, silently, as
# the name they became, so a file that worked reads the same values (as the core's English column codes are read).
FORMER_NAMES = {"fte": "quota_tempo"}
# The columns of persone.csv whose header is not the formulas' name of what they hold: an office that writes the
# header in a formula is told the name.
COLUMN_NAMES = {"giorni_assenza": "assenze"}
# A part of the premium adds its own amount; a row of incarichi.csv its days and the person it covers.
PART_NAMES = {
    "fondo": Quantity(EURO, "il fondo della parte", "in [risultato_po]: il fondo della retribuzione di risultato")
}
ROW_NAMES = {
    "giorni": Quantity(
        DAYS,
        "i giorni dell'incarico nell'anno",
        "tra dal e al, in servizio: non prima dell'assunzione, non dopo la cessazione",
        row=True,
    ),
    "sostituito": Quantity(PERSON, "la persona sostituita", row=True),
    "dal": Quantity(
        DATE, "il primo giorno dell'incarico nell'anno", "dal, o il 1° gennaio; non prima dell'assunzione", row=True
    ),
    "al": Quantity(
        DATE, "l'ultimo giorno dell'incarico nell'anno", "al, o il 31 dicembre; non dopo la cessazione", row=True
    ),
}


@attrs.frozen
class Place:
    """Where a formula is written: the type it must give, and what it may read there."""

    words: str  # «il livello»: what the formula decides
    result: Type
    names: tuple[str, ...]
    parts: bool = False  # PREMIO("parte") and fondo: an earlier part's premium, the part's amount
    rows: bool = False  # giorni, sostituito, DI(…): a row of incarichi.csv
    level: bool = True  # the person's level is known (not in the formula that decides it)
    shared: bool = False  # one value for everyone (a threshold): a person's quantities only inside an aggregate
    # the person's evaluation is known: its names (SCORED_NAMES) and functions (SCORED_FUNCTIONS) may be read
    scored: bool = True
    why: str = ""  # where the evaluation is not known, why (said after the refusal of a name or function)
    # a name said otherwise here than the format says it (name, words): ``fondo`` of [risultato_po] is no part's
    said: tuple[tuple[str, str], ...] = ()
    # where no group is read (``groups`` false): what the value is one for, and whom .ENTE reads instead
    ungrouped: str = "il fondo è uno per l'ente"
    everyone: str = "tutte le persone dell'ente"
    # the year's results are known: the achievements (RESULT_NAMES), the objectives and the functions over people (a
    # shared place reads its people's data through those functions even before the results: a fund of the staff)
    results: bool = True
    # the formula is read for someone in a group (a graduatoria, the part's people): .GRUPPO has a group to run over;
    # a fund is one for the ente, with no group
    groups: bool = True
    # FASCIA("parte"): the band a part paid before placed the person in (a part's formulas, the progressions)
    bands: bool = False
    # FONDO("nome"): the amount of a fund as constituted for the year (a check's condition: «non superiore al 20%»)
    funds: bool = False


# What a person's evaluation gives: not known for everyone in service (a formula over all of them reads none).
SCORED_NAMES = ("punteggio", "scheda", "livello")
SCORED_FUNCTIONS = ("LIVELLO", "SOTTO", "SOPRA", "SEZIONE")  # the levels of the scale, the sections of the card
# What the year's results give (where they are not known, nor the functions over people that compare them).
RESULT_NAMES = ("unita", "ente", "ente_attestata", "cruscotto")
RESULT_FUNCTIONS = ("OBIETTIVO", "OBIETTIVI.RAGGIUNTI")


def place(
    words: str,
    result: Type,
    *,
    parts: bool = False,
    rows: bool = False,
    level: bool = True,
    shared: bool = False,
    scored: bool = True,
    why: str = "",
    fund: str = "",
    bands: bool = False,
    paid: bool = False,
    funds: bool = False,
) -> Place:
    """``fund``: the words of ``fondo`` where a place reads a fund but no part's (PREMIO is not read there).
    ``paid``: a formula read once every part is paid (a check): PREMIO and FASCIA of any part, and no part's fund."""
    names = [n for n in PERSON_NAMES if (level or n != "livello") and (scored or n not in SCORED_NAMES)]
    if (parts and not paid) or fund:
        names += list(PART_NAMES)
    if rows:
        names += list(ROW_NAMES)
    said = (("fondo", fund),) if fund else ()
    read = parts or paid
    return Place(
        words, result, tuple(names), read, rows, level, shared, scored, why, said, bands=read or bands, funds=funds
    )


def before_results(where: Place) -> Place:
    """``where`` decided before the year's results, on who each one is: no evaluation, no achievement, no function
    over people (a graduatoria is the same whatever anyone scores)."""
    names = tuple(n for n in where.names if n not in SCORED_NAMES and n not in RESULT_NAMES)
    return attrs.evolve(where, names=names, scored=False, results=False)


def rowless(where: Place) -> Place:
    """``where`` where no row of incarichi.csv is read (a premium not paid by appointment): without the row's data."""
    if not where.rows:
        return where
    return attrs.evolve(where, names=tuple(n for n in where.names if n not in ROW_NAMES), rows=False)


def unscored(where: Place, why: str) -> Place:
    """``where`` in a premium that reads no evaluation (``valutazione = false``): the same place without the
    evaluation's names and functions, and the reason a refusal gives."""
    names = tuple(n for n in where.names if n not in SCORED_NAMES)
    return attrs.evolve(where, names=names, scored=False, why=why)


PLACES = {
    "livello": place("il livello", LEVEL, level=False),
    "soglia": place("la soglia del livello", POINTS, level=False, shared=True),
    "ammesso": place("chi partecipa alla parte", BOOL, parts=True),
    "peso": place("il peso nella ripartizione", NUMBER, parts=True),
    "importo": place("l'importo", EURO, parts=True, rows=True),
    "massimo_persona": place("il massimo per persona", EURO, parts=True),
    # [risultato_po] metodo = "formula": over the scored people of the roles paid, with the result pay's own fund
    "risultato": place("la retribuzione di risultato", EURO, fund="il fondo della retribuzione di risultato"),
    "stato": place("chi ha lo stato", BOOL, level=False),
    # checked once the premium is paid: what each part paid (PREMIO) and the band it placed each one in (FASCIA)
    "controllo": place("la condizione del controllo", BOOL, paid=True, funds=True),
    # a check made once for the ente ([[controlli]] per = "ente"): its people only inside functions over them
    "controllo_ente": place("la condizione di un controllo sull'ente", BOOL, paid=True, funds=True, shared=True),
    # the progressioni economiche: over the evaluated people of the roles, apart from any part of the premium
    "candidati": place("chi è candidato alle progressioni", BOOL, bands=True),
    "graduatoria": place("il numero che ordina i candidati alle progressioni", NUMBER, bands=True),
    "costo": place("il costo della progressione di ciascun candidato", EURO),
    # decided when the positions are weighed, before and apart from the year's evaluation
    "requisiti": place(
        "i requisiti del titolare", BOOL, scored=False, why="i requisiti non dipendono dalla valutazione dell'anno"
    ),
    # who is in which graduatoria of a part: a datum of the person or of their unit, known before any result
    "graduatorie": before_results(
        place(
            "la graduatoria di ciascuno",
            TEXT,
            why="la graduatoria si decide su chi è ciascuno (un suo dato), non sui risultati dell'anno",
        )
    ),
    # [[riduzioni]] economie: the group whose colleagues share what the reductions cut, a datum known before any result
    "economie": before_results(
        place(
            "il gruppo dei colleghi che ricevono i tagli",
            TEXT,
            why="il gruppo si decide su chi è ciascuno (un suo dato, come il settore), non sui risultati dell'anno",
        )
    ),
    # [[esclusioni]] regola = "formula": who does not take part, from their data (the score has its own rule)
    "esclusione": before_results(
        place(
            "chi è escluso dal premio",
            BOOL,
            why="l'esclusione legge i dati della persona (per il punteggio c'è la regola punteggio_minimo, per "
            "l'unità unita_sotto, per un obiettivo la condizione della parte: ammesso = '=OBIETTIVO(\"OB1\") >= "
            "100%')",
        )
    ),
    # [[riduzioni]] riduzione: the cut of each one's premium, from their data (as the brackets read theirs)
    "riduzione": before_results(
        place(
            "la riduzione del premio",
            PERCENT,
            why="la riduzione legge i dati della persona (assenze, tempo lavorato, colonne dichiarate), come gli "
            "scaglioni",
        )
    ),
    # [[fondi]] importo: one amount for the ente, constituted before the year's results from the staff's data, read
    # inside functions over people (all of the ente's people, whatever their role)
    "fondo": attrs.evolve(
        before_results(
            place(
                "l'importo del fondo",
                EURO,
                shared=True,
                why="il fondo si costituisce prima della valutazione, sui dati del personale",
            )
        ),
        groups=False,
    ),
    # [[premi]] quota_fondo: one share for the year, from its results (the ente's performance, an objective), read
    # once the people are scored; people only inside functions over them (the part's people), no graduatoria
    "quota_fondo": attrs.evolve(
        place("la quota del fondo della parte", PERCENT, shared=True),
        groups=False,
        ungrouped="la quota è una per la parte",
        everyone="tutte le persone della parte",
    ),
    # rate: an advance paid before the year's results (in its month), from the person's data: the balance settles it
    "acconto": before_results(
        place(
            "l'acconto",
            EURO,
            why="l'acconto si paga prima dei risultati dell'anno, sui dati della persona (il grado, il tempo "
            "lavorato, le colonne dichiarate); il conguaglio paga poi il premio meno l'acconto",
        )
    ),
    # over everyone in service of the part's roles, evaluated or not: the graduatorie's shares of the fund
    "riparto_graduatorie": place(
        "il peso di ciascuno nel riparto del fondo tra le graduatorie",
        NUMBER,
        scored=False,
        why="conta tutto il personale in servizio, valutato o no",
    ),
}


# [[definizioni]] formula: a piece of formula named once, read by name in any formula. Checked on its own where
# everything may be read (its units, its names, its functions); where it is read, it is checked again as the formula
# that reads it would be, so a definition that reads the score is refused where no evaluation is read.
DEFINITION = place("una definizione", NUMBER, parts=True, rows=True, funds=True)


def quantity(name: str) -> Quantity | None:
    """The quantity of a name of formulas (a former name, ``fte``, as the name it became)."""
    name = FORMER_NAMES.get(name, name)
    return PERSON_NAMES.get(name) or PART_NAMES.get(name) or ROW_NAMES.get(name)


# A spreadsheet's two conditions that read nothing, written as names or as functions (VERO, VERO()).
CONSTANTS = ("VERO", "FALSO")

# The functions, as an Italian spreadsheet names them (with the aggregates of the cycle): name → (how it is
# written, what it gives).
SIGNATURES: dict[str, tuple[str, str]] = {
    "SE": ("SE(condizione; se vera; se falsa)", "il secondo valore se la condizione è vera, altrimenti il terzo"),
    "PIÙ.SE": (
        "PIÙ.SE(condizione; valore; condizione; valore; …)",
        "il valore della prima condizione vera (se nessuna è vera, un errore che nomina la persona; VERO come "
        "ultima condizione dà il valore di tutti gli altri)",
    ),
    "E": ("E(condizione; condizione; …)", "vero se tutte le condizioni sono vere"),
    "O": ("O(condizione; condizione; …)", "vero se almeno una condizione è vera"),
    "NON": ("NON(condizione)", "il contrario della condizione"),
    "VERO": ("VERO", "la condizione sempre vera: in PIÙ.SE, l'ultimo caso per tutti gli altri («altrimenti»)"),
    "FALSO": ("FALSO", "la condizione sempre falsa"),
    "MIN": ("MIN(a; b; …)", "il minore (tra livelli: il più basso)"),
    "MAX": ("MAX(a; b; …)", "il maggiore (tra livelli: il più alto)"),
    "MEDIA": ("MEDIA(a; b; …)", "la media"),
    "SOMMA": ("SOMMA(a; b; …)", "la somma"),
    "ASS": ("ASS(x)", "il valore assoluto"),
    "CONCATENA": (
        "CONCATENA(a; b; …)",
        "un testo: i valori uno dopo l'altro, un numero scritto in italiano (una percentuale come tale, 30%) e un "
        'vero/falso come sì o no (due criteri di una graduatoria: CONCATENA(categoria; " · "; settore)); se un valore '
        "manca, nessun testo",
    ),
    "ARROTONDA": ("ARROTONDA(x; cifre)", "x arrotondato a quelle cifre decimali, per eccesso da 5"),
    "ARROTONDA.PER.DIF": ("ARROTONDA.PER.DIF(x; cifre)", "x arrotondato per difetto"),
    "ARROTONDA.PER.ECC": ("ARROTONDA.PER.ECC(x; cifre)", "x arrotondato per eccesso"),
    "LIVELLO": ("LIVELLO(punti)", "il livello della scala di [livelli] che quei punti raggiungono"),
    "SOTTO": ("SOTTO(livello)", "il livello sotto (nessuno sotto l'ultimo)"),
    "SOPRA": ("SOPRA(livello)", "il livello sopra (il primo resta il primo)"),
    "SEZIONE": ('SEZIONE("nome")', "la somma dei punti delle voci di quella sezione della scheda"),
    "PREMIO": (
        'PREMIO("parte")',
        "il premio della persona da una parte pagata prima (in chi partecipa, nel peso, nell'importo e nel massimo "
        "per persona di una parte) e, nella condizione di un controllo, da qualunque parte: il controllo si fa "
        "una volta pagate le parti",
    ),
    "FASCIA": (
        'FASCIA("parte")',
        "la fascia in cui una parte pagata prima ha collocato la persona, un testo (nessun testo per chi non vi è "
        "collocato): nelle formule delle parti successive, in candidati e graduatoria di [progressioni] e nella "
        "condizione di un controllo",
    ),
    "DI": ("DI(grandezza; persona)", "una grandezza di un'altra persona (la persona sostituita di un incarico)"),
    "MESI": (
        'MESI(giorni) o MESI(giorni; "dal"; "al")',
        "i mesi di servizio nell'anno, ciascuno intero se la persona vi è in servizio almeno quei giorni (la frazione "
        'di mese oltre 15 giorni conta un mese: MESI(16 giorni), o MESI(16): il numero è sempre di giorni); con due giorni, i mesi di quel periodo (un '
        'trimestre: MESI(16 giorni; "01/04"; "30/06")), ciascun giorno come in IN.SERVIZIO; un mese tagliato dal '
        "periodo conta con quei giorni di servizio nel periodo",
    ),
    "OBIETTIVO": (
        'OBIETTIVO("codice")',
        "il raggiungimento dell'obiettivo con quel codice in obiettivi.csv, come lo calcola il ciclo: una "
        "percentuale, come unita ed ente, uguale per tutti; in un importo per incarico il codice può essere una "
        "colonna di testo dei progetti o degli incarichi (OBIETTIVO(obiettivo_progetto): l'obiettivo del progetto della riga)",
    ),
    "ANNI": (
        'ANNI(data) o ANNI(data; "giorno")',
        "gli anni interi compiuti da una data della persona al 31/12 dell'anno del ciclo: una colonna dichiarata di "
        "tipo data, la nascita per l'età, l'assunzione per l'anzianità (nata il 10/05/1970, nel 2024: 54); conta gli "
        "anniversari (entrato l'01/01/2012, nel 2024: 12, non i 13 anni lavorati); con un giorno, gli anni compiuti "
        'a quel giorno, scritto come in MESI.DA (ANNI(data_nascita; "01/01"))',
    ),
    "MESI.DA": (
        'MESI.DA(data; "giorno")',
        "i mesi interi compiuti da una data della persona (una colonna dichiarata di tipo data) al giorno scritto: "
        'una data ("01/01/2026", "1.1.2026" o "2026-01-01") o un giorno dell\'anno del ciclo ("01/01"); un mese è '
        "compiuto il giorno del mese in cui la data ricorre, come ANNI conta gli anni (entrato il 15/03/2023, al "
        "01/01/2026: 33; entrato l'01/01/2023: 36): «almeno 36 mesi nella posizione al 1° gennaio» è "
        'MESI.DA(data_posizione; "01/01") >= 36',
    ),
    "VALUTAZIONE.MEDIA": (
        "VALUTAZIONE.MEDIA(anni)",
        "la media delle valutazioni individuali della persona negli anni prima del ciclo (3: per il ciclo 2024, il "
        "2021, il 2022 e il 2023), dal foglio valutazioni precedenti, arrotondata a due decimali: la media delle "
        "valutazioni che vi sono (un anno senza valutazione non conta zero); nessun valore per chi non ne ha",
    ),
    "VALUTAZIONE.ULTIME": (
        "VALUTAZIONE.ULTIME(n)",
        "la media delle ultime n valutazioni individuali che la persona ha prima del ciclo, dal foglio valutazioni "
        "precedenti, arrotondata a due decimali: un anno senza valutazione (un congedo) lascia il posto all'anno "
        "prima («le ultime tre valutazioni conseguite»: con 2021 mancante, il 2020, il 2022 e il 2023); nessun valore "
        "per chi non ne ha; con meno di n valutazioni, la media di quelle che ci sono",
    ),
    "IN.SERVIZIO": (
        'IN.SERVIZIO("data")',
        "vero se la persona è in servizio in quella data (assunta non dopo, cessata non prima): una data dell'anno "
        '("31/12"), una data intera ("31/07/2025"), la chiave di un atto di [atti] in ente.toml ("erogazione") o '
        "una colonna dichiarata di tipo data, il giorno di ciascuno (IN.SERVIZIO(fine_progetto))",
    ),
    "SOMMA.UNITA": (
        "SOMMA.UNITA(colonna)",
        'la somma di una colonna di numeri di unità.csv ([[colonne]] con elenco = "unità") sulle unità che vi scrivono '
        "un valore, ciascuna una volta (l'autofinanziamento dei Centri di ricerca): uguale per tutti",
    ),
    "FONDO": (
        'FONDO("nome")',
        "l'importo di un fondo del regolamento come è costituito per l'anno (da [fondi] in ente.toml o da [[fondi]]), "
        "prima di ogni riduzione: uguale per tutti, si legge nella condizione di un controllo (il tetto di un fondo: "
        'FONDO("performance_individuale") <= 20% * SOMMA.UNITA(ricavi))',
    ),
    "OBIETTIVI.RAGGIUNTI": (
        'OBIETTIVI.RAGGIUNTI("codice"; soglia)',
        "la quota degli obiettivi figli di quel codice in obiettivi.csv (le righe che lo hanno nella colonna "
        "superiore) il cui raggiungimento è almeno la soglia: una percentuale, uguale per tutti (3 raggiunti su 4: "
        "75%); un figlio senza raggiungimento (neutralizzato, nulla di misurato) non conta",
    ),
    "SOMMA.INCARICHI": (
        "SOMMA.INCARICHI(valore)",
        "in un importo per incarico, la somma del valore sugli incarichi della parte che nominano lo stesso progetto "
        "(colonna progetto): il gruppo di progetto, ciascuno letto per la sua persona e la sua riga "
        "(SOMMA.INCARICHI(peso_progetto))",
    ),
}
FUNCTIONS: dict[str, str] = {name: words for name, (_, words) in SIGNATURES.items()}
# The aggregates over people: FUNCTION.ENTE (the ente's people of the block's roles, with a score) and
# FUNCTION.GRUPPO (the same graduatoria, or the group of a check).
AGGREGATES = {
    "MEDIA": "la media",
    "MAX": "il massimo",
    "MIN": "il minimo",
    "SOMMA": "la somma",
    "CONTA": "il numero",
    "CONTA.DIVERSI": "il numero di valori diversi",
    "RANGO": "la posizione in graduatoria",
}
SCOPES = {"ENTE": "dell'ente", "GRUPPO": "della graduatoria"}
AGGREGATE_SIGNATURES = {
    "MEDIA": ("MEDIA.ENTE(x)", "la media di x tra le persone valutate"),
    "MAX": ("MAX.ENTE(x)", "il massimo di x tra le persone valutate"),
    "MIN": ("MIN.ENTE(x)", "il minimo di x tra le persone valutate"),
    "SOMMA": ("SOMMA.ENTE(x)", "la somma di x tra le persone valutate"),
    "CONTA": ("CONTA.ENTE() o CONTA.ENTE(condizione)", "quante persone valutate (per cui vale la condizione)"),
    "CONTA.DIVERSI": ("CONTA.DIVERSI.ENTE(x)", "quanti valori diversi di x (es. i livelli usati)"),
    "RANGO": (
        "RANGO.ENTE(x; y; …)",
        "la posizione della persona per x, dal più alto (1; i pari merito la stessa); y e gli argomenti dopo, numeri, "
        "decidono in ordine tra chi è a pari merito, ciascuno dal più alto, dal più basso se scritto con il meno "
        "(«a parità di punteggio prevale chi ha meno giorni di assenza»: RANGO.ENTE(punteggio; -assenze)); chi è pari "
        "in tutti ha la stessa posizione",
    ),
}
for _fn, _words in AGGREGATES.items():
    for _scope, _of in SCOPES.items():
        FUNCTIONS[f"{_fn}.{_scope}"] = f"{_words} {_of}"
