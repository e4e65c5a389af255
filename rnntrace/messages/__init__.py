"""The message catalogue, one module per area; see ``rnntrace.i18n``."""
