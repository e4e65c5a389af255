"""Texts of ``rnntrace attention`` and ``rnntrace positional`` (keys ``attention.*``, ``positional.*``)."""

MESSAGES = {
    # ---- bad input -----------------------------------------------------------------------
    "attention.bad_product": (
        "{left}·{right} cannot be computed: {left} is {lshape} and {right} is {rshape}; the columns of {left} must match the rows of {right}",
        "{left}·{right} no se puede calcular: {left} es {lshape} y {right} es {rshape}; las columnas de {left} deben coincidir con las filas de {right}"),
    "attention.bad_dim": (
        "the model dimension d_model = {value} is out of range; expected 1 to {max}",
        "la dimensión del modelo d_model = {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.bad_heads": (
        "--heads {value} is out of range; expected 1 to {max}",
        "--heads {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.heads_divide": (
        "--heads {heads} does not divide the model dimension d_model = {d_model}: each head takes d_model / h columns of V; choose one of: {choices}",
        "--heads {heads} no divide la dimensión del modelo d_model = {d_model}: cada cabeza toma d_model / h columnas de V; elige una de: {choices}"),
    "attention.bad_dk": (
        "--dk {value} is out of range; expected 1 to {max}",
        "--dk {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.bad_X": (
        "X must be a matrix with one row per token, not {shape}",
        "X debe ser una matriz con una fila por token, no {shape}"),
    "attention.too_many_tokens": (
        "{n} tokens; at most {max} are traced",
        "{n} tokens; se trazan como mucho {max}"),
    "attention.qk_differ": (
        "W_Q is {q} but W_K is {k}; Q·Kᵀ needs queries and keys of the same width d_k",
        "W_Q es {q} pero W_K es {k}; Q·Kᵀ necesita consultas y claves de la misma anchura d_k"),
    "attention.split": (
        "{name} is {shape}: its {heads} heads need a number of columns divisible by {heads}",
        "{name} es {shape}: sus {heads} cabezas necesitan un número de columnas divisible por {heads}"),
    "attention.bad_WV": (
        "W_V is {shape}, but it must be {want} (d_model rows, d_model columns split among the heads)",
        "W_V es {shape}, pero debe ser {want} (d_model filas y d_model columnas repartidas entre las cabezas)"),
    "attention.need_WO": (
        "{heads} heads need an output projection W_O",
        "{heads} cabezas necesitan una proyección de salida W_O"),
    "attention.bad_WO": (
        "W_O is {shape}, but the concatenated heads are n×{want_rows}, so W_O must be {want}",
        "W_O es {shape}, pero las cabezas concatenadas son n×{want_rows}, así que W_O debe ser {want}"),
    "attention.bad_states": (
        "the decoder state is {dec} and the encoder states are {enc}; h^d_{{i−1}} · h^e_j needs states of the same size",
        "el estado del decodificador es {dec} y los estados del codificador son {enc}; h^d_{{i−1}} · h^e_j necesita estados del mismo tamaño"),
    "positional.bad_length": (
        "--length {value} is out of range; expected {lo} to {max}",
        "--length {value} está fuera de rango; se espera de {lo} a {max}"),
    "positional.bad_dim": (
        "--dim {value} is out of range; expected 2 to {max}",
        "--dim {value} está fuera de rango; se espera de 2 a {max}"),
    "positional.odd_dim": (
        "--dim {value} is odd: the sinusoidal encoding pairs sin(ω_k t) with cos(ω_k t), so the dimension must be even (try {lower} or {upper})",
        "--dim {value} es impar: la codificación sinusoidal empareja sin(ω_k t) con cos(ω_k t), así que la dimensión debe ser par (prueba {lower} o {upper})"),
}
