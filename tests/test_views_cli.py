"""The page-by-page views from the command line: ``--export DIR/`` (one SVG slide per page),
``--export FILE.html`` (the step-through page, checked in headless Chromium), ``--theme``,
``--format beamer`` (compiled with pdflatex where it and its packages are installed), and their
bad inputs (one line on stderr, exit 2, nothing written)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from browser import Browser, find_chromium

BEAMER_FILES = ("beamer.cls", "pgf.sty", "amsmath.sty", "amssymb.sty", "booktabs.sty",
                "lmodern.sty", "inputenc.sty", "fontenc.sty")


def missing_tex() -> str | None:
    """Why the beamer slides cannot be compiled here, or None when they can."""
    if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
        return "no pdflatex on PATH (Debian: texlive-latex-base)"
    absent = [f for f in BEAMER_FILES
              if subprocess.run(["kpsewhich", f], capture_output=True, text=True).stdout.strip() == ""]
    return f"TeX packages missing: {', '.join(absent)} (Debian: texlive-latex-recommended, " \
           "texlive-pictures, lmodern)" if absent else None


def bad(result, command: str, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"rnntrace {command}: error: --"), err
    for f in fragments:
        assert f in err, (f, err)


# ---- --export DIR/ ------------------------------------------------------------------------------------
def test_export_folder_writes_one_svg_per_page(cli, tmp_path):
    """One SVG per page, a step page (taller than a 1280×720 slide) in two parts."""
    out = tmp_path / "slides"
    r = cli("forward", "--export", f"{out}/")
    assert r.exit_code == 0, r.stderr
    assert r.output == cli("forward").output  # the terminal output is unchanged
    names = sorted(os.listdir(out))
    assert names == ["01-opening.svg", *(f"{k + 2:02d}-step-{k + 1}-part-{j}.svg" for k in range(5) for j in (1, 2)),
                     "07-closing.svg"]
    assert sorted(os.listdir(tmp_path)) == ["slides"]  # no temporary folder left beside it
    for name in names:
        root = ET.parse(out / name).getroot()
        assert root.get("width") == "1280" and int(root.get("height")) <= 720
    texts = "".join(ET.parse(out / "02-step-1-part-1.svg").getroot().itertext())
    more = "".join(ET.parse(out / "02-step-1-part-2.svg").getroot().itertext())
    assert "0.2913" in texts + more and "x_t (1×5) · W_xh (5×3) → (1×3)" in texts
    assert "part 1 of 2" in texts and "part 2 of 2" in more
    step2 = "".join(ET.parse(out / "03-step-2-part-1.svg").getroot().itertext())
    assert "t = 1 ·" in texts and "t = 1 ·" not in step2 and "t = 2 ·" in step2  # one step per page


def test_export_folder_light_by_default_and_dark_on_request(cli, tmp_path):
    assert cli("forward", "--sentence", "I love", "--export", f"{tmp_path}/light/").exit_code == 0
    assert cli("forward", "--sentence", "I love", "--export", f"{tmp_path}/dark/", "--theme", "dark").exit_code == 0
    light = (tmp_path / "light" / "01-opening.svg").read_text(encoding="utf-8")
    dark = (tmp_path / "dark" / "01-opening.svg").read_text(encoding="utf-8")
    assert 'fill="#ffffff"' in light and 'fill="#0c0c0c"' in dark


def test_export_into_an_existing_folder_replaces_its_old_pages_only(cli, tmp_path):
    out = tmp_path / "s"
    assert cli("forward", "--export", f"{out}/").exit_code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli("forward", "--sentence", "I love", "--export", f"{out}/").exit_code == 0
    assert sorted(os.listdir(out)) == ["01-opening.svg", "02-step-1-part-1.svg", "02-step-1-part-2.svg",
                                       "03-step-2-part-1.svg", "03-step-2-part-2.svg", "04-closing.svg", "notes.txt"]


def test_export_folder_is_deterministic(cli, tmp_path):
    cli("forward", "--export", f"{tmp_path}/a/")
    cli("forward", "--export", f"{tmp_path}/b/")
    for name in os.listdir(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_export_folder_that_is_a_file(cli, tmp_path):
    f = tmp_path / "slides"
    f.write_text("x", encoding="utf-8")
    bad(cli("forward", "--export", f"{f}/"), "forward", "is a file, not a folder")
    assert f.read_text(encoding="utf-8") == "x"


def test_export_folder_without_its_parent(cli, tmp_path):
    bad(cli("forward", "--export", f"{tmp_path}/no/such/"), "forward", "does not exist", "nothing was written")
    assert os.listdir(tmp_path) == []


def test_export_folder_in_spanish(cli, tmp_path):
    f = tmp_path / "f"
    f.write_text("x", encoding="utf-8")
    bad(cli("--lang", "es", "forward", "--export", f"{f}/"), "forward", "es un fichero, no una carpeta")


def test_a_failure_while_writing_leaves_nothing(cli, tmp_path, monkeypatch):
    real_fsync = os.fsync
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    bad(cli("forward", "--export", f"{tmp_path}/s/"), "forward", "No space left on device", "nothing was written")
    assert os.listdir(tmp_path) == []


def test_unknown_theme(cli, tmp_path):
    bad(cli("forward", "--theme", "drak", "--export", f"{tmp_path}/s/"), "forward",
        "--theme drak: unknown theme", "light, dark", "did you mean 'dark'")
    assert os.listdir(tmp_path) == []
    bad(cli("forward", "--theme", "blue"), "forward", "unknown theme")
    assert "did you mean" not in cli("forward", "--theme", "blue").stderr


# ---- --export FILE.html and FILE.svg --------------------------------------------------------------------
def test_html_export_is_the_step_through_page(cli, tmp_path):
    path = tmp_path / "t.html"
    assert cli("forward", "--export", str(path)).exit_code == 0
    page = path.read_text(encoding="utf-8")
    assert "<title>rnntrace forward</title>" in page and page.count('class="page"') == 7
    assert "http" not in page.replace("http://www.w3.org", "")  # nothing fetched


@pytest.mark.skipif(find_chromium() is None, reason="no chromium on PATH (.ci/run installs Debian's chromium)")
def test_html_export_steps_in_chromium(cli, tmp_path):
    path = tmp_path / "t.html"
    assert cli("--lang", "es", "forward", "--cell", "gru", "--explain", "--export", str(path)).exit_code == 0
    with Browser() as b:
        tab = b.open(str(path))
        shown = "[...document.querySelectorAll('.page')].filter(p => p.offsetParent !== null).map(p => p.dataset.kind)"
        assert tab.js(shown) == ["opening"]
        assert tab.js("document.getElementById('next').textContent") == "Siguiente →"
        tab.click("#next")
        assert tab.js(shown) == ["step"]
        assert "0.3894" in tab.js("document.querySelector('.page.current').textContent")  # r_1 of the GRU
        for _ in range(6):
            tab.key("ArrowRight", 39)
        assert tab.js(shown) == ["closing"]
        tab.key("ArrowLeft", 37)
        tab.click("#back")
        assert tab.js("document.getElementById('where').textContent") == "5 / 7"


def test_svg_file_export_holds_every_page(cli, tmp_path):
    path = tmp_path / "t.svg"
    assert cli("forward", "--export", str(path)).exit_code == 0
    texts = "".join(ET.parse(path).getroot().itertext())
    for value in ("0.2913", "0.1773"):  # h_1, y_1
        assert value in texts
    assert "t = 5" in texts


# ---- beamer -------------------------------------------------------------------------------------------
def test_beamer_has_one_frame_per_page(cli):
    r = cli("forward", "--format", "beamer")
    assert r.exit_code == 0, r.stderr
    tex = r.output
    assert tex.startswith("\\documentclass[") and "{beamer}" in tex.splitlines()[0]
    assert tex.count("\\begin{frame}[allowframebreaks]") == 7  # opening, 5 steps, closing
    assert tex.rstrip().endswith("\\end{document}")


def test_tex_export_follows_the_format(cli, tmp_path):
    article, slides = tmp_path / "a.tex", tmp_path / "s.tex"
    assert cli("forward", "--export", str(article)).exit_code == 0
    r = cli("forward", "--format", "beamer", "--export", str(slides))
    assert r.exit_code == 0
    assert "{article}" in article.read_text(encoding="utf-8").splitlines()[0]
    assert slides.read_text(encoding="utf-8") == r.output


def test_step_refuses_beamer(cli):
    bad(cli("forward", "--step", "--format", "beamer"), "forward", "--format beamer")


# every command, small enough to compile in seconds; together they hold every kind of block
COMMANDS = [["forward", "--cell", "lstm", "--sentence", "I love", "--explain"],
            ["bptt", "--sentence", "I love recurrent"],
            ["bptt", "--compare", "--sentence", "I love"],
            ["attention", "--heads", "2", "--explain"],
            ["attention", "--mode", "seq2seq"],
            ["positional", "--length", "8"]]
IDS = [" ".join(a[:2]) for a in COMMANDS]


def compile_tex(tmp_path, tex: str, draft: bool = True) -> None:
    (tmp_path / "s.tex").write_text(tex, encoding="utf-8")
    r = subprocess.run(["pdflatex", *(["-draftmode"] if draft else []), "-interaction=nonstopmode",
                        "-halt-on-error", "s.tex"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    log = (tmp_path / "s.log").read_text(encoding="utf-8", errors="replace")
    assert r.returncode == 0, "\n".join(line for line in log.splitlines() if line.startswith("!"))[:2000]
    assert "Missing character" not in log


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_beamer_compiles_for_every_command(cli, tmp_path, args, lang):
    why = missing_tex()
    if why:
        pytest.skip(why)
    r = cli("--lang", lang, *args, "--format", "beamer")
    assert r.exit_code == 0, r.stderr
    compile_tex(tmp_path, r.output)


def test_beamer_compiles_to_slides(tmp_path):
    """Every kind of block (the sample document) into a PDF: a title page and one frame per page."""
    why = missing_tex()
    if why:
        pytest.skip(why)
    from sample_document import sample

    from rnntrace.render import beamer

    doc = sample(steps=1)
    compile_tex(tmp_path, beamer.document(doc, "rnntrace forward"), draft=False)
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo") is None:
        pytest.skip("no pdfinfo (Debian: poppler-utils) to count the slides")
    info = subprocess.run(["pdfinfo", "s.pdf"], cwd=tmp_path, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages >= 1 + len(doc.pages)  # the title, then a frame per page (a long one continues)


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_every_command_exports_slides_that_render(cli, tmp_path, args):
    out = tmp_path / "s"
    r = cli(*args, "--export", f"{out}/")
    assert r.exit_code == 0, r.stderr
    names = sorted(os.listdir(out))
    assert names[0].startswith("01-opening") and len(names) >= 2
    for name in names:
        ET.parse(out / name)
        if shutil.which("rsvg-convert"):
            png = tmp_path / "p.png"
            rr = subprocess.run(["rsvg-convert", str(out / name), "-o", str(png)], capture_output=True, text=True)
            assert rr.returncode == 0, (name, rr.stderr)
            assert int.from_bytes(png.read_bytes()[16:20], "big") == 1280
            assert int.from_bytes(png.read_bytes()[20:24], "big") <= 720  # a 16:9 slide at most


@pytest.mark.skipif(find_chromium() is None, reason="no chromium on PATH (.ci/run installs Debian's chromium)")
@pytest.mark.parametrize("args", [["bptt"], ["attention", "--heads", "2"], ["forward", "--cell", "lstm", "--lang", "es"]],
                         ids=["bptt", "attention", "forward lstm es"])
def test_slides_keep_their_alignment_in_chromium(cli, tmp_path, args):
    from test_views_backends import BOXES, overlaps

    out = tmp_path / "s"
    assert cli(*args, "--export", f"{out}/").exit_code == 0
    with Browser() as b:
        for name in sorted(os.listdir(out)):
            boxes = b.open(str(out / name)).js(BOXES)
            assert overlaps(boxes) == [], name
            ends = [(x + w, ax) for x, y, w, h, anchor, ax, s in boxes if anchor == "end"]
            assert all(abs(end - ax) < 1.5 for end, ax in ends), name
