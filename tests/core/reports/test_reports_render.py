"""relazione.html of every public example opens in headless Chromium and its charts are drawn.

For each chart the test asks Chromium where it is on the page (a copy of the page with a small
script), takes a screenshot, and takes a second one of the same page with the charts hidden
(``visibility: hidden`` keeps the layout). Inside each chart's box the two screenshots must differ
substantially and the bar colour must be there: a blank or broken chart fails. The PNG is decoded
with zlib from the standard library. Skips when /usr/bin/chromium is absent (CI installs it:
``apt-get install -y chromium``).
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.reports import svg

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium assente: installare con `apt-get install -y chromium`"
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]
WIDTH = 1200
RECTS_SCRIPT = """<script>
const out = [...document.querySelectorAll("svg.chart")].map(s => { const r = s.getBoundingClientRect();
  return [s.id, Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)].join(","); });
document.body.setAttribute("data-rects", out.join(";"));
</script></body>"""
HIDE_CHARTS = "svg.chart { visibility: hidden !important; }</style>"


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="ciclope-chromium-") as profile:
        return subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=180
        )


def chart_boxes(page: Path, height: int) -> dict[str, tuple[int, int, int, int]]:
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", RECTS_SCRIPT), encoding="utf-8")
    done = chromium(f"--window-size={WIDTH},{height}", "--dump-dom", probe.as_uri())
    m = re.search(r'data-rects="([^"]*)"', done.stdout)
    assert m, f"Chromium did not load the page: {done.stderr[-500:]}"
    boxes = {}
    for item in filter(None, m.group(1).split(";")):
        ident, *nums = item.split(",")
        boxes[ident] = tuple(int(n) for n in nums)
    return boxes


def screenshot(page: Path, png: Path, height: int) -> bytes:
    chromium(f"--window-size={WIDTH},{height}", f"--screenshot={png}", page.as_uri())
    assert png.is_file(), f"no screenshot of {page}"
    return png.read_bytes()


def decode_png(data: bytes, max_rows: int | None = None) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows): 8-bit RGB/RGBA, not interlaced (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + size]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + size
    width, height, depth, ctype, _, _, interlace = ihdr
    assert depth == 8 and interlace == 0 and ctype in (2, 6), ihdr
    bpp = 3 if ctype == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    rows, prev = [], bytearray(stride)
    for y in range(height if max_rows is None else min(height, max_rows)):
        i = y * (stride + 1)
        ft, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        if ft == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif ft == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ft == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif ft == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


BAR = tuple(int(svg.BAR[i : i + 2], 16) for i in (1, 3, 5))


def pixels(rows, bpp, box):
    left, top, w, h = box
    for y in range(max(top, 0), min(top + h, len(rows))):
        row = rows[y]
        for x in range(max(left, 0), left + w):
            yield row[x * bpp : x * bpp + 3]


def bar_pixels(rows, bpp, box) -> int:
    return sum(1 for p in pixels(rows, bpp, box) if all(abs(p[i] - BAR[i]) <= 12 for i in range(3)))


def different(rows_a, rows_b, bpp, box) -> int:
    return sum(1 for a, b in zip(pixels(rows_a, bpp, box), pixels(rows_b, bpp, box)) if a != b)


def dark_pixels(rows, bpp, box) -> int:
    return sum(1 for p in pixels(rows, bpp, box) if max(p) < 100)


@pytest.mark.parametrize("name", ["comunita_montane", "bergamo", "brescia"])
def test_public_example_report_renders_with_its_charts(name, example, tmp_path):
    folder = example(name)
    main(["run", str(folder / "cycle.toml"), "--out", str(folder / "out")])
    pages = sorted((folder / "out").glob("*/relazione.html"))
    assert pages, f"the {name} example produced no report (see `ciclope run` in {folder})"
    page = pages[0]
    boxes = chart_boxes(page, 1400)
    # the summary has the charts: area (or first-level objectives), units, scores, levels
    assert {"grafico-aree", "grafico-unita", "grafico-punteggi", "grafico-livelli"} <= set(boxes), boxes
    height = max(top + h for _, top, _, h in boxes.values()) + 40
    shown = decode_png(screenshot(page, tmp_path / f"{name}.png", height))
    hidden_page = page.with_name("hidden.html")
    hidden_page.write_text(page.read_text(encoding="utf-8").replace("</style>", HIDE_CHARTS, 1), encoding="utf-8")
    hidden = decode_png(screenshot(hidden_page, tmp_path / f"{name}-hidden.png", height))
    _, _, bpp, rows = shown
    _, _, _, rows_hidden = hidden
    # the page itself is drawn: the title in the header has dark text
    assert dark_pixels(rows, bpp, (0, 0, WIDTH, 80)) > 300
    for ident, box in boxes.items():
        area = box[2] * box[3]
        changed = different(rows, rows_hidden, bpp, box)
        assert changed > area * 0.03, f"{name}: chart {ident} looks blank ({changed} of {area} pixels drawn)"
        assert bar_pixels(rows, bpp, box) > 150, f"{name}: chart {ident} has no bars"
        assert bar_pixels(rows_hidden, bpp, box) == 0  # the control: hidden charts leave no bars
