"""The decoder's output layer: what the seq2seq decoder predicts at step i (numpy only, float64).

As in Jurafsky & Martin (Speech and Language Processing, 3rd ed., "Attention"), the output reads
both the decoder state and the context it has just attended to:

    y_i = softmax([h^d_i ; c_i]·W_out + b_out)

[h^d_i ; c_i] is the 1×2H concatenation, W_out is 2H×V_out and b_out has V_out entries, one per
word the decoder can say (the target vocabulary without the start symbol <s>, which it reads
but never predicts). The loss of target word i is the cross-entropy −log y_i[w_i]; the
prediction is argmax y_i (none when y_i holds nan).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.errors import InputError
from rnntrace.i18n import t
from rnntrace.mathx import log_softmax, softmax
from rnntrace.notation import dims


@dataclass
class OutputStep:
    i: int  # 1-based target position
    h: np.ndarray  # (H,)  h^d_i
    context: np.ndarray  # (H,)  c_i
    concat: np.ndarray  # (2H,)  [h^d_i ; c_i]
    logits: np.ndarray  # (V_out,)  z_i = [h^d_i ; c_i]·W_out + b_out
    probs: np.ndarray  # (V_out,)  y_i = softmax(z_i)
    target: int  # index of the reference word w_i in the output vocabulary
    loss: float  # −log y_i[w_i]
    prediction: int | None  # argmax y_i; None when y_i holds nan

    @property
    def hit(self) -> bool:
        return self.prediction == self.target


def check_output_weights(W_out: np.ndarray, b_out: np.ndarray, H: int, V_out: int, where: str) -> None:
    """W_out must be 2H×V_out and b_out V_out entries; say which product breaks if not."""
    if W_out.shape != (2 * H, V_out):
        raise InputError(t("attention.bad_wout", where=where, dims=dims(W_out.shape),
                           H2=2 * H, V=V_out))
    if b_out.shape != (V_out,):
        raise InputError(t("attention.bad_bout", where=where, n=b_out.size, V=V_out))


def output_step(i: int, h: np.ndarray, context: np.ndarray, W_out: np.ndarray, b_out: np.ndarray,
                target: int) -> OutputStep:
    """y_i = softmax([h^d_i ; c_i]·W_out + b_out) and the loss −log y_i[target]."""
    concat = np.concatenate([h, context])  # (2H,)
    with np.errstate(over="ignore", invalid="ignore"):
        logits = concat @ W_out + b_out  # (V_out,)
        probs = softmax(logits)
        loss = float(-log_softmax(logits)[target])
    prediction = None if np.any(np.isnan(probs)) else int(np.argmax(probs))
    return OutputStep(i, h, context, concat, logits, probs, target, loss, prediction)
