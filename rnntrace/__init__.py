"""rnntrace: trace RNN, GRU, LSTM and attention computations symbol by symbol."""

__version__ = "0.1.0"
