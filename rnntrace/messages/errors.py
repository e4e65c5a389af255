"""Error messages: one line each, naming the file, field or option and what was expected."""

MESSAGES = {
    "errors.prefix": ("error", "error"),
    "errors.no_file": ("{file}: no such file", "{file}: no existe ese fichero"),
    "errors.is_dir": ("{file}: is a directory, not a file", "{file}: es un directorio, no un fichero"),
    "errors.not_regular": (
        "{file}: is {kind}, not a regular file; rnntrace reads only regular files",
        "{file}: es {kind}, no un fichero normal; rnntrace solo lee ficheros normales"),
    "errors.kind.fifo": ("a FIFO (named pipe)", "una FIFO (tubería con nombre)"),
    "errors.kind.device": ("a device", "un dispositivo"),
    "errors.kind.socket": ("a socket", "un socket"),
    "errors.kind.special": ("a special file", "un fichero especial"),
    "errors.file_too_big": (
        "{file}: is {size}; at most {max} are read",
        "{file}: ocupa {size}; se leen como mucho {max}"),
    "errors.more_than": ("more than {max}", "más de {max}"),
    "errors.export_not_regular": (
        "--export {file}: is {kind}, not a regular file; --export replaces only regular files",
        "--export {file}: es {kind}, no un fichero normal; --export solo sustituye ficheros normales"),
    "errors.control_char": (
        "{file}: {field} holds the control character {char}; example files may not hold control characters (they could drive the terminal)",
        "{file}: {field} contiene el carácter de control {char}; los ficheros de ejemplo no pueden contener caracteres de control (podrían manejar el terminal)"),
    "errors.answers_control_char": (
        "{file}: line {line} holds the control character {char}; answer files may not hold control characters",
        "{file}: la línea {line} contiene el carácter de control {char}; los ficheros de respuestas no pueden contener caracteres de control"),
    "errors.text_too_long": (
        "{file}: {field} has {n} characters; at most {max} are shown",
        "{file}: {field} tiene {n} caracteres; se muestran como mucho {max}"),
    "errors.word_too_long": (
        "{file}: {field}: the word {word!r} has {n} characters; a word has at most {max}",
        "{file}: {field}: la palabra {word!r} tiene {n} caracteres; una palabra tiene como mucho {max}"),
    "errors.number_too_big": (
        "{where}: holds an integer too large for a float64 (beyond about ⟦±1.8e308⟧)",
        "{where}: contiene un entero demasiado grande para un float64 (más allá de unos ⟦±1.8e308⟧)"),
    "errors.too_narrow": (
        "the terminal is {width} columns wide; rnntrace lays out its traces in at least {min} (widen it, or set COLUMNS={min} or more)",
        "el terminal tiene {width} columnas; rnntrace necesita al menos {min} para sus trazas (ensánchalo, o pon COLUMNS={min} o más)"),
    "errors.io": ("{reason}{file}", "{reason}{file}"),
    "errors.io.stdout": (" (writing the output)", " (al escribir la salida)"),
    "errors.unreadable": ("{file}: cannot be read ({reason})", "{file}: no se puede leer ({reason})"),
    "errors.not_utf8": ("{file}: is not UTF-8 text", "{file}: no es texto UTF-8"),
    "errors.bad_toml": ("{file}: invalid TOML: {reason}", "{file}: TOML no válido: {reason}"),
    "errors.unknown_example": (
        "no built-in example named {name!r}{hint}; built-in examples: {names} (or give a path to a .toml file)",
        "no hay ningún ejemplo incorporado llamado {name!r}{hint}; ejemplos incorporados: {names} (o da la ruta de un fichero .toml)"),
    "errors.gru_variant_cell": (
        "--gru-variant {variant} chooses how the GRU's reset gate acts, and the {cell} has no reset gate; use it with --cell gru{compare}",
        "--gru-variant {variant} elige cómo actúa la compuerta de reinicio de la GRU, y la {cell} no tiene compuerta de reinicio; úsalo con --cell gru{compare}"),
    "errors.gru_variant_compare": (" or --compare", " o con --compare"),
    "errors.did_you_mean": (" (did you mean {word!r}?)", " (¿quisiste decir {word!r}?)"),
    "errors.wrong_kind": (
        "{file}: is an example of kind {kind!r}, not a recurrent-cell example{hint}; recurrent-cell examples: {names}",
        "{file}: es un ejemplo de tipo {kind!r}, no de una célula recurrente{hint}; ejemplos de células recurrentes: {names}"),
    "errors.wrong_kind.attention": (" (rnntrace attention traces it)", " (lo traza rnntrace attention)"),
    "errors.unknown_field": (
        "{file}: unknown field {field!r}; the fields are: {fields}",
        "{file}: campo desconocido {field!r}; los campos son: {fields}"),
    "errors.missing_field": ("{file}: the field {field!r} is missing", "{file}: falta el campo {field!r}"),
    "errors.field_type": ("{file}: {field!r} must be {want}", "{file}: {field!r} debe ser {want}"),
    "errors.want_words": ("a list of non-empty words", "una lista de palabras no vacías"),
    "errors.want_sentences": ("a list of sentences, each a list of words", "una lista de frases, cada una una lista de palabras"),
    "errors.want_int": ("an integer", "un entero"),
    "errors.want_bool": ("true or false", "true o false"),
    "errors.bad_choice": (
        "{file}: {field} = {value!r} is not one of: {choices}",
        "{file}: {field} = {value!r} no es ninguno de: {choices}"),
    "errors.empty_vocab": ("{file}: the vocabulary is empty", "{file}: el vocabulario está vacío"),
    "errors.dup_vocab": (
        "{file}: the vocabulary lists {word!r} twice; each word needs its own one-hot position",
        "{file}: el vocabulario tiene {word!r} dos veces; cada palabra necesita su propia posición one-hot"),
    "errors.too_big": (
        "{file}: {field} has {n} entries; at most {max} make sense for a trace",
        "{file}: {field} tiene {n} elementos; para una traza tienen sentido como mucho {max}"),
    "errors.empty_sentence": ("{where}: the sentence is empty", "{where}: la frase está vacía"),
    "errors.too_long": (
        "{where}: {n} tokens; at most {max} are traced",
        "{where}: {n} tokens; se trazan como mucho {max}"),
    "errors.not_in_vocab": (
        "{where}: the word {word!r} is not in the vocabulary{hint}; the vocabulary is: {vocab}",
        "{where}: la palabra {word!r} no está en el vocabulario{hint}; el vocabulario es: {vocab}"),
    "errors.targets_len": (
        "{file}: 'targets' has {n} words but the sentence has {m}; give one target per token",
        "{file}: 'targets' tiene {n} palabras pero la frase tiene {m}; da un objetivo por token"),
    "errors.out_of_range": (
        "{file}: {field} = {value} is out of range; expected {lo} to {hi}",
        "{file}: {field} = {value} está fuera de rango; se espera de {lo} a {hi}"),
    "errors.unknown_weight": (
        "{file}: no cell has a weight named {name!r}{hint}; the names are: {names}",
        "{file}: ninguna célula tiene un peso llamado {name!r}{hint}; los nombres son: {names}"),
    "errors.non_numeric": (
        "{where}: must be numbers: a list of rows of numbers for a matrix, a list of numbers for a bias",
        "{where}: deben ser números: una lista de filas de números para una matriz, una lista de números para un sesgo"),
    "errors.ragged": (
        "{where}: the rows have different lengths {lengths}; a matrix needs rows of equal length",
        "{where}: las filas tienen longitudes distintas {lengths}; una matriz necesita filas de igual longitud"),
    "errors.non_finite": (
        "{where}: holds {value}; every weight must be a finite number",
        "{where}: contiene {value}; todos los pesos deben ser números finitos"),
    "errors.bad_note": (
        "{file}: {field}.{key}: a note is keyed by a step number 1..{T} and holds text",
        "{file}: {field}.{key}: una nota lleva como clave un número de paso 1..{T} y contiene texto"),
    "errors.bias_shape": (
        "{file}: {name} has {n} entries, but it is added to a ⟦1×{m}⟧ vector",
        "{file}: {name} tiene {n} elementos, pero se suma a un vector ⟦1×{m}⟧"),
    "errors.not_matrix": (
        "{file}: {name} must be a ⟦{rows}×{cols}⟧ matrix (a list of {rows} rows of {cols} numbers)",
        "{file}: {name} debe ser una matriz ⟦{rows}×{cols}⟧ (una lista de {rows} filas de {cols} números)"),
    "errors.wx_rows": (
        "{file}: {name} is {dims}, but ⟦x_t⟧ is ⟦1×{V}⟧ (one-hot over {V} words), so ⟦x_t·{name}⟧ needs {V} rows",
        "{file}: {name} es {dims}, pero ⟦x_t⟧ es ⟦1×{V}⟧ (one-hot sobre {V} palabras), así que ⟦x_t·{name}⟧ necesita {V} filas"),
    "errors.wx_cols": (
        "{file}: {name} is {dims}, but ⟦x_t·{name}⟧ must be ⟦1×{H}⟧ (hidden_size {H}) to add to {partner}",
        "{file}: {name} es {dims}, pero ⟦x_t·{name}⟧ debe ser ⟦1×{H}⟧ (hidden_size {H}) para sumarse a {partner}"),
    "errors.wh_rows": (
        "{file}: {name} is {dims}, but {left} is ⟦1×{H}⟧, so ⟦{left}·{name}⟧ needs {H} rows",
        "{file}: {name} es {dims}, pero {left} es ⟦1×{H}⟧, así que ⟦{left}·{name}⟧ necesita {H} filas"),
    "errors.wh_cols": (
        "{file}: {name} is {dims}, but ⟦{left}·{name}⟧ must be ⟦1×{H}⟧ to add to {partner}",
        "{file}: {name} es {dims}, pero ⟦{left}·{name}⟧ debe ser ⟦1×{H}⟧ para sumarse a {partner}"),
    "errors.why_rows": (
        "{file}: {name} is {dims}, but ⟦h_t⟧ is ⟦1×{H}⟧, so ⟦h_t·{name}⟧ needs {H} rows",
        "{file}: {name} es {dims}, pero ⟦h_t⟧ es ⟦1×{H}⟧, así que ⟦h_t·{name}⟧ necesita {H} filas"),
    "errors.why_cols": (
        "{file}: {name} is {dims}, but ⟦y_t = h_t·{name}⟧ must be ⟦1×{V}⟧: one score per word of the vocabulary",
        "{file}: {name} es {dims}, pero ⟦y_t = h_t·{name}⟧ debe ser ⟦1×{V}⟧: una puntuación por palabra del vocabulario"),
    "errors.option_range": (
        "{option} = {value} is out of range; expected {lo} to {hi}",
        "{option} = {value} está fuera de rango; se espera de {lo} a {hi}"),
    "errors.option_finite": (
        "{option} = {value} is not a finite number",
        "{option} = {value} no es un número finito"),
    "errors.internal": (
        "internal error (a bug in rnntrace, not in your input): {reason}; please report it with the details written to {file} ({var}=1 shows the traceback)",
        "error interno (un fallo de rnntrace, no de tu entrada): {reason}; por favor, notifícalo con los detalles escritos en {file} ({var}=1 muestra la traza)"),
    "errors.internal_unsaved": (
        "internal error (a bug in rnntrace, not in your input): {reason}; please report it with the traceback that {var}=1 shows",
        "error interno (un fallo de rnntrace, no de tu entrada): {reason}; por favor, notifícalo con la traza que muestra {var}=1"),
    # ---- standard output that cannot show a trace --------------------------------------------------
    "errors.stdout_encoding": (
        "standard output is encoded as {encoding}, which cannot show the symbols a trace is drawn with (box rules, matrix brackets, arrows); use a UTF-8 terminal or set PYTHONIOENCODING=utf-8{hint}",
        "la salida estándar usa la codificación {encoding}, que no puede mostrar los símbolos con que se dibuja una traza (filetes, corchetes de matriz, flechas); usa un terminal UTF-8 o pon PYTHONIOENCODING=utf-8{hint}"),
    "errors.stdout_encoding.formats": (", or choose --format json, latex or markdown", ", o elige --format json, latex o markdown"),
    "errors.stdout_encoding.json": (", or choose --format json", ", o elige --format json"),
    "errors.stdout_encoding.gift": (", or choose --format gift", ", o elige --format gift"),
}
