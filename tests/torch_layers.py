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
