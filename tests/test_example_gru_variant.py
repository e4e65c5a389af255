"""An example file's ``gru_variant`` key: the GRU's form the example pins (lecture or torch),
used whenever the GRU runs unless --gru-variant says otherwise; validated with one clear line."""
import json

import numpy as np
import pytest

from rnntrace import examples, forward

GRU = """name = "gv"
cell = "{cell}"
{key}
vocab = ["a", "b", "c"]
sentence = ["a", "b", "c"]
hidden_size = 2
"""


def _json(cli, *args):
    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_the_example_pins_its_variant_and_the_option_overrides_it(cli, write_example):
    path = write_example(GRU.format(cell="gru", key='gru_variant = "torch"'))
    assert examples.load(path).gru_variant == "torch"
    doc = _json(cli, "forward", "-e", path)
    assert doc["gru_variant"] == "torch"
    torch_trace = forward.run(examples.load(path), gru_variant="torch")
    lecture_trace = forward.run(examples.load(path), gru_variant="lecture")
    got = np.array([s["values"]["h"] for s in doc["steps"]]).reshape(3, -1)
    np.testing.assert_array_equal(got, np.array([s.values["h"] for s in torch_trace.steps]).reshape(3, -1))
    assert not np.array_equal(got, np.array([s.values["h"] for s in lecture_trace.steps]).reshape(3, -1))
    assert _json(cli, "forward", "-e", path, "--gru-variant", "lecture")["gru_variant"] == "lecture"
    assert _json(cli, "bptt", "-e", path)["gru_variant"] == "torch"


def test_without_the_key_the_lecture_variant(cli, write_example):
    path = write_example(GRU.format(cell="gru", key=""))
    assert examples.load(path).gru_variant == "lecture"
    assert _json(cli, "forward", "-e", path)["gru_variant"] == "lecture"


def test_a_pinned_variant_is_no_error_on_another_cell_but_the_option_is(cli, write_example):
    """The key says which GRU the example means when the GRU runs (--cell gru, bptt --compare);
    on its own rnn it is not used, and not an error. --gru-variant torch with an rnn still is."""
    path = write_example(GRU.format(cell="rnn", key='gru_variant = "torch"'))
    assert _json(cli, "forward", "-e", path)["cell"] == "rnn"
    assert _json(cli, "forward", "-e", path, "--cell", "gru")["gru_variant"] == "torch"
    assert "gru (torch)" in cli("bptt", "-e", path, "--compare").stdout
    r = cli("forward", "-e", path, "--gru-variant", "torch")
    assert r.exit_code == 2 and "--gru-variant" in r.stderr


@pytest.mark.parametrize("value,message", [
    ('"pytorch"', "gru_variant = 'pytorch' is not one of: lecture, torch"),
    ("3", "'gru_variant' must be string"),
])
def test_a_bad_value_is_one_line(cli, write_example, value, message):
    path = write_example(GRU.format(cell="gru", key=f"gru_variant = {value}"))
    r = cli("forward", "-e", path)
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr and len(r.stderr.splitlines()) == 1


def test_a_bad_value_in_spanish(cli, write_example):
    path = write_example(GRU.format(cell="gru", key='gru_variant = "pytorch"'))
    r = cli("--lang", "es", "forward", "-e", path)
    assert r.exit_code == 2 and "no es ninguno de: lecture, torch" in r.stderr


def test_train_save_pins_the_variant_it_trained(cli, write_example, tmp_path):
    """A GRU trained in the torch variant is saved with gru_variant = "torch": read back with no
    option, it reproduces the trained numbers; a lecture GRU's file has no key."""
    path = write_example(GRU.format(cell="gru", key=""))
    saved = tmp_path / "trained.toml"
    r = cli("train", "-e", path, "--epochs", "2", "--gru-variant", "torch", "--save", str(saved), "--format", "json")
    assert r.exit_code == 0, r.stderr
    text = saved.read_text(encoding="utf-8")
    assert 'gru_variant = "torch"' in text and "--gru-variant torch" in text
    assert _json(cli, "forward", "-e", str(saved))["gru_variant"] == "torch"
    saved2 = tmp_path / "lecture.toml"
    assert cli("train", "-e", path, "--epochs", "2", "--save", str(saved2)).exit_code == 0
    assert "gru_variant" not in saved2.read_text(encoding="utf-8")
