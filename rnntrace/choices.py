"""Option choices, kept free of heavy imports so the CLI can build its help instantly."""

CELLS = ("rnn", "gru", "lstm")
GRU_VARIANTS = ("lecture", "torch")
CONVENTIONS = ("row", "column")
ACTIVATIONS = ("tanh", "sigmoid", "relu")
FORMATS = ("rich", "json", "latex", "beamer", "markdown")
