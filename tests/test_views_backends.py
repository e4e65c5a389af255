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
def images(doc, theme="light", title="rnntrace forward") -> list[str]:
    return [image for _, image in svg.slides(doc, theme, title)]


def text_of(image: str) -> str:
    return "".join(ET.fromstring(image.encode("utf-8")).itertext())


def test_every_svg_parses_and_fetches_nothing(doc):
    slides = svg.slides(doc, "light", "rnntrace forward")
    assert len(slides) >= len(doc.pages)
    for _, image in slides:
        root = ET.fromstring(image.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("width") == "1280" and int(root.get("height")) <= svg.HEIGHT_PX
        assert REMOTE.findall(image) == [] and "@font-face" not in image
    step1 = "".join(text_of(image) for name, image in slides if name.startswith("02-"))
    assert "0.2913" in step1 and "x_t (1×5) · W_xh (5×3) → (1×3)" in step1


def test_a_page_taller_than_a_slide_is_cut_at_block_boundaries():
    """forward --cell lstm: a step page is several slides, each within 1280×720, "part k of n" in
    its heading and its file name; every operation is on exactly one of them, in order; a page
    that fits (the opening) is one slide with its own name."""
    import rnntrace as rt
    from rnntrace.document import Operation

    for d in (rt.forward().document, rt.forward(cell="lstm").document):  # a page that fits is one slide
        names = [n for n, _ in svg.slides(d, "light", "rnntrace forward")]
        for k, page in enumerate(d.pages):
            height = int(ET.fromstring(svg.page_svg(d, page, "light", "rnntrace forward").encode()).get("height"))
            ours = [n for n in names if n.startswith(f"{k + 1:02d}-")]
            assert (len(ours) == 1 and "part" not in ours[0]) == (height <= svg.HEIGHT_PX), (k, height, ours)
    doc = rt.forward(cell="lstm").document
    slides = svg.slides(doc, "light", "rnntrace forward")
    step = [(n, image) for n, image in slides if n.startswith("02-step-1")]
    n = len(step)
    assert n >= 3 and [name for name, _ in step] == [f"02-step-1-part-{k}.svg" for k in range(1, n + 1)]
    for k, (name, image) in enumerate(step, start=1):
        root = ET.fromstring(image.encode("utf-8"))
        assert int(root.get("height")) <= svg.HEIGHT_PX and root.get("viewBox") == f"0 0 1280 {root.get('height')}"
        assert f"{doc.pages[1].label} · part {k} of {n}" in text_of(image)
    statements = [b.statement for b in doc.pages[1].blocks if isinstance(b, Operation)]
    found = []
    for _, image in step:
        found += [e.text for e in ET.fromstring(image.encode()).iter()
                  if e.get("class") == "strong" and e.text in statements]
    assert found == statements  # each once, in order: no block cut or repeated


def _tall_doc(rows: int = 64):
    import numpy as np

    from rnntrace.document import Document, Grid, Matrix, Note, Page, Section

    tall = Matrix("W_hh", np.arange(rows * 3, dtype=float).reshape(rows, 3) / 7)
    return Document("forward", "t", [Page("step", "p", [Section([Note("before"), Grid([tall]), Note("after")])],
                                          t=1)])


def test_a_block_taller_than_a_slide_is_cut_between_its_lines():
    """A 64-row matrix cannot be cut at a block boundary: it is cut between two of its rows into
    windows of at most a slide, each a part of its own at the font's size; every row is on
    exactly one slide, whole, in order, and nothing is lost before or after it."""
    slides = svg.slides(_tall_doc())
    n = len(slides)
    assert n >= 4 and [name for name, _ in slides] == [f"01-step-1-part-{k}.svg" for k in range(1, n + 1)]
    rows = []
    for k, (_, image) in enumerate(slides, start=1):
        root = ET.fromstring(image.encode("utf-8"))
        assert root.get("viewBox") == f"0 0 1280 {root.get('height')}" and int(root.get("height")) <= 720
        assert f"p · part {k} of {n}" in text_of(image)
        before = [e.text for e in root.findall("{http://www.w3.org/2000/svg}text") if e.text in ("before", "after")]
        rows += [x for x in before if x == "before"]
        group = root.find("{http://www.w3.org/2000/svg}g")
        if group is None:  # what follows the block, on a slide of its own
            rows += [x for x in before if x == "after"]
            continue
        clip = root.find(".//{http://www.w3.org/2000/svg}clipPath/{http://www.w3.org/2000/svg}rect")
        top, bottom = float(clip.get("y")), float(clip.get("y")) + float(clip.get("height"))
        for e in group.iter("{http://www.w3.org/2000/svg}text"):
            y = float(e.get("y"))  # the baseline; the line is [y − 0.72 LH, y + 0.28 LH], wholly in the window
            lo, hi = y - 0.72 * svg.LH, y + 0.28 * svg.LH  # (coordinates are written to 0.1 px)
            assert top - 0.1 <= lo and hi <= bottom + 0.1, (k, e.text)
            rows.append(e.text)
        rows += [x for x in before if x == "after"]
    numbers = [x for x in rows if x not in ("before", "after", "W_hh")]
    assert sorted(numbers) == sorted(f"{v / 7:.4f}" for v in range(64 * 3))  # each entry once, whole
    assert rows[0] == "before" and rows[-1] == "after" and rows.count("W_hh") == 1


def test_a_tall_block_is_drawn_once_whatever_the_number_of_its_windows(monkeypatch):
    """A 256-row matrix (an H = 256 step's W_hh is one) cut into a dozen windows: its numbers are
    formatted once and each window writes only its own lines. Drawing the whole block again for
    every window made the work grow as the square of the rows (an H = 256 forward step's slides
    took two minutes); counted here in calls, not timed."""
    formatted, written = [], []
    real_cells, real_text = svg.matrix_cells, svg.Canvas.text
    monkeypatch.setattr(svg, "matrix_cells", lambda m, p: formatted.append(m.label) or real_cells(m, p))
    monkeypatch.setattr(svg.Canvas, "text", lambda c, *a, **k: written.append(a[2]) or real_text(c, *a, **k))
    slides = svg.slides(_tall_doc(256))
    assert len(slides) >= 12
    assert formatted.count("W_hh") == 1
    numbers = [s for s in written if re.fullmatch(r"\d+\.\d{4}", s)]
    assert sorted(numbers) == sorted(f"{v / 7:.4f}" for v in range(256 * 3))  # each entry written once


@needs_rsvg
def test_rsvg_convert_renders_a_window_of_a_tall_block(tmp_path):
    for name, image in svg.slides(_tall_doc()):
        src, png = tmp_path / name, tmp_path / "p.png"
        src.write_text(image, encoding="utf-8")
        r = subprocess.run(["rsvg-convert", str(src), "-o", str(png)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        data = png.read_bytes()
        assert int.from_bytes(data[16:20], "big") == 1280 and int.from_bytes(data[20:24], "big") <= 720


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
    for k, image in enumerate(images(doc)):
        path = tmp_path / f"{k}.svg"
        path.write_text(image, encoding="utf-8")
        tab = browser.open(str(path))
        boxes = tab.js(BOXES)
        assert boxes, k
        assert overlaps(boxes) == [], k
        # right-anchored numbers end where the layout put them, whatever the font's width
        ends = [(x + w, ax) for x, y, w, h, anchor, ax, s in boxes if anchor == "end"]
        assert ends and all(abs(end - ax) < 1.5 for end, ax in ends), k
