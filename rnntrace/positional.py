"""Positional encodings, as the lecture compares them ("Haciendo explícita la posición").

Positions are t = 0, 1, 2, …, n−1, as in the lecture's table. Three encodings:

    index        p_t = t                                            (n,)
    binary       p_t = the bits of t, most significant first       (n, b), b = bits of n−1
    sinusoidal   p_t^(2k) = sin(ω_k t),  p_t^(2k+1) = cos(ω_k t),   (n, d)
                 ω_k = 1 / 10000^(2k/d),  k = 0 … d/2 − 1

and the three properties the lecture asks of them, measured in numbers:

    unique       min over s ≠ t of ‖p_s − p_t‖ > 0
    bounded      min and max over all entries (the lecture wants them in [0, 1] or [−1, 1])
    relative     p_t · p_{t+Δ} depends on Δ alone; for the sinusoidal encoding
                 p_t · p_{t+Δ} = Σ_k cos(ω_k Δ), whatever t is

numpy only, float64; nothing here formats text.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnntrace.errors import InputError
from rnntrace.i18n import t

MAX_LENGTH = 256
MAX_DIM = 256
BASE = 10000.0


def _check_length(length: int, lo: int = 1) -> None:
    if not lo <= length <= MAX_LENGTH:
        raise InputError(t("positional.bad_length", value=length, lo=lo, max=MAX_LENGTH))


def positions(length: int) -> np.ndarray:
    """t = 0, 1, …, n−1 (int64, (n,))."""
    _check_length(length)
    return np.arange(length)


def index_encoding(length: int) -> np.ndarray:
    """p_t = t as a one-entry vector: (n, 1), float64."""
    return positions(length).astype(np.float64)[:, None]  # (n, 1)


def binary_width(length: int) -> int:
    """Bits needed for the longest position n−1 (at least 1): 4 for 0…15, as in the lecture."""
    _check_length(length)
    return max(1, (length - 1).bit_length())


def binary_encoding(length: int) -> np.ndarray:
    """p_t = the binary digits of t, most significant first: (n, b) of 0.0/1.0.

    b = binary_width(n): the width grows with the sentence, which is the lecture's objection
    ("no es un vector de dim. estática").
    """
    b = binary_width(length)
    t_ = positions(length)
    shifts = np.arange(b - 1, -1, -1)  # (b,) most significant bit first
    return ((t_[:, None] >> shifts[None, :]) & 1).astype(np.float64)  # (n, b)


def _check_dim(dim: int) -> None:
    if not 2 <= dim <= MAX_DIM:
        raise InputError(t("positional.bad_dim", value=dim, max=MAX_DIM))
    if dim % 2:
        raise InputError(t("positional.odd_dim", value=dim, lower=dim - 1, upper=dim + 1))


def frequencies(dim: int) -> np.ndarray:
    """ω_k = 1 / 10000^(2k/d) for k = 0 … d/2 − 1: (d/2,)."""
    _check_dim(dim)
    k = np.arange(dim // 2, dtype=np.float64)
    return 1.0 / BASE ** (2.0 * k / dim)


def slide_frequencies(dim: int) -> np.ndarray:
    """The slide's vector taken literally: ω_1 … ω_{d/2} by its own ω_k = 1/10000^(2k/d), i.e.
    k = 1 … d/2: (d/2,). They are not ``frequencies(dim)`` renumbered: ω_0 = 1 is missing and
    ω_{d/2} = 1/10000 is one too many (the slide's slip; its ω_k means the formula's ω_{k−1})."""
    _check_dim(dim)
    k = np.arange(1, dim // 2 + 1, dtype=np.float64)
    return 1.0 / BASE ** (2.0 * k / dim)


def sinusoidal_encoding(length: int, dim: int) -> np.ndarray:
    """p_t^(2k) = sin(ω_k t), p_t^(2k+1) = cos(ω_k t): (n, d), rows are positions t = 0 … n−1."""
    omega = frequencies(dim)  # (d/2,)
    angles = positions(length).astype(np.float64)[:, None] * omega[None, :]  # (n, d/2)
    P = np.empty((length, dim))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P


# ---- the properties, in numbers ----------------------------------------------------------
@dataclass
class Uniqueness:
    """The two closest positions s < t and their distance ‖p_s − p_t‖ (0 ⇒ not unique)."""

    min_distance: float
    s: int
    t: int

    @property
    def ok(self) -> bool:
        """Every position has its own vector."""
        return self.min_distance > 1e-9


@dataclass
class Bounds:
    """The smallest and largest entry over every position."""

    min: float
    max: float

    @property
    def ok(self) -> bool:
        """Within [−1, 1], the lecture's normalised range, whatever the sentence length."""
        return -1.0 <= self.min and self.max <= 1.0


@dataclass
class Relative:
    """p_t · p_{t+Δ} for each Δ = 0 … n−1, over every t with t + Δ < n.

    ``dots[Δ]`` holds the n − Δ products; ``spread[Δ]`` = max − min over t (0 when the product
    depends on Δ alone); ``expected[Δ]`` = Σ_k cos(ω_k Δ) for the sinusoidal encoding (None for the
    others); ``deviation[Δ]`` = max over t of |p_t · p_{t+Δ} − expected[Δ]|.
    """

    deltas: np.ndarray  # (n,)
    dots: list[np.ndarray]  # dots[Δ]: (n − Δ,)
    spread: np.ndarray  # (n,)
    expected: np.ndarray | None  # (n,)
    deviation: np.ndarray | None  # (n,)

    @property
    def dot_min(self) -> np.ndarray:
        """min over t of p_t · p_{t+Δ}, for each Δ: (n,)."""
        return np.array([np.min(v) for v in self.dots])

    @property
    def dot_max(self) -> np.ndarray:
        return np.array([np.max(v) for v in self.dots])

    @property
    def max_spread(self) -> float:
        return float(np.max(self.spread))

    @property
    def ok(self) -> bool:
        """p_t · p_{t+Δ} the same for every t (up to round-off), for every Δ."""
        scale = max(1.0, max(float(np.max(np.abs(v))) for v in self.dots))
        return self.max_spread <= 1e-9 * scale


    @property
    def matches_expected(self) -> bool:
        """Every p_t · p_{t+Δ} is Σ_k cos(ω_k Δ), whatever t, up to round-off (1e-9 of its size);
        False without ``expected``."""
        if self.expected is None or not self.ok:
            return False
        return bool(np.all(self.deviation <= 1e-9 * max(1.0, float(np.max(np.abs(self.expected))))))


@dataclass
class Properties:
    unique: Uniqueness
    bounds: Bounds
    relative: Relative


def uniqueness(P: np.ndarray) -> Uniqueness:
    """min over s < t of ‖p_s − p_t‖, P: (n, d). One position alone is trivially unique (inf)."""
    best = Uniqueness(float("inf"), 0, 0)
    for s in range(P.shape[0] - 1):  # row by row: exact differences, O(n·d) memory
        dist = np.linalg.norm(P[s + 1:] - P[s], axis=1)  # (n − s − 1,)
        j = int(np.argmin(dist))
        if dist[j] < best.min_distance:
            best = Uniqueness(float(dist[j]), s, s + 1 + j)
    return best


def bounds(P: np.ndarray) -> Bounds:
    return Bounds(float(np.min(P)), float(np.max(P)))


def relative(P: np.ndarray, omega: np.ndarray | None = None) -> Relative:
    """p_t · p_{t+Δ} for every Δ and t, P: (n, d); with ``omega`` (d/2,), also Σ_k cos(ω_k Δ)."""
    n = P.shape[0]
    G = P @ P.T  # (n, n) Gram matrix: G[s, t] = p_s · p_t
    deltas = np.arange(n)
    dots = [np.diagonal(G, offset=d).copy() for d in deltas]  # dots[Δ][t] = p_t · p_{t+Δ}
    spread = np.array([np.max(v) - np.min(v) for v in dots])
    expected = deviation = None
    if omega is not None:
        expected = np.sum(np.cos(omega[None, :] * deltas[:, None]), axis=1)  # (n,)
        deviation = np.array([np.max(np.abs(v - e)) for v, e in zip(dots, expected)])
    return Relative(deltas, dots, spread, expected, deviation)


def properties(P: np.ndarray, omega: np.ndarray | None = None) -> Properties:
    return Properties(uniqueness(P), bounds(P), relative(P, omega))


@dataclass
class PositionalComparison:
    """Everything ``rnntrace positional`` shows: the three encodings and their properties."""

    length: int
    dim: int
    positions: np.ndarray  # (n,)
    index: np.ndarray  # (n, 1)
    binary: np.ndarray  # (n, b)
    sinusoidal: np.ndarray  # (n, d)
    omega: np.ndarray  # (d/2,)
    props: dict[str, Properties]  # "index" | "binary" | "sinusoidal"
    slide_omega: np.ndarray  # (d/2,)  the slide's ω_1 … ω_{d/2} taken literally (``slide_frequencies``)

    @property
    def periods(self) -> np.ndarray:
        """Positions per full turn of each pair, 2π/ω_k: (d/2,)."""
        return 2.0 * np.pi / self.omega

    @property
    def step_ratio(self) -> float | None:
        """How much slower each pair turns than the one before, ω_k/ω_{k+1} = 10000^(2/d) (None
        with one pair)."""
        return float(self.omega[0] / self.omega[1]) if len(self.omega) > 1 else None

    @property
    def example_t(self) -> int:
        """The position the explanations work out: t = 2 (t = 1 with two positions)."""
        return min(2, self.length - 1)


def compare(length: int, dim: int) -> PositionalComparison:
    """The lecture's comparison for positions 0 … length−1 (at least two) and a sinusoidal width
    ``dim`` (even)."""
    _check_length(length, lo=2)
    _check_dim(dim)
    idx, binary = index_encoding(length), binary_encoding(length)
    omega, sin = frequencies(dim), sinusoidal_encoding(length, dim)
    props = {"index": properties(idx), "binary": properties(binary),
             "sinusoidal": properties(sin, omega)}
    return PositionalComparison(length, dim, positions(length), idx, binary, sin, omega, props,
                                slide_frequencies(dim))
