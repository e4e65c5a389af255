"""The gates' story (rnntrace.gates): the note that a keeping gate (the GRU's Γ_t = z_t, the LSTM's
f_t) stays near 1 over several words, and the note that the gradient survives the gap. Each is
said only when the numbers on the page make it true: here checked against the trace's own gate
values and norms, where it must appear and where it must not."""
import json

import numpy as np
import pytest

from rnntrace import gates

KEEP_GRU = """
name = "keep"
vocab = ["I", "love", "recurrent", "neural", "networks"]
sentence = ["I", "love", "recurrent", "neural", "networks"]
cell = "gru"
hidden_size = 3

[weights]
b_z = [3.0, 0.0, 3.0]
"""


def forward_json(cli, *args):
    r = cli("forward", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def longest_runs(g: np.ndarray, threshold: float = 0.9) -> tuple[int, int, int]:
    """(length, first t, last t) of the longest run of steps t ≥ 2 where one unit's gate stays ≥
    threshold, the earliest of equal ones: written out again, by lists, to check kept_run."""
    best = (0, 0, 0)
    for k in range(g.shape[1]):
        t = 2
        while t <= g.shape[0]:
            if g[t - 1, k] >= threshold:
                end = t
                while end + 1 <= g.shape[0] and g[end, k] >= threshold:
                    end += 1
                if end - t + 1 > best[0] or (end - t + 1 == best[0] and t < best[1]):
                    best = (end - t + 1, t, end)
                t = end + 1
            else:
                t += 1
    return best


def test_perro_lstm_keeps_the_number_in_its_memory_and_says_so(cli):
    d = forward_json(cli, "-e", "perro_lstm")
    f = np.array([s["values"]["f"] for s in d["steps"]])
    c = np.array([s["values"]["c"] for s in d["steps"]])
    assert longest_runs(f) == (10, 2, 11)
    k = d["kept"]
    assert (k["gate"], k["state"], k["from_t"], k["to_t"], k["units"]) == ("f", "c", 2, 11, [8])
    assert k["min_gate"] == f[1:11, 7].min() and f[11, 7] < 0.9
    assert k["kept"] == [pytest.approx(np.prod(f[1:11, 7]), rel=1e-12)]
    assert k["before"] == [c[0, 7]] and k["after"] == [c[10, 7]]
    out = cli("forward", "-e", "perro_lstm").output
    text = " ".join(out[out.index("The forget gate f_t stays"):].split())
    assert text.startswith(
        "The forget gate f_t stays ≥ 0.9 on unit 8 (smallest: 0.9228) from “perros” to “la” (t = 2 … 11): the "
        "memory keeps what it held after “los”, as Γ_t ≈ 1 does in the lecture across the words that can be "
        "skipped. Still there at t = 11, the share ∏ f_t of c_1 (the input gate adds the rest): c_1[8] = "
        "-0.9693, ∏ f_t = 0.8145, c_11[8] = 0.4214.")
    es = " ".join(cli("--lang", "es", "forward", "-e", "perro_lstm", "--brief").output.split())
    assert ("La compuerta de olvido f_t se mantiene ≥ 0.9 en la unidad 8 (la menor: 0.9228) desde «perros» "
            "hasta «la» (t = 2 … 11): la memoria conserva lo que tenía tras «los»") in es


def test_the_unit_kept_is_the_one_that_carries_the_number(cli):
    """Unit 8's memory differs between "el perro …" and "los perros …" by more than 1.5 at every
    step from the noun to the last filler kept: the unit the note names carries the number."""
    s = "vi ayer en casa de Ana por la tarde , {v} {a}"
    sing = forward_json(cli, "-e", "perro_lstm", "-s", "el perro que " + s.format(v="estaba", a="lleno"))
    plur = forward_json(cli, "-e", "perro_lstm", "-s", "los perros que " + s.format(v="estaban", a="llenos"))
    c_s = np.array([x["values"]["c"] for x in sing["steps"]])
    c_p = np.array([x["values"]["c"] for x in plur["steps"]])
    gap = np.abs(c_s - c_p)[1:11]  # t = 2 … 11
    assert gap[:, 7].min() > 1.5
    assert int(np.argmax(gap.min(axis=0))) == 7


def test_the_trained_gru_passes_the_number_from_unit_to_unit(cli):
    """What the README says of perro_gru: the unit where "el perro …" and "los perros …" differ
    most is the 5th at "que", the 4th at "vi", the 1st at "ayer", the 7th at "en"; every unit's
    difference falls below 0.01 somewhere from "que" to the comma; the longest stretch of an
    update gate ≥ 0.9 is unit 6 from "Ana" to "la" in the singular (the note says so), where
    singular and plural differ by less than 0.1: not the number."""
    s = "vi ayer en casa de Ana por la tarde , {v} {a}"
    sing = forward_json(cli, "-e", "perro_gru", "-s", "el perro que " + s.format(v="estaba", a="lleno"))
    plur = forward_json(cli, "-e", "perro_gru", "-s", "los perros que " + s.format(v="estaban", a="llenos"))
    h_s, h_p = (np.array([x["values"]["h"] for x in d["steps"]]) for d in (sing, plur))
    gap = np.abs(h_s - h_p)
    assert [int(np.argmax(gap[t - 1])) + 1 for t in (3, 4, 5, 6)] == [5, 4, 1, 7]
    assert gap[2:13].min(axis=0).max() < 0.01
    z_s, z_p = (np.array([x["values"]["z"] for x in d["steps"]]) for d in (sing, plur))
    assert longest_runs(z_p)[0] < 3 and plur["kept"] is None
    assert longest_runs(z_s) == (3, 9, 11) and (sing["kept"]["units"], sing["kept"]["from_t"]) == ([6], 9)
    assert gap[8:11, 5].max() < 0.1


def test_no_note_where_no_gate_stays_near_1(cli):
    """The trained GRU passes the number from unit to unit (no z_t stays ≥ 0.9 for 3 steps), and
    untrained gates sit near 0.5: no note, JSON kept null."""
    for args in (["-e", "perro_gru"], ["-e", "lecture", "--cell", "gru"], ["-e", "lecture", "--cell", "lstm"],
                 ["-e", "perro", "--cell", "gru"], ["-e", "perro", "--cell", "lstm"], ["-e", "lecture"]):
        d = forward_json(cli, *args)
        if d["cell"] != "rnn":
            g = np.array([s["values"]["z" if d["cell"] == "gru" else "f"] for s in d["steps"]])
            assert longest_runs(g)[0] < 3, args
        assert d["kept"] is None, args
        out = cli("forward", *args).output + cli("forward", *args, "--brief").output
        assert "stays ≥" not in out and "Γ_t ≈ 1" not in out, args
        assert "se mantiene ≥" not in cli("--lang", "es", "forward", *args, "--brief").output, args


def test_a_gru_whose_update_gate_keeps(cli, tmp_path):
    """b_z = 3 on units 1 and 3: z_t ≈ 0.95 there at every step, so the GRU's note appears, for
    both units, with ∏ z_t the share of h_1 still in h_5."""
    path = tmp_path / "keep.toml"
    path.write_text(KEEP_GRU)
    d = forward_json(cli, "-e", str(path))
    z = np.array([s["values"]["z"] for s in d["steps"]])
    h = np.array([s["values"]["h"] for s in d["steps"]])
    assert (z[1:, [0, 2]] >= 0.9).all() and (z[1:, 1] < 0.9).any()
    k = d["kept"]
    assert (k["gate"], k["from_t"], k["to_t"], k["units"]) == ("z", 2, 5, [1, 3])
    assert k["kept"] == pytest.approx(np.prod(z[1:, [0, 2]], axis=0).tolist(), rel=1e-12)
    # ∏ z_t is the share of h_1 in h_5: h_5 − (∏ z)·h_1 is what the candidates wrote, the same
    # sum unrolled by hand
    for j, u in enumerate([0, 2]):
        written = 0.0
        for t in range(1, 5):
            h_tilde = (h[t, u] - z[t, u] * h[t - 1, u]) / (1 - z[t, u])
            written = z[t, u] * written + (1 - z[t, u]) * h_tilde
        assert h[4, u] == pytest.approx(k["kept"][j] * h[0, u] + written, abs=1e-14)
    out = " ".join(cli("forward", "-e", str(path), "--brief").output.split())
    assert "Γ_t = z_t stays ≥ 0.9 on units 1, 3 (smallest: 0.9223) from “love” to “networks” (t = 2 … 5)" in out
    assert "the cell keeps what it held after “I”" in out
    es = " ".join(cli("--lang", "es", "forward", "-e", str(path), "--brief").output.split())
    assert "Γ_t = z_t se mantiene ≥ 0.9 en las unidades 1, 3 (la menor: 0.9223) desde «love» hasta «networks»" in es


def test_kept_run_takes_the_longest_run_and_every_unit_over_it():
    g = np.full((8, 3), 0.5)
    g[1:4, 0] = 0.95  # t = 2 … 4
    g[3:8, 1] = 0.97  # t = 4 … 8: the longest
    g[3:8, 2] = 0.92  # the same steps
    g[0, :] = 0.99  # t = 1 acts on h_0 = 0: never a keep
    s = np.arange(24.0).reshape(8, 3)
    k = gates.kept_run("gru", g, s)
    assert (k.start, k.end, k.units, k.min_gate) == (4, 8, [2, 3], 0.92)
    assert k.kept == pytest.approx([0.97 ** 5, 0.92 ** 5]) and k.before == [7.0, 8.0] and k.after == [22.0, 23.0]
    assert gates.kept_run("gru", g[:3], s[:3]) is None  # t = 2 … 3: two steps are not "stays"
    assert gates.kept_run("rnn", g, s) is None
    g[5, 1] = g[5, 2] = np.nan  # a nan gate keeps nothing: the runs are now t = 2 … 4 and t = 7 … 8
    assert (gates.kept_run("lstm", g, s).start, gates.kept_run("lstm", g, s).units) == (2, [1])


def bptt_json(cli, *args):
    r = cli("bptt", *args, "--no-gradcheck", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def test_the_gradient_survives_perro_lstms_gap(cli):
    d = bptt_json(cli, "-e", "perro_lstm")
    norms = {n["k"]: n["norm"] for n in d["norms"]}
    inner = [norms[k] for k in range(1, 15)]
    assert 1 <= min(inner) and max(inner) <= 10
    sv = d["analysis"]["survival"]
    assert sv["survives"] and (sv["k_smallest"], sv["k_largest"]) == (1, 14)
    assert 10 ** sv["log10_smallest"] == pytest.approx(min(inner), rel=1e-12)
    out = " ".join(cli("bptt", "-e", "perro_lstm", "--no-gradcheck").output.split())
    assert ("The gradient survives the gap: from k = 14 back to k = 1 (“estaban” back to “los”), "
            "‖∂s^(15)/∂s^(k)‖ stays between 1, its size at k = 15, and 10 (smallest 1.1105 at k = 1, largest "
            "3.6327 at k = 14): it neither vanishes nor explodes on the way back.") in out
    es = " ".join(cli("--lang", "es", "bptt", "-e", "perro_lstm", "--no-gradcheck", "--brief").output.split())
    assert "El gradiente sobrevive a la distancia: desde k = 14 hasta k = 1 (de «estaban» a «los»)" in es


@pytest.mark.parametrize("args", [["-e", "perro_gru"], ["-e", "lecture"], ["-e", "lecture", "--cell", "lstm"],
                                  ["-e", "perro", "--cell", "lstm"], ["--scale", "3", "--activation", "relu"]])
def test_no_survival_note_where_the_gradient_vanishes_or_explodes(cli, args):
    d = bptt_json(cli, *args)
    inner = [n["log10_norm"] for n in d["norms"] if 1 <= n["k"] < len(d["norms"])]
    assert min(inner) < 0 or max(inner) > 1  # the numbers say no
    assert d["analysis"]["survival"]["survives"] is False
    assert "survives the gap" not in cli("bptt", *args, "--no-gradcheck").output
    assert "sobrevive" not in cli("--lang", "es", "bptt", *args, "--no-gradcheck", "--brief").output
