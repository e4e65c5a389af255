"""``rnntrace check``: a student's numbers against the trace (``core``), the slips it names
(``slips``), the file they fill in (``sheet``) and how the result is shown (``view``)."""
