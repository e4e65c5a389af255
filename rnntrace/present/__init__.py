"""Builders: a trace in, a ``rnntrace.document.Document`` out (pure layout: no rich, no click).

One module per command. Each chooses what a reader sees and in which order, and the sentences
(from the catalogue, with ``--explain``'s when asked for); every number comes from the trace.
"""
