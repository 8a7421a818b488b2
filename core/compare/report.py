"""``compare.html`` as a report model (:class:`~..reports.model.Report`), built from the ``compare.json`` dict.

The scenarios of a comparison side by side, for the delegations at the table of the contrattazione
integrativa. Built from the document only, so the same dict gives the same page; rendered like the Relazione
(:mod:`.render_html`, ``templates/compare.html``), which escapes every text. Persons are shown by id and role,
never by name: the page is meant to be shared at the bargaining table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core.compare import charts, metrics
from ciclope.core.compare.scenario import CURRENT
from ciclope.core.plugininfo import GROUP_LABELS
from ciclope.core.reports import fmt
from ciclope.core.reports.model import (
    Block,
    Charts,
    Figure,
    Flag,
    Heading,
    Lines,
    Report,
    Section,
    Snippet,
    Table,
    Text,
    columns,
)
from ciclope.core.run.citing import cited

Doc = Mapping[str, Any]  # a compare.json document, or one of its parts, as json.loads gives it
Labels = Mapping[str, str]  # the plugin's statuses in Italian, each role and level as the enti name them
FUND = "fondo:"  # the key of a fund's name in the labels, as the other documents name it (its pool's label)
ROLE = "ruolo:"  # the key of a role's words in the labels (:func:`ciclope.core.compare.words`)
LEVEL = "livello:"  # the key of a level's label in the labels, as its regulation's [etichette] gives it
GROUP = "gruppo:"  # the key of a role's people as a group, with the article («le EQ»), in the labels
TOP_SHARE = "Quota di persone al livello più alto"
OWN_SCALE = "della propria scala"
ON_LEVELED = "sulle persone con un livello"  # the share's denominator (docs/ops.md), as the Relazione says it
ADOPT = "Dove si adotta"

TITLE = "Simulazione per la contrattazione integrativa"
FOOTER = "Prodotto da ciclope compare. Le persone sono indicate con il solo identificativo."
METRIC_ROWS = (
    ("people", "Persone", "int"),
    ("paid_to_people", "Pagato alle persone", "money"),
    ("distributed", "Distribuito dai fondi", "money"),
    ("residual", "Residuo dei fondi", "money"),
    ("gini", "Indice di Gini degli importi (0 = tutti uguali)", "num"),
    ("p10", "P10 (10° percentile, rango più vicino)", "money"),
    ("p90", "P90 (90° percentile, rango più vicino)", "money"),
    ("p90_p10", "Rapporto P90/P10 (non definito se P10 = 0)", "num"),
    ("top20_share", "Quota agli importi del 20% più alto", "pct"),
    ("top_level_share", TOP_SHARE, "pct"),
    ("zero", "Persone con importo zero", "int"),
)


def build(doc: Doc, labels: Labels | None = None) -> Report:
    """The page's model: the scenarios, their figures and charts, violations, who gains and who loses, bands
    and levels, and every person's amount in every scenario."""
    labels = labels or {}
    sections = (
        Section("scenari", "Scenari a confronto", scenarios(doc, labels)),
        Section("indicatori", "Indicatori di distribuzione", indicators(doc, labels)),
        Section("curve", "Curve di distribuzione", curves(doc)),
        Section("violazioni", "Violazioni del regolamento per scenario", violations(doc)),
        Section("movimenti", "Chi guadagna e chi perde", gains(doc, labels)),
        Section("fasce", "Fasce di merito e livelli", groups(doc, labels)),
        Section("persone", "Importi per persona", people(doc, labels)),
    )
    return Report(TITLE, doc.get("name") or doc["ente"], meta(doc), sections, FOOTER)


def meta(doc: Doc) -> str:
    """Whose cycle and which act: the regulation by its title (the plugin is the program's name for it); a total of
    several enti names them by their names, and the act only where they all apply it (one plugin reads a regulation
    of each ente's own: one ente's title is not the others')."""
    if "enti" in doc:
        names = fmt.listed(doc.get("names") or doc["enti"])
        act = doc.get("regulation") or "ciascuno con il proprio regolamento"
        return f"Totale degli enti {names} · {act} · ciclo {doc['year']}"
    act = doc.get("regulation") or "regolamento dell'ente"
    return f"{act} · ciclo {doc['year']}"  # the ente is the page's subtitle


# -- values as the page shows them ------------------------------------------------------------------


def show(value: Any, kind: str) -> str:
    if value is None:
        return "non definito"
    if kind == "money":
        return fmt.euro(Decimal(value))
    if kind == "pct":
        return fmt.pct(value)
    if kind == "num":
        return fmt.decimal_it(Decimal(str(value)), 4)
    return str(value)


def signed_euro(diff: Decimal) -> str:
    if diff == 0:
        return fmt.euro(Decimal("0.00"))
    return ("+" if diff > 0 else "−") + fmt.euro(abs(diff))


def order(doc: Doc) -> list[str]:
    """The people of the scenario in force, in natural order of their ids."""
    return sorted(doc["scenarios"][CURRENT]["people"], key=fmt.natural)


def role(person: Doc, labels: Labels | None) -> str:
    """The person's role as the enti's contract names it (the words the comparison was given), else the core's."""
    code = person["role"]
    said = (labels or {}).get(ROLE + code)
    return said if said is not None else str(fmt.ROLE_LABELS.get(code, code))


def level(name: str, labels: Labels | None) -> str:
    """A level by the label the ente's regulation gives it (:data:`LEVEL`), else by its name: never a bare code
    where the regulation words it."""
    return (labels or {}).get(LEVEL + name, name)


def band(name: str, levels: Collection[str], labels: Labels | None) -> str:
    """A band as people read it: a regulation without merit bands records each person's level as their band, and
    such a band (one of ``levels``) reads as the level does; a merit band by its name."""
    return level(name, labels) if name in levels else name


def status(person: Doc, labels: Labels | None, banded: bool = True) -> str:
    """The band (a level recorded as band by its label), or else the outcome in Italian (the plugin's labels
    first); someone evaluated with no band is «senza fascia» (``banded``: the regulation's bands are its own),
    else «senza livello», never «valutato» in a column of bands."""
    if not person["band"]:
        if person["status"] in (None, "", "evaluated"):
            return "senza fascia" if banded else "senza livello"
        return fmt.status(person["status"], labels)
    return level(person["band"], labels) if person["band"] == person.get("level") else person["band"]


def top_share(doc: Doc, labels: Labels | None) -> str:
    """The title of the share at the highest level, which it names: the level of ``attuale`` (the document's
    ``top_level``, the same in every scenario) by its label; where the people are on several scales of levels (no
    ``top_level``, a share all the same), the top of each one's own scale."""
    metrics = doc["scenarios"][CURRENT]["metrics"]
    top = metrics["top_level"]
    apart = ", ".join(f"senza {group(code, labels)}" for code in metrics.get("top_level_apart", ()))
    if top is None and metrics["top_level_share"] is not None:  # people on several scales: each at their own top
        return f"{TOP_SHARE} {OWN_SCALE}" + (f" ({apart})" if apart else "") + f" {ON_LEVELED}"
    if not top:
        return TOP_SHARE
    return f"{TOP_SHARE} ({', '.join(filter(None, (level(top, labels), apart)))}) {ON_LEVELED}"


def own_bands(doc: Doc) -> bool:
    """Whether the regulation has merit bands of its own: someone's band is not their level, in some scenario (a
    regulation without bands records each person's level as band)."""
    return any(
        p.get("band") and p.get("band") != p.get("level")
        for s in doc["scenarios"].values()
        for p in s["people"].values()
    )


def group(code: str, labels: Labels | None) -> str:
    """A role's people as a group, in the words of the ente's contract in the cycle's year («le EQ»)."""
    return (labels or {}).get(GROUP + code) or GROUP_LABELS.get(code, code)


def level_row(g: Doc, labels: Labels | None) -> str:
    """A row of the levels: the staff's by the level's label; the holders of a paid position, set apart
    (``role``), by the level and the role («medio — Elevata qualificazione (EQ)»)."""
    return f"{level(g['name'], labels)} — {role(g, labels)}" if g.get("role") else level(g["name"], labels)


def changed(doc: Doc, name: str, labels: Labels | None = None) -> tuple[str, str]:
    """(parameters, funds) that the scenario sets differently from ``attuale``."""
    if name == CURRENT:
        return "parametri e fondi in vigore", ""
    s, base = doc["scenarios"][name], doc["scenarios"][CURRENT]

    said = labels or {}

    def diff(mine: Doc, theirs: Doc, was: Doc) -> list[str]:
        # an amended figure is said old → new, both as written: the current scenario's, or the content's own
        return [
            f"{k}: {theirs.get(k, was[k])} → {v}"
            if k in was
            else f"{said.get(k, k)} = {fmt.param_value(v, said) if not isinstance(v, dict) else v}"
            for k, v in mine.items()
            if theirs.get(k, was.get(k)) != v
        ]

    if "enti" in doc:  # the total: parameters are per ente
        params = sorted(
            {
                line
                for ente, p in s["params"].items()
                for line in diff(p, base["params"].get(ente, {}), s.get("amended_from", {}).get(ente, {}))
            }
        )
    else:
        params = diff(s["params"], base["params"], s.get("amended_from", {}))
    funds = [
        f"{fund(k, said)}: {fmt.euro(Decimal(base['funds'][k])) + ' → ' if base['funds'].get(k) else ''}"
        f"{fmt.euro(Decimal(v))}"
        for k, v in s["funds"].items()
        if base["funds"].get(k) != v
    ]
    return "; ".join(params) or "nessuno", "; ".join(funds)


def fund(key: str, labels: Labels) -> str:
    """A fund by the name the other documents give it (its pool's label, :data:`FUND`), never its key."""
    return labels.get(FUND + key) or fmt.fund(key)


def adopt(s: Doc) -> str:
    """Where the office writes the scenario's changes to adopt it (``attuale``: nowhere, it is in force)."""
    return "; ".join(s.get("adopt") or ()) or "—"


def counts(s: Doc) -> tuple[int, int]:
    """A scenario's errors and warnings."""
    errors = sum(1 for v in s["violations"] if v["severity"] == "error")
    return errors, len(s["violations"]) - errors


def outcome(s: Doc) -> Flag:
    errors, warnings = counts(s)
    if not s["computed"]:
        return Flag("non calcolabile", "err")
    if errors:
        return Flag(f"{errors} violazion{'e' if errors == 1 else 'i'}", "err")
    return Flag(f"conforme{', ' + fmt.plural(warnings, 'avviso', 'avvisi') if warnings else ''}", "ok")


def amount(person: Doc, labels: Labels | None) -> Lines:
    """A person's amount with their band (or outcome) under it."""
    return Lines((fmt.euro(Decimal(person["amount"])), status(person, labels)), "band")


# -- the sections ------------------------------------------------------------------------------------


def scenarios(doc: Doc, labels: Labels | None = None) -> list[Block]:
    heads = ("Scenario", "Descrizione", "File", "Parametri diversi dall'attuale", "Fondi diversi", ADOPT, "Esito")
    rows = []
    for name, s in doc["scenarios"].items():
        params, funds = changed(doc, name, labels)
        rows.append(
            (name, s["description"], s["file"] or "cycle.toml", params, funds or "nessuno", adopt(s), outcome(s))
        )
    return [Table("", columns(heads), rows)]


def indicators(doc: Doc, labels: Labels | None = None) -> list[Block]:
    sc = doc["scenarios"]
    names = list(sc)
    rows: list[list[Any]] = []
    for key, label, kind in METRIC_ROWS:
        title = top_share(doc, labels) if key == "top_level_share" else label
        rows.append([title] + [show(sc[n]["metrics"][key], kind) for n in names])
    ratios: list[Any] = []
    for n in names:
        levels = [g["name"] for g in sc[n]["levels"]]
        parts = [
            f"{band(r['upper'], levels, labels)}/{band(r['lower'], levels, labels)}: {show(r['ratio'], 'num')}"
            for r in sc[n]["metrics"]["band_ratios"]
        ]
        ratios.append(Lines(parts) if parts else "—")
    rows.append(["Rapporto pro capite tra fasce consecutive"] + ratios)
    return [
        Table("", columns(["Indicatore"] + names, range(1, len(names) + 1)), rows),
        Snippet("compare_metrics"),
    ]


def curves(doc: Doc) -> list[Block]:
    """The Lorenz curves and the sorted amounts of every scenario, under one legend."""
    amounts = [(n, [Decimal(p["amount"]) for p in s["people"].values()]) for n, s in doc["scenarios"].items()]
    lorenz = [(n, metrics.lorenz_points(xs)) for n, xs in amounts]
    legend = tuple((n, charts.swatch(i)) for i, (n, _) in enumerate(amounts))
    return [Charts(legend, (Figure(charts.lorenz_chart(lorenz)), Figure(charts.sorted_chart(amounts))))]


def violations(doc: Doc) -> list[Block]:
    out: list[Block] = []
    for name, s in doc["scenarios"].items():
        vs = s["violations"]
        rows = [
            (
                Flag("errore", "err") if v["severity"] == "error" else Flag("avviso", "warn"),
                *([v["ente"]] if "ente" in v else []),
                v["message"],
                cited(v["source"]),
                fmt.where(v["where"]),
            )
            for v in vs
        ]
        heads = ["Gravità"] + (["Ente"] if vs and "ente" in vs[0] else []) + ["Violazione", "Fonte", "Dove"]
        out += [Heading(f"Scenario {name}"), Table("", columns(heads), rows, empty="Nessuna violazione.")]
    return out


Move = tuple[Decimal, str, Decimal, Decimal]  # difference, person, amount in attuale, amount in the scenario


def gains(doc: Doc, labels: Labels) -> list[Block]:
    """For each scenario but ``attuale``: how many gain and lose, and everyone whose amount or band moves."""
    out: list[Block] = []
    base = doc["scenarios"][CURRENT]["people"]
    for name, s in doc["scenarios"].items():
        if name == CURRENT:
            continue
        out.append(Heading(f"Scenario {name} rispetto ad attuale"))
        if not s["computed"]:
            out.append(Text("Scenario non calcolabile con questi parametri: vedi le violazioni.", "empty"))
            continue
        found = moves(base, s["people"])
        up = [m for m in found if m[0] > 0]
        down = [m for m in found if m[0] < 0]
        same = len(s["people"]) - len(up) - len(down)
        gained, lost = sum((m[0] for m in up), Decimal(0)), sum((m[0] for m in down), Decimal(0))
        out.append(
            Text(
                f"{'Guadagna' if len(up) == 1 else 'Guadagnano'} {fmt.plural(len(up), 'persona', 'persone')} "
                f"(in tutto {signed_euro(gained)}), {'perde' if len(down) == 1 else 'perdono'} "
                f"{fmt.plural(len(down), 'persona', 'persone')} (in tutto {signed_euro(lost)}), {same} con lo stesso "
                "importo."
            )
        )
        out.append(moved(name, found, base, s["people"], labels, own_bands(doc)))
    return out


def moves(base: Doc, people: Doc) -> list[Move]:
    """Everyone whose amount or band differs from ``attuale``."""
    out = []
    for pid, p in people.items():
        before = Decimal(base.get(pid, {}).get("amount") or "0")
        after = Decimal(p["amount"])
        if after != before or p["band"] != base.get(pid, {}).get("band"):
            out.append((after - before, pid, before, after))
    return out


def moved(name: str, found: Sequence[Move], base: Doc, people: Doc, labels: Labels, banded: bool) -> Table:
    """The people who move, the biggest gain first; their band, or their level where the regulation has no bands
    of its own (``banded``)."""
    word = "Fascia" if banded else "Livello"
    heads = (
        "Persona",
        "Ruolo",
        f"{word} attuale",
        f"{word} in {name}",
        "Importo attuale",
        f"Importo in {name}",
        "Differenza",
    )
    rows = [
        (
            pid,
            role(people[pid], labels),
            status(base[pid], labels, banded) if pid in base else "—",
            status(people[pid], labels, banded),
            fmt.euro(before),
            fmt.euro(after),
            signed_euro(d),
        )
        for d, pid, before, after in sorted(found, key=lambda m: (-m[0], m[1]))
    ]
    return Table("", columns(heads, (4, 5, 6)), rows, empty=f"Nessuno cambia importo o {word.lower()}.")


def groups(doc: Doc, labels: Labels | None = None) -> list[Block]:
    """Each scenario's merit bands (with the ratio to the next) and levels, a level by its label."""
    out: list[Block] = []
    for name, s in doc["scenarios"].items():
        ratio = {r["upper"]: r["ratio"] for r in s["metrics"]["band_ratios"]}
        named = [g["name"] for g in s["levels"]]
        bands = [
            (
                band(g["name"], named, labels),
                g["count"],
                fmt.euro(Decimal(g["total"])),
                fmt.euro(Decimal(g["per_capita"])),
                show(ratio.get(g["name"]), "num") if g["name"] in ratio else "—",
            )
            for g in s["bands"]
        ]
        out += [Heading(f"Scenario {name}"), *_bands_and_levels(s, bands, labels, own_bands(doc))]
    return out


def _bands_and_levels(s: Doc, bands: list[tuple[Any, ...]], labels: Labels | None, banded: bool) -> list[Block]:
    """A scenario's table of bands and of levels; where the regulation's bands are its levels (not ``banded``), the
    levels alone, with the ratio of each to the next."""
    ratio = {r["upper"]: r["ratio"] for r in s["metrics"]["band_ratios"]}
    rows = [
        (level_row(g, labels), g["count"], fmt.euro(Decimal(g["total"])), fmt.euro(Decimal(g["per_capita"])))
        + (() if banded else (show(ratio[g["name"]], "num") if g["name"] in ratio and not g.get("role") else "—",))
        for g in s["levels"]
    ]
    heads = ("Livello", "Persone", "Importi", "Pro capite") + (() if banded else ("Rapporto con il successivo",))
    levels = Table("", columns(heads, range(1, len(heads))), rows, empty="Nessun livello.")
    if not banded:
        return [levels]
    band_heads = ("Fascia", "Persone", "Premi della fascia", "Pro capite", "Rapporto con la successiva")
    return [
        Table("", columns(band_heads, (1, 2, 3, 4)), bands, empty="Nessuna fascia di merito in questo scenario."),
        levels,
    ]


def people(doc: Doc, labels: Labels) -> list[Block]:
    """Every person of ``attuale``: amount and band in each scenario, and the difference."""
    sc = doc["scenarios"]
    others = [n for n in sc if n != CURRENT]
    heads = ["Persona", "Ruolo", "Punteggio", CURRENT]
    for n in others:
        heads += [n, f"Δ {n}"]
    rows = []
    for pid in order(doc):
        p = sc[CURRENT]["people"][pid]
        row: list[Any] = [pid, role(p, labels), fmt.score(p["score"]), amount(p, labels)]
        for n in others:
            q = sc[n]["people"].get(pid)
            if q is None:
                row += ["—", "—"]
            else:
                row += [amount(q, labels), signed_euro(Decimal(q["amount"]) - Decimal(p["amount"]))]
        rows.append(row)
    # the holders of a position in the contract's words of the cycle's year («le EQ» from 2024 in Funzioni Locali)
    note = (
        "Per ogni scenario: importo e, sotto, la fascia di merito (o l'esito). Δ = importo nello scenario − importo "
        f"attuale. Per {group('po', labels)} l'importo comprende la retribuzione di risultato, non quella di posizione."
    )
    return [Table("", columns(heads, range(2, len(heads))), rows, style="people"), Text(note, "muted")]
