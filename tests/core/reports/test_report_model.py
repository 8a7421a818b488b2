"""The report model, its Jinja2 rendering and the disclosure filter, block by block.

Every expected string is written by hand: the markup a reader's browser gets for each block, and what the
public Relazione keeps, drops and rewords.
"""

from __future__ import annotations

import jinja2
import pytest

from ciclope.core.commands.synth import synth
from ciclope.core.engine.registry import available_plugins
from ciclope.core.inputs.config import load_config
from ciclope.core.reports import html, public
from ciclope.core.reports.model import (
    Charts,
    Child,
    Figure,
    Figures,
    Flag,
    Flags,
    Heading,
    Lines,
    Negative,
    Objective,
    Off,
    Person,
    Report,
    Section,
    Snippet,
    Table,
    Text,
    Total,
    columns,
)
from ciclope.core.reports.relazione import build
from ciclope.core.run import runner


def test_text_is_escaped_with_the_entities_of_html_escape():
    """Apostrophes and quotes as ``html.escape`` writes them (&#x27; and &quot;), never markupsafe's (&#39;)."""
    block = Text("l'ente <b>\"x\"</b> & co", "muted")
    assert html.blocks([block]) == '<p class="muted">l&#x27;ente &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co</p>'


def test_a_table_by_hand():
    """Numeric columns right-aligned (head and cells), a total row, a child row, a row off the calculation,
    flags and a negative deviation as spans; four columns: not narrow."""
    t = Table(
        "",
        columns(("A", "B", "C", "D"), (1,)),
        [
            ("x<", "1", Flags((Flag("ok", "ok"), Flag("<no>", "err"))), Negative("−5,00%")),
            Total(("T", "2", "", "")),
            Child(("c", "3", "", "")),
            Off(("o", "4", Flag("monitoraggio", "info"), "")),
        ],
    )
    assert html.blocks([t]) == (
        '<table><thead><tr><th>A</th><th class="num">B</th><th>C</th><th>D</th></tr></thead><tbody>\n'
        '<tr><td>x&lt;</td><td class="num">1</td><td><span class="flag ok">ok</span> '
        '<span class="flag err">&lt;no&gt;</span></td><td><span class="neg">−5,00%</span></td></tr>\n'
        '<tr class="total"><td>T</td><td class="num">2</td><td></td><td></td></tr>\n'
        '<tr class="child"><td>c</td><td class="num">3</td><td></td><td></td></tr>\n'
        '<tr class="off"><td>o</td><td class="num">4</td><td><span class="flag info">monitoraggio</span></td>'
        "<td></td></tr>\n"
        "</tbody></table>"
    )


def test_rows_wider_or_narrower_than_the_header_keep_every_cell():
    """Two columns, the second numeric: a shorter row has its one cell, a wider row's extra cell is text; a
    table of up to three columns is narrow, a declared style wins."""
    t = Table("", columns(("X", "Y"), (1,)), [("a",), ("b", "1", "2"), Total(("c", "3"))])
    out = html.blocks([t])
    assert out.startswith('<table class="narrow">')
    assert "<tr><td>a</td></tr>" in out
    assert '<tr><td>b</td><td class="num">1</td><td>2</td></tr>' in out
    assert '<tr class="total"><td>c</td><td class="num">3</td></tr>' in out
    wrapped = Table("", columns(("X",)), [("a",)], style="wrap")
    assert html.blocks([wrapped]).startswith('<table class="wrap">')


def test_an_empty_table_says_why_and_blocks_are_one_per_line():
    t = Table("", columns(("X",)), [], empty="Nessun fondo.")
    assert html.blocks([Heading("Fondi"), t, Heading("Altro", 4)]) == (
        '<h3>Fondi</h3>\n<p class="empty">Nessun fondo.</p>\n<h4>Altro</h4>'
    )


def test_an_objective_block():
    t = Table("", columns(("X",)), [], empty="Nessun indicatore.")
    block = Objective("O1", "O1 — Strade — raggiungimento 80,00%", "strategico · peso 1", t)
    assert html.blocks([block]) == (
        '<div class="objective" id="obiettivo-O1">\n<h3>O1 — Strade — raggiungimento 80,00%</h3>\n'
        '<div class="meta">strategico · peso 1</div>\n<p class="empty">Nessun indicatore.</p>\n</div>'
    )


def test_the_frequent_blocks_escape_every_text_as_the_page_does():
    """An objective's id, heading and line, a heading and a paragraph are written apart from the other blocks:
    each text escaped with its quotes, a paragraph's class kept, a flag in a paragraph written as its span."""
    t = Table("", columns(("X",)), [], empty="—")
    out = html.blocks(
        [Objective("O<1", "a & b", "«x» 'y'", t), Heading("<h>", 2), Text(Flag("no", "err"), "muted"), Text("p")]
    )
    assert out == (
        '<div class="objective" id="obiettivo-O&lt;1">\n<h3>a &amp; b</h3>\n'
        '<div class="meta">«x» &#x27;y&#x27;</div>\n<p class="empty">—</p>\n</div>\n'
        "<h2>&lt;h&gt;</h2>\n"
        '<p class="muted"><span class="flag err">no</span></p>\n'
        "<p>p</p>"
    )


def test_lines_in_a_cell():
    """Lines are joined by <br>, each escaped; with a style, the lines after the first are in its span."""
    t = Table("", columns(("A", "B"), (1,)), [(Lines(("a<b", "c")), Lines(("€ 1,00", "l'alta"), "band"))])
    assert html.blocks([t]) == (
        '<table class="narrow"><thead><tr><th>A</th><th class="num">B</th></tr></thead><tbody>\n'
        '<tr><td>a&lt;b<br>c</td><td class="num">€ 1,00<br><span class="band">l&#x27;alta</span></td></tr>\n'
        "</tbody></table>"
    )


def test_charts_under_their_legend():
    """The legend on one line (each swatch as built, then the escaped name), then the charts, one a line."""
    block = Charts(
        (("attuale", '<svg class="sw">a</svg>'), ("a&b", '<svg class="sw">b</svg>')),
        (Figure("<svg>uno</svg>"), Figure("<svg>due</svg>")),
    )
    assert html.blocks([block, Heading("Dopo")]) == (
        '<div class="legend"><svg class="sw">a</svg> attuale<svg class="sw">b</svg> a&amp;b</div>\n'
        '<div class="charts">\n'
        '<figure class="chart"><svg>uno</svg></figure>\n'
        '<figure class="chart"><svg>due</svg></figure>\n'
        "</div>\n"
        "<h3>Dopo</h3>"
    )


def test_a_snippet_is_its_macro_as_written():
    """A snippet's markup and apostrophes as templates/snippets.html writes them; an unknown one is an error."""
    metrics = html.blocks([Snippet("compare_metrics")])
    assert metrics.startswith('<p class="muted">Gini: differenza media tra gli importi di due persone')
    assert "(P<sub>p</sub> = importo di posto ⌈p·n/100⌉ in ordine crescente)" in metrics
    assert metrics.endswith("Tutte le persone dell'ente sono contate, anche quelle senza premio.</p>")
    with pytest.raises(jinja2.UndefinedError):
        html.blocks([Snippet("nessuno")])


def test_the_compare_page_is_the_relazione_page_with_its_style_and_preface():
    """compare.html: the Relazione's page, its CSS followed by the comparison's, and the simulation's box between
    the contents and the first section; relazione.html has neither."""
    report = Report("T", "E", "m", (Section("a", "A", (Text("x"),)),), "f")
    compare = "".join(html.pieces(report, "compare.html"))
    relazione = "".join(html.pieces(report))
    assert f"<style>{html.CSS}</style>" in relazione
    assert f"<style>{html.CSS}\n.legend {{ font-size: 12px; margin: 2px 0 8px 0; }}\n" in compare
    assert "@media print { section.scheda { break-before: auto; page-break-before: auto; } }\n</style>" in compare
    tail = (
        '<section class="scheda first" id="a">\n<h2>A</h2>\n<p>x</p>\n</section>\n'
        "<footer>f</footer>\n</body>\n</html>\n"
    )
    assert relazione.endswith('<nav class="toc"><a href="#a">A</a></nav>\n' + tail)
    assert compare.endswith(
        '<nav class="toc"><a href="#a">A</a></nav>\n'
        '<div class="box">Simulazione: gli stessi dati dell\'ente calcolati con i parametri in vigore (scenario '
        "«attuale») e con quelli di ogni scenario. Nessun risultato è stato registrato: per adottare uno scenario "
        "si riportano le sue modifiche dove indica la colonna «Dove si adotta» (i fondi in ente.toml, i numeri del "
        "regolamento nel suo file, gli altri parametri in cycle.toml) e si riesegue <code>ciclope run</code>.</div>\n"
        + tail
    )


# -- the disclosure filter ------------------------------------------------------------------------------


class Org:
    """A Result's stand-in for the filter's blocks that ask only whether the evaluation ran."""

    def __init__(self, org):
        self.org = org


def test_the_filter_drops_what_is_about_one_person_and_names_people_by_role():
    """A personal objective and the score charts go; an objective of a unit stays; a person becomes their role;
    a table without people is the same object."""
    t = Table("", columns(("X",)), [])
    mine, ours = Objective("I1", "h", "m", t, personal=True), Objective("O1", "h", "m", t)
    assert public.withheld(mine, Org(object())) is None
    assert public.withheld(ours, Org(object())) is ours
    charts = Figures((Figure("<svg>aree</svg>"), Figure("<svg>punteggi</svg>", personal=True)), "Nessun grafico.")
    assert public.withheld(charts, Org(object())) == Figures((Figure("<svg>aree</svg>"),), "Nessun grafico.")
    assert public.withheld(charts, Org(None)) == Figures((Figure("<svg>aree</svg>"),), "")
    units = Table("", columns(("Unità", "Responsabile")), [("U1", Person("Mario Rossi (P1)", "dirigente"))])
    assert public.withheld(units, Org(object())).rows == [("U1", "dirigente")]
    plain = Table("", columns(("X",)), [("a",)])
    assert public.withheld(plain, Org(object())) is plain


@pytest.fixture(scope="module", params=sorted(available_plugins()))
def result(request, tmp_path_factory):
    plan = load_config(synth(tmp_path_factory.mktemp("s"), enti=1, people=60, seed=13, plugins=[request.param]))
    return runner.compute(plan.enti[0], plan.year)


def test_the_public_relazione_is_the_internal_model_through_the_filter(result):
    """The public page has the public sections of the internal model, in its order and with its titles; the
    sections that read no person are the same blocks; no person, as the internal page names them («Nome (id)»),
    is left in any table."""
    internal = build(result)
    disclosed = public.disclose(internal, result)
    # the regulation's sections: only those that describe its rules (the national provisions applied), never one
    # about a person
    public_sections = any(sec.public for sec in result.sections)
    dropped = ("dirigenti",) if public_sections else ("dirigenti", "sezioni")
    kept = [(s.ident, s.title) for s in internal.sections if s.ident not in dropped]
    assert [(s.ident, s.title) for s in disclosed.sections] == kept
    same = {s.ident: s for s in internal.sections}
    for s in disclosed.sections:
        if s.ident in ("aree", "monitoraggio", "calendario"):
            assert s == same[s.ident]
    names = {f"{p.name} ({p.id})" for p in result.ente.people.values() if p.name}
    for s in disclosed.sections:
        for b in s.blocks:
            tables = [b] if isinstance(b, Table) else [b.table] if isinstance(b, Objective) else []
            cells = {str(c) for t in tables for row in t.rows for c in row}
            assert not any(n in c for n in names for c in cells), s.ident
            assert not any(isinstance(c, Person) for t in tables for row in t.rows for c in row), s.ident


def test_writing_both_pages_from_one_model_gives_the_pages_made_alone(result, tmp_path):
    from ciclope.core.reports import write_reports

    write_reports(result, tmp_path)
    assert (tmp_path / "relazione.html").read_text(encoding="utf-8") == html.render(result)
    assert (tmp_path / "relazione-pubblica.html").read_text(encoding="utf-8") == public.render(result)
