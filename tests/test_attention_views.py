"""The terminal views of the decoder's output layer, the scores by kind, --backward and --block:
golden files at 80 columns, and each conditional sentence where it must and must not appear."""
from __future__ import annotations

import json

import numpy as np
import pytest

from rnntrace import attention_backward as ab, attention_examples as ae, attention_trace as at

TXIKIA = "etxe txikia -> the small house"


@pytest.mark.parametrize("name,args", [
    ("attention_backward", ["attention", "--backward"]),
    ("attention_block_heads2", ["attention", "--block", "--heads", "2"]),
    ("attention_seq2seq_additive_greedy", ["attention", "-m", "seq2seq", "-s", TXIKIA, "--score", "additive",
                                           "--score-size", "2", "--decode", "greedy"]),
    ("attention_seq2seq_general_es", ["attention", "-m", "seq2seq", "--score", "general", "--lang", "es"]),
])
def test_views_golden(cli, golden, name, args):
    r = cli(*args)
    assert r.exit_code == 0, r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80
    golden(name, r.output)


def test_hit_and_miss_are_said_only_when_true(cli):
    out = cli("attention", "-m", "seq2seq").output
    assert out.count("✓ hit") == 3 and "✗ miss" not in out and "(3 of 3 words right)" in out
    out = cli("attention", "-m", "seq2seq", "-s", TXIKIA).output
    assert "prediction: “big” = argmax y_2 ✗ miss (the reference is “small”)" in out
    assert out.count("✓ hit") == 2 and "(2 of 3 words right)" in out


def test_teacher_forcing_is_named_and_greedy_says_it_feeds_its_predictions(cli):
    teacher = cli("attention", "-m", "seq2seq").output
    greedy = cli("attention", "-m", "seq2seq", "--decode", "greedy").output
    assert "teacher forcing: step i reads the reference word" in teacher and "greedy decoding" not in teacher
    assert "greedy decoding: step i reads the word predicted" in greedy and "teacher forcing:" not in greedy
    assert "Jurafsky & Martin's combination" in teacher


def test_each_score_kind_writes_its_own_equation(cli):
    for kind, eq in (("dot", "score(h^d_{i−1}, h^e_j) = h^d_{i−1} · h^e_j"),
                     ("general", "score(h^d_{i−1}, h^e_j) = h^d_{i−1}·W_a·h^e_jᵀ"),
                     ("additive", "score(h^d_{i−1}, h^e_j) = vᵀ·tanh(h^d_{i−1}·W_1 + h^e_j·W_2)")):
        args = ["--score-size", "3"] if kind == "additive" else []
        out = cli("attention", "-m", "seq2seq", "--score", kind, *args).output
        assert eq in out
        assert ("h^d_0·W_a = [" in out) == (kind == "general")
        assert ("tanh(h^d_0·W_1 + h^e_1·W_2) = tanh([" in out) == (kind == "additive")


def test_the_gradient_check_says_it_agrees_only_when_it_does(monkeypatch):
    from rnntrace.document import Note
    from rnntrace.present import attention_backward as pb

    def verdict(tr) -> tuple[str, str]:
        note = [b for b in pb.check_section(tr, 4).blocks if isinstance(b, Note)][-1]
        return note.text, note.kind

    ex = ae.load("doctor", "self")
    text, kind = verdict(at.run_backward(ex))
    assert "Every gradient agrees with finite differences" in text and "disagrees" not in text and kind == "success"
    real = ab.backward

    def broken(f):
        b = real(f)
        b.dW_Q = b.dW_Q * 1.01  # a 1% error in one gradient
        return b

    monkeypatch.setattr(ab, "backward", broken)
    text, kind = verdict(at.run_backward(ex))
    assert "A gradient disagrees with finite differences" in text and "Every gradient agrees" not in text
    assert kind == "error"


def test_backward_json_holds_every_gradient(cli):
    d = json.loads(cli("attention", "--backward", "--format", "json").output)
    assert d["view"] == "backward" and d["labels"] == ["doctor", "salvó", "salvó", "paciente", "salvó"]
    for key, shape in (("dZ", (5, 5)), ("dA", (5, 4)), ("dalpha", (5, 5)), ("dS", (5, 5)), ("dQ", (5, 4)),
                       ("dK", (5, 4)), ("dW_Q", (4, 4)), ("dW_K", (4, 4)), ("dW_V", (4, 4)), ("dX", (5, 4))):
        assert np.array(d["gradients"][key]).shape == shape, key
    J = np.array(d["softmax_jacobians"])
    assert J.shape == (5, 5, 5) and np.allclose(J.sum(axis=2), 0, atol=1e-15)
    assert np.allclose(np.array(d["gradients"]["dS"]).sum(axis=1), 0, atol=1e-15)
    assert max(d["gradient_check"]["rel_error"].values()) < 1e-6
    assert d["loss"] == pytest.approx(sum(d["losses"]))


def test_labels_option_replaces_the_task_and_follows_a_new_sentence(cli):
    d = json.loads(cli("attention", "--backward", "-s", "el paciente salvó al doctor",
                       "--labels", "paciente salvó salvó doctor salvó", "--format", "json").output)
    assert d["labels"] == ["paciente", "salvó", "salvó", "doctor", "salvó"]
    r = cli("attention", "--backward", "-s", "el paciente salvó al doctor")
    assert r.exit_code == 2 and "--labels" in r.stderr  # the example's labels belong to its own sentence


def test_block_json_per_the_issue(cli):
    d = json.loads(cli("attention", "--block", "--heads", "2", "--format", "json").output)["block"]
    assert set(d["params"]) == {"W_Q", "W_K", "W_V", "W_O", "gamma_1", "beta_1", "W_1", "b_1", "W_2", "b_2",
                                "gamma_2", "beta_2"}
    assert d["epsilon"] == 1e-5 and d["d_ff"] == 16 and d["n_heads"] == 2
    assert np.array(d["input"]).shape == (5, 4) and np.array(d["attention"]).shape == (5, 4)
    Y = np.array(d["output"])
    assert np.allclose(Y.mean(axis=1), 0, atol=1e-12)  # γ = 1, β = 0: each row normalised
    assert np.allclose(np.array(d["projected"]), np.array(d["attention"]) @ np.array(d["params"]["W_O"]))


def test_repeated_words_carry_their_position_and_others_do_not(cli):
    out = cli("attention", "-s", "el doctor salvó al el").output
    assert "el₁" in out and "el₅" in out and "doctor₂" not in out
    out = cli("attention").output
    assert "₁" not in out and "paciente (j=5)" in out


def test_a_split_weight_table_says_which_columns_each_piece_holds(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    out = cli("attention", "-s", "el doctor salvó al paciente al el doctor").output
    assert "columns 1–4 of 8" in out and "columns 5–8 of 8" in out
    monkeypatch.setenv("COLUMNS", "80")
    assert "columns 1–" not in cli("attention").output


@pytest.mark.parametrize("args,present,absent", [
    (["-m", "seq2seq"], ["a dot product is large", "The output layer reads"], ["Luong's", "Bahdanau's"]),
    (["-m", "seq2seq", "--score", "general"], ["Luong's general score"], ["a dot product is large", "Bahdanau's"]),
    (["-m", "seq2seq", "--score", "additive", "--score-size", "2"], ["Bahdanau's additive score"],
     ["a dot product is large", "Luong's"]),
    (["--backward"], ["gradient at the logits is simply", "so the softmax's derivative is a matrix"],
     ["Layer normalisation works"]),
    (["--block"], ["Layer normalisation works", "ReLU keeps the positive entries"], ["gradient at the logits"]),
    ([], [], ["Layer normalisation works", "The output layer reads", "gradient at the logits"]),
])
def test_explain_covers_the_new_operations_and_only_where_they_are(cli, args, present, absent):
    out = " ".join(cli("attention", *args, "--explain").output.replace("↳", "").split())
    for text in present:
        assert text in out, text
    for text in absent:
        assert text not in out, text


def test_the_documented_training_sends_el_and_al_to_their_nouns():
    """The example's description says `--backward --train 20000` learns W_Q, W_K, W_V on its task,
    and its notes say the trained table has “el” attend to “doctor” and “al” to “paciente”: run that training."""
    ex = ae.load("doctor", "self")
    tr = at.run_backward(ex, train_steps=20000, lr=0.01)
    assert len(tr.trained_on) == 4 and tr.training.losses[-1] < 0.01 < 30 < tr.training.losses[0]
    alpha, words = tr.forward.alpha, tr.forward_trace.tokens
    assert words[np.argmax(alpha[0])] == "doctor" and words[np.argmax(alpha[3])] == "paciente"
    assert alpha[0, 1] > 0.6 and alpha[3, 4] > 0.75  # drawn weights gave rows near 1/5
    assert "“el” attends to “doctor” and “al” to “paciente”" in ex.notes
    untrained = at.run_self(ex).result.heads[0].weights
    assert np.max(untrained) < 0.25  # the notes' "close to uniform", without training


def test_train_says_what_it_did_and_the_loss_falls(cli):
    out = " ".join(cli("attention", "--backward", "--train", "50").output.split())
    assert "Trained: 50 steps of gradient descent (η = 0.01) from the weights of seed 0, on 4 sentences;" in out
    d = json.loads(cli("attention", "--backward", "--train", "50", "--format", "json").output)
    assert d["training"]["steps"] == 50 and d["training"]["losses"][1] < d["training"]["losses"][0]
    assert "Trained:" not in cli("attention", "--backward").output
    assert json.loads(cli("attention", "--backward", "--format", "json").output)["training"] is None


@pytest.mark.parametrize("args,fragment", [
    (["--train", "5"], "--train and --lr train the classifier of --backward"),
    (["--backward", "--train", "0"], "--train 0 is out of range"),
    (["--backward", "--train", "5", "--lr", "0"], "--lr 0.0 must be a number greater than 0"),
    (["-m", "seq2seq", "--train", "5"], "--train applies to self-attention only"),
])
def test_train_bad_input(cli, args, fragment):
    r = cli("attention", *args)
    assert r.exit_code == 2 and fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("task,fragment", [
    ('train_sentences = [["a", "b"]]\n', "'task.train_labels' must be a list of lists of words"),
    ('train_sentences = [["a", "b"]]\ntrain_labels = [["a", "b"], ["a", "a"]]\n',
     "task.train_sentences has 1 sentences but task.train_labels has 2 rows"),
    ('train_sentences = [["a", "q"]]\ntrain_labels = [["a", "b"]]\n', "'q' is not in the vocabulary"),
    ('train_sentences = [["a", "b"]]\ntrain_labels = [["a"]]\n', "task.train_labels[1]: 1 labels for 2 tokens"),
    ('epochs = 3\n', "unknown field 'task.epochs'"),
])
def test_bad_task_tables(cli, write_example, task, fragment):
    from test_attention_cli import SELF_FILE

    path = write_example(SELF_FILE + '[task]\nlabels = ["a", "b"]\n' + task)
    r = cli("attention", "-e", path, "--backward")
    assert r.exit_code == 2 and fragment in r.stderr, r.stderr


def test_a_long_sentence_works_out_the_first_jacobians_and_says_so(cli):
    long = "el doctor salvó al paciente al el doctor"
    out = " ".join(cli("attention", "--backward", "-s", long, "--labels", long).output.split())
    assert "J_6 = ∂α_6/∂S_6" in out and "J_7 = ∂α_7" not in out
    assert "J_i is worked out above for rows 1–6 of 8; every other row is the same computation" in out
    assert "is worked out above" not in " ".join(cli("attention", "--backward").output.split())


def test_backward_pages_and_t_pick_the_jacobian_rows(cli):
    """--backward's document: opening, the forward page, backward pages (a Jacobian page per query
    row, t = row), the check as the closing; --t names the rows worked out, and the note that the
    rest are in the JSON is there only when rows were left out by the cap, not by --t."""
    from rnntrace.document import View
    from rnntrace.present.attention_backward import build_backward

    doc = build_backward(at.run_backward(ae.load("doctor", "self")), 4, View())
    assert [p.kind for p in doc.pages] == ["opening", "step"] + ["backward"] * 8 + ["closing"]
    assert [p.t for p in doc.pages if p.t is not None] == [1, 2, 3, 4, 5] and doc.steps == 5
    long = "el doctor salvó al paciente al el doctor"
    out = " ".join(cli("attention", "--backward", "-s", long, "--labels", long, "--t", "7-8").output.split())
    assert "J_7 = ∂α_7/∂S_7" in out and "J_8 = ∂α_8/∂S_8" in out and "J_1 = ∂α_1" not in out
    assert "is worked out above" not in out
    r = cli("attention", "--backward", "--t", "6")
    assert r.exit_code == 2 and "--t 6" in r.stderr and r.stdout == ""


def test_block_pages_follow_the_computation_and_t_has_no_step(cli):
    from rnntrace.document import View
    from rnntrace.present.attention_block import build_block

    doc = build_block(at.run_block(ae.load("doctor", "self"), heads=2), 4, View())
    assert [p.kind for p in doc.pages] == ["opening", "step", "step", "step", "closing"]
    assert [p.label for p in doc.pages[1:]] == ["Multi-head attention, then W_O",
                                                 "Residual connection and layer normalisation 1",
                                                 "Feed-forward layer (ReLU), the same for every token",
                                                 "Residual connection and layer normalisation 2"]
    brief = build_block(at.run_block(ae.load("doctor", "self")), 4, View(brief=True))
    assert [p.kind for p in brief.pages] == ["opening", "closing"]
    r = cli("attention", "--block", "--t", "1")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1


def test_builders_import_no_rich():
    import ast
    from pathlib import Path

    root = Path(__file__).parent.parent / "rnntrace" / "present"
    for name in ("attention.py", "attention_backward.py", "attention_block.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        mods |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in mods if m.split(".")[0] in ("rich", "click")}, name


def test_step_on_a_terminal_pages_the_backward_pass():
    """--backward --step: after the opening and the forward page, one screen per backward page,
    the softmax's Jacobian a row at a time."""
    from pty_session import PtySession

    with PtySession(["attention", "--backward", "--step"]) as s:
        page = s.expect("q: quit")
        while "J_1 = ∂α_1/∂S_1" not in page:
            s.send("")
            page = s.expect("q: quit")
        assert "of 9" in page and "J_2 = ∂α_2" not in page
        s.send("")
        page = s.expect("q: quit")
        assert "J_2 = ∂α_2/∂S_2" in page and "J_1 = ∂α_1" not in page
        s.key("q")
        s.rest()
    assert s.status == 0
