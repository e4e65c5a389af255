"""Networks composed of cells: an embedding layer, stacked layers, two directions, three tasks.

    x_t = onehot(w_t)·E                        the embedding: row w_t of E (V×d), 1×d
    x_t^(ℓ) = h_t^(ℓ−1)                        layer ℓ reads the layer below (layer 1 reads x_t)
    h_t^(ℓ→) = cell(x_t^(ℓ), h_{t−1}^(ℓ→))     t = 1 … T
    h_t^(ℓ←) = cell(x_t^(ℓ), h_{t+1}^(ℓ←))     t = T … 1, its own weights
    h_t^(ℓ) = [h_t^(ℓ→) ; h_t^(ℓ←)]            1×2H when bidirectional
    lm, tag:   y_t = h_t^(L)·W_hy + b_y,  p_t = softmax(y_t),  L = Σ_t −log p_t[target_t]
    classify:  y = [h_T^(L→) ; h_1^(L←)]·W_hy + b_y,  p = softmax(y),  L = −log p[label]

Every step is the cell's own (``cells.Cell``): the traced step, the local backward, the
Jacobian and the fast scan; this module only wires them together and names what they computed
(``W_xh^(2)``, ``h_{t+1}^(1←)``: a superscript names the layer when there are several and the
direction when there are two; the lecture's one-layer network keeps its plain names).

Two ways through, as in ``bptt``: a short sentence steps every cell one token at a time,
recording each op; a long one scans the recurrences, recomputes every value batched over t,
and carries each layer's gradient back through its Jacobians.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from rnntrace import bptt, cells, jacobians as jac, params as params_mod
from rnntrace.choices import TASKS
from rnntrace.errors import InputError
from rnntrace.examples import MAX_TOKENS, Example, _numbers, _string_list, vocabulary
from rnntrace.i18n import t, tn
from rnntrace.mathx import log_softmax, times_pow10
from rnntrace.notation import chain_rule, exact_renamer, grad_of, joined, layer_renamer, layer_tag, sym, tagged, word
from rnntrace.trace import Apply, Op, Sym

MAX_LAYERS = 8
MAX_EMBEDDING = 256
DIRECTIONS = ("forward", "backward")
ARROW = {"forward": "→", "backward": "←"}


# ---- what network ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    cell: str
    gru_variant: str = "lecture"
    activation: str = "tanh"
    layers: int = 1
    bidirectional: bool = False
    embedding_dim: int | None = None
    task: str = "lm"
    scale: float = 1.0  # --scale: every layer's and direction's recurrent matrices (W_h·) times this
    forget_bias: float | None = None  # --forget-bias: b_f of every LSTM layer and direction

    @property
    def directions(self) -> tuple[str, ...]:
        return DIRECTIONS if self.bidirectional else DIRECTIONS[:1]

    @property
    def plain(self) -> bool:
        """The lecture's network: one layer, one direction, one-hot inputs, next-word targets."""
        return self.layers == 1 and not self.bidirectional and self.embedding_dim is None and self.task == "lm"

    def tag(self, layer: int, direction: str) -> str:
        """The superscript of a layer's names: ^(2), ^(→), ^(2←); none for the plain network."""
        return self.tags(layer, direction)[0]

    def tags(self, layer: int, direction: str) -> tuple[str, str]:
        """``tag`` and its TeX: (``^(2→)``, ``^{(2\\to )}``)."""
        return layer_tag(layer if self.layers > 1 else None, direction if self.bidirectional else None)


def spec(ex: Example, cell: str, gru_variant: str = "lecture", activation: str = "tanh",
         embedding: int | None = None, layers: int | None = None, bidirectional: bool = False,
         task: str | None = None, scale: float = 1.0, forget_bias: float | None = None) -> Spec:
    """The network the options and the example ask for (an option wins over the example's key).
    Checks every network key of the example; an InputError names the first that does not fit."""
    net, src = ex.network, ex.source
    for key, want in (("task", str), ("layers", int), ("bidirectional", bool), ("embedding_dim", int)):
        if key in net and (not isinstance(net[key], want) or (want is int and isinstance(net[key], bool))):
            raise InputError(t("errors.field_type", file=src, field=key, want=want.__name__))
    task = task or net.get("task", "lm")
    if task not in TASKS:
        raise InputError(t("errors.bad_choice", file=src, field="task", value=task, choices=", ".join(TASKS)))
    L = layers if layers is not None else net.get("layers", 1)
    if not 1 <= L <= MAX_LAYERS:
        where = "--layers" if layers is not None else f"{src}: layers"
        raise InputError(t("network.err.layers", where=where, value=L, max=MAX_LAYERS))
    d = embedding if embedding is not None else net.get("embedding_dim")
    if "E" in net:
        E = net["E"]
        V = len(ex.vocab)
        if E.ndim != 2 or E.shape[0] != V or (d is not None and E.shape[1] != d):
            dims = "×".join(str(n) for n in E.shape)
            raise InputError(t("network.err.E_shape", file=src, dims=dims, V=V,
                               d=d if d is not None else "d"))
        d = E.shape[1]
    if d is not None and not 1 <= d <= MAX_EMBEDDING:
        where = "--embedding" if embedding is not None else f"{src}: embedding_dim"
        raise InputError(t("errors.option_range", option=where, value=d, lo=1, hi=MAX_EMBEDDING))
    c = cells.make(cell, gru_variant, activation)  # the variant and activation it takes
    if forget_bias is not None and not c.memory:
        raise InputError(t("bptt.err.forget_bias_cell", cell=t(f"common.cell.{cell}")))
    s = Spec(cell, c.variant, c.activation,
             L, bool(bidirectional or net.get("bidirectional", False)), d, task, float(scale), forget_bias)
    _classes(ex, s)  # the task's labels, checked now
    return s


def _classes(ex: Example, s: Spec) -> tuple[tuple[str, ...], tuple[int, ...] | int | None]:
    """(the output's classes, the targets as indices: one per token (−1: none), or the label's)."""
    net, src = ex.network, ex.source
    if s.task == "lm":
        pos = {w: i for i, w in enumerate(ex.vocab)}
        pos[None] = -1  # a step without a target
        return ex.vocab, tuple(map(pos.__getitem__, ex.targets))
    if not net.get("labels"):
        raise InputError(t("network.err.no_labels", file=src, task=s.task))
    labels = tuple(vocabulary(net, "labels", src))  # words, none twice, within the limits
    if s.task == "tag":
        if "tags" not in net:
            raise InputError(t("network.err.no_tags", file=src))
        tags = _string_list(net, "tags", src, MAX_TOKENS)
        if len(tags) != len(ex.sentence):
            raise InputError(t("network.err.tags_len", file=src, n=len(tags), m=len(ex.sentence)))
        for k, g in enumerate(tags):
            if g not in labels:
                raise InputError(t("network.err.not_a_label", where=f"{src}: tags[{k + 1}]", label=g,
                                   labels=", ".join(labels)))
        return labels, tuple(labels.index(g) for g in tags)
    label = net.get("label")
    if label is None:
        raise InputError(t("network.err.no_label", file=src))
    if not isinstance(label, str) or label.strip() not in labels:
        raise InputError(t("network.err.not_a_label", where=f"{src}: label", label=label, labels=", ".join(labels)))
    return labels, labels.index(label.strip())


def bytes_per_step(s: Spec, V: int, H: int) -> int:
    """What one more token costs a long run: bptt's figure for each layer and direction."""
    d_in = max(V, s.embedding_dim or 0, 2 * H)
    return bptt.bytes_per_step(s.cell, d_in, H) * s.layers * len(s.directions)


def max_steps(s: Spec, V: int, H: int) -> int:
    return max(1, min(bptt.MAX_STEPS, bptt.MEMORY_BUDGET // bytes_per_step(s, V, H)))


def extend(ex: Example, s: Spec, T: int, seed: int) -> Example:
    """``bptt.extend`` for a network: a tagging example's drawn tokens get tags drawn from its
    labels with ``seed``; a classified sentence keeps its label."""
    out = bptt.extend(ex, T, seed)
    if s.task == "tag":
        tags = list(ex.network["tags"][:T])
        labels = ex.network["labels"]
        rng = np.random.default_rng([seed, zlib.crc32(b"--steps tags")])
        tags += [labels[i] for i in rng.integers(0, len(labels), size=T - len(tags))]
        out = replace(out, network={**ex.network, "tags": tags})
    return out


# ---- the parameters --------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class Params:
    """Every parameter under its name on screen (``W_xh^(2←)``), and where each sits."""

    values: dict[str, np.ndarray]
    layers: list[dict[str, dict[str, str]]]  # [layer][direction][cell name] → the name on screen
    implicit_zero: frozenset[str]
    drawn: list[str]
    unused: list[str]
    replaced: list[str] = field(default_factory=list)  # in the file for the one-layer lm, drawn here
    symbols: dict[str, Sym] = field(default_factory=dict)  # the name on screen → its symbol (TeX and key)

    def symbol(self, name: str) -> Sym:
        """The parameter named ``name`` on screen as a symbol: ``W_xh^(2←)`` with its TeX."""
        return self.symbols.get(name) or cells.param(name)

    def of(self, layer: int, direction: str) -> dict[str, np.ndarray]:
        return {n: self.values[k] for n, k in self.layers[layer - 1][direction].items()}


def input_size(s: Spec, V: int, H: int, layer: int) -> int:
    if layer > 1:
        return H * len(s.directions)
    return s.embedding_dim or V


def build(ex: Example, s: Spec, seed: int) -> Params:
    """The file's parameters where it names them, the rest drawn from ``seed`` (each name its own
    stream; layer 1's forward weights under their plain names, so a one-layer network draws what
    ``forward`` draws). Missing biases are implicit zeros. A weight of [weights] shaped for the
    lecture's network (one layer, one direction, one-hot, lm: W_xh V×H, W_hy H×V) that this
    network needs in another shape is drawn instead and listed in ``replaced``; any other
    mismatch is an error naming the product."""
    V, H, src = len(ex.vocab), ex.hidden_size, ex.source
    cell = cells.make(s.cell, s.gru_variant, s.activation)
    tables = _layer_tables(ex, s, cell)
    values, layout, implicit, drawn, replaced = {}, [], set(), [], []
    symbols: dict[str, Sym] = {}
    x_name = "x_t"

    def take(key: str, draw_as: str, shape, given: dict, name: str, where: str, plain=None):
        if name in given and plain is not None and given[name].shape == plain != shape:
            given = {}  # shaped for the one-layer, one-direction, one-hot lm: this network draws its own
            replaced.append(key)
        if name in given:
            arr = given[name]
            if arr.shape != shape:
                if name.startswith("W_x"):
                    raise InputError(t("network.err.wx_shape", where=where, dims=_dims(arr.shape), want=_dims(shape),
                                       x=x_name, n=shape[0], name=name))
                raise InputError(t("network.err.shape", where=where, dims=_dims(arr.shape), want=_dims(shape)))
            values[key] = np.array(arr, dtype=np.float64)
        elif params_mod.is_bias(name):
            values[key] = np.zeros(shape)
            implicit.add(key)
        else:
            values[key] = params_mod.draw(draw_as, shape, seed)
            drawn.append(key)

    if s.embedding_dim is not None:
        take("E", "E", (V, s.embedding_dim), {"E": ex.network["E"]} if "E" in ex.network else {}, "E",
             f"{src}: weights.E")
    for layer in range(1, s.layers + 1):
        d_in = input_size(s, V, H, layer)
        x_name = (_x_name(s, layer) or cells.X).name
        layout.append({})
        for direction in s.directions:
            tag = s.tag(layer, direction)
            given, where = tables[(layer, direction)]
            layout[-1][direction] = {}
            for name in cell.names():
                key = name + tag
                plain = layer == 1 and direction == "forward"
                take(key, name if plain else key, cell.shape(name, d_in, H), given, name, f"{where}{name}",
                     cell.shape(name, V, H) if plain else None)
                layout[-1][direction][name] = key
                symbols[key] = tagged(cells.param(name), s.tags(layer, direction))
                if s.scale != 1.0 and name in cell.recurrent():  # --scale, after validation
                    values[key] = values[key] * s.scale
                if name == "b_f" and s.forget_bias is not None:  # --forget-bias: b_f = b for every unit
                    values[key] = np.full(H, s.forget_bias)
                    implicit.discard(key)
    classes, _ = _classes(ex, s)
    top = H * len(s.directions)
    for name, shape in (("W_hy", (top, len(classes))), ("b_y", (len(classes),))):
        take(name, name, shape, ex.weights, name, f"{src}: weights.{name}", params_mod.expected_shape(name, V, H))
    used = set(cell.names()) | {"W_hy", "b_y"}
    unused = [n for n in ex.weights if n not in used]
    for (layer, direction), (given, where) in tables.items():
        unused += [f"{where}{n}" for n in given if n not in used and (layer, direction) != (1, "forward")]
    return Params(values, layout, frozenset(implicit), drawn, unused, replaced, symbols)


def _dims(shape) -> str:
    return "×".join(str(n) for n in shape)


def _layer_tables(ex: Example, s: Spec, cell: cells.Cell) -> dict:
    """(layer, direction) → (the weights the file gives, where they are written). Layer 1's
    forward weights are in [weights]; [layer.ℓ] holds layer ℓ's (forward) weights and
    [layer.ℓ.backward] its backward direction's."""
    src = ex.source
    out = {(layer, d): ({}, f"{src}: layer.{layer}.{'backward.' if d == 'backward' else ''}")
           for layer in range(1, s.layers + 1) for d in s.directions}
    out[(1, "forward")] = ({n: v for n, v in ex.weights.items() if n not in ("W_hy", "b_y")}, f"{src}: weights.")
    table = ex.network.get("layer", {})
    if not isinstance(table, dict):
        raise InputError(t("errors.field_type", file=src, field="layer", want="table"))
    allowed = set(params_mod.ALL_NAMES) - {"W_hy", "b_y"}
    for key, sub in table.items():
        if not (key.isdigit() and 1 <= int(key) <= s.layers):
            raise InputError(tn("network.err.layer_table", s.layers, file=src, key=f"layer.{key}"))
        if not isinstance(sub, dict):
            raise InputError(t("errors.field_type", file=src, field=f"layer.{key}", want="table"))
        layer = int(key)
        for name, value in sub.items():
            if name == "backward" and isinstance(value, dict):
                if not s.bidirectional:
                    raise InputError(t("network.err.not_bidirectional", file=src, key=f"layer.{key}.backward"))
                given, where = out[(layer, "backward")]
                for n, v in value.items():
                    given[_allowed(n, allowed, where)] = _numbers(v, f"{where}{n}")
                continue
            given, where = out[(layer, "forward")]
            if name in given:
                raise InputError(t("network.err.twice", file=src, name=name, key=f"layer.{key}"))
            given[_allowed(name, allowed, where)] = _numbers(value, f"{where}{name}")
    return out


def _allowed(name: str, allowed: set[str], where: str) -> str:
    if name not in allowed:
        raise InputError(t("network.err.unknown_weight", where=f"{where}{name}", names=" ".join(sorted(allowed))))
    return name


# ---- naming what the cells computed ----------------------------------------------------------------
def _same_key(key):
    return key


def reversed_key(key):
    """The backward direction's previous state is h_{t+1}, the next word's: not the h_{t−1} (from
    h_0 = 0) that ``explain`` says the previous state is."""
    return ("next",) + key[1:] if key and key[0] == "prev" else key


def output_key(key):
    """A tag or classify task's output layer reads a state, but it scores labels, not words:
    ``explain``'s sentence on the output product (words of the vocabulary) is not said of it."""
    return None if key == cells.H_T.key else key


def rename_expr(e, name, key=_same_key):
    """``e`` with every symbol renamed by ``name`` (``Sym`` → ``Sym``: ``notation.layer_renamer``,
    ``exact_renamer``, which rename the TeX with the name); ``key`` maps what each symbol is."""
    if isinstance(e, Sym):
        return name(e)._replace(key=key(e.key))
    if isinstance(e, str):
        return e
    if isinstance(e, tuple) and not hasattr(e, "_fields"):
        return tuple(rename_expr(x, name, key) for x in e)
    return type(e)(*(rename_expr(x, name, key) for x in e))


def rename_ops(ops: list[Op], name, key=_same_key) -> list[Op]:
    for op in ops:
        op.target = rename_expr(op.target, name, key) if op.target is not None else None
        op.expr = rename_expr(op.expr, name, key)
        op.operands = tuple((rename_expr(e, name, key), v) for e, v in op.operands)
    return ops


# ---- the result ------------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class CellStep:
    """One step of one layer and direction, with the ops it recorded (short view)."""

    t: int
    ops: list[Op]


@dataclass(eq=False, repr=False)
class LayerRun:
    """One layer in one direction. Arrays are in the order the direction runs (t = T … 1 for
    the backward one); ``order[k]`` is the 0-based time index of position k."""

    layer: int
    direction: str
    tag: str
    order: np.ndarray
    x: np.ndarray  # (T, d_in) its inputs
    values: dict[str, np.ndarray]  # the cell's values {a, h} / {r, z, h_tilde, h} / {f, i, …}
    state_prev: object  # h_{t−1} (T, H), or (h, c) for the LSTM
    steps: list[CellStep] | None
    jacobians: np.ndarray | None = None  # (T, S, S), J[k] = ∂s/∂s_prev at position k
    # (J̃, e): J[k] = J̃[k]·10^e[k] (e None: J̃ is J), the ledger its norms below are computed from
    # when first asked for (the terminal shows a sample of ‖∂h_last/∂h_k‖; JSON shows them all)
    ledger: tuple | None = None

    @cached_property
    def log10_jacobian_norms(self) -> np.ndarray | None:
        """log10 ‖J_k‖₂ for every position k (None without a ledger)."""
        if self.ledger is None:
            return None
        Jt, e = self.ledger
        return jac.log10_spectral(Jt) + (0.0 if e is None else e)

    @cached_property
    def log10_products(self) -> np.ndarray | None:
        """‖∂h_last/∂h_k‖ for k = 0 … T−1 (run order), as log10 (None without a ledger)."""
        return None if self.ledger is None else jac.products(*self.ledger).log10_norm

    def log10_products_at(self, ks) -> np.ndarray:
        """``log10_products[ks]``, the same numbers, computed for those k alone (what a chart
        that samples k needs) unless they all are already."""
        if "log10_products" in self.__dict__:
            return self.log10_products[ks]
        return jac.product_norms_at(*self.ledger, ks)

    def state_time(self, k: int) -> int:
        """The time step of the run's k-th state (k = 0: its initial state, h_0 going forward,
        h_{T+1} going backward), as ``log10_products`` counts them."""
        if k == 0:
            return 0 if self.direction == "forward" else len(self.order) + 1
        return int(self.order[k - 1]) + 1

    def in_time_order(self, key: str) -> np.ndarray:
        return self.values[key][np.argsort(self.order)]


@dataclass(eq=False, repr=False)
class BackStep:
    """One backward step of one layer and direction (or of the output layer: layer 0)."""

    layer: int
    direction: str
    t: int
    ops: list[Op]


@dataclass(eq=False, repr=False)
class RunSum:
    """One layer and direction's part of the sum at t: per time step k (time order), the size of
    step k's part of ∂L^(t)/∂(its recurrent matrices), and Σ_k of it, ∂L^(t)/∂W_h· itself."""

    layer: int
    direction: str
    tag: str
    log10_term: np.ndarray  # (T,) log10 ‖term_k‖_F (−inf: exactly 0, step k does not reach L^(t))
    totals: dict[str, np.ndarray]  # the name on screen (W_hh^(2←)) → ∂L^(t)/∂ it


@dataclass(eq=False, repr=False)
class NetSums:
    t: int
    weights: list[str]  # the cell's recurrent matrices (plain names)
    runs: list[RunSum]


@dataclass(eq=False, repr=False)
class NetTrace:
    command: str
    spec: Spec
    example: str
    title: str
    description: str
    vocab: list[str]
    classes: list[str]
    hidden_size: int
    seed: int
    sentence: list[str]
    targets: list[str | None]  # per token (lm, tag); for classify all None
    label: str | None  # classify
    params: Params
    embed_ops: list[list[Op]] | None  # per t: x_t = onehot(w_t)·E
    runs: list[list[LayerRun]]  # [layer][direction]
    top: np.ndarray  # (T, K_in) what the output layer reads: h_t^(L), or [h→ ; h←]
    output_ops: list[list[Op]] | None  # per t (lm, tag), or one list (classify)
    y: np.ndarray  # (T, K) or (K,)
    p: np.ndarray
    losses: np.ndarray  # (T,) nan without a target; classify (1,)
    loss: float | None
    grads: dict[str, np.ndarray] | None = None
    back_steps: list[BackStep] | None = None
    gradcheck: object | None = None
    gradcheck_cost: int | None = None  # its multiply-adds, when that kept it off by default
    nonfinite: dict[str, int] = field(default_factory=dict)
    sums: NetSums | None = None  # --at t: step k's part of ∂L^(t)/∂W_h·, per layer and direction

    @property
    def T(self) -> int:
        return len(self.sentence)

    @property
    def summary(self) -> bool:
        return self.runs[0][0].steps is None

    @property
    def cell(self) -> str:
        return self.spec.cell

    @property
    def activation(self) -> str:
        return self.spec.activation

    def predictions(self) -> list[str | None]:
        P = self.p if self.p.ndim == 2 else self.p[None, :]
        finite = np.isfinite(P).all(axis=1).tolist()  # a row with inf or nan predicts nothing
        return [self.classes[k] if ok else None for k, ok in zip(P.argmax(axis=1).tolist(), finite)]


def _onehots(idx: np.ndarray, V: int) -> np.ndarray:
    X = np.zeros((len(idx), V))
    X[np.arange(len(idx)), idx] = 1.0
    return X


# ---- forward -------------------------------------------------------------------------------------
def run(ex: Example, s: Spec, seed: int | None = None, detail: bool = True, command: str = "forward",
        params: Params | None = None) -> NetTrace:
    """Every layer and direction, then the output layer and the loss. ``detail`` records every
    op one step at a time; without it the recurrences are scanned and the values batched.
    ``params`` (``build``'s, perhaps with other values: ``train``) are used instead of building
    them from the example."""
    seed = ex.seed if seed is None else seed
    V, H = len(ex.vocab), ex.hidden_size
    P = build(ex, s, seed) if params is None else params
    cell = cells.make(s.cell, s.gru_variant, s.activation)
    classes, targets = _classes(ex, s)
    pos = {w: i for i, w in enumerate(ex.vocab)}
    idx = np.array([pos[w] for w in ex.sentence])
    T = len(idx)

    embed_ops = None
    if s.embedding_dim is not None:
        E = P.values["E"]
        X = E[idx]  # (T, d): x_t = onehot(w_t)·E is row w_t of E
        if detail:
            embed_ops = []
            E_val = cells.Val(cells.param("E"), E)
            for i, w in enumerate(ex.sentence):
                rec = cells.Recorder(True)
                onehot = np.zeros(V)
                onehot[idx[i]] = 1.0
                rec.add(cells.X, rec.matmul(cells.Val(Apply("onehot", word(w)), onehot), E_val))
                embed_ops.append(rec.ops)
    else:
        X = _onehots(idx, V)
    runs = []
    for layer in range(1, s.layers + 1):
        scanned = ([None] * len(s.directions) if detail
                   else cell.scan_many([_scan_job(s, P, layer, d, X, idx) for d in s.directions]))
        row = [_run_layer(cell, s, P, layer, direction, X, H, scanned[j])
               for j, direction in enumerate(s.directions)]
        runs.append(row)
        X = np.hstack([r.in_time_order("h") for r in row])  # (T, H) or (T, 2H)
    top = X
    p_out = cells.P({"W_hy": P.values["W_hy"], "b_y": P.values["b_y"]}, P.implicit_zero)
    out_name = _top_name(s)
    output_ops = None
    if s.task == "classify":
        last = _final_state(runs[-1])
        rec = cells.Recorder(detail)
        y, prob = cells.output_step(p_out, last, rec)
        if detail:
            output_ops = rename_ops(rec.ops, _exact({"h_t": _final_name(s), "y_t": sym("y", "y"), "p_t": sym("p", "p")}),
                                    output_key)
        with np.errstate(all="ignore"):
            losses = np.array([-log_softmax(y)[targets]])
        loss = float(losses[0])
        tgt_names = [None] * T
        label = classes[targets]
    else:
        if detail:
            output_ops, ys, ps = [], [], []
            for i in range(T):
                rec = cells.Recorder(True)
                yi, pi = cells.output_step(p_out, top[i], rec)
                output_ops.append(rename_ops(rec.ops, _exact({"h_t": out_name}), _same_key if s.task == "lm"
                                             else output_key))
                ys.append(yi)
                ps.append(pi)
            y, prob = np.array(ys), np.array(ps)
        else:
            y, prob = cells.output_step(p_out, top, cells.Recorder(False))
        tg = np.array(targets)
        with np.errstate(all="ignore"):
            logp = log_softmax(y)
            losses = np.where(tg >= 0, -logp[np.arange(T), np.maximum(tg, 0)], np.nan)
        loss = float(np.sum(losses[tg >= 0])) if np.any(tg >= 0) else None
        tgt_names = [classes[k] if k >= 0 else None for k in targets]
        label = None
    return NetTrace(command=command, spec=s, example=ex.name, title=ex.title, description=ex.description,
                    vocab=list(ex.vocab), classes=list(classes), hidden_size=H, seed=seed,
                    sentence=list(ex.sentence), targets=tgt_names, label=label, params=P, embed_ops=embed_ops,
                    runs=runs, top=top, output_ops=output_ops, y=y, p=prob, losses=losses, loss=loss)


def _exact(mapping: dict[str, Sym]):
    return exact_renamer(mapping)


_DY = grad_of(sym("y", "y"))
_LOSS_AT_T = grad_of(cells.H_T, "L^(t)", "L^{(t)}")._replace(key=None)  # ∂L^(t)/∂h_t


def _top_name(s: Spec) -> Sym:
    """What the output layer reads at t: h_t, h_t^(2), [h_t^(→) ; h_t^(←)]."""
    names = [tagged(cells.H_T, s.tags(s.layers, d)) for d in s.directions]
    return names[0] if len(names) == 1 else joined(*names)


def _final_name(s: Spec) -> Sym:
    """The classifier's input: h_T (the forward direction's last state), [h_T^(→) ; h_1^(←)]."""
    names = [tagged(sym("h_T", "h_{T}") if d == "forward" else sym("h_1", "h_{1}"), s.tags(s.layers, d))
             for d in s.directions]
    return names[0] if len(names) == 1 else joined(*names)


def _final_state(row: list[LayerRun]) -> np.ndarray:
    """Each direction's last state: the forward one's h_T, the backward one's h_1."""
    return np.concatenate([r.values["h"][-1] for r in row])


def _x_name(s: Spec, layer: int) -> Sym | None:
    return None if layer == 1 else tagged(cells.X, layer_tag(layer, None))


def _order(direction: str, T: int) -> np.ndarray:
    return np.arange(T) if direction == "forward" else np.arange(T)[::-1]


def _scan_job(s: Spec, P: Params, layer: int, direction: str, X: np.ndarray, idx: np.ndarray) -> tuple:
    """What ``Cell.scan_many`` runs for one layer and direction: (weights, inputs in its order or
    None, the token indices in its order for one-hot inputs, which the scan looks rows up by)."""
    order = _order(direction, len(X))
    if layer == 1 and s.embedding_dim is None:
        return P.of(layer, direction), None, idx[order]
    return P.of(layer, direction), X[order], None


def _run_layer(cell: cells.Cell, s: Spec, P: Params, layer: int, direction: str, X: np.ndarray, H: int,
               scanned: tuple | None) -> LayerRun:
    """One layer and direction: step by step, recording every op, when ``scanned`` is None; else
    from its scanned states (h, c), every value recomputed batched over t."""
    T = len(X)
    order = _order(direction, T)
    Xr = X[order]
    weights = P.of(layer, direction)
    implicit = {n for n, k in P.layers[layer - 1][direction].items() if k in P.implicit_zero}
    p = cells.P(weights, implicit)
    tag = s.tag(layer, direction)
    steps = None
    if scanned is None:
        name = layer_renamer(s.tags(layer, direction), direction == "backward", _x_name(s, layer))
        state = cell.initial_state(H)
        steps, vals = [], []
        for k in range(T):
            rec = cells.Recorder(True)
            v, state = cell.step(p, Xr[k], state, rec)
            ops = rename_ops(rec.ops, name, reversed_key if direction == "backward" else _same_key)
            if layer > 1:
                ops.insert(0, _input_op(s, layer, Xr[k], H))
            steps.append(CellStep(int(order[k]) + 1, ops))
            vals.append(v)
        values = {key: np.array([v[key] for v in vals]) for key in vals[0]}
        state_prev = cell.previous(values["h"], values.get("c"))
    else:
        state_prev = cell.previous(*scanned)
        values, _ = cell.step(p, Xr, state_prev, cells.Recorder(False))
    return LayerRun(layer, direction, tag, order, Xr, values, state_prev, steps)


def _input_op(s: Spec, layer: int, x: np.ndarray, H: int) -> Op:
    """x_t^(ℓ) = h_t^(ℓ−1), or [h_t^(ℓ−1→) ; h_t^(ℓ−1←)] (1×2H): what layer ℓ reads."""
    names = [tagged(cells.H_T, s.tags(layer - 1, d)) for d in s.directions]
    if len(names) == 1:
        return Op(_x_name(s, layer), names[0], ((names[0], x),), x)
    return Op(_x_name(s, layer), joined(*names), ((names[0], x[:H]), (names[1], x[H:])), x)


# ---- backward ------------------------------------------------------------------------------------
def backward(tr: NetTrace, ex: Example, gradcheck: bool | None = None, ledger: bool = True,
             at: int | None = None) -> NetTrace:
    """Every gradient: the output layer, then each layer from the top down, each direction
    against its own running order, then ∂L/∂E. Fills ``grads``, ``back_steps`` (short view),
    every run's Jacobians and (``ledger``) their norms and products, the gradient check (by
    default up to ``bptt.GRADCHECK_MAX`` tokens) and, given ``at``, ``sums`` (``--at``, below: the
    gradient of L^(t) alone goes down the layers beside L's, through the same Jacobians)."""
    s, P = tr.spec, tr.params
    cell = cells.make(s.cell, s.gru_variant, s.activation)
    detail = not tr.summary
    T, H = tr.T, tr.hidden_size
    _, targets = _classes(ex, s)
    p_out = cells.P({"W_hy": P.values["W_hy"], "b_y": P.values["b_y"]}, P.implicit_zero)
    grads = {k: np.zeros_like(v) for k, v in P.values.items()}
    back_steps = [] if detail else None
    K_in = tr.top.shape[1]

    # the output layer: D[t] = ∂L^(t)/∂(what it reads at t), (T, K_in)
    D = np.zeros((T, K_in))
    if s.task == "classify":
        rec = cells.Recorder(detail)
        last = _final_state(tr.runs[-1])
        out = cells.output_backward(p_out, last, tr.p, targets, rec, word=tr.label)
        _add(grads, out.grads)
        if detail:
            rename_ops(rec.ops, _exact({"h_t": _final_name(s), "p_t": sym("p", "p"), "∂L/∂y_t": _DY}), output_key)
            back_steps.append(BackStep(0, "", T, rec.ops))
        finals = {"forward": T - 1, "backward": 0}
        top_runs = tr.runs[-1]
        for j, r in enumerate(top_runs):
            D[finals[r.direction], j * H:(j + 1) * H] = out.back.value[j * H:(j + 1) * H]
        above = chain_rule(sym("y", "y"), cells.H_T)  # the classifier's part, at the final state only
    elif detail:
        name = _exact({"h_t": _top_name(s)})
        for i in range(T - 1, -1, -1):
            rec = cells.Recorder(True)
            tgt = targets[i] if targets[i] >= 0 else None
            out = cells.output_backward(p_out, tr.top[i], tr.p[i], tgt, rec, word=tr.targets[i])
            _add(grads, out.grads)
            D[i] = out.back.value
            back_steps.append(BackStep(0, "", i + 1, rename_ops(rec.ops, name, _same_key if s.task == "lm"
                                                                else output_key)))
        above = _LOSS_AT_T  # the lecture's: the loss at t through y_t
    else:
        out = cells.output_backward(p_out, tr.top, tr.p, np.array(targets), cells.Recorder(False))
        _add(grads, out.grads)
        D = out.back.value
        above = _LOSS_AT_T

    D_at = None if at is None else _sum_start(tr, ex, at)  # ∂L^(t)/∂(what the output layer reads)
    sums = []
    for layer in range(s.layers, 0, -1):
        row = tr.runs[layer - 1]
        dX = np.zeros((T, row[0].x.shape[1]))
        ps = [_cell_params(P, r) for r in row]
        parts = [_part(D, row, j, H)[r.order] for j, r in enumerate(row)]
        ledgers = []
        for r in row:  # J_t = Jt[t]·10^e[t]: the cell's ledger, sizes set aside so saturation keeps them
            Jt, e = cell.ledger(P.of(layer, r.direction), {**r.values, "x": r.x}, r.state_prev)
            r.jacobians = Jt if e is None else times_pow10(Jt, e)
            ledgers.append((Jt, e))
        streams = ([] if detail else [parts]) + ([] if D_at is None else [
            [_part(D_at, row, j, H)[r.order] for j, r in enumerate(row)]])
        batched = _back_row(cell, row, ps, streams) if streams else []
        if D_at is not None:
            done, D_at = _sum_rows(tr, layer, row, batched.pop())
            sums += done
        for j, r in enumerate(row):
            if detail:
                dx, g = _run_back_steps(cell, s, r, ps[j], parts[j], above, back_steps, H)
            else:
                dx, g = batched[0][j][0], batched[0][j][1].grads
            dX[r.order] += dx
            for n, v in g.items():
                key = P.layers[layer - 1][r.direction][n]
                with np.errstate(all="ignore"):
                    grads[key] = grads[key] + v
            if ledger:
                r.ledger = ledgers[j]
        D = dX
        # what reaches layer ℓ−1 from above: ∂L/∂x_t^(ℓ), x_t^(ℓ) = h_t^(ℓ−1) (or its half of it)
        x_l = tagged(cells.X, layer_tag(layer, None))
        above = grad_of(x_l)._replace(key=None) if len(row) == 1 else chain_rule(x_l, cells.H_T)
    if s.embedding_dim is not None:
        idx = np.array([tr.vocab.index(w) for w in tr.sentence])
        if detail:
            V = len(tr.vocab)
            for i in range(T):
                rec = cells.Recorder(True)
                onehot = np.zeros(V)
                onehot[idx[i]] = 1.0
                g = rec.outer(cells.grad(cells.param("E")), cells.Val(Apply("onehot", word(tr.sentence[i])), onehot),
                              cells.Val(cells.grad(cells.X), D[i]))
                with np.errstate(all="ignore"):
                    grads["E"] = grads["E"] + g.value
                back_steps.append(BackStep(-1, "", i + 1, rec.ops))
        else:
            with np.errstate(all="ignore"):
                np.add.at(grads["E"], idx, D)
    tr.grads = {k: grads[k] for k in param_order(P)}
    tr.back_steps = back_steps
    if at is not None:
        tr.sums = _net_sums(at, cell, sums)
    # the cost only where it decides or is shown (a long sentence is not checked by default)
    cost = gradcheck_cost(tr) if gradcheck or (gradcheck is None and T <= bptt.GRADCHECK_MAX) else None
    if gradcheck is None:
        gradcheck = T <= bptt.GRADCHECK_MAX and cost <= bptt.GRADCHECK_BUDGET
        tr.gradcheck_cost = cost if T <= bptt.GRADCHECK_MAX and not gradcheck else None
    elif gradcheck and cost > bptt.GRADCHECK_BUDGET_FORCED:  # bptt's rule: minutes of work are refused
        raise InputError(t("network.err.gradcheck_cost", cost=f"{cost:.1e}", max=f"{bptt.GRADCHECK_BUDGET_FORCED:.0e}"))
    if gradcheck:
        tr.gradcheck = check(tr, ex)
    tr.nonfinite = _nonfinite(tr)
    return tr


def param_order(P: Params) -> list[str]:
    """Parameter names as ``params`` lists them: E, layer by layer and direction, W_hy, b_y."""
    keys = ["E"] if "E" in P.values else []
    for layout in P.layers:
        for names in layout.values():
            keys += list(names.values())
    return keys + ["W_hy", "b_y"]


def loss_and_grads(s: Spec, P: Params, data: list[Example]) -> tuple[float, dict[str, np.ndarray]]:
    """L summed over the sentences ``data`` (each an example of one sentence, with its targets,
    tags or label) and ∂L/∂θ for every parameter but the implicit zeros: ``run`` and
    ``backward`` (no ledger, no check) on each, from h_0 = 0. What ``rnntrace train`` descends on."""
    total, grads = 0.0, None
    for e in data:
        tr = backward(run(e, s, detail=False, command="train", params=P), e, gradcheck=False, ledger=False)
        with np.errstate(all="ignore"):
            total += tr.loss if tr.loss is not None else 0.0
            grads = dict(tr.grads) if grads is None else {k: grads[k] + g for k, g in tr.grads.items()}
    return total, {k: g for k, g in grads.items() if k not in P.implicit_zero}


def _add(grads: dict, new: dict) -> None:
    for n, g in new.items():
        with np.errstate(all="ignore"):
            grads[n] = grads[n] + g


def _run_back_steps(cell, s, r: LayerRun, p, D, from_above, back_steps, H):
    """Against the run's order, one step at a time, recording every op (named for the layer).
    ``from_above`` names D, the gradient at h_t from what reads it at t, in the cell's plain
    names (∂L^(t)/∂h_t): the layer's tag is added with the rest."""
    T = len(D)
    name = layer_renamer(s.tags(r.layer, r.direction), r.direction == "backward", _x_name(s, r.layer))
    totals: dict[str, np.ndarray] = {}
    dx = np.zeros_like(r.x)
    carry = None  # the state gradient the step after (in the run's order) passed back
    for k in range(T - 1, -1, -1):
        rec = cells.Recorder(True)
        v = {key: a[k] for key, a in r.values.items()}
        from_h, dc = cell.arriving(carry)
        terms = [cells.Val(from_above, D[k])] if np.any(D[k]) or carry is None else []
        terms += [from_h] if from_h is not None else []
        # from above, from step t+1 (in the run's order), or both; one term is still written out
        dh_sym = cells.grad(cells.H_T)
        dh = rec.add(dh_sym, *terms) if len(terms) > 1 else rec.hadamard(dh_sym, terms[0])
        bw = cell.backward(p, r.x[k], cell.index(r.state_prev, k), v, dh, dc, rec)
        dx[k] = cell.input_grad(p, bw, rec).value
        for n, g in bw.grads.items():
            with np.errstate(all="ignore"):
                totals[n] = totals[n] + g if n in totals else g
        carry = cell.join(bw.back)
        back_steps.append(BackStep(r.layer, r.direction, int(r.order[k]) + 1, rename_ops(rec.ops, name,
                    reversed_key if r.direction == "backward" else _same_key)))
    return dx, totals


def _cell_params(P: Params, r: LayerRun) -> cells.P:
    """A run's weights as the cell's traced parameters (its implicit zero biases marked)."""
    names = P.layers[r.layer - 1][r.direction]
    return cells.P(P.of(r.layer, r.direction), {n for n, k in names.items() if k in P.implicit_zero})


def _part(D: np.ndarray, row: list[LayerRun], j: int, H: int) -> np.ndarray:
    """Run j's part of D, a gradient at what the layer passes up ([h→ ; h←] or h), in time order."""
    return D[:, j * H:(j + 1) * H] if len(row) > 1 else D


def _back_row(cell, row: list[LayerRun], ps: list, streams: list[list[np.ndarray]]) -> list[list[tuple]]:
    """Every step at once for a layer's runs (its directions), for one or more gradients (L's,
    and L^(t)'s for the sum): per stream, per run, (∂L/∂x for every position, the cell's batched
    backward), from stream[j] = ∂L/∂h from above at each position of run j (its order). Every
    stream's and run's state gradients go back through the runs' Jacobians side by side, in one
    recurrence (``bptt._state_gradients``), then each backward step runs for all t."""
    J = row[0].jacobians[None] if len(row) == 1 else np.stack([r.jacobians for r in row])
    out = []
    with np.errstate(all="ignore"):
        G = bptt._state_gradients(np.stack([[cell.pad(D) for D in parts] for parts in streams]), J)
        for Gs in G:
            out.append([])
            for r, p, g in zip(row, ps, Gs):
                rec = cells.Recorder(False)
                bw = bptt._backward_from(cell, p, r.x, r.values, r.state_prev, g, rec)
                out[-1].append((cell.input_grad(p, bw, rec).value, bw))
    return out


# ---- --compare ------------------------------------------------------------------------------------
def compare(ex: Example, s: Spec, gru_variant: str = "lecture", activation: str = "tanh",
            seed: int | None = None) -> list[NetTrace]:
    """rnn, gru and lstm on the same network shape, sentence and seed (the ledger: no gradient
    check). The activation is the Elman cell's, --forget-bias (``s.forget_bias``) the LSTM's,
    --scale every cell's."""
    out = []
    for kind in cells.CELLS:
        c = cells.make(kind, gru_variant, activation)  # each takes what qualifies it
        sk = replace(s, cell=kind, gru_variant=c.variant, activation=c.activation,
                     forget_bias=s.forget_bias if "forget_bias" in c.options else None)
        tr = run(ex, sk, seed=seed, detail=False, command="bptt")
        out.append(backward(tr, ex, gradcheck=False))
    return out


# ---- --at: the lecture's sum, for every layer and direction -------------------------------------
def loss_steps(ex: Example, s: Spec) -> list[int]:
    """The steps t (1-based) with a loss L^(t): those with a target (lm) or a tag; none for a
    classified sentence, whose one loss is at the end."""
    if s.task == "classify":
        return []
    _, targets = _classes(ex, s)
    return [k for k, g in enumerate(targets, start=1) if g >= 0]


# ∂L^(t)/∂W_hh = Σ_k (∂L^(t)/∂h_k)·∂h_k/∂W_hh for every layer and direction (gated cells: over all
# their recurrent matrices together): the gradient of L^(t) alone, carried down the layers through
# the Jacobians beside L's, and each step k's part of it before the sum over k. In one direction
# only k ≤ t reach L^(t); a backward direction reads the words after t, so there k ≥ t do, and
# below it every k may.
def _sum_start(tr: NetTrace, ex: Example, at: int) -> np.ndarray:
    """∂L^(t)/∂(what the output layer reads at each step): 0 but at t."""
    _, targets = _classes(ex, tr.spec)
    only = np.full(tr.T, -1)
    only[at - 1] = targets[at - 1]
    P = tr.params
    p_out = cells.P({"W_hy": P.values["W_hy"], "b_y": P.values["b_y"]}, P.implicit_zero)
    return cells.output_backward(p_out, tr.top, tr.p, only, cells.Recorder(False)).back.value


def _sum_rows(tr: NetTrace, layer: int, row: list[LayerRun], batched: list[tuple]) -> tuple[list, np.ndarray]:
    """One layer's part of the sum from its runs' backward of L^(t) alone (``_back_row``): a
    RunSum per run, and ∂L^(t)/∂(the layer's input) for the layer below."""
    s = tr.spec
    weights = cells.make(s.cell, s.gru_variant, s.activation).recurrent()
    dX = np.zeros((tr.T, row[0].x.shape[1]))
    out = []
    for r, (dx, bw) in zip(row, batched):
        names = tr.params.layers[layer - 1][r.direction]
        with np.errstate(all="ignore"):
            sq = sum(np.sum(bw.factors[w][0] ** 2, axis=1) * np.sum(bw.factors[w][1] ** 2, axis=1)
                     for w in weights)  # ‖x_kᵀ·δ_k‖_F² = ‖x_k‖²·‖δ_k‖², summed over the matrices
            log_term = np.full(tr.T, -np.inf)
            log_term[r.order] = np.where(sq > 0, 0.5 * np.log10(np.where(sq > 0, sq, 1.0)), -np.inf)
        log_term[~np.isfinite(sq)[np.argsort(r.order)]] = np.nan
        dX[r.order] += dx
        out.append(RunSum(layer, r.direction, r.tag, log_term, {names[w]: bw.grads[w] for w in weights}))
    return out, dX


def _net_sums(at: int, cell: cells.Cell, runs: list[RunSum]) -> NetSums:
    runs = sorted(runs, key=lambda rs: (rs.layer, DIRECTIONS.index(rs.direction)))  # as the ledger lists them
    return NetSums(at, cell.recurrent(), runs)


def _nonfinite(tr: NetTrace) -> dict[str, int]:
    out = {}
    for row in tr.runs:
        for r in row:
            for k, a in r.values.items():
                bad = ~np.all(np.isfinite(a.reshape(len(a), -1)), axis=1)
                if bad.any():
                    out[f"forward:{k}{r.tag}"] = int(r.order[int(np.argmax(bad))]) + 1
    for k, a in (("y", tr.y), ("p", tr.p)):
        rows = a.reshape(-1, a.shape[-1])
        bad = ~np.all(np.isfinite(rows), axis=1)
        if bad.any():
            out[f"forward:{k}"] = int(np.argmax(bad)) + 1
    for n, g in (tr.grads or {}).items():
        if not np.all(np.isfinite(g)):
            out[f"grad:{n}"] = 0
    return out


# ---- the gradient check --------------------------------------------------------------------------
def gradcheck_cost(tr: NetTrace) -> int:
    """Multiply-adds of the gradient check: 2·LEVELS perturbed losses per checked entry (every
    entry of a parameter, or SAMPLE of them), each a run of every layer and direction (x_t·W_x·
    and h_{t−1}·W_h· for every gate) and the output layer."""
    from rnntrace.gradcheck import LEVELS, SAMPLE

    s, T = tr.spec, tr.T
    gates = len(cells.make(s.cell, s.gru_variant, s.activation).gates)
    one = sum(gates * T * (r.x.shape[1] + tr.hidden_size) * tr.hidden_size for row in tr.runs for r in row)
    one += (1 if s.task == "classify" else T) * tr.top.shape[1] * len(tr.classes)
    return 2 * LEVELS * sum(min(SAMPLE, v.size) for v in tr.params.values.values()) * one


def fast_loss(s: Spec, P: Params, values: dict, idx: np.ndarray, targets) -> np.ndarray:
    """L from the parameters ``values`` (name → array; any one may carry a leading batch axis),
    through every cell's fast scan: what the finite differences run."""
    cell = cells.make(s.cell, s.gru_variant, s.activation)
    X = values["E"][..., idx, :] if s.embedding_dim is not None else None
    for layer in range(1, s.layers + 1):
        outs = []
        for direction in s.directions:
            W = {n: values[k] for n, k in P.layers[layer - 1][direction].items()}
            if X is None:  # one-hot inputs: x_t·W_x· is row w_t, looked up by the scan
                hs, _ = cell.scan(W, idx=idx if direction == "forward" else idx[::-1])
            else:
                hs, _ = cell.scan(W, X if direction == "forward" else X[..., ::-1, :])
            outs.append(hs if direction == "forward" else hs[..., ::-1, :])
        X = np.concatenate(np.broadcast_arrays(*outs), axis=-1) if len(outs) > 1 else outs[0]
    out = {"W_hy": values["W_hy"], "b_y": values["b_y"]}
    if s.task != "classify":
        from rnntrace import scan

        return scan.loss(out, X, np.asarray(targets))
    last = np.concatenate([X[..., -1, :X.shape[-1] // len(s.directions)],
                           X[..., 0, X.shape[-1] // len(s.directions):]], axis=-1) if s.bidirectional else X[..., -1, :]
    b = out["b_y"]
    with np.errstate(all="ignore"):
        y = (last[..., None, :] @ out["W_hy"])[..., 0, :] + b
        return -log_softmax(y)[..., targets]


def check(tr: NetTrace, ex: Example):
    """Every analytic gradient against finite differences of ``fast_loss``, with ``gradcheck``'s
    method (Ridders' extrapolation over halving steps), sampling, tolerance and resolution."""
    from rnntrace import gradcheck as gc

    s, P = tr.spec, tr.params
    _, targets = _classes(ex, s)
    idx = np.array([tr.vocab.index(w) for w in tr.sentence])
    base = fast_loss(s, P, P.values, idx, targets)
    with np.errstate(all="ignore"):
        delta = 16.0 * tr.T * s.layers * len(s.directions) * gc.UNIT_ROUNDOFF * (1.0 + abs(float(base)))
    rng = np.random.default_rng([0, 13])
    width = tr.T * 4 * max(tr.hidden_size * 2, len(tr.classes))
    out = []
    for name, g in tr.grads.items():
        arr = P.values[name]
        j = gc.entries_to_check(g, rng)
        chunk = max(1, gc.CHUNK_VALUES // (2 * gc.LEVELS * (width + arr.size)))
        diffs = []
        for start in range(0, len(j), chunk):
            part = j[start:start + chunk]
            L = fast_loss(s, P, {**P.values, name: gc.perturbed(arr, part)}, idx, targets)
            L = L.reshape(len(part), 2, gc.LEVELS)
            with np.errstate(all="ignore"):
                diffs.append(L[:, 0] - L[:, 1])
        out.append(gc.param_check(name, g, j, np.concatenate(diffs), delta))
    return gc.GradCheck(gc.H0, out)
