"""The one exception type that means "the user's input is wrong"."""


class InputError(Exception):
    """Bad input or usage. The CLI prints its message as one line on stderr and exits with 2.

    The message names the file, field or option and says what was expected.
    """
