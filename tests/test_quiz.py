"""``rnntrace quiz``: answers computed by the core (checked here independently), lenient parsing,
seeds, both languages, non-interactive input (a pipe, --answers FILE), a real terminal, and every
bad input."""
import numpy as np
import pytest

from pty_session import PtySession
from rnntrace import quiz
from rnntrace.i18n import t


# ---- parsing ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["5x3", "5×3", "5 x 3", "(5, 3)", "[5,3]", "5 por 3", "5 by 3", "5X3", "5*3",
                                  "R^{5×3}", " 5x3 ", "ℝ^5×3"])
def test_shapes_are_read_leniently(text):
    assert quiz.parse_ints(text) == [5, 3]


@pytest.mark.parametrize("text", ["", "five by three", "0.5x3", "5x3x2x1", "W_xh"])
def test_what_is_not_a_shape(text):
    assert quiz.parse_ints(text) is None


def test_shape_check_explains_a_transposed_answer():
    check = quiz.shape_check((5, 3))
    assert check("5x3").right and not check("3x5").right
    assert "column convention" in check("3x5").note
    assert not check("5x4").right and not check("5x4").note


@pytest.mark.parametrize("text,n,want", [
    ("0.3 0.2 0.1", 3, [0.3, 0.2, 0.1]), ("[0.3, 0.2, 0.1]", 3, [0.3, 0.2, 0.1]),
    ("0,3 0,2 0,1", 3, [0.3, 0.2, 0.1]), ("0.3;0.2;0.1", 3, [0.3, 0.2, 0.1]), ("0,21", 1, [0.21]),
    (".21", 1, [0.21]), ("−0.4 −0.15", 2, [-0.4, -0.15]), ("(0.3, 0.2)", 2, [0.3, 0.2])])
def test_numbers_are_read_leniently(text, n, want):
    assert quiz.parse_numbers(text, n) == pytest.approx(want)


@pytest.mark.parametrize("text,n", [("0.3 0.2", 3), ("abc", 1), ("", 1), ("nan", 1), ("inf", 1)])
def test_what_is_not_the_numbers_asked_for(text, n):
    assert quiz.parse_numbers(text, n) is None


def test_numbers_within_the_tolerance():
    check = quiz.numbers_check(np.array([0.2155]))
    assert check("0.22").right and check("0.2155").right and check("0,22").right
    assert not check("0.21").right and not check("0.2").right


def test_gates_by_letter_symbol_or_name_in_either_language():
    q = quiz.keep_gate_question("gru")
    letter = "abc"[q.choices.index(q.answer)]
    for text in (letter, letter.upper(), "z_t", "z", "Γ_t", "Γ", "gamma", "update gate", "update",
                 "compuerta de actualización", "actualizacion", "Actualización"):
        assert q.check(text).right, text
    for text in ("r_t", "reset", "h̃_t", "candidato", "", "d", "4"):
        assert not q.check(text).right, text
    lstm = quiz.keep_gate_question("lstm")
    assert lstm.answer.startswith("f_t") and lstm.check("f_t").right and lstm.check("olvido").right


# ---- the answers are the core's, checked independently --------------------------------------------
def test_every_question_accepts_its_own_answer():
    for seed in range(6):
        for q in quiz.draw(seed, quiz.MAX_COUNT):
            given = q.answer.split(" (")[0]  # a choice is shown with its name
            assert q.check(given).right, (q.kind, q.answer)


def test_shapes_and_rows_against_the_example_files():
    from rnntrace import examples

    for name in quiz.SHAPE_EXAMPLES:
        ex = examples.load(name)
        V, H = len(ex.vocab), ex.hidden_size
        for w, want in (("W_xh", f"{V}×{H}"), ("W_hh", f"{H}×{H}"), ("W_hy", f"{H}×{V}")):
            assert quiz.shape_question(name, w).answer == want
        assert quiz.output_size_question(name).answer == str(V)
    lecture = examples.load("lecture")
    for i, word in enumerate(lecture.vocab):
        q = quiz.onehot_question("lecture", word)
        assert q.check(" ".join(str(x) for x in lecture.weights["W_xh"][lecture.index(word)])).right
        assert f"index {lecture.index(word)}" in q.prompt


def test_attention_weights_against_a_direct_softmax():
    from rnntrace import attention_examples as ae, attention_trace

    tr = attention_trace.run_self(ae.load("doctor", "self"))
    X, head = tr.X, tr.result.heads[0]
    S = (X @ head.W_Q) @ (X @ head.W_K).T / np.sqrt(head.W_Q.shape[1])  # independent of rnntrace.attention
    W = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
    for q in range(len(tr.tokens)):
        for k in range(len(tr.tokens)):
            question = quiz.self_attention_question(q, k)
            assert question.check(f"{W[q, k]:.3f}").right
            assert not question.check(f"{W[q, k] + 0.01:.3f}").right
    s2s = attention_trace.run_seq2seq(ae.load("etxe_handia", "seq2seq"))
    D, E = s2s.attention.decoder_states, s2s.attention.encoder_states
    A = np.exp(D @ E.T) / np.exp(D @ E.T).sum(axis=1, keepdims=True)
    assert quiz.seq2seq_question(1, 0).check(f"{A[1, 0]:.4f}").right


def test_seeds_change_the_questions_and_the_same_seed_repeats_them():
    a, b, a2 = quiz.draw(0, 5), quiz.draw(1, 5), quiz.draw(0, 5)
    assert [q.prompt for q in a] == [q.prompt for q in a2]
    assert [q.prompt for q in a] != [q.prompt for q in b]
    assert [q.kind for q in a] == [kinds[0] for kinds in quiz.TOPICS.values()][:5]  # one per topic, in order
    assert [q.kind for q in quiz.draw(0, len(quiz.TOPICS))] == [kinds[0] for kinds in quiz.TOPICS.values()]


def test_count():
    assert len(quiz.draw(0, 1)) == 1 and len(quiz.draw(0, 12)) == 12
    kinds = [q.kind for q in quiz.draw(0, quiz.MAX_COUNT)]
    assert set(kinds[:len(quiz.KINDS)]) == set(quiz.KINDS)  # every kind once before any again
    assert len({quiz._same(q) for q in quiz.draw(0, quiz.MAX_COUNT)}) == quiz.MAX_COUNT


# ---- the command ----------------------------------------------------------------------------------
ANSWERS_0 = "3x5\n0.054 0.094 0.034\nb\n0.19\nno\n"


def test_piped_answers_are_echoed_checked_and_scored(cli):
    r = cli("quiz", input=ANSWERS_0)
    assert r.exit_code == 0, r.stderr
    out = r.output
    assert "Question 1 of 5" in out and "Question 5 of 5" in out
    assert "answer> 3x5\n✓ Right: 3×5" in out
    assert "Score: 5 of 5" in out
    assert "rnntrace quiz --seed 1 asks other questions." in out


def test_quiz_golden(cli, golden):
    golden("quiz_seed0", cli("quiz", input="3x5\n0,054 0,094 0,034\nr_t\n\nyes\n").output)


def test_quiz_golden_spanish(cli, golden):
    golden("quiz_seed3_es", cli("quiz", "--seed", "3", "--lang", "es",
                                input="5x3\n0.3 0.2\n0,01 0,02 0,03\nGamma\n0.22\nsí\n").output)


def test_wrong_answers_get_the_right_one_and_why(cli):
    out = cli("quiz", input="5x3\n1 2 3\nr\n0.5\nyes\n").output
    assert "✗ Not quite: the answer is 3×5 (you said 5x3)" in out
    assert "5×3 is 3×5 transposed" in out
    assert "h_t is 1×3 and the output needs one score per word, 1×5, so W_hy is 3×5." in out  # and why
    assert "Score: 0 of 5" in out


def test_answers_file_and_running_out_of_answers(cli, tmp_path):
    f = tmp_path / "answers.txt"
    f.write_text("3x5\n0.054 0.094 0.034\n", encoding="utf-8")
    out = cli("quiz", "--answers", str(f)).output
    assert "Score: 2 of 5" in out and out.count("— no answer: the answer is") == 3


def test_end_of_input_counts_as_no_answer(cli):
    out = cli("quiz", "--count", "2", input="3x5").output  # no newline, then end of input
    assert "✓ Right: 3×5" in out and "— no answer: the answer is [0.054 0.094 0.034]" in out
    assert "Score: 1 of 2" in out


def test_seed_and_count_and_spanish(cli):
    out = cli("quiz", "--seed", "7", "--count", "3", "--lang", "es", input="\n\n\n").output
    assert "rnntrace quiz · 3 preguntas · semilla 7" in out and "Pregunta 3 de 3" in out
    assert "Puntuación: 0 de 3" in out and "has dicho nada" in out


@pytest.mark.parametrize("lang,title", [("en", "rnntrace quiz · 1 question · seed 0"),
                                        ("es", "rnntrace quiz · 1 pregunta · semilla 0")])
def test_one_question_is_singular(cli, lang, title):
    assert title in cli("quiz", "--count", "1", "--lang", lang, input="\n").output


def bad(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == "" or "Usage" in result.stderr
    err = result.stderr.strip()
    assert "Traceback" not in err
    for f in fragments:
        assert f in err, (f, err)


def test_bad_inputs(cli, tmp_path):
    bad(cli("quiz", "--count", "0"), "--count = 0 is out of range; expected 1 to 20")
    bad(cli("quiz", "--count", "21"), "--count = 21 is out of range")
    bad(cli("quiz", "--seed", "-1"), "--seed = -1 is out of range")
    bad(cli("quiz", "--seed", "x"), "'x' is not a valid integer")
    bad(cli("quiz", "--answers", str(tmp_path / "none.txt")), "--answers", "none.txt: no such file")
    bad(cli("quiz", "--answers", str(tmp_path)), "is a directory")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("5×3".encode("latin-1", "replace") + b"\xff")
    bad(cli("quiz", "--answers", str(latin)), "is not UTF-8 text")
    bad(cli("quiz", "--lang", "fr"), "'fr' is not one of 'en', 'es'")
    bad(cli("quiz", "--answers"), "requires an argument")


def test_bad_input_in_spanish(cli, tmp_path):
    bad(cli("quiz", "--lang", "es", "--count", "0"), "--count = 0 está fuera de rango")
    bad(cli("quiz", "--lang", "es", "--answers", str(tmp_path / "x")), "no existe ese fichero")


def test_quiz_through_a_real_terminal():
    with PtySession(["quiz", "--count", "3"]) as s:
        s.expect("Question 1 of 3")
        s.expect("answer> ")
        s.send("3x5")
        assert "✓ Right: 3×5" in s.expect("Question 2 of 3")
        s.expect("answer> ")
        s.send("0.1 0.1 0.1")
        assert "✗ Not quite: the answer is [0.054 0.094 0.034] (you said 0.1 0.1 0.1)" in s.expect("Question 3 of 3")
        s.expect("answer> ")
        s.send("z")
        rest = s.rest()
    assert s.status == 0
    assert "Score: 2 of 3" in rest
    assert s.seen.count("3x5") == 1  # typed on a terminal: echoed by the terminal only, not again


def test_spanish_quiz_through_a_real_terminal():
    with PtySession(["quiz", "--count", "1", "--seed", "3"], env={"RNNTRACE_LANG": "es"}) as s:
        s.expect("¿Cuáles serán las dimensiones de W_hy?")
        s.expect("respuesta> ")
        s.send("3 por 5")
        assert "✓ Correcto: 3×5" in s.rest()
    assert s.status == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_shape_hint_never_shows_an_answer(lang):
    """The hint's sample shape is the format only: it was '5x3', which is W_xh's shape and W_hy's
    transposed, so a student could take it for a clue (or see it marked wrong)."""
    from rnntrace.i18n import set_lang

    set_lang(lang)
    hint = quiz.parse_ints(t("teach.quiz.hint.shape").replace("×", " x ").split()[-1].rstrip("."))
    assert hint is not None and len(hint) == 2
    for seed in range(20):
        for q in quiz.draw(seed, quiz.MAX_COUNT):
            if q.kind == "shape":
                shape = quiz.parse_ints(q.answer)
                assert hint not in (shape, shape[::-1]), (q.answer, hint)


# ---- the lecture's other questions, each answer checked against numpy here ---------------------------
def every(kind):
    return [q for q in (make() for _, make in quiz.POOLS[kind]()) if q is not None]


def number(q):
    return np.array([float(x) for x in q.answer.strip("[]").split()])


def test_every_variant_of_every_kind_accepts_its_own_answer_and_no_other():
    for kind in quiz.KINDS:
        questions = every(kind)
        assert questions, kind
        for q in questions:
            assert q.check(q.answer.split(" (")[0]).right, (kind, q.answer)
            assert q.hint


def test_h_t_is_the_tanh_of_the_a_t_shown():
    for q in every("hidden_state"):
        a = q.shown[0].value
        assert q.check(" ".join(f"{x:.4f}" for x in np.tanh(a))).right
        assert not q.check(" ".join(f"{x:.4f}" for x in a)).right  # a_t itself is not h_t


def test_p_t_and_the_loss_from_the_scores_shown():
    for q in every("softmax"):
        y = q.shown[0].value
        word = q.prompt.split("“")[-1].split("”")[0]
        p = np.exp(y) / np.exp(y).sum()
        assert q.check(f"{p[q.shown[0].labels.index(word)]:.4f}").right
    for q in every("loss"):
        p = q.shown[0].value
        word = q.prompt.split("“")[-1].split("”")[0]
        assert q.check(f"{-np.log(p[q.shown[0].labels.index(word)]):.4f}").right


def test_the_prediction_is_the_largest_p():
    for q in every("prediction"):
        p = q.shown[0].value
        assert q.check(q.shown[0].labels[int(np.argmax(p))]).right


def test_delta_from_the_gradient_and_h_shown():
    for q in every("delta"):
        dh, h = q.shown[0].value, q.shown[1].value
        assert q.check(" ".join(f"{x:.5f}" for x in dh * (1 - h ** 2))).right
        assert not q.check(" ".join(f"{x:.5f}" for x in dh * (1 - np.arctanh(h) ** 2))).right or \
            np.allclose(dh * (1 - h ** 2), dh * (1 - np.arctanh(h) ** 2), atol=5e-4)


def test_the_factor_that_shrinks_the_gradient_by_the_norms():
    answers = set()
    for q in every("jacobian_factor"):
        h, W = q.shown[0].value, q.shown[1].value
        slope, sigma = np.max(1 - h ** 2), np.linalg.svd(W, compute_uv=False)[0]
        want = 2 if min(slope, sigma) >= 1 else (0 if slope < sigma else 1)
        assert q.check("abc"[want]).right
        answers.add(want)
    assert answers >= {0, 1}  # the variants do not all have the same answer


def test_the_lstm_memory_from_the_gates_shown():
    for q in every("lstm_memory"):
        f, c_prev, i, ct = (s.value for s in q.shown)
        assert q.check(" ".join(f"{x:.5f}" for x in f * c_prev + i * ct)).right


def test_the_scaled_score_is_the_raw_one_over_root_d_k():
    for q in every("scaling"):
        raw, words = q.shown[0].value, q.shown[0].labels
        key = q.prompt.split("“")[-1].split("”")[0]
        assert q.check(f"{raw[words.index(key)] / 2:.4f}").right  # d_k = 4
        assert not q.check(f"{raw[words.index(key)]:.4f}").right or abs(raw[words.index(key)]) < 0.01


def test_positional_answers():
    import re

    def encoding(q):
        return re.search(r"the (\w+) encoding", q.prompt)[1]

    bounded = {encoding(q): q.answer for q in every("positional_bounded")}
    assert bounded == {"index": "no", "binary": "yes", "sinusoidal": "yes"}
    relative = {encoding(q): q.answer for q in every("positional_relative")}
    assert relative == {"index": "no", "binary": "no", "sinusoidal": "yes"}
    for q in every("positional_binary"):
        p = int(q.prompt.split("position ")[-1].rstrip("?"))
        assert q.check(" ".join(format(p, "04b"))).right and q.check(format(p, "04b").replace("", " ")).right


@pytest.mark.parametrize("topic", list(quiz.TOPICS))
def test_a_topic_asks_only_its_kinds_and_never_the_same_question_twice(topic):
    qs = quiz.draw(0, quiz.MAX_COUNT, (topic,))
    assert {q.kind for q in qs} == set(quiz.TOPICS[topic])
    assert len({quiz._same(q) for q in qs}) == len(qs)


def test_a_seed_asks_a_topic_the_same_questions_alone_or_with_the_others():
    alone = [q.prompt for q in quiz.draw(4, 5, ("bptt",))]
    mixed = [q.prompt for q in quiz.draw(4, quiz.MAX_COUNT) if q.kind in quiz.TOPICS["bptt"]]
    assert mixed == alone[:len(mixed)]


def test_topic_option(cli):
    out = cli("quiz", "--topic", "positional", "--count", "3", input="\n\n\n").output
    assert out.count("Positional encoding") + out.count("binary positional") == 3
    out = cli("quiz", "--topic", "gates", "--topic", "bptt", "--count", "20", input="").output
    assert "rnntrace quiz · 19 questions" in out  # every gates and bptt question, none twice
    bad(cli("quiz", "--topic", "rnn"), "'rnn' is not one of")


def test_an_unreadable_answer_is_asked_again_not_marked(cli):
    out = cli("quiz", "--count", "1", input="3c5\n3x5\n").output
    assert "That answer cannot be read as asked; try again. Answer as rows×columns" in out
    assert out.count("answer> ") == 2 and "the answer is" not in out and "Score: 1 of 1" in out
    out = cli("quiz", "--count", "1", input="3x4\n").output  # readable and wrong: marked, not asked again
    assert "cannot be read" not in out and "✗ Not quite: the answer is 3×5" in out


def test_an_unreadable_answer_in_spanish(cli):
    out = cli("quiz", "--count", "2", "--lang", "es", input="3x5\n0.1\n0.1 0.2 0.3\n").output
    assert "Esa respuesta no se puede leer como se pide (se esperaban 3 números)" in out
    assert "Puntuación: 1 de 2" in out


def test_the_answers_file_gives_the_next_line_when_an_answer_is_asked_again(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("3c5\n3x5\n0.054 0.094 0.034\n", encoding="utf-8")
    out = cli("quiz", "--count", "2", "--answers", str(f)).output
    assert "Score: 2 of 2" in out


# ---- networks: each shape is the shape of the array in the network's trace ---------------------------------
def _net(example, options):
    from rnntrace import examples, network

    ex = examples.load(example)
    return ex, network.run(ex, network.spec(ex, ex.cell, **dict(options)))


def test_network_shapes_are_the_shapes_of_the_traced_arrays():
    seen = {kind: [] for kind in quiz.TOPICS["networks"]}
    for example, options in quiz.NETWORKS:
        ex, tr = _net(example, options)
        H, K, dirs = ex.hidden_size, len(tr.classes), 2 if tr.spec.bidirectional else 1
        V, d = len(ex.vocab), tr.spec.embedding_dim
        want = {}
        if dirs == 2:
            assert tr.top.shape[1] == 2 * H  # what the output layer reads is [h→ ; h←]
            want["concat_shape"] = (1, 2 * H)
            assert tr.params.values["W_hy"].shape == (2 * H, K)
            want["bidirectional_output_shape"] = (2 * H, K)
        if d is not None:
            assert tr.params.values["E"].shape == (V, d)
            want["embedding_shape"] = (V, d)
        if tr.spec.layers > 1:
            name = "W_xh^(2→)" if dirs == 2 else "W_xh^(2)"
            assert tr.params.values[name].shape == (dirs * H, H)  # layer 2 reads layer 1's output
            want["stacked_input_shape"] = (dirs * H, H)
        for kind, shape in want.items():
            q = getattr(quiz, f"{kind}_question")(example, options)
            assert q.answer == "×".join(map(str, shape)), (kind, example, options)
            assert q.check(f"{shape[0]}x{shape[1]}").right and q.check(f"({shape[0]}, {shape[1]})").right
            if shape[0] != shape[1]:
                assert not q.check(f"{shape[1]}x{shape[0]}").right
                assert "transposed" in q.check(f"{shape[1]}x{shape[0]}").note
            seen[kind].append(shape)
    assert sorted(seen["concat_shape"]) == [(1, 4), (1, 4), (1, 6), (1, 6)]
    assert sorted(seen["embedding_shape"]) == [(7, 3), (7, 3), (8, 4), (8, 4)]
    assert sorted(seen["stacked_input_shape"]) == [(3, 3), (4, 2), (6, 3)]  # H×H and 2H×H
    assert sorted(seen["bidirectional_output_shape"]) == [(4, 2), (4, 2), (6, 3), (6, 5)]  # 2H×classes, 2H×V
    for kind, shapes in seen.items():
        assert len(every(kind)) == len(shapes), kind  # every network that has the array is asked about


def test_network_questions_name_the_network_they_ask_about():
    q = quiz.stacked_input_shape_question("sentimiento", (("layers", 2),))
    assert "W_xh^(2→)" in q.prompt and "2 stacked bidirectional Elman RNN layers of H = 2" in q.prompt
    assert "x_t^(2) = [h_t^(1→) ; h_t^(1←)], 1×4" in q.explanation
    q = quiz.concat_shape_question("lecture", (("bidirectional", True),))
    assert q.prompt.endswith("What are the dimensions of [h_t^(→) ; h_t^(←)]?") and "one-hot inputs over V = 5" in q.prompt
    assert "embedding" not in q.prompt  # the lecture's example has no E
    assert "the next word" in quiz.bidirectional_output_shape_question("lecture", (("bidirectional", True),)).prompt


def test_network_questions_in_spanish():
    from rnntrace.i18n import set_lang

    set_lang("es")
    try:
        q = quiz.embedding_shape_question("sentimiento", ())
        assert q.prompt.startswith("la película es muy buena: clasificar el sentimiento de una frase: una capa RNN")
        assert q.prompt.endswith("¿Cuáles serán las dimensiones de E?") and q.answer == "7×3"
        assert "Así que E es 7×3." in q.explanation and q.hint == "Responde filas×columnas, como 2x7."
        q = quiz.bidirectional_output_shape_question("etiquetas", (("bidirectional", True),))
        assert "una etiqueta por palabra entre K = 3 (DET, NOUN, VERB)" in q.prompt
        assert "así que W_hy es 6×3" in q.explanation
    finally:
        set_lang("en")
    assert quiz.embedding_shape_question("sentimiento", ()).prompt.startswith("la película es muy buena: classifying")


def test_topic_networks(cli):
    out = cli("quiz", "--topic", "networks", "--count", "20", input="").output
    assert "rnntrace quiz · 15 questions" in out  # every network question, none twice
    flat = " ".join(out.split())  # the prompts as one line, however they wrapped
    assert flat.count("What are the dimensions of") == 15 and "Forward computations, t =" not in flat
    out = cli("quiz", "--topic", "networks", "--count", "1", "--lang", "es", input="3c5\n7 por 3\n").output
    flat = " ".join(out.split())
    assert "¿Cuáles serán las dimensiones de" in flat and out.count("respuesta> ") == 2
    assert "Esa respuesta no se puede leer como se pide; prueba otra vez. Responde filas×columnas" in flat
    assert "networks" in cli("quiz", "--help").output


def test_network_shapes_in_gift(cli):
    out = cli("quiz", "--topic", "networks", "--count", "20", "--format", "gift").output
    assert out.count("{=") == 15 and "=6x5 =6×5" in out and "{#" not in out
