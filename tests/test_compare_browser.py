"""compare.html in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser is
ever downloaded): it renders, nothing overflows horizontally at A4 or desktop width (screen and
print media), and both charts are drawn with one curve per scenario. The screenshots stay in the
test's temporary folder for a person to look at."""
from __future__ import annotations

from pathlib import Path

import pytest

from ciclope.core.cli import main

from test_compare import FIVE_BANDS, LOW_RATIO, write

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason="/usr/bin/chromium assente: installare con `apt-get install -y chromium`")]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
A4 = {"width": 794, "height": 1123}          # 210 × 297 mm at 96 dpi
DESKTOP = {"width": 1366, "height": 900}


def test_compare_html_renders_without_overflow_with_its_charts(example, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    folder = example("comunita_montane")
    five = write(tmp_path / "cinque.toml", FIVE_BANDS)
    low = write(tmp_path / "basso.toml", LOW_RATIO)
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"cinque={five}", "--scenario", f"basso={low}",
                 "--out", str(out)]) == 0
    page_uri = (out / "compare.html").as_uri()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            for label, size in (("a4", A4), ("desktop", DESKTOP)):
                for media in ("screen", "print"):
                    page = browser.new_page(viewport=size)
                    page.emulate_media(media=media)
                    page.goto(page_uri)
                    assert page.title().startswith("Simulazione per la contrattazione integrativa")
                    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                    assert widths[0] <= widths[1], f"{label}/{media}: contenuto più largo della pagina {widths}"
                    wide = page.evaluate("""[...document.querySelectorAll('table, svg, figure')]
                        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                        .map(el => el.tagName + '#' + (el.id || ''))""")
                    assert wide == [], f"{label}/{media}: elementi oltre il margine {wide}"
                    charts = page.evaluate("""[...document.querySelectorAll('svg.chart')].map(s => {
                        const r = s.getBoundingClientRect();
                        return [s.id, Math.round(r.width), Math.round(r.height), s.querySelectorAll('polyline.series').length];
                    })""")
                    assert [c[0] for c in charts] == ["lorenz", "importi-ordinati"]
                    for ident, w, h, curves in charts:
                        assert w > 200 and h > 150, (ident, w, h)
                        assert curves == 3, ident          # attuale, cinque, basso
                    assert page.locator("text=Chi guadagna e chi perde").count() >= 1
                    assert page.locator(".flag.err").count() >= 1          # basso's art. 17.2 violation is shown
                    page.screenshot(path=str(tmp_path / f"compare-{label}-{media}.png"), full_page=True)
                    page.close()
        finally:
            browser.close()
    for label in ("a4", "desktop"):
        for media in ("screen", "print"):
            assert (tmp_path / f"compare-{label}-{media}.png").stat().st_size > 10_000
