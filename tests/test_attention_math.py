"""Attention against an independent, hand-written computation (plain loops over Python floats).

Mine is rnntrace.attention (vectorised numpy); theirs is written here entry by entry from the
lecture's equations. On failure both are printed.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnntrace import attention as att
from rnntrace.errors import InputError


def close(mine, theirs, what, atol=1e-12):
    mine, theirs = np.asarray(mine, dtype=float), np.asarray(theirs, dtype=float)
    assert mine.shape == theirs.shape, f"{what}: shape mine {mine.shape} vs theirs {theirs.shape}"
    same_inf = np.array_equal(np.isinf(mine), np.isinf(theirs))
    fin = np.isfinite(theirs)
    ok = same_inf and np.allclose(mine[fin], theirs[fin], rtol=1e-12, atol=atol)
    assert ok, f"{what}:\nmine\n{mine}\ntheirs\n{theirs}"


# ---- theirs: loops --------------------------------------------------------------------------
def matmul(A, B):
    return [[sum(A[i][m] * B[m][j] for m in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def columns(A, lo, hi):
    return [row[lo:hi] for row in A]


def softmax_row(row):
    """e^(s_j − max) / Σ e^(s_k − max) over the finite entries; a hidden (−inf) entry gives 0."""
    finite = [s for s in row if s != -math.inf]
    if not finite:
        return [0.0] * len(row)
    m = max(finite)
    e = [0.0 if s == -math.inf else math.exp(s - m) for s in row]
    return [x / sum(e) for x in e]


def self_attention_by_hand(X, W_Q, W_K, W_V, heads, W_O, scale, causal):
    n = len(X)
    d_k, d_v = len(W_Q[0]) // heads, len(W_V[0]) // heads
    Q, K, V = matmul(X, W_Q), matmul(X, W_K), matmul(X, W_V)
    out_heads, concat = [], [[] for _ in range(n)]
    for h in range(heads):
        q, k, v = columns(Q, h * d_k, (h + 1) * d_k), columns(K, h * d_k, (h + 1) * d_k), columns(V, h * d_v, (h + 1) * d_v)
        scores = [[sum(q[i][c] * k[j][c] for c in range(d_k)) for j in range(n)] for i in range(n)]
        s = math.sqrt(d_k) if scale else 1.0
        scaled = [[-math.inf if (causal and j > i) else scores[i][j] / s for j in range(n)] for i in range(n)]
        weights = [softmax_row(r) for r in scaled]
        out = [[sum(weights[i][j] * v[j][c] for j in range(n)) for c in range(d_v)] for i in range(n)]
        out_heads.append(dict(Q=q, K=k, V=v, scores=scores, scaled=scaled, weights=weights, output=out))
        for i in range(n):
            concat[i] += out[i]
    output = matmul(concat, W_O) if heads > 1 else concat
    return dict(Q=Q, K=K, V=V, heads=out_heads, concat=concat, output=output)


def random_case(rng, n, heads, d_v, d_k, scale_x=1.0):
    d_model = heads * d_v
    X = rng.normal(size=(n, d_model)) * scale_x
    W_Q, W_K = rng.normal(size=(d_model, heads * d_k)), rng.normal(size=(d_model, heads * d_k))
    W_V, W_O = rng.normal(size=(d_model, heads * d_v)), rng.normal(size=(heads * d_v, d_model))
    return X, W_Q, W_K, W_V, W_O


# ---- self-attention ----------------------------------------------------------------------------
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 7), heads=st.integers(1, 3),
       d_v=st.integers(1, 3), d_k=st.integers(1, 5), scale=st.booleans(), causal=st.booleans())
@settings(max_examples=120, deadline=None)
def test_every_step_matches_the_loops(seed, n, heads, d_v, d_k, scale, causal):
    X, W_Q, W_K, W_V, W_O = random_case(np.random.default_rng(seed), n, heads, d_v, d_k)
    mine = att.self_attention(X, W_Q, W_K, W_V, heads=heads, W_O=W_O, scale=scale, causal=causal)
    theirs = self_attention_by_hand(X.tolist(), W_Q.tolist(), W_K.tolist(), W_V.tolist(), heads,
                                    W_O.tolist(), scale, causal)
    for name in ("Q", "K", "V", "concat", "output"):
        close(getattr(mine, name), theirs[name], name)
    assert mine.n_heads == heads and (mine.d_k, mine.d_v) == (d_k, d_v)
    for h, th in zip(mine.heads, theirs["heads"]):
        close(h.Q, th["Q"], f"head {h.index} Q")
        close(h.K, th["K"], f"head {h.index} K")
        close(h.V, th["V"], f"head {h.index} V")
        close(h.scores, th["scores"], f"head {h.index} Q·Kᵀ")
        close(h.scaled_scores, th["scaled"], f"head {h.index} scaled")
        close(h.weights, th["weights"], f"head {h.index} weights")
        close(h.output, th["output"], f"head {h.index} output")
        assert h.scaling == (math.sqrt(d_k) if scale else 1.0)
        # each head's weight matrices are its own columns of W_Q, W_K, W_V
        close(X @ h.W_Q, h.Q, "X·W_Q^(h)")
        close(X @ h.W_V, h.V, "X·W_V^(h)")
        # rows sum to 1, nothing NaN, masked weights exactly 0
        assert not np.any(np.isnan(h.weights))
        close(h.weights.sum(axis=1), np.ones(n), "row sums", atol=1e-12)
        if causal:
            hidden = np.triu(np.ones((n, n), dtype=bool), 1)
            assert np.all(h.weights[hidden] == 0.0)
            assert np.all(h.scaled_scores[hidden] == -np.inf)
            assert h.weights[0, 0] == 1.0  # the first token sees only itself
    assert (mine.W_O is None) == (heads == 1)


def test_huge_scores_do_not_overflow():
    """Scores of ±1e6 overflow a naive e^s; the max-shifted softmax still gives clean one-hot rows."""
    X = np.array([[1e3, 0.0], [0.0, 1e3], [-1e3, 2e3]])
    W = np.eye(2)
    for causal in (False, True):
        r = att.self_attention(X, W, W, W, scale=False, causal=causal)
        w = r.heads[0].weights
        assert np.all(np.isfinite(w)) and np.allclose(w.sum(axis=1), 1.0)
        assert set(np.unique(np.round(w, 12))) <= {0.0, 1.0}


def test_causal_rows_ignore_later_tokens():
    """With the decoder's mask, row i of the output depends only on tokens 1..i."""
    rng = np.random.default_rng(7)
    X, W_Q, W_K, W_V, W_O = random_case(rng, 6, 2, 2, 3)
    a = att.self_attention(X, W_Q, W_K, W_V, heads=2, W_O=W_O, causal=True)
    for i in range(6):
        Y = X.copy()
        Y[i + 1:] = rng.normal(size=Y[i + 1:].shape)
        b = att.self_attention(Y, W_Q, W_K, W_V, heads=2, W_O=W_O, causal=True)
        close(b.output[: i + 1], a.output[: i + 1], f"rows 1..{i + 1} after changing later tokens")


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 7), heads=st.integers(1, 3))
@settings(max_examples=60, deadline=None)
def test_permuting_tokens_permutes_the_output(seed, n, heads):
    """Without positional encodings self-attention cannot tell the order: it is permutation
    equivariant (why the lecture makes the position explicit)."""
    rng = np.random.default_rng(seed)
    X, W_Q, W_K, W_V, W_O = random_case(rng, n, heads, 2, 3)
    perm = rng.permutation(n)
    a = att.self_attention(X, W_Q, W_K, W_V, heads=heads, W_O=W_O)
    b = att.self_attention(X[perm], W_Q, W_K, W_V, heads=heads, W_O=W_O)
    close(b.output, a.output[perm], "output rows, permuted")
    for ha, hb in zip(a.heads, b.heads):
        close(hb.weights, ha.weights[np.ix_(perm, perm)], "weights, permuted both ways")


def test_scaling_divides_by_sqrt_dk():
    rng = np.random.default_rng(3)
    X, W_Q, W_K, W_V, _ = random_case(rng, 4, 1, 4, 9)
    on = att.self_attention(X, W_Q, W_K, W_V, scale=True).heads[0]
    off = att.self_attention(X, W_Q, W_K, W_V, scale=False).heads[0]
    close(on.scores, off.scores, "raw Q·Kᵀ does not depend on the scaling")
    close(on.scaled_scores * 3.0, off.scaled_scores, "scaled by √9 = 3")


def test_saturation_grows_without_scaling():
    s = att.saturation(d_ks=(1, 16, 256), trials=4000, seed=1)
    assert s.max_weight_unscaled[0] == pytest.approx(s.max_weight_scaled[0])  # √1 = 1
    assert s.max_weight_unscaled[2] > 0.9 > s.max_weight_unscaled[1] > s.max_weight_unscaled[0]
    assert np.all(s.max_weight_scaled < 0.5)
    close(s.score_std, np.sqrt([1, 16, 256]), "std of q·k ≈ √d_k", atol=0.6)


def test_head_dims():
    assert att.head_dims(4) == (4, 4)
    assert att.head_dims(4, 2) == (2, 2)
    assert att.head_dims(4, 2, d_k=8) == (8, 2)
    with pytest.raises(InputError, match=r"--heads 3 does not divide .* d_model = 4.*choose one of: 1, 2, 4"):
        att.head_dims(4, 3)
    for bad in (lambda: att.head_dims(4, 0), lambda: att.head_dims(4, 5), lambda: att.head_dims(0),
                lambda: att.head_dims(4, 1, d_k=0), lambda: att.head_dims(4, 1, d_k=10**6)):
        with pytest.raises(InputError):
            bad()


def test_shape_errors_name_the_product():
    X = np.ones((5, 4))
    with pytest.raises(InputError, match=r"X·W_Q cannot be computed: X is 5×4 and W_Q is 3×4"):
        att.self_attention(X, np.ones((3, 4)), np.ones((4, 4)), np.ones((4, 4)))
    with pytest.raises(InputError, match="W_Q is 4×4 but W_K is 4×2"):
        att.self_attention(X, np.ones((4, 4)), np.ones((4, 2)), np.ones((4, 4)))
    with pytest.raises(InputError, match="need an output projection W_O"):
        att.self_attention(X, np.ones((4, 4)), np.ones((4, 4)), np.ones((4, 4)), heads=2)
    with pytest.raises(InputError, match="W_O must be 4×4"):
        att.self_attention(X, np.ones((4, 4)), np.ones((4, 4)), np.ones((4, 4)), heads=2, W_O=np.ones((2, 4)))
    with pytest.raises(InputError, match="W_V is 4×2"):
        att.self_attention(X, np.ones((4, 4)), np.ones((4, 4)), np.ones((4, 2)))
    with pytest.raises(InputError):
        att.self_attention(np.ones((0, 4)), np.ones((4, 4)), np.ones((4, 4)), np.ones((4, 4)))
    with pytest.raises(InputError, match="at most 64"):
        att.self_attention(np.ones((65, 4)), np.ones((4, 4)), np.ones((4, 4)), np.ones((4, 4)))


def test_query_columns_the_heads_cannot_share_are_an_input_error():
    """W_Q with 5 columns cannot be split among 2 heads: an InputError that says so (it used to
    look up a message key written twice in the catalogue and fail with a KeyError)."""
    X = np.ones((3, 4))
    with pytest.raises(InputError, match="W_Q is 4×5: its 5 columns cannot be split evenly among 2 heads"):
        att.self_attention(X, np.ones((4, 5)), np.ones((4, 5)), np.ones((4, 4)), heads=2, W_O=np.ones((4, 4)))


def test_fully_masked_row_is_zero_not_nan():
    Q = K = V = np.ones((2, 3))
    mask = np.array([[True, True], [False, True]])
    _, _, scaled, w, out = att.attend(Q, K, V, mask=mask)
    assert np.all(w[0] == 0.0) and not np.any(np.isnan(w)) and not np.any(np.isnan(out))
    assert w[1].tolist() == [1.0, 0.0]


# ---- encoder–decoder attention ---------------------------------------------------------------
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(1, 5), n=st.integers(1, 6), H=st.integers(1, 4))
@settings(max_examples=80, deadline=None)
def test_cross_attention_matches_the_loops(seed, m, n, H):
    rng = np.random.default_rng(seed)
    D, E = rng.normal(size=(m, H)) * 2, rng.normal(size=(n, H)) * 2
    mine = att.dot_product_attention(D, E)
    for i in range(m):
        score = [sum(D[i][c] * E[j][c] for c in range(H)) for j in range(n)]  # h^d_{i−1} · h^e_j
        alpha = softmax_row(score)
        terms = [[alpha[j] * E[j][c] for c in range(H)] for j in range(n)]  # α_{i,j} h^e_j
        context = [sum(terms[j][c] for j in range(n)) for c in range(H)]  # c_i
        close(mine.scores[i], score, f"scores row {i + 1}")
        close(mine.weights[i], alpha, f"α row {i + 1}")
        close(mine.terms[i], terms, f"terms row {i + 1}")
        close(mine.contexts[i], context, f"c_{i + 1}")
        step = mine.steps[i]
        assert step.i == i + 1
        close(step.context, context, f"step c_{i + 1}")
    close(mine.weights.sum(axis=1), np.ones(m), "α rows sum to 1")
    close(mine.scores, D @ E.T, "row i of scores = decoder_states[i]·Eᵀ")
    close(mine.decoder_states, D, "decoder states kept")
    assert not np.any(np.isnan(mine.weights))


def test_cross_attention_bad_sizes():
    with pytest.raises(InputError, match="same size"):
        att.attention_step(1, np.ones(3), np.ones((2, 4)))
    with pytest.raises(InputError):
        att.dot_product_attention(np.ones((0, 3)), np.ones((2, 3)))


def test_a_querys_terms_sum_to_its_output_row():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((4, 6))
    r = att.self_attention(X, *(rng.standard_normal((6, 6)) for _ in range(3)), heads=2,
                           W_O=rng.standard_normal((6, 6)), causal=True)
    for h in r.heads:
        for i in range(4):
            T = h.terms(i)
            close(T, [[h.weights[i][j] * v for v in h.V[j]] for j in range(4)], f"terms of query {i}")
            close(T.sum(axis=0), h.output[i], f"Σ_j α_ij v_j, query {i}", atol=1e-15)
            assert not T[i + 1:].any()  # masked keys contribute nothing
