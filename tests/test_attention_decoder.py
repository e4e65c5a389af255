"""The seq2seq decoder that predicts (--decode, --score) against an independent numpy loop that
reads the example file itself, and the bad input of the new options."""
from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import numpy as np
import pytest

from test_attention_cli import SELF_FILE, SEQ_FILE, check

EXAMPLES = Path(__file__).parent.parent / "examples"


def doc_of(cli, *args):
    r = cli("attention", "--mode", "seq2seq", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def by_hand(file: dict, params: dict, score: str, decode: str, feed: bool = False):
    """Theirs: loops over Python floats and small numpy products, from the lecture's equations and
    J&M's output layer, the weights taken from the file or (drawn ones) from the document."""
    sv, tv = file["source_vocab"], file["target_vocab"]
    out_vocab = [w for w in tv if w != "<s>"]
    enc, dec = params["encoder"], params["decoder"]
    A = params.get("attention", {})
    H = file["hidden_size"]

    def step(p, word, vocab, h, c=None):
        a = np.array(p["W_xh"])[vocab.index(word)] + np.array(h) @ np.array(p["W_hh"])
        if c is not None:
            a = a + np.array(c) @ np.array(p["W_ch"])
        return [math.tanh(x) for x in a]

    h = [0.0] * H
    E = []
    for w in file["source"]:
        h = step(enc, w, sv, h)
        E.append(h)

    def sc(q, e):
        if score == "dot":
            return sum(a * b for a, b in zip(q, e))
        if score == "general":
            return float(np.array(q) @ np.array(A["W_a"]) @ np.array(e))
        hidden = np.tanh(np.array(q) @ np.array(A["W_1"]) + np.array(e) @ np.array(A["W_2"]))
        return float(hidden @ np.array(A["v"]))

    outputs, losses, preds, reads = [], [], [], []
    prev = "<s>"
    for i, ref in enumerate(file["target"]):
        s = [sc(h, e) for e in E]
        m = max(s)
        alpha = [math.exp(x - m) / sum(math.exp(y - m) for y in s) for x in s]
        c = [sum(alpha[j] * E[j][k] for j in range(len(E))) for k in range(H)]
        reads.append(prev)
        h = step(dec, prev, tv, h, c if feed else None)
        z = np.array(h + c) @ np.array(dec["W_out"]) + np.array(dec.get("b_out", np.zeros(len(out_vocab))))
        y = [math.exp(v - max(z)) for v in z]
        y = [v / sum(y) for v in y]
        outputs.append(y)
        losses.append(-math.log(y[out_vocab.index(ref)]))
        preds.append(out_vocab[int(np.argmax(y))])
        prev = ref if decode == "teacher" else preds[-1]
    return outputs, losses, preds, reads


@pytest.mark.parametrize("sentence", [None, "etxe txikia -> the small house", "txikia etxe handia -> house the big small"])
@pytest.mark.parametrize("score", ["dot", "general", "additive"])
@pytest.mark.parametrize("decode", ["teacher", "greedy"])
def test_outputs_and_loss_equal_an_independent_loop(cli, sentence, score, decode):
    file = tomllib.loads((EXAMPLES / "etxe_handia.toml").read_text(encoding="utf-8"))
    args = ["--score", score, "--decode", decode] + (["--score-size", "4"] if score == "additive" else [])
    if sentence:
        args += ["--sentence", sentence]
        src, tgt = sentence.split(" -> ")
        file["source"], file["target"] = src.split(), tgt.split()
    d = doc_of(cli, *args)
    outputs, losses, preds, reads = by_hand(file, d["params"], score, decode)
    assert np.allclose(d["outputs"], outputs, rtol=1e-12, atol=1e-14)
    assert np.allclose(d["losses"], losses, rtol=1e-12, atol=1e-14)
    assert d["loss"] == pytest.approx(sum(losses), rel=1e-12)
    assert d["predictions"] == preds and d["decoder_reads"] == reads
    assert d["hits"] == [p == t for p, t in zip(preds, file["target"])]
    assert d["score"] == score and d["decode"] == decode
    assert np.array(d["params"]["decoder"]["W_out"]).shape == (6, 4) and d["output_vocab"] == ["the", "big", "small", "house"]


def test_fed_context_outputs_equal_an_independent_loop(cli):
    file = tomllib.loads((EXAMPLES / "etxe_handia.toml").read_text(encoding="utf-8"))
    d = doc_of(cli, "--feed-context", "--decode", "greedy")
    outputs, losses, preds, _ = by_hand(file, d["params"], "dot", "greedy", feed=True)
    assert np.allclose(d["outputs"], outputs, rtol=1e-12) and d["predictions"] == preds


def test_the_worked_example_predicts_the_big_house_and_misses_small(cli):
    d = doc_of(cli)
    assert d["predictions"] == ["the", "big", "house"] and all(d["hits"]) and d["decode"] == "teacher"
    d = doc_of(cli, "--sentence", "etxe txikia -> the small house")
    assert d["predictions"] == ["the", "big", "house"] and d["hits"] == [True, False, True]


def test_greedy_feeds_back_its_own_miss(cli):
    """Teacher forcing reads the reference 'small' at step 3; greedy reads its own 'big'."""
    s = "etxe txikia -> the small house"
    assert doc_of(cli, "-s", s)["decoder_reads"] == ["<s>", "the", "small"]
    assert doc_of(cli, "-s", s, "--decode", "greedy")["decoder_reads"] == ["<s>", "the", "big"]


def test_score_weights_from_the_example_file_are_used(cli, write_example):
    path = write_example(SEQ_FILE + "[attention]\nW_1 = [[1.0], [0.5]]\nW_2 = [[0.25], [-1.0]]\nv = [2.0]\n")
    d = json.loads(cli("attention", "-e", path, "--score", "additive", "--format", "json").output)
    assert d["params"]["attention"] == {"W_1": [[1.0], [0.5]], "W_2": [[0.25], [-1.0]], "v": [2.0]}
    assert not {"W_1", "W_2", "v"} & set(d["drawn"])


@pytest.mark.parametrize("text,args,fragments", [
    (SEQ_FILE, ["--score", "additive"], ["--score additive needs the size d_a", "--score-size"]),
    (SEQ_FILE, ["--score", "additive", "--score-size", "0"], ["--score-size 0 is out of range"]),
    (SEQ_FILE, ["--score", "general", "--score-size", "3"], ["--score-size applies to --score additive only"]),
    (SEQ_FILE + "[attention]\nW_a = [[1.0, 2.0, 3.0]]\n", ["--score", "general"],
     ["W_a is 1×3, but --score general with H = 2 needs W_a to be 2×2"]),
    (SEQ_FILE + "[decoder]\nW_out = [[1.0, 2.0], [1.0, 2.0]]\n", [],
     ["W_out is 2×2, but [h^d_i ; c_i] is 1×4", "so W_out must be 4×2"]),
    (SEQ_FILE + "[decoder]\nb_out = [1.0, 2.0, 3.0]\n", [], ["b_out has 3 entries", "the 2 target words"]),
    (SELF_FILE, ["--decode", "greedy"], ["--decode applies to encoder–decoder attention only"]),
    (SELF_FILE, ["--score", "general"], ["--score applies to encoder–decoder attention only"]),
    (SELF_FILE, ["--block", "--heads", "3"], ["--heads 3 is out of range"]),
    (SELF_FILE.replace("d_model = 2", "d_model = 6").replace("[0.1, 0.2]", "[0.1, 0.2, 0, 0, 0, 0]")
     .replace("[0.3, 0.4]", "[0.3, 0.4, 0, 0, 0, 0]"), ["--block", "--heads", "4"],
     ["--heads 4 does not divide the model dimension d_model = 6"]),
    (SELF_FILE, ["--backward"], ["--backward needs a label for each token", "--labels"]),
    (SELF_FILE, ["--backward", "--labels", "a"], ["--labels: 1 labels for 2 tokens"]),
    (SELF_FILE, ["--backward", "--labels", "a q"], ["'q' is not in the vocabulary"]),
    (SELF_FILE, ["--labels", "a b"], ["--labels gives the classifier's labels, so it needs --backward"]),
    (SELF_FILE, ["--backward", "--heads", "2"], ["--backward traces one head"]),
    (SELF_FILE, ["--backward", "--block"], ["--backward and --block cannot be used together"]),
    (SELF_FILE, ["--block", "--mask", "causal"], ["--mask does not apply to --block"]),
    (SELF_FILE + "[block]\nW_1 = [[1.0]]\n", ["--block"], ["W_1 is 1×1, but the encoder block needs W_1 to be 2×8"]),
    (SELF_FILE + "[task]\nlabels = [\"a\"]\n", [], ["task.labels: 1 labels for 2 tokens"]),
    (SELF_FILE + "[weights]\nW_C = [[1.0]]\n", ["--backward", "--labels", "a b"], ["A·W_C cannot be computed", "W_C needs 2 rows"]),
    (SELF_FILE + "[weights]\nW_C = [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]\n", ["--backward", "--labels", "a b"],
     ["W_C is 2×3, but A·W_C (A is 2×2) needs W_C to be 2×2"]),
    (SELF_FILE + "[weights]\nb_C = [1.0]\n", ["--backward", "--labels", "a b"], ["b_C has 1 entries", "2 classes"]),
    (SEQ_FILE, ["--backward"], ["--backward applies to self-attention only"]),
])
def test_bad_input_of_the_new_options(cli, write_example, text, args, fragments):
    check(cli("attention", "--example", write_example(text), *args), "attention", *fragments)
