"""``ciclope calendar``: the regulation's deadlines, acts done late or missing, and a valid iCalendar file.

The deadlines are those of the test regulation in test_reports: Piano by 31/1 (adopted 25/1 → done),
bonus decision by 31/1 (no date → missing), monitoring at 30/6 (no act to record), Relazione
validated by the OIV by 30/6 of the next year (validated 15/7/2022 → 15 days late).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ciclope.core.commands.calendar import escape_text, fold, ics, render
from ciclope.core.commands.cli import main

from reportcase import make_case, write_config


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return make_case(tmp_path_factory.mktemp("calendar") / "prova")


def test_text_lists_deadlines_in_date_order_with_status(case):
    text = render([case], today=dt.date(2022, 12, 31))
    blocks = deadlines(text)
    assert [b[0].split()[0] for b in blocks] == ["31/01/2021", "31/01/2021", "30/06/2021", "30/06/2022"]
    assert "Adozione del Piano della performance" in blocks[0][0] and "fatto il 25/01/2021" in blocks[0][1]
    assert "Decisione sul bonus" in blocks[1][0] and "MANCANTE" in blocks[1][1] and "bonus_deciso" in blocks[1][1]
    assert "da verificare" in blocks[2][1] and "fase Monitoraggio (30/6)" in blocks[2][1]
    # 15/07/2022 − 30/06/2022 = 15 days
    assert "IN RITARDO di 15 giorni (atto del 15/07/2022)" in blocks[3][1]
    assert "fonte: regolamento-prova.txt art. 10" in blocks[3][1]
    assert blocks[3][0].endswith("Validazione della Relazione, da parte dell'OIV; pubblicazione")  # never cut
    assert "4 scadenze, 1 fatta, 1 in ritardo, 1 mancante, 0 da fare (al 31/12/2022)" in text  # one of each: singular


def deadlines(text: str) -> list[tuple[str, str]]:
    """(date and act, status line) of each deadline in the text."""
    lines = text.splitlines()
    return [(ln.strip(), lines[i + 1].strip()) for i, ln in enumerate(lines) if re.match(r"\s+\d\d/\d\d/\d{4}", ln)]


def test_a_missing_act_not_yet_due_is_to_do(case):
    text = render([case], today=dt.date(2021, 1, 15))
    bonus = next(b for b in deadlines(text) if "Decisione sul bonus" in b[0])
    assert bonus[1].startswith("da fare ·")
    # on 15/01/2021 the Piano of 25/01/2021 and the validation of 15/07/2022 are not done yet: future dates
    assert "0 fatte, 0 in ritardo, 0 mancanti, 2 con data futura, 1 da fare" in text


# -- iCalendar ----------------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: CRLF followed by one space or tab continues the previous line."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    out: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def validate(data: bytes) -> list[dict[str, str]]:
    """Check an iCalendar stream against RFC 5545's rules that matter here; return the events."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    for line in text[:-2].split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    stack, events, current = [], [], None
    props = {}
    for line in lines:
        name_params, sep, value = line.partition(":")
        assert sep, f"no ':' in {line!r}"
        name = name_params.split(";")[0]
        assert re.fullmatch(r"[A-Z][A-Z0-9-]*", name), name
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
            continue
        if name == "END":
            assert stack and stack.pop() == value, f"END:{value} does not close"
            if value == "VEVENT":
                events.append(current)
                current = None
            continue
        target = current if current is not None else props
        assert name not in target, f"{name} repeated"
        target[name] = value
        target[name + ";params"] = name_params
    assert not stack
    assert props["VERSION"] == "2.0" and props["PRODID"]
    uids = [e["UID"] for e in events]
    assert len(uids) == len(set(uids)), "UID not unique"
    for e in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in e, required
        assert re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"])
        assert e["DTSTART;params"] == "DTSTART;VALUE=DATE"
        start = dt.datetime.strptime(e["DTSTART"], "%Y%m%d").date()
        end = dt.datetime.strptime(e["DTEND"], "%Y%m%d").date()
        assert end == start + dt.timedelta(days=1)
        for key in ("SUMMARY", "DESCRIPTION"):  # TEXT: ',' and ';' only escaped
            assert not re.search(r"(?<!\\)[,;]", e[key].replace("\\\\", "")), e[key]
    return events


def test_ics_is_valid_rfc5545(case):
    data = ics([case]).encode("utf-8")
    events = validate(data)
    assert len(events) == 4
    summaries = {unescape(e["SUMMARY"]) for e in events}
    assert 'Ente "Prova" & <Co>: Validazione della Relazione, da parte dell\'OIV; pubblicazione' in summaries
    late = next(e for e in events if "Validazione" in e["SUMMARY"])
    assert late["DTSTART"] == "20220630"
    assert "IN RITARDO di 15 giorni" in unescape(late["DESCRIPTION"])
    assert "Fonte: regolamento-prova.txt art. 10" in unescape(late["DESCRIPTION"])


def test_ics_is_reproducible(case, tmp_path):
    again = make_case(tmp_path / "again")
    assert ics([case]) == ics([again])


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "Attività di verifica € " * 12
    parts = fold(line)
    assert len(parts) > 1
    for p in parts:
        assert len(p.encode("utf-8")) <= 75
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


def test_text_escaping():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_cli_calendar_writes_ics(tmp_path, capsys, reportcase_installed):
    cfg = write_config(tmp_path)
    target = tmp_path / "scadenze.ics"
    assert main(["calendar", str(cfg), "--ics", str(target), "--oggi", "2022-12-31"]) == 0
    out = capsys.readouterr().out
    assert "IN RITARDO di 15 giorni" in out and f"Calendario scritto in {target}" in out
    assert len(validate(target.read_bytes())) == 4


def test_cli_calendar_reads_the_date_as_the_data_files_do(tmp_path, capsys, reportcase_installed):
    cfg = write_config(tmp_path)
    # 31/12/2022 as an office writes it is the 2022-12-31 of the test above: the same act late by 15 days
    assert main(["calendar", str(cfg), "--oggi", "31/12/2022"]) == 0
    assert "IN RITARDO di 15 giorni" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["calendar", str(cfg), "--oggi", "31/02/2022"])
    assert exc.value.code == 2
    assert "data inesistente «31/02/2022»: febbraio 2022 ha 28 giorni" in capsys.readouterr().err


@pytest.mark.parametrize(
    "plugin, monitoring, act",
    [
        # 003 art. 4.1 lett. c, with the assestamento by 31/7 (TUEL art. 175 c. 8): 31/07/2021
        ("comunita_montane", "31/07/2021  Monitoraggio in corso d'esercizio", "monitoraggio_intermedio"),
        # Brescia: monitoraggio semestrale al 30/6 (already in its rules)
        ("brescia", "30/06/2021  Monitoraggio semestrale al 30/6", "monitoraggio_giunta"),
        # Bergamo: monitoring_month (default) → the month's last day, already in its rules
        ("bergamo", "Monitoraggio in corso d'esercizio", "monitoraggio_assestamento"),
    ],
)
def test_every_plugins_calendar_has_monitoring_and_payment(example, capsys, plugin, monitoring, act):
    """Issue 42: each example's calendar (cycle 2021) has its monitoring act and the payment of the
    premi after the OIV's validation, by 31/12 of the year after (2021 + 1 = 2022) — an assumption the
    source says."""
    folder = example(plugin)
    main(["calendar", str(folder / "cycle.toml")])
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert any(monitoring in ln for ln in lines) and f"[atti] {act}" in text
    pay = next(i for i, ln in enumerate(lines) if "Erogazione dei premi di performance" in ln)
    assert lines[pay].split()[0] == "31/12/2022"
    assert "MANCANTE (nessuna data in [atti] premi_erogati di ente.toml) · fase Premialità" in lines[pay + 1]
    assert "D.Lgs. 150/2009 art. 14 c. 6 (data: ipotesi, entro l'anno dopo)" in lines[pay + 1]


def test_a_comunita_montana_has_its_acts_and_those_of_the_law(example, capsys):
    """cm-esempio (no bonus fund): Piano 03/02/2021 (budget 20/12/2020 + 45 days), monitoring 31/07/2021,
    Relazione 30/06/2022 «adottata e validata dall'OIV» — the regulation's act, which the law's approval by
    30/06/2022 (D.Lgs. 150/2009 art. 10, from the national layer) is cited on, never listed twice —, payment
    31/12/2022."""
    folder = example("comunita_montane")
    main(["calendar", str(folder / "cycle.toml")])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if re.match(r"  \d\d/", ln)]
    assert [ln.split()[0] for ln in lines] == ["03/02/2021", "31/07/2021", "30/06/2022", "31/12/2022"]
    assert lines[2] == "  30/06/2022  Relazione sulla performance (adottata e validata dall'OIV)"


def _regolamento_demo(tmp_path):
    import shutil
    from pathlib import Path

    import ciclope.plugins.regolamento as regolamento

    demo = tmp_path / "demo"
    shutil.copytree(Path(regolamento.__file__).parent / "demo", demo, ignore=shutil.ignore_patterns("risultati", "out"))
    return demo


def _dated(text: str, ente: str) -> list[str]:
    """The deadline lines (date and act) of one ente's block of ``ciclope calendar``."""
    block = text.split(f"{ente} — ", 1)[1].split("\n\n", 1)[0]
    return [ln.strip() for ln in block.splitlines() if re.match(r"  \d\d/", ln)]


def test_a_declared_regulation_without_monitoring_or_payment_gets_them_as_assumptions(tmp_path, capsys):
    """comune-livelli's regulation declares no [[calendario]]: the cycle 2024 still has the monitoring by
    31/07/2024 and the payment of the premi by 31/12/2025 (2024 + 1), each source saying the date is an
    assumption the regulation does not fix."""
    demo = _regolamento_demo(tmp_path)
    main(["calendar", str(demo / "cycle.toml")])
    text = capsys.readouterr().out
    dated = _dated(text, "comune-livelli")
    # beside the acts by law of the comparto's national layer (PIAO, objectives by February, Relazione)
    assert [ln for ln in dated if ln.startswith(("31/07/", "31/12/"))] == [
        "31/07/2024  Monitoraggio in corso d'esercizio sulla misura al 30/6 ed eventuali interventi correttivi",
        "31/12/2025  Erogazione dei premi di performance (dopo la validazione della Relazione da parte dell'OIV)",
    ]
    assert "D.Lgs. 150/2009 art. 6 (data: ipotesi, il regolamento non la fissa: con l'assestamento" in text
    assert "D.Lgs. 150/2009 art. 14 c. 6 (data: ipotesi, il regolamento non la fissa: entro l'anno" in text


def test_an_act_the_regulation_declares_replaces_the_assumed_one(tmp_path, capsys):
    """comune-soglie's regulation given a monitoring act by 15/09: that act, cited by the regulation's title,
    and no assumed 31/07; the payment, still undeclared, stays assumed (31/12/2025)."""
    demo = _regolamento_demo(tmp_path)
    reg = demo / "smvp-soglie.toml"
    reg.write_text(
        reg.read_text(encoding="utf-8")
        + '\n[[calendario]]\natto = "Verifica intermedia degli obiettivi"\nfase = "monitoraggio"\n'
        'scadenza = "15/09"\nfonte = "art. 9"\napprovazione = "verifica_intermedia"\n',
        encoding="utf-8",
    )
    main(["calendar", str(demo / "cycle.toml")])
    text = capsys.readouterr().out
    dated = _dated(text, "comune-soglie")
    assert "15/09/2024  Verifica intermedia degli obiettivi" in dated
    assert not any("Monitoraggio in corso d'esercizio" in ln for ln in dated)
    assert dated[-1].startswith("31/12/2025  Erogazione dei premi di performance")
    assert "Comune di Soglie, art. 9" in text.split("Verifica intermedia degli obiettivi", 1)[1].split("\n")[1]


def test_an_act_dated_after_the_day_is_no_act_done(case):
    """On 01/07/2022 the OIV's validation dated 15/07/2022 is not done yet (the calendar of an Agenzia run on
    30/11/2026 said «6 fatte» of acts dated in 2027): it is said as a future date and counted apart, never as done
    nor late; the Piano of 25/01/2021 stays done."""
    text = render([case], today=dt.date(2022, 7, 1))
    blocks = deadlines(text)
    assert "fatto il 25/01/2021" in blocks[0][1]
    assert "data futura: 15/07/2022 è dopo il 01/07/2022" in blocks[3][1] and "RITARDO" not in blocks[3][1]
    # 4 deadlines: the Piano done, the bonus missing (31/01/2021 is past), the monitoring with no act, the validation
    assert "4 scadenze, 1 fatta, 0 in ritardo, 1 mancante, 1 con data futura, 0 da fare (al 01/07/2022)" in text


def test_validate_warns_at_an_act_dated_after_the_day(tmp_path, capsys, reportcase_installed):
    cfg = write_config(tmp_path)
    assert main(["validate", str(cfg), "--oggi", "01/07/2022"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "relazione_validata_oiv" in x)
    assert line.startswith(
        "ente.toml [atti] relazione_validata_oiv: avviso: data futura: 15/07/2022 è dopo il 01/07/2022"
    )
    # the same acts on the day after the validation: nothing in the future (15/07/2022 < 16/07/2022)
    assert main(["validate", str(cfg), "--oggi", "16/07/2022"]) == 0
    assert "data futura" not in capsys.readouterr().out


def test_a_regulation_without_a_national_layer_gets_the_law_s_plan_and_report(tmp_path, capsys):
    """comune-livelli's regulation under another comparto (a Comune of a region with its own contract, an ente di
    ricerca): no national layer adds the Piano and the Relazione, which every amministrazione has by law (D.Lgs.
    150/2009 art. 10 c. 1): the Piano by 31/01/2024, the Relazione approved and validated by the OIV by 30/06/2025
    (2024 + 1), each said as an assumption whose date the law gives, beside the monitoring and the payment."""
    demo = _regolamento_demo(tmp_path)
    reg = demo / "smvp-livelli.toml"
    reg.write_text(
        reg.read_text(encoding="utf-8").replace('comparto = "funzioni_locali"', 'comparto = "altro"'), encoding="utf-8"
    )
    main(["calendar", str(demo / "cycle.toml")])
    text = capsys.readouterr().out
    assert _dated(text, "comune-livelli") == [
        "31/01/2024  Adozione del Piano della performance (nel PIAO, dove l'ente lo adotta)",
        "31/07/2024  Monitoraggio in corso d'esercizio sulla misura al 30/6 ed eventuali interventi correttivi",
        "30/06/2025  Approvazione della Relazione sulla performance",
        "30/06/2025  Validazione della Relazione sulla performance da parte dell'OIV (prima dell'erogazione dei premi)",
        "31/12/2025  Erogazione dei premi di performance (dopo la validazione della Relazione da parte dell'OIV)",
    ]
    block = text.split("comune-livelli — ", 1)[1].split("\n\n", 1)[0]
    assert (
        "D.Lgs. 150/2009 art. 10 c. 1 lett. a (data: ipotesi, il regolamento non la fissa: la legge dà la data)"
        in block
    )
    # a regulation of the comparto Funzioni Locali keeps the layer's acts (the PIAO, its own Relazione), none added
    assert [ln for ln in _dated(text, "comune-soglie") if ln.startswith(("31/01/2024", "30/06/2025"))] == [
        "31/01/2024  Adozione del PIAO — sottosezione Performance",
        "30/06/2025  Relazione sulla performance",
    ]
