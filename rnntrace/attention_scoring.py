"""How decoder state h^d_{i−1} scores encoder state h^e_j: three ways (numpy only, float64).

    dot       score(h^d, h^e_j) = h^d · h^e_j                           (the lecture)
    general   score(h^d, h^e_j) = h^d · W_a · h^e_j                     (Luong et al. 2015)
    additive  score(h^d, h^e_j) = vᵀ · tanh(h^d·W_1 + h^e_j·W_2)        (Bahdanau et al. 2015)

Row vectors, as the lecture writes them: h^d and h^e_j are 1×H; W_a is H×H; W_1 and W_2 are
H×d_a and v has d_a entries, d_a being the size of the additive score's hidden layer. Every
intermediate is kept, so the trace can show the score term by term.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.notation import dims

KINDS = ("dot", "general", "additive")
PARAMS = {"dot": (), "general": ("W_a",), "additive": ("W_1", "W_2", "v")}
MAX_SCORE_DIM = 64


@dataclass
class Scoring:
    """One decoder state against every encoder state; the arrays that a kind does not use are None."""

    kind: str
    scores: np.ndarray  # (n,)
    qW: np.ndarray | None = None  # general: h^d·W_a (H,)
    q1: np.ndarray | None = None  # additive: h^d·W_1 (d_a,)
    E2: np.ndarray | None = None  # additive: row j = h^e_j·W_2 (n, d_a)
    pre: np.ndarray | None = None  # additive: row j = h^d·W_1 + h^e_j·W_2 (n, d_a)
    act: np.ndarray | None = None  # additive: tanh(pre) (n, d_a)


def score(kind: str, q: np.ndarray, E: np.ndarray, params: dict[str, np.ndarray]) -> Scoring:
    """The scores of h^d = q (H,) against the rows of E (n, H), by ``kind``."""
    if kind == "dot":
        return Scoring(kind, E @ q)  # (n,)
    if kind == "general":
        qW = q @ params["W_a"]  # (H,)
        return Scoring(kind, E @ qW, qW=qW)
    q1 = q @ params["W_1"]  # (d_a,)
    E2 = E @ params["W_2"]  # (n, d_a)
    pre = q1[None, :] + E2  # (n, d_a)
    act = np.tanh(pre)
    return Scoring(kind, act @ params["v"], q1=q1, E2=E2, pre=pre, act=act)


def score_params(kind: str, given: dict[str, np.ndarray], H: int, size: int | None, draw, where: str):
    """The weights ``kind`` needs, each from ``given`` (the example's [attention] table) or drawn
    with ``draw(name, shape)``; returns (params, the names drawn). The additive score needs its
    hidden size d_a: from the given weights, else from ``size`` (--score-size), else an error."""
    if kind == "dot":
        return {}, []
    if kind == "general":
        shapes = {"W_a": (H, H)}
    else:
        d_a = size
        for name in ("W_1", "W_2", "v"):
            if d_a is None and name in given:
                d_a = given[name].shape[-1]
        if d_a is None:
            raise InputError(t("attention.additive_size"))
        if not 1 <= d_a <= MAX_SCORE_DIM:
            raise InputError(t("attention.bad_score_size", value=d_a, max=MAX_SCORE_DIM))
        shapes = {"W_1": (H, d_a), "W_2": (H, d_a), "v": (d_a,)}
    params, drawn = {}, []
    for name, shape in shapes.items():
        if name in given:
            if given[name].shape != shape:
                raise InputError(t("attention.bad_score_weight", where=where, name=name, kind=kind,
                                   dims=dims(given[name].shape), want=dims(shape), H=H))
            params[name] = given[name]
        else:
            params[name] = draw(name, shape)
            drawn.append(name)
    return params, drawn
