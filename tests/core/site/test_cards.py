"""The portal's person cards read the trace back from the store, as JSON: no Python type survives there, so money
must read as money by where it comes from (the figure an input refers to, the column's type as the ente's plugin
reads it), as ``ciclope explain`` shows it; a fund is named by its words, never by its key. Every figure about one
person is on that person's card; the ente's page keeps what is about the ente."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import TESTS

REGULATION = """\
formato = 2
[atto]
titolo = "Produttività collettiva"
tipo_ente = "altro"

[[colonne]]
nome = "indennita_ente"
tipo = "euro"
significato = "indennità di Ente annua"
fonte = "art. 2"

[[premi]]
nome = "produttività"
metodo = "formula"
valutazione = false
fondo = "fondo_produttivita"
tempo_parziale = "intero"
importo = '=MIN(fondo / CONTA.ENTE(); 1,5 * indennita_ente)'
fonte = "art. 3"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
valutazione = false
fondo = "maggiorazione"
tempo_parziale = "intero"
importo = '=10% * PREMIO("produttività")'
fonte = "art. 4"
"""

DATA = {
    "units.csv": "id,name,kind,parent,head\nam,Amministrazione,ente,,\n",
    "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,am\n",
    "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,"
    "source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
    "people.csv": "id,name,role,category,unit,fte,indennita_ente\n"
    "R1,Rossi,dipendente,C,am,1,1000\n"
    "R2,Bianchi,dipendente,C,am,1,1800\n"
    "R3,Verdi,dipendente,C,am,1,1800\n"
    "R4,Neri,dipendente,C,am,1,1800\n"
    "R5,Gialli,dipendente,C,am,1,1800\n",
    "ente.toml": 'name = "Ente di ricerca"\n[funds]\nfondo_produttivita = "10000.00"\nmaggiorazione = "1000.00"\n',
}


def built(tmp_path: Path, regulation: str) -> str:
    """The ente of DATA under ``regulation``, run into a new store and built: its persone.html."""
    write_ente(tmp_path / "dati", DATA)
    (tmp_path / "regolamento.toml").write_text(regulation, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[ciclo]\nanno = 2024\n\n[[ente]]\nid = "ricerca"\nplugin = "regolamento"\ndati = "dati"\n'
        'regolamento = "regolamento.toml"\n',
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(cycle), "--store", url, "--out", str(tmp_path / "out")]) == 0
    assert main(["site", "--store", url, "--out", str(tmp_path / "sito")]) == 0
    return (tmp_path / "sito" / "enti" / "ricerca" / "persone.html").read_text(encoding="utf-8")


def test_a_card_reads_money_in_euro_and_a_fund_by_its_words(tmp_path: Path):
    cards = built(tmp_path, REGULATION)
    # R1: the lesser of 10000 / 5 = 2000 and 1.5 × 1000 = 1500: 1500.00; the maggiorazione 10% × 1500 = 150.00
    assert "indennità di Ente annua = € 1.000,00" in cards  # a declared column of tipo = "euro"
    # the part's fund, by the figure it refers to, once: the formula's «fondo» reads that figure
    assert '<li>fondo = € 10.000,00 <a href="cifre.html#f-pool_fondo_produttivita">' in cards
    assert "il fondo della parte = " not in cards
    assert "premio della parte «produttività» = € 1.500,00" in cards  # an earlier part's premium
    assert "importo dalla formula = € 1.500,00" in cards and "importo dalla formula = € 150,00" in cards  # each gave
    # the key fondo_produttivita in words, its accent given back: never «Fondo fondo_produttivita» nor «produttivita»
    assert ">Fondo produttività<" in cards and "Fondo fondo" not in cards and "produttivita<" not in cards
    assert "<dd>senza valutazione individuale</dd>" in cards and "<dd>non valutato</dd>" not in cards


def sannazzaro(tmp_path: Path) -> tuple[str, str]:
    """The catalogue's Sannazzaro (two parts of one fund: the bands, then a maggiorazione to the highest evaluation,
    30% of the mean premium) on five people, run and built: (persone.html, cifre.html), each card by person."""
    people = "".join(
        f"D{n},Persona D{n},dipendente,C,ente,{fte},0,false,SEG\n"
        for n, fte in enumerate(("1", "1", "1", "0.5", "1"), start=1)
    )
    points = {"D1": "55", "D2": "55", "D3": "40", "D4": "30", "D5": "10"}
    write_ente(
        tmp_path / "dati",
        {
            "units.csv": "id,name,kind,parent,head\nente,Ente,ente,,SEG\n",
            "objectives.csv": DATA["objectives.csv"].replace(",am\n", ",ente\n"),
            "indicators.csv": DATA["indicators.csv"],
            "people.csv": "id,name,role,category,unit,fte,absence_days,insufficient,evaluator\n"
            "SEG,Segretario,segretario,DIR,ente,1,0,false,\n" + people,
            "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"
            + "".join(f"{pid},SEG,Valutazione,Valutazione complessiva,60,{p},\n" for pid, p in points.items()),
            "ente.toml": 'name = "Comune"\n[funds]\nperformance_individuale = "10000.00"\n',
        },
    )
    (tmp_path / "regolamento.toml").write_text(
        (TESTS / "regolamento" / "catalogo" / "sannazzaro.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "cycle.toml").write_text(
        '[ciclo]\nanno = 2024\n\n[[ente]]\nid = "comune"\nplugin = "regolamento"\ndati = "dati"\n'
        'regolamento = "regolamento.toml"\n',
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(tmp_path / "cycle.toml"), "--store", url, "--out", str(tmp_path / "out")]) == 0
    assert main(["site", "--store", url, "--out", str(tmp_path / "sito")]) == 0
    folder = tmp_path / "sito" / "enti" / "comune"
    return (folder / "persone.html").read_text(encoding="utf-8"), (folder / "cifre.html").read_text(encoding="utf-8")


def card_of(page: str, pid: str) -> str:
    start = page.index(f'id="p-{pid}"')
    end = page.find('<section class="card"', start)
    return page[start : end if end >= 0 else len(page)]


def test_a_part_s_premium_and_its_condition_are_on_the_person_s_card(tmp_path: Path):
    persone, cifre = sannazzaro(tmp_path)
    d1 = card_of(persone, "D1")
    # the two parts of the same fund, each expanded under the premium with its formula: 2.222,22 by the bands (the
    # budget 10.000 × 1 / 4,5, at 100%) and 500,00 of maggiorazione (30% × 6.666,65 / 4 = 499,99875)
    assert 'id="f-premio_performance_individuale_D1"' in d1 and 'id="f-premio_maggiorazione_D1"' in d1
    assert "Premio di Persona D1 — maggiorazione</span> = <strong>€ 500,00</strong>" in d1
    # what is about the whole ente stays on its page, once, and the card links there
    assert 'href="cifre.html#f-aggregato_parte_maggiorazione_la_somma_del_premio' in d1
    assert 'id="f-aggregato_parte_maggiorazione_la_somma_del_premio' in cifre
    assert 'id="f-premio_' not in cifre and 'id="f-level_' not in cifre
    # the condition of the maggiorazione, the highest evaluation, on each one's card: D1's 55 takes part, D5's 10 not
    assert "Partecipazione di Persona D1 alla parte «maggiorazione»</span> = <strong>sì</strong>" in d1
    d5 = card_of(persone, "D5")
    assert "Partecipazione di Persona D5 alla parte «maggiorazione»</span> = <strong>no</strong>" in d5
    assert 'id="f-ammesso_' not in cifre


def test_why_a_role_no_part_pays_is_on_the_card_in_the_contract_s_words(tmp_path: Path):
    persone, cifre = sannazzaro(tmp_path)
    seg = card_of(persone, "SEG")
    # the Segretario is of no role the catalogue's two parts pay (both pay the dipendenti): the card says why,
    # down to the role's cell (row 2 of people.csv), the role as the contract names it, never its code
    assert "Partecipazione di Segretario al premio</span> = <strong>no</strong>" in seg
    assert "pagano i dipendenti" in seg
    assert "ruolo = Segretario <span" in seg and "ruolo = segretario" not in seg
    assert 'id="f-ammesso_SEG"' not in cifre


def test_the_instalments_of_a_premium_are_on_the_person_s_card(tmp_path: Path):
    """A premium paid in instalments (an advance, then the balance) says each one on the person's own card, not
    only in explain and the personal scheda: the money a person receives, or gives back, month by month."""
    paid_in_two = REGULATION.replace(
        'importo = \'=10% * PREMIO("produttività")\'\nfonte = "art. 4"\n',
        'importo = \'=10% * PREMIO("produttività")\'\nfonte = "art. 4"\nrate = [\n'
        '  { acconto = \'=120 €\', mese = "luglio" },\n  { conguaglio = true, mese = "marzo", anno = "successivo" },\n]\n',
    )
    assert paid_in_two != REGULATION
    r1 = card_of(built(tmp_path, paid_in_two), "R1")
    # R1's maggiorazione 10% × 1500 = 150.00: 120.00 in July, the balance 150 − 120 = 30.00 in March 2025
    assert "Acconto di luglio 2024 della parte «maggiorazione» — Rossi</span> = <strong>€ 120,00</strong>" in r1
    assert "Conguaglio di marzo 2025 della parte «maggiorazione» — Rossi</span> = <strong>€ 30,00</strong>" in r1
