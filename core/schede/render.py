"""A scheda as a self-contained HTML page, printable on A4 (every text escaped)."""

from __future__ import annotations

from html import escape

from ciclope.core import fmt
from ciclope.core.schede.content import CardRow, Line, Payment, Scheda

NONE = "—"  # what the scheda shows for a figure there is not (no score, no evaluator)

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
.draft { border: 2px solid #a00; padding: 2mm 3mm; font-weight: bold; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h3 { font-size: 10.5pt; margin: 4mm 0 1mm; } h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; white-space: nowrap; } .muted { color: #555; font-size: 9pt; }
td.v { white-space: nowrap; } /* an amount alone stays on one line */
td { overflow-wrap: break-word; } /* a long value wraps inside the page, never past its edge */
.big { font-size: 13pt; font-weight: bold; } .total { font-size: 12pt; font-weight: bold; border-top: 1px solid #999; padding-top: 2mm; } .sign { display: flex; gap: 10mm; margin-top: 10mm; }
.sign div { flex: 1; border-top: 1px solid #333; padding-top: 1.5mm; min-height: 18mm; }
section { break-inside: avoid; }
"""


# a value up to this long that begins with an amount stays on one line («€ 36.000,00 × 40% = € 14.400,00»); a longer
# one wraps in its cell (a quota's formula in words after it), each amount joined to its € by a no-break space
SHORT = 40


def _nowrap(value: object) -> str:
    """An amount's cell is kept on one line; a text, or a long value, wraps as usual (:func:`_value`)."""
    text = str(value)
    return " class='v'" if text.startswith("€ ") and len(text) <= SHORT else ""


def _value(value: object) -> str:
    """A value cell's text, escaped; of one that wraps (:func:`_nowrap`), never broken between € and an amount."""
    text = str(value)
    return _e(text if _nowrap(text) else text.replace("€ ", "€\u00a0"))


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _as_written(text: str) -> str:
    """The office's text with its line breaks (HTML joins lines into one): one line after a space, several from a
    new line each, every word as written (the PDF is this page printed)."""
    lines = text.splitlines()
    if len(lines) < 2:
        return f" {_e(text)}"
    return "".join(f"<br>{_e(line)}" for line in lines)


def _lines(lines: tuple[Line, ...], head: tuple[str, ...] | None = None) -> str:
    """A table of label and value, with the lines' notes as a third column where any has one (headed by the third
    name of ``head``, if it gives one)."""
    if not lines:
        return ""
    noted = any(x.note for x in lines)
    rows = "".join(
        f"<tr><th scope='row'>{_e(ln.label)}</th><td{_nowrap(ln.value)}>{_value(ln.value)}</td>"
        + (f"<td>{_e(ln.note)}</td>" if noted else "")
        + "</tr>"
        for ln in lines
    )
    top = "".join(f"<th>{_e(name)}</th>" for name in (head if noted else head[:2])) if head else ""
    return f"<table>{f'<tr>{top}</tr>' if top else ''}{rows}</table>"


def _card(s: Scheda) -> str:
    if s.parts:  # a card per evaluator, each with its period and score, then their mean
        cards = "".join(f"<h3>{_e(p.title)}</h3>{_card_rows(p.rows, p.score)}" for p in s.parts)
        mean = f"<p>Punteggio delle schede: <b>{_e(s.card_score)}</b> su 100, {_e(s.card_mean)}{_rounded(s)}.</p>"
        why = f"<p><b>Motivazione del valutatore:</b>{_as_written(s.motivation)}</p>" if s.motivation else ""
        return f"{cards}{mean}{why}"
    if not s.card:  # a score from the other components is said to come from them; without a score, nothing more
        other = ": il punteggio viene dagli altri elementi qui sotto" if s.score != NONE else ""
        return f"<p>Nessuna scheda di valutazione individuale{other}.</p>"
    why = f"<p><b>Motivazione del valutatore:</b>{_as_written(s.motivation)}</p>" if s.motivation else ""
    return _card_rows(s.card, s.card_score, _rounded(s)) + why


def _rounded(s: Scheda) -> str:
    """How the card's score came to its two decimals, after it: « (esatto 82,185, arrotondato a due decimali)»."""
    return f" (esatto {_e(s.card_exact)}, arrotondato a due decimali)" if s.card_exact else ""


def _card_rows(card: tuple[CardRow, ...], score: str, rounded: str = "") -> str:
    """A card's table and its score (``rounded``: how it came to its two decimals, escaped)."""
    rows = "".join(
        f"<tr><td>{_e(r.section)}</td><td>{_e(r.item)}</td><td class='n'>{_e(r.max_points)}</td>"
        f"<td class='n'>{_e(r.weight)}</td><td class='n'>{_e(r.points)}</td><td>{_e(r.note)}</td></tr>"
        for r in card
    )
    total = f"<p>Punteggio della scheda: <b>{_e(score)}</b> su 100{rounded}.</p>" if score else ""
    return (
        "<table><tr><th>Sezione</th><th>Voce</th><th>Punti massimi</th><th>Peso</th><th>Punti</th>"
        f"<th>Note</th></tr>{rows}</table>{total}"
    )


def _signers(s: Scheda) -> str:
    """Who signs for the ente: the evaluator, each evaluator with their period for a person evaluated by several, or a
    blank line where there is none (a part paid without evaluation)."""
    if s.evaluators:
        return "".join(f"<div>Il valutatore {_e(when)}<br>{_e(who)}</div>" for when, who in s.evaluators)
    if s.evaluator != NONE:
        return f"<div>Il valutatore<br>{_e(s.evaluator)}</div>"
    return "<div>Per l'ente<br>____________________</div>"


def _of_fund(what: str, pool: str) -> str:
    """What is paid and its fund: «premio (Premi per la performance individuale)»; a fund whose name has its own
    parenthesis (the article of a national provision) after a colon, never parentheses in parentheses."""
    return f"{what}: {pool}" if "(" in pool else f"{what} ({pool})"


def _payments(s: Scheda) -> str:
    if not s.payments:
        why = "".join(f"<li>{_e(u)}</li>" for u in s.unpaid)
        return "<p>Nessun importo riconosciuto.</p>" + (f"<ul>{why}</ul>" if why else "")
    parts = []
    for p in s.payments:
        parts.append(
            f"<p><span class='big'>{_e(p.amount)}</span> — {_e(_of_fund(p.what, p.pool))}</p>{_how(p)}"
            + "".join(f"<h3>{_e(_upper(part.what))}: {_e(part.amount)}</h3>{_how(part)}" for part in p.parts)
        )
    parts += [f"<p class='total'>{_e(total)}</p>" for total in s.totals]
    if s.refused:  # the parts that left them out, as explain says them under «Non pagato:»; of someone paid, each
        # part that «non spetta», never under «Non pagato» (a maggiorazione they do not have is no pay withheld)
        head = f"<h3>{_e(s.refused_title)}</h3>" if s.refused_title else ""
        parts.append(head + "<ul>" + "".join(f"<li>{_e(why)}</li>" for why in s.refused) + "</ul>")
    if s.instalments:  # when each is paid: the rows of the instalments, in the order they are paid
        parts.append("<h3>Pagamento in rate</h3>" + _lines(s.instalments, ("Rata", "Importo")))
    return "".join(parts)


def _amounts(s: Scheda) -> str:
    """The amounts paid, or why none: no section where the ente pays no premium and the person is in the
    progressioni (a regulation of progressions only: «Nessun importo riconosciuto» would say nothing)."""
    if not s.premiums and not s.payments and not s.unpaid and s.progression:
        return ""
    return f"<section><h2>Importi</h2>{_payments(s)}</section>"


def _progression(s: Scheda) -> str:
    """The progressione economica, for a person of its roles: outcome, place, cost; the rule below."""
    if not s.progression:
        return ""
    rule = f"<p class='muted'>{_e(s.progression_rule)}</p>" if s.progression_rule else ""
    return f"<section><h2>Progressione economica</h2>{_lines(s.progression)}{rule}</section>"


def _readings(readings: tuple[str, ...]) -> str:
    """The office's own readings of the rule, beside the figure it gives (as the Relazione lists them, «Ipotesi»)."""
    return "".join(f"<p class='muted'>Ipotesi dell'ufficio: {_e(text)}</p>" for text in readings)


def _how(p: Payment) -> str:
    """How an amount is made: its formula and source, the table of its elements, its note (the share paid, the
    cent), and what the table leaves off and why."""
    how = f"Come si calcola: {_e(fmt.ended(p.formula))} " if p.formula else ""
    where = f"Fonte: {_e(fmt.ended(p.source))}" if p.source else ""
    notes = "".join(f"<p class='muted'>{_e(_upper(x))}</p>" for x in (p.note, p.withheld) if x)
    steps = _lines(p.steps, ("Elemento del calcolo", "Valore", "Fonte"))
    return f"<p class='muted'>{how}{where}</p>{_readings(p.readings)}{steps}{notes}"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _heading(s: Scheda) -> str:
    """The ente and its regulation under the title; a regulation whose title names the ente («Criteri … del Comune di
    Reggello») alone, never the ente's name twice."""
    if not s.regulation:
        return s.ente
    return s.regulation if s.ente in s.regulation else f"{s.ente} · {s.regulation}"


def render(s: Scheda) -> str:
    if not s.evaluated:
        return _premium_only(s)
    appeals = _lines(s.appeals, None) if s.appeals else "<p>Nessuna richiesta di riesame o ricorso registrata.</p>"
    steps = _lines(s.score_steps, ("Elemento del punteggio", "Valore"))
    formula = (
        f"<p class='muted'>Come si calcola: {_e(fmt.ended(s.score_formula))} Fonte: {_e(fmt.ended(s.score_source))}</p>"
        + (f"<p class='muted'>{_e(fmt.ended(_upper(s.score_note)))}</p>" if s.score_note else "")
        + _readings(s.score_readings)
        if s.score_formula
        else ""
    )
    acts = _lines(s.acts) if s.acts else ""
    # none where the regulation has no levels; the level in bold, the article it is cited by beside it
    level = f" · livello: <b>{_e(s.level)}</b>{' ' + _e(s.level_source) if s.level_source else ''}" if s.level else ""
    scored = (
        f"<p>Punteggio complessivo: <span class=\"big\">{_e(s.score)}</span> {_e(s.score_of)}{level}</p>"
        if s.score != NONE
        else "<p>Nessun punteggio individuale.</p>"  # never «— · livello: —» beside a formula that gave nothing
    )
    return f"""<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>Scheda di valutazione {_e(s.year)} — {_e(s.name)}</title>
<style>{CSS}</style></head><body>
<h1>Scheda di valutazione individuale {_e(s.year)}</h1>
<p>{_e(_heading(s))}</p>
{_draft(s)}
<section><h2>La persona</h2>{_lines(s.about)}</section>
<section><h2>La scheda di valutazione</h2>{_card(s)}</section>
{_organizational(s)}
<section><h2>{"Punteggio e livello" if s.level else "Punteggio"}</h2>{scored}<p>{_e(s.level_words)}</p>{formula if s.score != NONE else ""}{steps}</section>
<section><h2>Riesame e ricorsi</h2>{appeals}</section>
{_amounts(s)}
{_progression(s)}
<section><h2>Date</h2>{acts}<p>Data del colloquio: ____________________ &nbsp; Data di consegna: ____________________</p></section>
<section class="sign">{_signers(s)}
<div>La persona valutata, per presa visione<br>{_e(s.name)}</div></section>
<p class="muted">La firma per presa visione attesta la consegna della scheda, non l'accordo sul suo contenuto:
resta possibile chiedere il riesame nei termini del regolamento.</p>
</body></html>
"""


def _organizational(s: Scheda) -> str:
    """The ente's and the unit's performance, where measured; said plainly not to count where the person's score and
    amounts read none of it, so that no one believes their premium depends on it."""
    if not s.organizational:
        return ""
    note = f"<p>{_e(s.organizational_note)}</p>" if s.organizational_note else ""
    return f"<section><h2>La componente organizzativa</h2>{_lines(s.organizational)}{note}</section>"


def _draft(s: Scheda) -> str:
    """The notice above a scheda of a calculation with errors, framed so that no one signs it unseen."""
    return f'<p class="draft">{_e(s.draft)}</p>' if s.draft else ""


# what the scheda of a person the regulation evaluates in no way says in place of the card, score and review
NO_EVALUATION = (
    "Il regolamento non prevede per questa persona una valutazione individuale: nessuna scheda di valutazione e "
    "nessun punteggio."
)


def _premium_only(s: Scheda) -> str:
    """The scheda of a person the regulation evaluates in no way: the premium's, titled so, without the card, the
    score and the review of an evaluation that was never due; the esito where it says why (not admitted), the
    appeals only where some are recorded, the person signing for receipt."""
    appeals = f"<section><h2>Riesame e ricorsi</h2>{_lines(s.appeals)}</section>" if s.appeals else ""
    organizational = _organizational(s)
    acts = _lines(s.acts) if s.acts else ""
    return f"""<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>Scheda del premio {_e(s.year)} — {_e(s.name)}</title>
<style>{CSS}</style></head><body>
<h1>Scheda del premio {_e(s.year)}</h1>
<p>{_e(_heading(s))}</p>
{_draft(s)}
<section><h2>La persona</h2>{_lines(s.about)}<p>{_e(NO_EVALUATION)}</p><p>{_e(s.level_words)}</p></section>
{organizational}
{appeals}
{_amounts(s)}
{_progression(s)}
<section><h2>Date</h2>{acts}<p>Data di consegna: ____________________</p></section>
<section class="sign">{_signers(s)}
<div>La persona, per presa visione<br>{_e(s.name)}</div></section>
<p class="muted">La firma per presa visione attesta la consegna della scheda, non l'accordo sul suo contenuto.</p>
</body></html>
"""
