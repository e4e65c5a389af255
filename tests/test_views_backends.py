"""The page-by-page backends (HTML, SVG slides) on a document holding every block type: the markup
is well formed, holds the numbers, fetches nothing, and, in a real headless Chromium, the HTML
export steps through its pages with the buttons and the arrow keys while each SVG keeps its pieces
apart and its matrix columns aligned; librsvg (``rsvg-convert``) renders every SVG."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from browser import Browser, find_chromium
from sample_document import sample
from rnntrace.render import html, svg

needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="no chromium on PATH (.ci/run installs Debian's chromium)")
needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None,
                                reason="no rsvg-convert on PATH (Debian: librsvg2-bin)")
REMOTE = re.compile(r"(?:https?:)?//(?!www\.w3\.org/2000/svg)[\w.-]+\.\w+|@import|url\(")


@pytest.fixture(scope="module")
def doc():
    return sample(steps=2)


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        pytest.skip("no chromium on PATH (.ci/run installs Debian's chromium)")
    with Browser() as b:
        yield b


# ---- HTML ---------------------------------------------------------------------------------------------
def test_html_is_one_self_contained_page(doc):
    page = html.document(doc, "rnntrace forward")
    assert page.startswith("<!DOCTYPE html>") and "<title>rnntrace forward</title>" in page
    assert REMOTE.findall(page) == []  # no CDN, no web font, no link to anything
    assert "<script src" not in page and "<link" not in page
    assert page.count('class="page"') == len(doc.pages)
    assert "0.2913" in page and "0.1773" in page  # h_1 and y_1 of the lecture


def test_html_escapes_what_it_is_given(doc):
    page = html.document(doc, "a <b> & c")
    assert "<title>a &lt;b&gt; &amp; c</title>" in page


def test_html_buttons_in_spanish(doc):
    from rnntrace.i18n import set_lang

    set_lang("es")
    page = html.document(doc, "x")
    assert "Siguiente →" in page and "← Anterior" in page


def test_fragment_has_no_script_and_every_page(doc):
    frag = html.fragment(doc)
    assert "<script" not in frag and frag.count('class="page"') == len(doc.pages)
    one = html.fragment(doc, doc.pages[1:2])
    assert one.count('class="page"') == 1 and "0.2913" in one


def visible(tab) -> list[str]:
    return tab.js("[...document.querySelectorAll('.page')].filter(p => p.offsetParent !== null).map(p => p.id)")


@needs_chromium
def test_html_steps_through_its_pages_in_chromium(doc, browser, tmp_path):
    path = tmp_path / "trace.html"
    path.write_text(html.document(doc, "rnntrace forward"), encoding="utf-8")
    tab = browser.open(str(path))
    n = len(doc.pages)
    assert tab.js("document.title") == "rnntrace forward"
    assert visible(tab) == ["page-1"]
    assert tab.js("document.getElementById('back').disabled") is True
    tab.click("#next")
    assert visible(tab) == ["page-2"]
    tab.click("#next")
    assert visible(tab) == ["page-3"]
    tab.click("#back")
    assert visible(tab) == ["page-2"]
    tab.key("ArrowRight", 39)
    tab.key("ArrowRight", 39)
    assert visible(tab) == [f"page-{min(4, n)}"]
    for _ in range(n + 2):  # past the end it stays on the last page
        tab.key("ArrowRight", 39)
    assert visible(tab) == [f"page-{n}"]
    assert tab.js("document.getElementById('next').disabled") is True
    assert tab.js("document.getElementById('where').textContent") == f"{n} / {n}"
    tab.key("ArrowLeft", 37)
    assert visible(tab) == [f"page-{n - 1}"]
    assert tab.js("[...document.querySelectorAll('.page')].length") == n


# ---- SVG ----------------------------------------------------------------------------------------------
def test_every_svg_parses_and_fetches_nothing(doc):
    images = svg.pages(doc, "light", "rnntrace forward")
    assert len(images) == len(doc.pages)
    for image in images:
        root = ET.fromstring(image.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("width") == "1280"
        assert REMOTE.findall(image) == [] and "@font-face" not in image
    texts = "".join(ET.fromstring(images[1].encode()).itertext())
    assert "0.2913" in texts and "x_t (1×5) · W_xh (5×3) → (1×3)" in texts


def test_themes_differ_only_in_colour(doc):
    light, dark = svg.page_svg(doc, doc.pages[1], "light"), svg.page_svg(doc, doc.pages[1], "dark")
    assert 'fill="#ffffff"' in light and 'fill="#0c0c0c"' in dark
    strip = re.compile(r"<style>.*?</style>|fill=\"#\w+\"", re.S)
    assert strip.sub("", light) == strip.sub("", dark)


def test_a_matrix_wider_than_the_slide_is_cut_into_column_groups():
    import numpy as np

    from rnntrace.document import Document, Grid, Matrix, Page, Section

    wide = Matrix("W_hh", np.arange(64 * 64, dtype=float).reshape(64, 64) / 7)
    doc = Document("forward", "t", [Page("opening", "p", [Section([Grid([wide])])])])
    texts = "".join(ET.fromstring(svg.pages(doc)[0].encode()).itertext())
    assert "W_hh · columns 1–" in texts and "of 64" in texts
    assert f"{4095 / 7:.4f}" in texts  # the last entry is there too


@needs_rsvg
def test_rsvg_convert_renders_every_page(doc, tmp_path):
    for k, image in enumerate(svg.pages(doc, "light")):
        src, png = tmp_path / f"{k}.svg", tmp_path / f"{k}.png"
        src.write_text(image, encoding="utf-8")
        r = subprocess.run(["rsvg-convert", str(src), "-o", str(png)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(png.read_bytes()[16:20], "big")
        assert width == 1280


# what Chromium measures: every <text> box, so a test sees the layout as drawn with the real font
BOXES = """[...document.querySelectorAll('text')].map(t => { const b = t.getBBox();
  return [b.x, b.y, b.width, b.height, t.getAttribute('text-anchor') || 'start', +t.getAttribute('x'),
          t.textContent]; })"""


def overlaps(boxes) -> list[str]:
    """Pieces on the same line that run into each other (the old export's 'x_t·W_xhx_t (1×5)')."""
    lines: dict[float, list] = {}
    for x, y, w, h, *_rest in boxes:
        lines.setdefault(round(y, 1), []).append((x, x + w, _rest[-1]))
    out = []
    for y, items in lines.items():
        items.sort()
        for (a0, a1, s), (b0, b1, u) in zip(items, items[1:]):
            if a1 > b0 + 0.5:
                out.append(f"{s!r} runs into {u!r} at y={y}")
    return out


@needs_chromium
def test_svg_alignment_holds_in_chromium(doc, browser, tmp_path):
    for k, image in enumerate(svg.pages(doc, "light", "rnntrace forward")):
        path = tmp_path / f"{k}.svg"
        path.write_text(image, encoding="utf-8")
        tab = browser.open(str(path))
        boxes = tab.js(BOXES)
        assert boxes, k
        assert overlaps(boxes) == [], k
        # right-anchored numbers end where the layout put them, whatever the font's width
        ends = [(x + w, ax) for x, y, w, h, anchor, ax, s in boxes if anchor == "end"]
        assert ends and all(abs(end - ax) < 1.5 for end, ax in ends), k
