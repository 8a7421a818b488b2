"""A declared regulation of an ente that is not an ente locale (a university, an azienda sanitaria) cites no law of
the enti locali: the D.Lgs. 267/2000 binds Comuni, Unioni, Comunità montane, Province and Città metropolitane
(art. 2), so neither the assestamento di bilancio by 31 July (art. 175 c. 8) beside the assumed monitoring nor the
responsabili who hold the dirigenti's functions (art. 109 c. 2) beside the scheda d is said of them. A Comune of the
comparto keeps both."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_regolamento_role_names import REGULATION as ROLE_NAMES
from test_regolamento_role_names import files as role_files
from test_regolamento_role_names import text_of

import ciclope.plugins.regolamento as regolamento
from ciclope.core.commands.cli import main
from ciclope.core.reports import html
from ciclope.plugins.regolamento.format.spec import ENTE_KINDS
from ciclope.plugins.regolamento.say.assumed import TUEL

from helpers import regulation_problems, regulation_text, run_declared


def _demo(tmp_path: Path) -> Path:
    demo = tmp_path / "demo"
    shutil.copytree(Path(regolamento.__file__).parent / "demo", demo, ignore=shutil.ignore_patterns("risultati", "out"))
    return demo


def test_a_university_s_documents_cite_no_law_of_the_enti_locali(tmp_path, capsys):
    demo = _demo(tmp_path)
    reg = demo / "smvp-soglie.toml"  # comune-soglie: a Segretario and no dirigente, no [[calendario]]
    text = reg.read_text(encoding="utf-8")
    reg.write_text(text.replace('tipo_ente = "comune"\ncomparto = "funzioni_locali"\n', 'tipo_ente = "universita"\n'))
    assert main(["run", str(demo / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    university, comune = tmp_path / "o" / "comune-soglie", tmp_path / "o" / "comune-livelli"
    html = (university / "relazione.html").read_text(encoding="utf-8")
    # no PO either: the Segretario alone, said without the Comuni's law that gives the PO the dirigenti's functions
    assert "L&#x27;ente non ha dirigenti né posizioni organizzative: la scheda d riporta il Segretario.</p>" in html
    for name in ("relazione.html", "relazione-pubblica.html"):
        assert "267/2000" not in (university / name).read_text(encoding="utf-8")
    # the assumed monitoring: the date is still an assumption, without the budget of an ente locale
    capsys.readouterr()
    main(["calendar", str(demo / "cycle.toml")])
    block = capsys.readouterr().out.split("comune-soglie — ", 1)[1].split("\n\n", 1)[0]
    assert "D.Lgs. 150/2009 art. 6 (data: ipotesi, il regolamento non la fissa)" in block
    assert "267/2000" not in block
    # the Comune of the same cycle keeps the TUEL's assestamento; its scheda d, of a Segretario alone (no EQ to hold
    # the dirigenti's functions by art. 109 c. 2), says so in the contract's word
    html = (comune / "relazione.html").read_text(encoding="utf-8")
    assert "L&#x27;ente non ha dirigenti né EQ: la scheda d riporta il Segretario.</p>" in html
    assert "con l&#x27;assestamento di bilancio, D.Lgs. 267/2000 art. 175 c. 8" in html


def test_an_ordine_or_a_societa_has_no_act_the_law_does_not_date(tmp_path, capsys):
    """An ordine professionale applies the D.Lgs. 150/2009 «ad eccezione dell'articolo 14 nonché delle disposizioni
    di cui al titolo III» (DL 101/2013 art. 2 c. 2-bis), a società is no public administration: no monitoring by 31
    July nor payment after the OIV's validation is assumed for them, so neither is «mancante»; a Comune keeps both."""
    demo = _demo(tmp_path)
    reg = demo / "smvp-soglie.toml"
    text = reg.read_text(encoding="utf-8")
    for kind in ("ordine_professionale", "societa"):
        reg.write_text(text.replace('tipo_ente = "comune"\ncomparto = "funzioni_locali"\n', f'tipo_ente = "{kind}"\n'))
        capsys.readouterr()
        main(["calendar", str(demo / "cycle.toml")])
        out = capsys.readouterr().out
        block = out.split("comune-soglie — ", 1)[1].split("\n\n", 1)[0]
        assert "D.Lgs. 150/2009 art. 6" not in block and "art. 14 c. 6" not in block, block
        assert "D.Lgs. 150/2009 art. 6 (data: ipotesi" in out.split("comune-livelli — ", 1)[1].split("\n\n", 1)[0]


def test_the_internal_relazione_is_for_a_segretario_or_a_direttore_generale(tmp_path):
    """Who reads the internal Relazione: the Segretario of a Comune or the Direttore generale of another ente, and
    no head of unit the ente does not have: comune-soglie has neither dirigenti nor PO."""
    demo = _demo(tmp_path)
    assert main(["run", str(demo / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    html = (tmp_path / "o" / "comune-soglie" / "relazione.html").read_text(encoding="utf-8")
    assert "Documento interno per l'OIV e il Segretario o il Direttore generale, prodotto da ciclope." in html


def test_an_agency_a_research_body_and_others_are_kinds_of_their_own(tmp_path):
    """An ARPA, an ente di ricerca, an ASP, an ente parco, an ordine professionale, a consorzio: each its own tipo_ente,
    said in words, none of the enti locali (no TUEL)."""
    head = 'formato = 2\n[atto]\ntitolo = "Criteri"\ntipo_ente = "{}"\n'
    said = {
        "agenzia": "agenzia (regionale o nazionale)",
        "ente_di_ricerca": "ente di ricerca",
        "azienda_servizi_persona": "azienda pubblica di servizi alla persona",
        "ente_parco": "ente parco",
        "ordine_professionale": "ordine o collegio professionale",
        "consorzio": "consorzio",
    }
    for kind, words in said.items():
        assert f"Tipo di ente: {words}." in regulation_text(tmp_path, head.format(kind)), kind
    assert not TUEL & set(said)


def test_the_starter_regulation_lists_every_kind_of_ente():
    """nuovo.toml's comment beside tipo_ente is what an office chooses from: every kind the format admits."""
    from ciclope.plugins.regolamento.format.spec import ENTE_KINDS

    starter = (Path(regolamento.__file__).parent / "nuovo.toml").read_text(encoding="utf-8")
    assert f'tipo_ente = "comune"                 # {", ".join(ENTE_KINDS)}\n' in starter


def test_a_regional_agency_of_the_comparto_cites_no_law_of_the_enti_locali(ciclope_ente, tmp_path):
    """A regional agency shares the Funzioni Locali contract, not the D.Lgs. 267/2000: its EQ, without dirigenti above
    them, are listed in the scheda d without «che ne svolgono le funzioni (D.Lgs. 267/2000, art. 109 c. 2)», which
    binds the enti locali alone; the same ente as a Comune keeps it."""
    agency = ROLE_NAMES.replace('tipo_ente = "universita"', 'tipo_ente = "agenzia"\ncomparto = "funzioni_locali"')
    agency = agency.split("[etichette]")[0]  # the contract's words: «le EQ» in 2025
    assert agency != ROLE_NAMES
    internal = text_of(html.render(run_declared(ciclope_ente, tmp_path, agency, role_files())))
    assert "L'ente non ha dirigenti: la scheda d riporta le EQ. " in internal
    assert "267/2000" not in internal
    comune = agency.replace('tipo_ente = "agenzia"', 'tipo_ente = "comune"')
    (tmp_path / "comune").mkdir()
    internal = text_of(html.render(run_declared(ciclope_ente, tmp_path / "comune", comune, role_files())))
    assert (
        "L'ente non ha dirigenti: la scheda d riporta anche le EQ, che ne svolgono le funzioni (D.Lgs. 267/2000, art. "
        "109 c. 2)." in internal
    )


def test_a_conservatorio_or_an_accademia_is_an_istituzione_afam(tmp_path):
    """A conservatorio, an accademia di belle arti: an istituzione AFAM (L. 508/1999), said in words, no ente locale;
    «conservatorio» written as the kind says which to write, never a «consorzio» its letters are near to."""
    head = 'formato = 2\n[atto]\ntitolo = "Criteri"\ntipo_ente = "{}"\n'
    said = regulation_text(tmp_path, head.format("istituzione_afam"))
    assert "Tipo di ente: istituzione di alta formazione artistica, musicale e coreutica (AFAM)." in said
    assert "istituzione_afam" not in TUEL
    [problem] = regulation_problems(tmp_path, head.format("conservatorio"))
    kinds = ", ".join(ENTE_KINDS)
    assert problem == (
        f"riga 4, chiave atto.tipo_ente: valore «conservatorio» non ammesso; ammessi: {kinds}: un conservatorio, un'accademia o un'altra istituzione "
        "di alta formazione artistica, musicale e coreutica è «istituzione_afam»"
    )


def test_an_ipab_is_a_kind_of_its_own_and_no_ente_locale(tmp_path):
    """V's casa di riposo, an IPAB not turned into an ASP, had no kind but «ente_pubblico»: an istituzione pubblica di
    assistenza e beneficenza (L. 6972/1890 and the regional laws) is a kind, said in words, no ente locale (no TUEL
    act assumed); «IPAB» in capitals or «casa di riposo» says which value to write."""
    head = 'formato = 2\n[atto]\ntitolo = "Criteri"\ntipo_ente = "{}"\n'
    said = regulation_text(tmp_path, head.format("ipab"))
    assert "Tipo di ente: istituzione pubblica di assistenza e beneficenza (IPAB)." in said
    assert "ipab" not in TUEL
    kinds = ", ".join(ENTE_KINDS)
    for written in ("IPAB", "casa di riposo"):
        [problem] = regulation_problems(tmp_path, head.format(written))
        assert problem == (
            f"riga 4, chiave atto.tipo_ente: valore «{written}» non ammesso; ammessi: {kinds}: un'istituzione pubblica "
            "di assistenza e beneficenza non trasformata in azienda di servizi alla persona (una casa di riposo) è "
            "«ipab»"
        )


def test_an_istituzione_of_a_comune_is_of_the_comparto_and_no_ente_locale(tmp_path):
    """I's Istituzione per i servizi culturali (D.Lgs. 267/2000 art. 114): «istituzione» was told «forse
    istituzione_afam?», a conservatorio's kind, which would have left the Funzioni Locali contract out. It is a kind
    of its own, said in words (its staff is the Comune's: test_regolamento_comparto_warning); it is no ente locale of
    art. 2 (no assestamento, no Segretario assumed); «istituzione» alone says both kinds."""
    head = 'formato = 2\n[atto]\ntitolo = "Criteri"\ntipo_ente = "{}"\n'
    said = regulation_text(tmp_path, head.format("istituzione_comunale"))
    assert "Tipo di ente: istituzione comunale (D.Lgs. 267/2000, art. 114)." in said
    assert "istituzione_comunale" not in TUEL
    kinds = ", ".join(ENTE_KINDS)
    [problem] = regulation_problems(tmp_path, head.format("istituzione"))
    assert problem == (
        f"riga 4, chiave atto.tipo_ente: valore «istituzione» non ammesso; ammessi: {kinds}: un'istituzione di un "
        "Comune (D.Lgs. 267/2000, art. 114: biblioteca, musei, servizi sociali) è «istituzione_comunale»; un "
        "conservatorio o un'accademia è «istituzione_afam»"
    )
