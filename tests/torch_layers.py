"""PyTorch's own GRU/LSTM layer with our weights: PyTorch keeps them in the column convention and
stacks the gates (GRU: r, z, n; LSTM: i, f, g, o), so each of our row-convention matrices is a
transposed block of theirs. Used by the optional tests that compare with PyTorch."""
import torch

GATES = {"gru": "rzh", "lstm": "ifco"}  # PyTorch's order of the stacked gates


def layer(W: dict, cell: str, V: int, H: int):
    """An ``nn.GRU`` or ``nn.LSTM`` (float64, one layer) holding ``W`` (name → float64 tensor,
    row convention, biases included; the torch GRU variant's ``b_hn`` too)."""
    gates = GATES[cell]
    net = (torch.nn.GRU if cell == "gru" else torch.nn.LSTM)(V, H, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.cat([W[f"W_x{g}"].T for g in gates]))
        net.weight_hh_l0.copy_(torch.cat([W[f"W_h{g}"].T for g in gates]))
        net.bias_ih_l0.copy_(torch.cat([W[f"b_{g}"] for g in gates]))
        hh = torch.zeros(len(gates) * H, dtype=torch.float64)
        if cell == "gru":
            hh[2 * H:] = W["b_hn"]
        net.bias_hh_l0.copy_(hh)
    return net


NET_GATES = {"rnn": "h", "gru": "rzh", "lstm": "ifco"}  # PyTorch's order of the stacked gates, in our letters


def network(s, P, V: int, H: int):
    """PyTorch's ``nn.Embedding`` (None for one-hot inputs) and ``nn.RNN``/``nn.GRU``/``nn.LSTM``
    with ``num_layers`` and ``bidirectional`` holding a network's weights (``s`` a network.Spec,
    ``P`` its network.Params: name on screen → array, and where each sits)."""
    kind = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[s.cell]
    rnn = kind(s.embedding_dim or V, H, num_layers=s.layers, bidirectional=s.bidirectional, dtype=torch.float64)
    gates = NET_GATES[s.cell]
    for ell, layout in enumerate(P.layers):
        for direction, names in layout.items():
            sfx = f"l{ell}" + ("_reverse" if direction == "backward" else "")
            W = {n: torch.tensor(P.values[k], dtype=torch.float64) for n, k in names.items()}
            with torch.no_grad():
                getattr(rnn, f"weight_ih_{sfx}").copy_(torch.cat([W[f"W_x{g}"].T for g in gates]))
                getattr(rnn, f"weight_hh_{sfx}").copy_(torch.cat([W[f"W_h{g}"].T for g in gates]))
                getattr(rnn, f"bias_ih_{sfx}").copy_(torch.cat([W[f"b_{g}"] for g in gates]))
                hh = torch.zeros(len(gates) * H, dtype=torch.float64)
                if s.cell == "gru":
                    hh[2 * H:] = W["b_hn"]
                getattr(rnn, f"bias_hh_{sfx}").copy_(hh)
    emb = None
    if s.embedding_dim:
        emb = torch.nn.Embedding(V, s.embedding_dim, dtype=torch.float64)
        with torch.no_grad():
            emb.weight.copy_(torch.tensor(P.values["E"], dtype=torch.float64))
    return emb, rnn


def network_values(s, P, emb, rnn, H: int, attr: str = "grad") -> dict:
    """The torch modules' gradients (``attr="grad"``) or weights (``attr="data"``) under our
    names on screen: each of their stacked, column-convention blocks transposed back."""
    gates = NET_GATES[s.cell]
    out = {}
    if emb is not None:
        out["E"] = getattr(emb.weight, attr).numpy()
    for ell, layout in enumerate(P.layers):
        for direction, names in layout.items():
            sfx = f"l{ell}" + ("_reverse" if direction == "backward" else "")
            gi, gh = (getattr(getattr(rnn, f"{w}_{sfx}"), attr) for w in ("weight_ih", "weight_hh"))
            bi, bh = (getattr(getattr(rnn, f"{w}_{sfx}"), attr) for w in ("bias_ih", "bias_hh"))
            for k, gate in enumerate(gates):
                rows = slice(k * H, (k + 1) * H)
                out[names[f"W_x{gate}"]] = gi[rows].T.numpy()
                out[names[f"W_h{gate}"]] = gh[rows].T.numpy()
                out[names[f"b_{gate}"]] = bi[rows].numpy()
            if s.cell == "gru":
                out[names["b_hn"]] = bh[2 * H:].numpy()
    return out
