"""``--export FILE``: the rich output recorded as SVG, HTML or text (or the document formats),
written whole or not at all; every bad path or extension is one line on stderr and exit 2."""
import json
import os
import xml.etree.ElementTree as ET

import pytest


def files(d):
    return sorted(p.name for p in d.iterdir())


@pytest.mark.parametrize("ext", [".svg", ".html", ".txt", ".tex", ".md", ".json"])
def test_export_writes_the_file_and_still_prints(cli, tmp_path, ext):
    path = tmp_path / f"trace{ext}"
    r = cli("forward", "--export", str(path))
    assert r.exit_code == 0, r.stderr
    assert r.output == cli("forward").output  # stdout unchanged
    assert files(tmp_path) == [path.name]  # no temporary file left behind
    assert path.stat().st_size > 1000


def test_svg_parses_as_xml_and_holds_the_numbers(cli, tmp_path):
    path = tmp_path / "t.svg"
    assert cli("forward", "--export", str(path)).exit_code == 0
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = "".join(root.itertext()).replace("\xa0", " ")
    assert "0.2913" in texts and "rnntrace forward" in texts


def test_svg_keeps_colour_even_when_piped_and_no_color(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "t.svg"
    assert cli("forward", "--export", str(path)).exit_code == 0
    assert "font-weight: bold" in path.read_text(encoding="utf-8")
    assert "fill: #" in path.read_text(encoding="utf-8")


def test_html_and_txt_are_the_recorded_rendering(cli, tmp_path):
    html, txt = tmp_path / "t.html", tmp_path / "t.txt"
    assert cli("forward", "--export", str(html)).exit_code == 0
    assert cli("forward", "--export", str(txt)).exit_code == 0
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    text = txt.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert text == cli("forward").output  # at 80 columns the text export is what the terminal shows


def test_export_is_deterministic(cli, tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    cli("forward", "--export", str(a))
    cli("forward", "--export", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_json_export_matches_the_json_format(cli, tmp_path):
    path = tmp_path / "t.json"
    assert cli("forward", "--export", str(path)).exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(cli("forward", "--format", "json").output)


def test_export_with_explain_and_spanish(cli, tmp_path):
    path = tmp_path / "t.txt"
    assert cli("forward", "--explain", "--lang", "es", "--export", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "Parámetros" in text and "selecciona la fila 1 de W_xh" in text


def bad(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("rnntrace forward: error: --")
    for f in fragments:
        assert f in err, (f, err)


def test_unknown_extension(cli, tmp_path):
    bad(cli("forward", "--export", str(tmp_path / "t.pdf")), "unknown extension '.pdf'", ".svg, .html, .txt")
    bad(cli("forward", "--export", str(tmp_path / "noext")), "unknown extension ''")
    assert files(tmp_path) == []


def test_missing_directory(cli, tmp_path):
    bad(cli("forward", "--export", str(tmp_path / "no" / "such" / "t.svg")), "cannot write it",
        "nothing was written")


def test_a_directory_is_not_a_file(cli, tmp_path):
    d = tmp_path / "d.svg"
    d.mkdir()
    bad(cli("forward", "--export", str(d)), "is a directory")


def test_unwritable_directory_leaves_nothing(cli, tmp_path, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # chmod means nothing to root
    bad(cli("forward", "--export", str(tmp_path / "t.svg")), "cannot write it (Permission denied)")
    assert files(tmp_path) == []


def test_failure_while_writing_leaves_no_partial_file(cli, tmp_path, monkeypatch):
    """The disk fills up half-way: neither the target nor the temporary file remains."""
    path = tmp_path / "t.svg"
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    bad(cli("forward", "--export", str(path)), "No space left on device")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert files(tmp_path) == []


def test_failure_on_rename_keeps_the_old_file_whole(cli, tmp_path, monkeypatch):
    path = tmp_path / "t.txt"
    path.write_text("the previous export\n", encoding="utf-8")

    def refuse(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    bad(cli("forward", "--export", str(path)), "Invalid cross-device link")
    assert path.read_text(encoding="utf-8") == "the previous export\n"
    assert files(tmp_path) == ["t.txt"]


def test_a_bad_example_writes_no_file(cli, tmp_path):
    path = tmp_path / "t.svg"
    r = cli("forward", "--example", "nope.toml", "--export", str(path))
    assert r.exit_code == 2 and not path.exists()


def test_step_and_explain_refuse_formats_they_cannot_change(cli):
    bad(cli("forward", "--step", "--format", "json"), "--step", "--format json")
    bad(cli("forward", "--step", "--format", "latex"), "--format latex")
    bad(cli("forward", "--explain", "--format", "json"), "--explain", "numbers only")


def test_unknown_format_is_a_usage_error(cli):
    r = cli("forward", "--format", "pdf")
    assert r.exit_code == 2 and "'pdf' is not one of 'rich', 'json', 'latex', 'beamer', 'markdown'" in r.stderr


def test_export_needs_a_file_name(cli):
    r = cli("forward", "--export")
    assert r.exit_code == 2 and "requires an argument" in r.stderr


def test_export_error_in_spanish(cli, tmp_path):
    r = cli("forward", "--lang", "es", "--export", str(tmp_path / "t.pdf"))
    assert r.exit_code == 2 and "extensión desconocida '.pdf'" in r.stderr


def test_write_atomic_replaces_whole(tmp_path):
    from rnntrace.output import write_atomic

    path = tmp_path / "f.txt"
    write_atomic(str(path), "one\n")
    write_atomic(str(path), "two\n")
    assert path.read_text() == "two\n" and files(tmp_path) == ["f.txt"]
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
