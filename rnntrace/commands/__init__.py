"""One module per command; each imports only click and the catalogue at the top."""
