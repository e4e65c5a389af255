"""``rnntrace attention`` and ``rnntrace positional`` through click's CliRunner: output, JSON,
the worked examples' numbers against independent computations, and every bad input."""
import json
import math
import string

import numpy as np
import pytest


def doc_of(cli, *args):
    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def softmax_rows(S):
    S = np.asarray(S, dtype=float)
    out = []
    for row in S:
        e = [math.exp(s - max(row)) for s in row]
        out.append([x / sum(e) for x in e])
    return np.array(out)


# ---- self-attention ------------------------------------------------------------------------------
SLIDE = {"el": (0.4, 0.2, 0.1), "doctor": (0.2, 0.2, 0.2), "salvó": (0.1, 0.1, 0.3),
         "al": (0.2, 0.2, 0.1), "paciente": (0.1, 0.2, 0.2)}


def test_self_attention_json_keys_and_shapes(cli):
    d = doc_of(cli, "attention")
    for key in ("command", "mode", "tokens", "X", "Q", "K", "V", "scores", "scaled_scores", "weights", "output"):
        assert key in d, key
    assert d["command"] == "attention" and d["mode"] == "self" and "heads" not in d
    assert d["tokens"] == ["el", "doctor", "salvó", "al", "paciente"]
    n, dm = 5, 4
    for key, shape in (("X", (n, dm)), ("Q", (n, dm)), ("K", (n, dm)), ("V", (n, dm)), ("scores", (n, n)),
                       ("scaled_scores", (n, n)), ("weights", (n, n)), ("output", (n, dm))):
        assert np.array(d[key]).shape == shape, key
    assert d["warnings"] == []


def test_self_attention_numbers_against_a_direct_computation(cli):
    d = doc_of(cli, "attention")
    E = np.array(d["embeddings"])
    for word, row in zip(d["tokens"], E):  # the slide's visible entries: 1, 2 and the last
        assert (row[0], row[1], row[-1]) == SLIDE[word]
    P = [[math.sin(t / 10000 ** (2 * (i // 2) / 4)) if i % 2 == 0 else math.cos(t / 10000 ** (2 * (i // 2) / 4))
          for i in range(4)] for t in range(5)]
    np.testing.assert_allclose(d["positional_encodings"], P, rtol=0, atol=1e-15)
    X = E + np.array(P)
    np.testing.assert_allclose(d["X"], X, rtol=0, atol=1e-15)
    W = {k: np.array(v) for k, v in d["params"].items()}
    Q, K, V = X @ W["W_Q"], X @ W["W_K"], X @ W["W_V"]
    np.testing.assert_allclose(d["Q"], Q, rtol=1e-13)
    S = [[sum(Q[i, c] * K[j, c] for c in range(4)) for j in range(5)] for i in range(5)]
    np.testing.assert_allclose(d["scores"], S, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(d["scaled_scores"], np.array(S) / 2, rtol=1e-13, atol=1e-15)
    A = softmax_rows(np.array(S) / 2)
    np.testing.assert_allclose(d["weights"], A, rtol=1e-13)
    np.testing.assert_allclose(np.sum(d["weights"], axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(d["output"], A @ V, rtol=1e-12, atol=1e-15)
    assert d["scaling"] == 2.0 and d["drawn"] == ["W_Q", "W_K", "W_V"]


def test_causal_mask_in_json_is_null_and_zero(cli):
    d = doc_of(cli, "attention", "--mask", "causal")
    for i in range(5):
        for j in range(5):
            if j > i:
                assert d["scaled_scores"][i][j] is None and d["weights"][i][j] == 0.0
            else:
                assert d["scaled_scores"][i][j] is not None
    assert d["weights"][0][0] == 1.0 and d["warnings"] == []  # the mask is not a warning


def test_heads_json(cli):
    d = doc_of(cli, "attention", "--heads", "2", "--mask", "causal")
    assert d["n_heads"] == 2 and d["d_k"] == 2 and len(d["heads"]) == 2
    for h in d["heads"]:
        assert set(h) == {"Q", "K", "V", "scores", "scaled_scores", "weights", "output"}
        assert np.array(h["Q"]).shape == (5, 2) and np.array(h["weights"]).shape == (5, 5)
        assert h["scaled_scores"][0][1] is None
    assert np.array(d["weights"]).shape == (2, 5, 5)
    concat = np.concatenate([np.array(h["output"]) for h in d["heads"]], axis=1)
    np.testing.assert_allclose(d["concat"], concat, rtol=0, atol=0)
    np.testing.assert_allclose(d["output"], concat @ np.array(d["params"]["W_O"]), rtol=1e-13, atol=1e-15)


def test_dk_and_no_scale(cli):
    d = doc_of(cli, "attention", "--dk", "16", "--no-scale")
    assert d["d_k"] == 16 and d["scaling"] == 1.0 and np.array(d["Q"]).shape == (5, 16)
    assert d["scores"] == d["scaled_scores"]
    out = cli("attention", "--dk", "16", "--no-scale").output
    assert "Why scale by √d_k" in out
    row = next(line for line in out.splitlines() if line.lstrip().startswith("16 "))
    assert row.rstrip().endswith("← d_k = 16 here")  # the measured row of this run's d_k is marked


def test_rows_sum_to_one_in_the_rendering(cli):
    out = cli("attention").output
    assert "q \\ k" in out and "Σ_j" in out and "Every row of weights sums to 1" in out
    assert "Q (5×4) · Kᵀ (4×5) → (5×5)" in out


def test_sentence_without_positional_encodings_permutes_rows(cli, write_example):
    """No positional encodings: reordering the words only reorders the output rows."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "examples" / "doctor.toml").read_text(encoding="utf-8")
    path = write_example(text.replace('positional = "sinusoidal"', 'positional = "none"'))
    a = doc_of(cli, "attention", "--example", path)
    b = doc_of(cli, "attention", "--example", path, "--sentence", "paciente salvó al doctor el")
    perm = [a["tokens"].index(w) for w in b["tokens"]]
    np.testing.assert_allclose(b["output"], np.array(a["output"])[perm], rtol=1e-13, atol=1e-15)
    assert np.all(np.array(a["positional_encodings"]) == 0)
    # with positional encodings the same reordering changes the rows themselves
    c = doc_of(cli, "attention")
    e = doc_of(cli, "attention", "--sentence", "paciente salvó al doctor el")
    assert not np.allclose(e["output"], np.array(c["output"])[perm])


def test_spanish(cli):
    out = cli("attention", "--lang", "es").output
    assert "Consulta, clave y valor" in out and "pesos de atención" in out
    out = cli("attention", "--mode", "seq2seq", "--lang", "es").output
    assert "Codificador" in out and "Decodificador" in out
    out = cli("attention", "--mode", "seq2seq", "--feed-context", "--lang", "es").output
    for text in ("decodificador alimentado con c_i (--feed-context)", "Decodificador, que recibe su contexto c_i",
                 "Paso i: h^d_{i−1} da c_i primero, luego h^d_i lee", "i = 1 · lee “<s>” y c_1 → h^d_1",
                 "i = 3 · lee “big” y c_3 → h^d_3", "Sacados de la semilla 0"):
        assert text in out, text
    out = cli("positional", "--lang", "es").output
    assert "Haciendo explícita la posición" in out


# ---- seq2seq ---------------------------------------------------------------------------------------
def test_seq2seq_json_keys_and_shapes(cli):
    d = doc_of(cli, "attention", "--mode", "seq2seq")
    for key in ("command", "mode", "source", "target", "encoder_states", "decoder_states", "scores",
                "weights", "contexts"):
        assert key in d, key
    assert d["mode"] == "seq2seq" and d["source"] == ["etxe", "handia"] and d["target"] == ["the", "big", "house"]
    assert np.array(d["encoder_states"]).shape == (2, 3) and np.array(d["decoder_states"]).shape == (3, 3)
    assert np.array(d["scores"]).shape == (3, 2) and np.array(d["contexts"]).shape == (3, 3)
    np.testing.assert_allclose(d["scores"], np.array(d["decoder_states"]) @ np.array(d["encoder_states"]).T,
                               rtol=1e-14)


def test_the_example_is_chosen_by_its_kind(cli):
    assert doc_of(cli, "attention", "--example", "etxe_handia")["mode"] == "seq2seq"


def test_seq2seq_against_an_independent_rnn(cli):
    """Encoder and decoder recomputed here with plain tanh loops; α and c_i by hand."""
    d = doc_of(cli, "attention", "--mode", "seq2seq")
    enc, dec = ({k: np.array(v) for k, v in d["params"][s].items()} for s in ("encoder", "decoder"))
    sv, tv = d["source_vocab"], d["target_vocab"]

    def step(p, word, vocab, h):
        a = [p["W_xh"][vocab.index(word)][c] + sum(h[r] * p["W_hh"][r][c] for r in range(3)) + p["b_h"][c]
             for c in range(3)]
        return [math.tanh(x) for x in a]

    h, E = [0.0, 0.0, 0.0], []
    for w in d["source"]:
        h = step(enc, w, sv, h)
        E.append(h)
    D = [h]
    for w in ["<s>", "the"]:
        D.append(step(dec, w, tv, D[-1]))
    np.testing.assert_allclose(d["encoder_states"], E, rtol=1e-14)
    np.testing.assert_allclose(d["decoder_states"], D, rtol=1e-14)
    for i in range(3):
        score = [sum(D[i][c] * E[j][c] for c in range(3)) for j in range(2)]
        alpha = softmax_rows([score])[0]
        c = [sum(alpha[j] * E[j][k] for j in range(2)) for k in range(3)]
        np.testing.assert_allclose(d["weights"][i], alpha, rtol=1e-14)
        np.testing.assert_allclose(d["contexts"][i], c, rtol=1e-13)
        assert math.isclose(sum(d["weights"][i]), 1.0, abs_tol=1e-15)


def test_the_alignment_crosses(cli):
    """etxe handia → the big house: big looks at handia, house at etxe (and the at handia, whose
    suffix -a is the article). The numbers are pinned."""
    d = doc_of(cli, "attention", "--mode", "seq2seq")
    A = np.array(d["weights"])
    np.testing.assert_allclose(A, [[0.2942, 0.7058], [0.1884, 0.8116], [0.7634, 0.2366]], atol=5e-5)
    src = d["source"]
    assert [src[j] for j in A.argmax(axis=1)] == ["handia", "handia", "etxe"]
    assert A[1, 1] > 0.8 and A[2, 0] > 0.75
    out = cli("attention", "--mode", "seq2seq").output
    table = out[out.index("i \\ j"):].splitlines()
    assert table[0].split()[-1] == "α"  # the "largest α" column
    assert [" ".join(row.split()[-2:]) for row in table[2:5]] == ["handia (j=2)", "handia (j=2)", "etxe (j=1)"]


def test_seq2seq_sentence_with_target(cli):
    d = doc_of(cli, "attention", "--mode", "seq2seq", "--sentence", "etxe txikia -> the small house")
    assert d["source"] == ["etxe", "txikia"] and d["target"] == ["the", "small", "house"]
    assert np.array(d["weights"]).shape == (3, 2)
    d = doc_of(cli, "attention", "--mode", "seq2seq", "--sentence", "etxe")
    assert d["source"] == ["etxe"] and d["weights"] == [[1.0], [1.0], [1.0]]


def test_context_term_by_term_in_the_rendering(cli):
    out = cli("attention", "--mode", "seq2seq").output
    assert "c_3 = Σ_j α_{3,j} h^e_j" in out
    assert "α_{3,1} h^e_1 = 0.7634 · [0.7163 -0.3799 0.1974] = [0.5468 -0.2900 0.1507]" in out
    assert "h^d_2 (1×3) · Eᵀ (3×2) → (1×2)" in out


# ---- seq2seq, the decoder fed its context (--feed-context) ---------------------------------------------
def fed_loop(d):
    """The fed decoder recomputed from the document's own weights with a plain numpy loop, in the
    causal order: for target word i, h^d_{i−1} → scores → α_{i,·} → c_i, then (i < m)
    h^d_i = tanh(y_{i−1}·W_xh + h^d_{i−1}·W_hh + c_i·W_ch + b_h), y_0 = <s>."""
    enc, dec = ({k: np.array(v) for k, v in d["params"][s].items()} for s in ("encoder", "decoder"))
    sv, tv = d["source_vocab"], d["target_vocab"]
    h, E = np.zeros(d["hidden_size"]), []
    for w in d["source"]:
        h = np.tanh(np.eye(len(sv))[sv.index(w)] @ enc["W_xh"] + h @ enc["W_hh"] + enc["b_h"])
        E.append(h)
    E = np.array(E)
    reads = ["<s>"] + d["target"]
    D, A, C = [], [], []
    for i in range(len(d["target"])):
        D.append(h)
        s = E @ h
        a = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
        c = a @ E
        A.append(a)
        C.append(c)
        if i < len(d["target"]) - 1:
            y = np.eye(len(tv))[tv.index(reads[i])]
            h = np.tanh(y @ dec["W_xh"] + h @ dec["W_hh"] + c @ dec["W_ch"] + dec["b_h"])
    return E, np.array(D), np.array(A), np.array(C)


def test_fed_decoder_against_an_independent_numpy_loop(cli):
    d = doc_of(cli, "attention", "--mode", "seq2seq", "--feed-context")
    E, D, A, C = fed_loop(d)
    np.testing.assert_allclose(d["encoder_states"], E, rtol=1e-14)
    np.testing.assert_allclose(d["decoder_states"], D, rtol=1e-13)  # row i = h^d_{i−1}, scores word i
    np.testing.assert_allclose(d["weights"], A, rtol=1e-13)
    np.testing.assert_allclose(d["contexts"], C, rtol=1e-13)
    np.testing.assert_allclose(np.sum(d["weights"], axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(d["scores"], np.array(d["decoder_states"]) @ E.T, rtol=1e-14)
    plain = doc_of(cli, "attention", "--mode", "seq2seq")
    assert d["decoder_states"][0] == plain["decoder_states"][0]  # h^d_0 = h^e_n either way
    assert not np.allclose(d["decoder_states"][1:], plain["decoder_states"][1:])  # c_1, c_2 went in


def test_fed_decoder_on_a_file_with_W_ch_and_a_bias(cli, write_example):
    path = write_example(SEQ_FILE + "[decoder]\nW_ch = [[0.5, -0.5], [0.25, 1.0]]\nb_h = [0.1, -0.1]\n")
    d = doc_of(cli, "attention", "--example", path, "--feed-context")
    assert d["params"]["decoder"]["W_ch"] == [[0.5, -0.5], [0.25, 1.0]] and "W_ch^d" not in d["drawn"]
    _, D, A, C = fed_loop(d)
    np.testing.assert_allclose(d["decoder_states"], D, rtol=1e-13)
    np.testing.assert_allclose(d["weights"], A, rtol=1e-13)
    out = cli("attention", "--example", path, "--feed-context").output
    assert "a_t = x_t·W_xh^d + h_{t−1}·W_hh^d + c_1·W_ch^d + b_h^d" in out
    plain = doc_of(cli, "attention", "--example", path)
    assert "W_ch" not in plain["params"]["decoder"] and plain["feed_context"] is False
    assert "In the example file but not used without --feed-context: W_ch^d" in cli("attention", "--example", path).output


def test_fed_alignment_still_crosses(cli):
    """W_ch^d is drawn from seed 0 (the example does not give it); "the" is scored by h^d_0 = h^e_2,
    which no context reaches, so its row is the default's."""
    d = doc_of(cli, "attention", "--mode", "seq2seq", "--feed-context")
    np.testing.assert_allclose(d["weights"], [[0.2942, 0.7058], [0.2024, 0.7976], [0.7722, 0.2278]], atol=5e-5)
    assert d["drawn"] == ["W_ch^d"] and np.array(d["params"]["decoder"]["W_ch"]).shape == (3, 3)
    assert doc_of(cli, "attention", "--mode", "seq2seq", "--feed-context", "--seed", "1")["params"]["decoder"]["W_ch"] \
        != d["params"]["decoder"]["W_ch"]


def test_feed_context_json_keys(cli):
    fed = doc_of(cli, "attention", "--mode", "seq2seq", "--feed-context")
    plain = doc_of(cli, "attention", "--mode", "seq2seq")
    assert fed["feed_context"] is True and plain["feed_context"] is False
    assert list(fed["params"]["decoder"]) == ["W_xh", "W_hh", "b_h", "W_ch", "W_out", "b_out"]
    assert list(plain["params"]["decoder"]) == ["W_xh", "W_hh", "b_h", "W_out", "b_out"]
    assert np.array(fed["decoder_states"]).shape == (3, 3) and np.array(fed["contexts"]).shape == (3, 3)
    assert set(fed) == set(plain) and fed["warnings"] == []


def test_fed_decoder_step_follows_its_context_in_the_rendering(cli):
    """The order is causal on screen too: c_i is computed, then the step that reads it (the last
    one too: h^d_3 and c_3 predict the last word); the header says which decoder this is."""
    out = cli("attention", "--mode", "seq2seq", "--feed-context").output
    assert "decoder fed its context c_i (--feed-context)" in out
    assert "h^d_i = tanh(y_{i−1}·W_xh^d + h^d_{i−1}·W_hh^d + c_i·W_ch^d + b_h^d)" in out
    assert "Drawn from seed 0 (U(−1/√H, 1/√H), rounded to 2 decimals): W_ch^d" in out
    order = ["Decoder (decodificador), fed its context c_i", "c_1 = [0.1146 0.3552 0.3271]",
             "i = 1 · reads “<s>” and c_1 → h^d_1", "c_1·W_ch^d    c_1 (1×3) · W_ch^d (3×3) → (1×3)",
             "a_t = x_t·W_xh^d + h_{t−1}·W_hh^d + c_1·W_ch^d    (1×3) + (1×3) + (1×3) → (1×3)",
             "i = 2 · target “big”: scored by h^d_1", "c_2 = [", "i = 2 · reads “the” and c_2 → h^d_2",
             "i = 3 · target “house”: scored by h^d_2", "c_3 = [", "i = 3 · reads “big” and c_3 → h^d_3"]
    at = [out.index(x) for x in order]
    assert at == sorted(at)


# ---- positional ------------------------------------------------------------------------------------
def test_positional_json(cli):
    d = doc_of(cli, "positional", "--length", "16", "--dim", "6")
    assert d["command"] == "positional" and d["positions"] == list(range(16))
    assert np.array(d["index"]).shape == (16, 1) and np.array(d["binary"]).shape == (16, 4)
    assert d["binary"][5] == [0, 1, 0, 1] and d["binary"][15] == [1, 1, 1, 1]
    S = np.array(d["sinusoidal"])
    assert S.shape == (16, 6)
    assert S[3, 2] == math.sin(3 / 10000 ** (2 / 6)) and S[3, 5] == math.cos(3 / 10000 ** (4 / 6))
    props = d["properties"]
    assert props["sinusoidal"]["relative"] and not props["index"]["relative"] and not props["binary"]["relative"]
    assert props["sinusoidal"]["bounded"] and not props["index"]["bounded"]
    assert all(p["unique"] for p in props.values())
    assert max(props["sinusoidal"]["dot_spread"]) < 1e-12
    np.testing.assert_allclose(props["sinusoidal"]["dot_expected"],
                               [sum(math.cos(D / 10000 ** (2 * k / 6)) for k in range(3)) for D in range(16)],
                               rtol=1e-14)


def test_positional_rendering(cli):
    out = cli("positional").output
    assert "Σ_k" in out and "✓" in out and "✗" in out
    assert "1111" in out  # the lecture's 4-bit table, 0…15


# ---- bad input -------------------------------------------------------------------------------------
def check(result, command, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr.strip()
    assert "Traceback" not in err
    if "Usage" not in err:  # click's own usage errors keep click's layout
        assert len(err.splitlines()) == 1 and err.startswith(f"rnntrace {command}: error:"), err
    for f in fragments:
        assert f in err, f"{f!r} not in {err!r}"
    return err


@pytest.mark.parametrize("args,fragments", [
    (["--heads", "3"], ["--heads 3 does not divide", "d_model = 4", "1, 2, 4"]),
    (["--heads", "0"], ["--heads 0 is out of range"]),
    (["--heads", "1000"], ["--heads 1000 is out of range"]),
    (["--dk", "0"], ["--dk 0"]),
    (["--dk", "1000000"], ["--dk 1000000"]),
    (["--sentence", "el médico salvó"], ["'médico' is not in the vocabulary", "el doctor salvó al paciente"]),
    (["--sentence", ""], ["the sentence is empty"]),
    (["--sentence", "   "], ["the sentence is empty"]),
    (["--sentence", " ".join(["el"] * 65)], ["65 tokens; at most 64"]),
    (["--precision", "99"], ["--precision"]),
    (["--seed", "-1"], ["--seed"]),
    (["--example", "lecture"], ["kind 'cell'", "doctor"]),
    (["--example", "nope.toml"], ["nope.toml: no such file"]),
    (["--example", "doctr"], ["did you mean 'doctor'", "built-in examples: doctor, etxe_handia ("]),
    (["--mode", "seq2seq", "--example", "etxe"], ["no built-in example named 'etxe'", "built-in examples: etxe_handia ("]),
    (["--mode", "seq2seq", "--heads", "2"], ["--heads applies to self-attention only"]),
    (["--mode", "seq2seq", "--mask", "causal"], ["--mask applies to self-attention only"]),
    (["--mode", "seq2seq", "--no-scale"], ["--no-scale applies"]),
    (["--mode", "seq2seq", "--example", "doctor"], ["kind 'self-attention'", "etxe_handia"]),
    (["--mode", "seq2seq", "--sentence", "etxe handi"], ["'handi' is not in the vocabulary", "did you mean 'handia'"]),
    (["--mode", "seq2seq", "--sentence", "etxe handia -> the palace"], ["'palace'", "the big small house"]),
    (["--mode", "seq2seq", "--sentence", "etxe ->"], ["the sentence is empty"]),
    (["--mode", "seq2seq", "--sentence", "-> the house"], ["the sentence is empty"]),
    (["--mask", "sideways"], ["sideways"]),
    (["--mode", "self", "--feed-context"], ["--feed-context applies to encoder–decoder attention only (--mode seq2seq)"]),
    (["--feed-context"], ["--feed-context applies to encoder–decoder attention only"]),
    (["--example", "doctor", "--feed-context"], ["--feed-context applies"]),
])
def test_attention_bad_input(cli, args, fragments):
    check(cli("attention", *args), "attention", *fragments)


@pytest.mark.parametrize("args,fragments", [
    (["--dim", "5"], ["--dim 5 is odd", "try 4 or 6"]),
    (["--dim", "0"], ["--dim 0 is out of range"]),
    (["--dim", "100000"], ["--dim 100000 is out of range"]),
    (["--length", "1"], ["--length 1 is out of range; expected 2 to 256"]),
    (["--length", "1000000"], ["--length 1000000"]),
    (["--length", "x"], ["x"]),
])
def test_positional_bad_input(cli, args, fragments):
    check(cli("positional", *args), "positional", *fragments)


SELF_FILE = """
kind = "self-attention"
sentence = ["a", "b"]
d_model = 2
[embeddings]
a = [0.1, 0.2]
b = [0.3, 0.4]
"""
SEQ_FILE = """
kind = "seq2seq"
source_vocab = ["a", "b"]
target_vocab = ["<s>", "x", "y"]
source = ["a", "b"]
target = ["x", "y"]
hidden_size = 2
"""


@pytest.mark.parametrize("text,args,fragments", [
    (SELF_FILE.replace("a = [0.1, 0.2]", "a = [0.1, 0.2, 0.3]"), [], ["embeddings.a has 3 entries, but d_model = 2"]),
    (SELF_FILE.replace("d_model = 2", "d_model = 3").replace("[0.1, 0.2]", "[0.1, 0.2, 0.3]")
     .replace("[0.3, 0.4]", "[0.3, 0.4, 0.5]"), [], ["d_model = 3 is odd", "positional = \"none\""]),
    (SELF_FILE.replace('sentence = ["a", "b"]', 'sentence = ["a", "c"]'), [], ["'c' is not in the vocabulary", "a b"]),
    (SELF_FILE.replace('sentence = ["a", "b"]', "sentence = []"), [], ["the sentence is empty"]),
    (SELF_FILE + "[weights]\nW_X = [[1.0]]\n", [], ["no weight named 'W_X'", "W_Q W_K W_V W_O"]),
    (SELF_FILE + "[weights]\nW_Q = [[1.0, 2.0]]\n", [], ["X·W_Q cannot be computed: X is 2×2 and W_Q is 1×2; W_Q needs 2 rows"]),
    ("temperature = 2\n" + SELF_FILE, [], ["unknown field 'temperature'"]),
    (SELF_FILE + "[weights]\nW_V = [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]\n", [], ["W_V is 2×3, but X·W_V (X is 2×2) needs W_V to be 2×2"]),
    (SELF_FILE, ["--heads", "3"], ["--heads 3 is out of range; expected 1 to 2"]),
    (SEQ_FILE.replace('"<s>", ', ""), ["--mode", "seq2seq"], ["target_vocab must start with the start symbol '<s>'"]),
    (SEQ_FILE + "[encoder]\nW_hh = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]\n", [],
     ["[encoder]", "W_hh is 2×3, but h_{t−1}·W_hh must be 1×2"]),
    (SEQ_FILE + "[decoder]\nW_xh = [[0.1, 0.2], [0.1, 0.2]]\n", [],
     ["[decoder]", "W_xh is 2×2, but x_t is 1×3 (one-hot over 3 words)"]),
    (SEQ_FILE.replace('target = ["x", "y"]', 'target = ["x", "<s>"]'), [], ["'<s>' is not in the vocabulary"]),
    (SEQ_FILE.replace("hidden_size = 2", "hidden_size = 100000"), [], ["hidden_size = 100000 is out of range"]),
    (SEQ_FILE + "[decoder]\nW_ch = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]\n", ["--feed-context"],
     ["[decoder]: W_ch is 2×3, but the context c_i is 1×2", "so W_ch must be 2×2"]),
    (SEQ_FILE + "[encoder]\nW_ch = [[0.1, 0.2], [0.1, 0.2]]\n", [], ["encoder: no weight named 'W_ch'", "W_xh W_hh b_h"]),
])
def test_bad_example_files(cli, write_example, text, args, fragments):
    check(cli("attention", "--example", write_example(text), *args), "attention", *fragments)


def test_nonfinite_is_null_and_named(cli, write_example):
    path = write_example(SELF_FILE + "[weights]\nW_Q = [[1e300, 1e300], [1e300, 1e300]]\n"
                                     "W_K = [[1e300, 1e300], [1e300, 1e300]]\n")
    r = cli("attention", "--example", path, "--format", "json")
    d = json.loads(r.output)  # strict JSON
    assert r.exit_code == 0 and d["scores"][0][0] is None
    assert any(w.startswith("scores[0][0]") and "null" in w for w in d["warnings"])
    out = cli("attention", "--example", path).output
    assert "inf" in out


# ---- the catalogue -----------------------------------------------------------------------------------
def test_every_message_has_both_languages_and_the_same_fields():
    from rnntrace.messages.attention import MESSAGES

    fmt = string.Formatter()
    for key, (en, es) in MESSAGES.items():
        assert key.startswith(("attention.", "positional.")), key
        assert en.strip() and es.strip(), key
        fields = [{f for _, f, _, _ in fmt.parse(x) if f is not None} for x in (en, es)]
        assert fields[0] == fields[1], key


def test_no_message_key_is_written_twice():
    """A dict literal keeps the last of two equal keys silently, so the catalogue's own check
    (merging modules) cannot see it; read the source instead."""
    import ast
    from pathlib import Path

    import rnntrace.messages.attention as mod

    tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
    keys = [k.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for k in node.keys if isinstance(k, ast.Constant)]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert not twice and len(keys) == len(mod.MESSAGES)


def test_every_key_used_exists():
    import re
    from pathlib import Path

    from rnntrace.i18n import catalogue

    root = Path(__file__).parent.parent / "rnntrace"
    files = [root / "attention.py", root / "positional.py", root / "attention_examples.py",
             root / "attention_trace.py", root / "present" / "attention.py", root / "present" / "attention_backward.py",
             root / "present" / "attention_block.py", root / "present" / "positional.py",
             root / "commands" / "attention.py", root / "commands" / "positional.py"]
    used = set()
    for f in files:
        used |= set(re.findall(r't\("((?:attention|positional)\.[a-z_.]+)"', f.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in catalogue())
    assert not missing and len(used) > 40


def test_file_weights_that_the_options_cannot_use_are_an_error_that_names_the_product(cli, write_example):
    """A W_Q/W_K of another width than the options need is never replaced by drawn weights."""
    path = write_example(SELF_FILE + "[weights]\nW_Q = [[1.0, 0.0], [0.0, 1.0]]\nW_K = [[1.0, 0.0], [0.0, 1.0]]\n")
    d = doc_of(cli, "attention", "--example", path)
    assert d["params"]["W_Q"] == [[1.0, 0.0], [0.0, 1.0]] and d["drawn"] == ["W_V"]
    r = cli("attention", "--example", path, "--dk", "3")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == "rnntrace attention: error: W_Q is 2×2, but X·W_Q (X is 2×2) needs W_Q to be 2×3"
    path = write_example(SELF_FILE + "[weights]\nW_K = [[1.0, 0.0, 0.5], [0.0, 1.0, 0.5]]\n")
    r = cli("attention", "--example", path)
    assert r.exit_code == 2 and "X·W_K" in r.stderr and "needs W_K to be 2×2" in r.stderr


def test_seed_changes_only_drawn_weights(cli):
    a, b = doc_of(cli, "attention"), doc_of(cli, "attention", "--seed", "1")
    assert a["embeddings"] == b["embeddings"] and a["params"]["W_Q"] != b["params"]["W_Q"]
    a, b = doc_of(cli, "attention", "-m", "seq2seq"), doc_of(cli, "attention", "-m", "seq2seq", "--seed", "1")
    assert a["weights"] == b["weights"]  # every seq2seq weight is in the file
