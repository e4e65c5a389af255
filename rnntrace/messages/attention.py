"""Texts of ``rnntrace attention`` and ``rnntrace positional`` (keys ``attention.*``, ``positional.*``)."""

MESSAGES = {
    # ---- bad input -----------------------------------------------------------------------
    "attention.bad_product": (
        "{left}·{right} cannot be computed: {left} is {lshape} and {right} is {rshape}; {right} needs {rows} rows",
        "{left}·{right} no se puede calcular: {left} es {lshape} y {right} es {rshape}; {right} necesita {rows} filas"),
    "attention.bad_weight": (
        "{right} is {rshape}, but {left}·{right} ({left} is {lshape}) needs {right} to be {want}",
        "{right} es {rshape}, pero {left}·{right} ({left} es {lshape}) necesita que {right} sea {want}"),
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
    "attention.split_columns": (
        "{name} is {shape}: its {cols} columns cannot be split evenly among {heads} heads",
        "{name} es {shape}: sus {cols} columnas no se pueden repartir por igual entre {heads} cabezas"),
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
    "attention.wrong_kind": (
        "{file}: is an example of kind {kind!r}, not a {want} example; the built-in {want} examples: {names}",
        "{file}: es un ejemplo de tipo {kind!r}, no de {want}; los ejemplos de {want} incorporados: {names}"),
    "attention.mode_kind": (
        "--mode {mode} needs a {want} example, but {file} is of kind {kind!r}; use --mode {other}, or one of: {names}",
        "--mode {mode} necesita un ejemplo de {want}, pero {file} es de tipo {kind!r}; usa --mode {other}, o uno de: {names}"),
    "attention.embedding_size": (
        "{file}: embeddings.{word} has {n} entries, but d_model = {d}",
        "{file}: embeddings.{word} tiene {n} elementos, pero d_model = {d}"),
    "attention.odd_d_model": (
        "{file}: d_model = {d} is odd, but sinusoidal positional encodings pair sin(ω_k t) with cos(ω_k t); make it even or set positional = \"none\"",
        "{file}: d_model = {d} es impar, pero las codificaciones posicionales sinusoidales emparejan sin(ω_k t) con cos(ω_k t); hazlo par o pon positional = \"none\""),
    "attention.start_symbol": (
        "{file}: target_vocab must start with the start symbol {start!r}, which the decoder reads first",
        "{file}: target_vocab debe empezar por el símbolo de inicio {start!r}, que el decodificador lee primero"),
    "attention.unknown_weight": (
        "{where}: no weight named {name!r} here; the names are: {names}",
        "{where}: aquí no hay ningún peso llamado {name!r}; los nombres son: {names}"),
    "attention.self_only": (
        "{option} applies to self-attention only (--mode self); the encoder–decoder score is the plain dot product h^d_{{i−1}} · h^e_j",
        "{option} solo se aplica a la autoatención (--mode self); la puntuación codificador–decodificador es el producto escalar h^d_{{i−1}} · h^e_j"),
    "attention.seq2seq_only": (
        "{option} applies to encoder–decoder attention only (--mode seq2seq): self-attention has no decoder state to feed a context into",
        "{option} solo se aplica a la atención codificador–decodificador (--mode seq2seq): la autoatención no tiene estado del decodificador al que dar un contexto"),
    "attention.bad_wch": (
        "{file}: W_ch is {dims}, but the context c_i is 1×{H} and c_i·W_ch must be 1×{H} to add to h_{{t−1}}·W_hh, so W_ch must be {H}×{H}",
        "{file}: W_ch es {dims}, pero el contexto c_i es 1×{H} y c_i·W_ch debe ser 1×{H} para sumarse a h_{{t−1}}·W_hh, así que W_ch debe ser {H}×{H}"),
    "attention.side.e": ("encoder", "codificador"),
    "attention.side.d": ("decoder", "decodificador"),
    "positional.bad_length": (
        "--length {value} is out of range; expected {lo} to {max}",
        "--length {value} está fuera de rango; se espera de {lo} a {max}"),
    "positional.bad_dim": (
        "--dim {value} is out of range; expected 2 to {max}",
        "--dim {value} está fuera de rango; se espera de 2 a {max}"),
    "positional.odd_dim": (
        "--dim {value} is odd: the sinusoidal encoding pairs sin(ω_k t) with cos(ω_k t), so the dimension must be even (try {lower} or {upper})",
        "--dim {value} es impar: la codificación sinusoidal empareja sin(ω_k t) con cos(ω_k t), así que la dimensión debe ser par (prueba {lower} o {upper})"),

    # ---- help ----------------------------------------------------------------------------
    "attention.help": (
        "Trace attention as the lecture computes it. --mode self (the default): X = embeddings + "
        "positional encodings, Q = X·W_Q, K = X·W_K, V = X·W_V, the scores Q·Kᵀ, their scaling by √d_k, "
        "the softmax row by row and the output A·V, with heat-coloured weight tables whose rows sum to 1. "
        "--mode seq2seq: an RNN encoder and decoder, and for each target word the scores "
        "h^d_{{i−1}} · h^e_j, the weights α_{{i,j}} and the context c_i = Σ_j α_{{i,j}} h^e_j, term by term.",
        "Traza la atención tal como la calcula la clase. --mode self (por defecto): X = embeddings + "
        "codificaciones posicionales, Q = X·W_Q, K = X·W_K, V = X·W_V, las puntuaciones Q·Kᵀ, su escalado por √d_k, "
        "la softmax fila a fila y la salida A·V, con tablas de pesos coloreadas cuyas filas suman 1. "
        "--mode seq2seq: un codificador y un decodificador RNN y, para cada palabra destino, las puntuaciones "
        "h^d_{{i−1}} · h^e_j, los pesos α_{{i,j}} y el contexto c_i = Σ_j α_{{i,j}} h^e_j, término a término."),
    "attention.help.short": (
        "Trace self-attention or encoder–decoder attention.",
        "Traza la autoatención o la atención codificador–decodificador."),
    "attention.help.examples": (
        "Examples:\n\n\b\n  rnntrace attention\n  rnntrace attention --mask causal\n"
        "  rnntrace attention --heads 2\n  rnntrace attention --no-scale --dk 64\n"
        "  rnntrace attention --sentence \"el paciente salvó al doctor\"\n"
        "  rnntrace attention --mode seq2seq\n"
        "  rnntrace attention -m seq2seq -s \"etxe txikia -> the small house\"\n"
        "  rnntrace attention --mode seq2seq --feed-context\n"
        "  rnntrace attention --format json",
        "Ejemplos:\n\n\b\n  rnntrace attention\n  rnntrace attention --mask causal\n"
        "  rnntrace attention --heads 2\n  rnntrace attention --no-scale --dk 64\n"
        "  rnntrace attention --sentence \"el paciente salvó al doctor\"\n"
        "  rnntrace attention --mode seq2seq\n"
        "  rnntrace attention -m seq2seq -s \"etxe txikia -> the small house\"\n"
        "  rnntrace attention --mode seq2seq --feed-context\n"
        "  rnntrace attention --format json"),
    "attention.help.opt.mode": (
        "'self': self-attention over one sentence (default, or the example's kind); 'seq2seq': encoder–decoder attention.",
        "'self': autoatención sobre una frase (por defecto, o el tipo del ejemplo); 'seq2seq': atención codificador–decodificador."),
    "attention.help.opt.example": (
        "A built-in example's name (default: doctor for self, etxe_handia for seq2seq; see 'rnntrace examples') or a TOML file.",
        "El nombre de un ejemplo incorporado (por defecto: doctor para self, etxe_handia para seq2seq; ver 'rnntrace examples') o un fichero TOML."),
    "attention.help.opt.sentence": (
        "Replace the sentence (words with an embedding). seq2seq: the source sentence, or \"SOURCE -> TARGET\".",
        "Sustituye la frase (palabras con embedding). seq2seq: la frase origen, o \"ORIGEN -> DESTINO\"."),
    "attention.help.opt.mask": (
        "'causal': a decoder's mask, query i sees keys 1…i only (masked weights are exactly 0).",
        "'causal': la máscara de un decodificador, la consulta i solo ve las claves 1…i (los pesos enmascarados son exactamente 0)."),
    "attention.help.opt.heads": (
        "Number of heads h (must divide d_model): a table per head, then [head_1 | … | head_h]·W_O. Default 1.",
        "Número de cabezas h (debe dividir d_model): una tabla por cabeza y después [head_1 | … | head_h]·W_O. Por defecto 1."),
    "attention.help.opt.dk": (
        "Width d_k of each head's queries and keys (default d_model / h).",
        "Anchura d_k de las consultas y claves de cada cabeza (por defecto d_model / h)."),
    "attention.help.opt.no_scale": (
        "Do not divide Q·Kᵀ by √d_k, and measure how the softmax then saturates as d_k grows.",
        "No divide Q·Kᵀ por √d_k, y mide cómo se satura entonces la softmax al crecer d_k."),
    "attention.help.opt.feed_context": (
        "seq2seq: feed the context to the decoder, as Jurafsky & Martin do: c_i (from h^d_{{i−1}}) first, then "
        "h^d_i = tanh(y_{{i−1}}·W_xh^d + h^d_{{i−1}}·W_hh^d + c_i·W_ch^d + b_h^d). W_ch^d (H×H) comes from the "
        "example's [decoder] table, else from the seed. Default: the context is not fed back.",
        "seq2seq: da el contexto al decodificador, como Jurafsky y Martin: primero c_i (a partir de h^d_{{i−1}}) y después "
        "h^d_i = tanh(y_{{i−1}}·W_xh^d + h^d_{{i−1}}·W_hh^d + c_i·W_ch^d + b_h^d). W_ch^d (H×H) sale de la tabla "
        "[decoder] del ejemplo o, si no está, de la semilla. Por defecto el contexto no se realimenta."),
    "positional.help": (
        "Compare the lecture's position encodings for t = 0, 1, 2, …: the integer index, binary (as many bits as the "
        "longest position needs) and sinusoidal p_t^(2k) = sin(ω_k t), p_t^(2k+1) = cos(ω_k t), ω_k = 1/10000^(2k/d); "
        "and measure the properties the lecture asks for: unique, bounded, and p_t · p_{{t+Δ}} depending on Δ alone.",
        "Compara las codificaciones de posición de la clase para t = 0, 1, 2, …: el índice entero, binaria (tantos bits "
        "como necesita la posición más larga) y sinusoidal p_t^(2k) = sin(ω_k t), p_t^(2k+1) = cos(ω_k t), ω_k = 1/10000^(2k/d); "
        "y mide las propiedades que pide la clase: única, acotada, y p_t · p_{{t+Δ}} dependiente solo de Δ."),
    "positional.help.short": (
        "Compare index, binary and sinusoidal positional encodings.",
        "Compara las codificaciones posicionales de índice, binaria y sinusoidal."),
    "positional.help.examples": (
        "Examples:\n\n\b\n  rnntrace positional\n  rnntrace positional --length 8 --dim 6\n"
        "  rnntrace positional --format json",
        "Ejemplos:\n\n\b\n  rnntrace positional\n  rnntrace positional --length 8 --dim 6\n"
        "  rnntrace positional --format json"),
    "positional.help.opt.length": ("Number of positions, t = 0 … n−1 (2–256).", "Número de posiciones, t = 0 … n−1 (2–256)."),
    "positional.help.opt.dim": (
        "Dimension d of the sinusoidal encoding (even, 2–256).",
        "Dimensión d de la codificación sinusoidal (par, 2–256)."),

    # ---- self-attention ------------------------------------------------------------------
    "attention.facts.tokens": ("n = {n} tokens", "n = {n} tokens"),
    "attention.facts.tokens.one": ("n = {n} token", "n = {n} token"),
    "attention.facts.heads": (
        'h = {h} heads',
        'h = {h} cabezas'),
    "attention.facts.mask_none": ("no mask", "sin máscara"),
    "attention.facts.mask_causal": ("causal mask", "máscara causal"),
    "attention.equations": ("The computation, as traced", "El cálculo, tal como se traza"),
    "attention.no_positional": (
        "(no positional encodings: the order of the words does not change the rows, it only permutes them)",
        "(sin codificaciones posicionales: el orden de las palabras no cambia las filas, solo las permuta)"),
    "attention.causal_rule": (
        "causal mask: query i sees keys j ≤ i; a masked score becomes −∞, so its weight is exactly 0",
        "máscara causal: la consulta i ve las claves j ≤ i; una puntuación enmascarada pasa a −∞ y su peso es exactamente 0"),
    "attention.no_scale_warning": (
        "⚠ --no-scale: Q·Kᵀ is not divided by √d_k (see the measurement at the end).",
        "⚠ --no-scale: Q·Kᵀ no se divide por √d_k (ver la medición al final)."),
    "attention.inputs": (
        "Inputs: embeddings E plus positional encodings P",
        "Entradas: embeddings E más codificaciones posicionales P"),
    "attention.inputs_none": (
        "Inputs: the embeddings E, no positional encodings",
        "Entradas: los embeddings E, sin codificaciones posicionales"),
    "attention.positional_title": (
        "P: sinusoidal positional encodings p_t, t = 0 … {n1}",
        "P: codificaciones posicionales sinusoidales p_t, t = 0 … {n1}"),
    "attention.projections": ("Query, key and value: Q, K, V", "Consulta, clave y valor: Q, K, V"),
    "attention.drawn": (
        'Drawn from seed {seed}: {names} ~ U(−1/√{d}, 1/√{d}), rounded to 2 decimals',
        'De la semilla {seed}: {names} ~ U(−1/√{d}, 1/√{d}), con 2 decimales'),
    "attention.split": (
        "{h} heads: each takes its own d_k = {dk} columns of Q and K, and d_v = {dv} of V.",
        "{h} cabezas: cada una toma d_k = {dk} columnas propias de Q y K, y d_v = {dv} de V."),
    "attention.head": (
        "head {h} of {of}: columns {lo}–{hi} of Q and K, {vlo}–{vhi} of V",
        "cabeza {h} de {of}: columnas {lo}–{hi} de Q y K, {vlo}–{vhi} de V"),
    "attention.weights_rule": ("Scores and attention weights", "Puntuaciones y pesos de atención"),
    "attention.scores_rows": (
        "row = query (consulta) i, column = key (clave) j: entry (i, j) = q_i · k_j",
        "fila = consulta i, columna = clave j: el elemento (i, j) es q_i · k_j"),
    "attention.scale_why": (
        "÷ √d_k undoes the growth of q·k with d_k (here d_k = {dk}): no saturation",
        "÷ √d_k compensa el crecimiento de q·k con d_k (aquí d_k = {dk}): sin saturación"),
    "attention.no_scale_why": (
        "unscaled: q·k spreads like √d_k (d_k = {dk}, √d_k = {root}): rows head for one-hot",
        "sin escalar: q·k se dispersa como √d_k (d_k = {dk}, √d_k = {root}): filas casi one-hot"),
    "attention.masked_head": ("(masked: −∞)", "(enmascarado: −∞)"),
    "attention.row_by_row": (
        'row by row: the attention weights',
        'fila a fila: los pesos de atención'),
    "attention.softmax_rule": (
        'α_{{i,j}} = e^(s_{{i,j}} − m_i) / Σ_k e^(s_{{i,k}} − m_i),  m_i = max_k s_{{i,k}}',
        'α_{{i,j}} = e^(s_{{i,j}} − m_i) / Σ_k e^(s_{{i,k}} − m_i),  m_i = máx_k s_{{i,k}}'),
    "attention.col.top": ("largest α", "mayor α"),
    "attention.output_rows": (
        "row i = Σ_j α_{{i,j}} v_j: the values, averaged with query i's weights",
        "fila i = Σ_j α_{{i,j}} v_j: media de los valores, ponderada por la consulta i"),
    "attention.query_rule": (
        "query i = {i} · “{word}”: where its weights come from",
        "consulta i = {i} · “{word}”: de dónde salen sus pesos"),
    "attention.query_head": ("head {h} of {of}", "cabeza {h} de {of}"),
    "attention.masked_key": ("masked: j > i", "enmascarada: j > i"),
    "attention.query_sum": (
        "the weights sum to 1, and a_{i} is row {i} of {out}",
        "los pesos suman 1, y a_{i} es la fila {i} de {out}"),
    "attention.concat_rule": ("Heads concatenated, output projection W_O", "Cabezas concatenadas, proyección de salida W_O"),
    "attention.sat.rule": ("Why scale by √d_k: the softmax saturates without it", "Por qué escalar por √d_k: sin ello la softmax se satura"),
    "attention.sat.explain": (
        "Measured on random q, k with N(0, 1) entries, {n} keys, {trials} trials per d_k: the spread of q·k grows like √d_k; unscaled, the largest weight heads for 1 (a one-hot row, where the softmax's gradient vanishes); scaled, it stays put.",
        "Medido con q, k aleatorios de elementos N(0, 1), {n} claves, {trials} pruebas por d_k: la dispersión de q·k crece como √d_k; sin escalar, el peso mayor tiende a 1 (una fila one-hot, donde el gradiente de la softmax se anula); escalado, se mantiene."),
    "attention.sat.dk": ("d_k", "d_k"),
    "attention.sat.std": ("std(q·k)", "desv(q·k)"),
    "attention.sat.scaled": ("mean max α\n/√d_k", "α máx. medio\n/√d_k"),
    "attention.sat.unscaled": ("mean max α\nunscaled", "α máx. medio\nsin escalar"),
    "attention.sat.this": ("← d_k = {dk} here", "← aquí d_k = {dk}"),
    "attention.rows_sum": (
        "Every row of weights sums to 1 (largest deviation {err}).",
        "Todas las filas de pesos suman 1 (mayor desviación {err})."),
    "attention.masked_zero": (
        "Masked weights are exactly 0, and no row is NaN.",
        "Los pesos enmascarados son exactamente 0 y ninguna fila es NaN."),
    "attention.nonfinite": (
        "{names} hold inf or nan: a number left the float64 range.",
        "{names} contienen inf o nan: un número salió del rango de float64."),

    # ---- seq2seq -------------------------------------------------------------------------
    "attention.facts.elman": ("encoder and decoder: Elman RNN cells", "codificador y decodificador: células RNN de Elman"),
    "attention.facts.source_vocab": ("source vocabulary: {words}", "vocabulario origen: {words}"),
    "attention.facts.target_vocab": ("target vocabulary: {words}", "vocabulario destino: {words}"),
    "attention.eq.encoder": (
        'encoder:',
        'codificador:'),
    "attention.eq.decoder": (
        'decoder:',
        'decodificador:'),
    "attention.facts.fed": (
        "decoder fed its context c_i (--feed-context), as in Jurafsky & Martin",
        "decodificador alimentado con c_i (--feed-context), como en Jurafsky y Martin"),
    "attention.eq.decoder_fed": (
        "decoder, fed the context c_i:",
        "decodificador, que recibe el contexto c_i:"),
    "attention.eq.order": (
        "step i, in this order (h^d_i then scores target word i+1):",
        "paso i, en este orden (después h^d_i puntúa la palabra destino i+1):"),
    "attention.unused": (
        "In the example file but not used without --feed-context: {names}",
        "En el fichero del ejemplo, pero sin --feed-context no se usa: {names}"),
    "attention.rows_are": (
        "Rows of W_xh^e: {src}. Rows of W_xh^d: {tgt}.",
        "Filas de W_xh^e: {src}. Filas de W_xh^d: {tgt}."),
    "attention.encoder_rule": ("Encoder (codificador) over “{words}”", "Codificador sobre “{words}”"),
    "attention.encoder_names": (
        "The forward command's Elman step: x_t = x_j, h_{{t−1}} = h^e_{{j−1}}, h_t = h^e_j.",
        'Es el paso de Elman de forward: x_t = x_j, h_{{t−1}} = h^e_{{j−1}}, h_t = h^e_j.'),
    "attention.encoder_step": ("j = {j} · reads “{word}” → h^e_{j}", "j = {j} · lee “{word}” → h^e_{j}"),
    "attention.decoder_rule": ("Decoder (decodificador)", "Decodificador"),
    "attention.decoder_names": (
        'x_t = y_{{i−1}} (previous target word), h_{{t−1}} = h^d_{{i−1}}, h_t = h^d_i.',
        'x_t = y_{{i−1}} (palabra destino anterior), h_{{t−1}} = h^d_{{i−1}}, h_t = h^d_i.'),
    "attention.decoder_rule_fed": (
        "Decoder (decodificador), fed its context c_i",
        "Decodificador, que recibe su contexto c_i"),
    "attention.decoder_order": (
        "Step i: h^d_{{i−1}} gives c_i first, then h^d_i reads y_{{i−1}}, h^d_{{i−1}}, c_i.",
        "Paso i: h^d_{{i−1}} da c_i primero, luego h^d_i lee y_{{i−1}}, h^d_{{i−1}}, c_i."),
    "attention.decoder_step_fed": (
        "i = {i} · reads “{word}” and c_{i} → h^d_{i}",
        "i = {i} · lee “{word}” y c_{i} → h^d_{i}"),
    "attention.last_context": (
        "c_{m} feeds no decoder step: h^d_{m} would score no target word.",
        "c_{m} no entra en ningún paso: h^d_{m} no puntuaría ninguna palabra destino."),
    "attention.explain.feed_context": (
        "The decoder reads c_{i}, what it has just attended to in the source, so its next state (which scores the next target word) knows which source words it has already used.",
        "El decodificador lee c_{i}, lo que acaba de atender en el origen, así que su siguiente estado (que puntúa la siguiente palabra destino) sabe qué palabras del origen ya ha usado."),
    "attention.decoder_step": ("i = {i} · reads “{word}” → h^d_{i}", "i = {i} · lee “{word}” → h^d_{i}"),
    "attention.target_rule": (
        'i = {i} · target “{word}”: scored by h^d_{prev}',
        'i = {i} · destino “{word}”: la puntúa h^d_{prev}'),
    "attention.alignment": (
        'Attention weights α_{{i,j}}: target word i × source word j',
        'Pesos de atención α_{{i,j}}: palabra destino i × palabra origen j'),
    "attention.alignment_rows": (
        "row i = softmax_j(h^d_{{i−1}} · h^e_j): each row sums to 1",
        "fila i = softmax_j(h^d_{{i−1}} · h^e_j): cada fila suma 1"),

    # ---- positional ----------------------------------------------------------------------
    "positional.title": (
        "Making the position explicit: n = {n} positions, d = {d}",
        "Haciendo explícita la posición: n = {n} posiciones, d = {d}"),
    "positional.intro": (
        "Each position t gets a vector p_t that is added to the word's embedding.",
        "Cada posición t recibe un vector p_t que se suma al embedding de la palabra."),
    "positional.encodings": ("Three encodings", "Tres codificaciones"),
    "positional.eq.index": ("index: p_t = t", "índice: p_t = t"),
    "positional.eq.binary": (
        'binary: p_t = the bits of t, {b} for 0 … {last}',
        'binaria: p_t = los bits de t, {b} para 0 … {last}'),
    "positional.wanted": ("What they should be (the lecture)", "Lo que deben cumplir (la clase)"),
    "positional.want.unique": ("unique: each position a different vector", "únicas: un vector distinto por posición"),
    "positional.want.bounded": (
        "bounded: values in [0, 1] or [−1, 1], so they do not swamp the embedding",
        "normalizadas: valores en [0, 1] o [−1, 1], para no dominar al embedding"),
    "positional.want.relative": (
        "relative distance: p_t · p_{{t+Δ}} depends on Δ alone, not on t",
        "distancia relativa: p_t · p_{{t+Δ}} depende solo de Δ, no de t"),
    "positional.table": ("The encodings, position by position", "Las codificaciones, posición a posición"),
    "positional.col.index": ("index", "índice"),
    "positional.col.binary": (
        'binary',
        'binaria'),
    "positional.col.sinusoidal": ("sinusoidal", "sinusoidal"),
    "positional.col.property": ("property", "propiedad"),
    "positional.columns_cut": (
        "d = {d}: the middle columns are left out here; --format json has all of them.",
        "d = {d}: se omiten las columnas centrales; están todas en --format json."),
    "positional.props": ("The properties, measured", "Las propiedades, medidas"),
    "positional.prop.unique": ("unique: min ‖p_s − p_t‖", "única: mín ‖p_s − p_t‖"),
    "positional.prop.bounded": ("bounded: [min, max]", "acotada: [mín, máx]"),
    "positional.prop.width": ("width (fixed?)", "anchura (¿fija?)"),
    "positional.prop.relative": ("Δ alone: max spread over t", "solo Δ: máx. dispersión en t"),
    "positional.note.unique": (
        'unique: the smallest distance between two positions (0: two look alike)',
        'única: la menor distancia entre dos posiciones (0: dos se confunden)'),
    "positional.note.bounded": (
        'bounded: the index grows with the sentence; the others stay in [−1, 1]',
        'acotada: el índice crece con la frase; las otras se quedan en [−1, 1]'),
    "positional.note.width": (
        'width: longer sentences need more bits; binary is not a fixed-size vector',
        'anchura: más posiciones, más bits: la binaria no tiene dimensión fija'),
    "positional.note.relative": (
        'Δ alone: max over Δ of (max_t − min_t of p_t · p_{{t+Δ}}); 0 up to round-off',
        'solo Δ: máximo sobre Δ de (máx_t − mín_t de p_t · p_{{t+Δ}}); 0 salvo redondeo'),
    "positional.delta_title": (
        "p_t · p_{{t+Δ}} for the sinusoidal encoding: the same for every t, Σ_k cos(ω_k Δ)",
        "p_t · p_{{t+Δ}} para la codificación sinusoidal: igual para todo t, Σ_k cos(ω_k Δ)"),
    "positional.dcol.delta": ("Δ", "Δ"),
    "positional.dcol.formula": (
        'Σ_k\ncos(ω_k Δ)',
        'Σ_k\ncos(ω_k Δ)'),
    "positional.dcol.min": (
        'min_t\np_t·p_{{t+Δ}}',
        'mín_t\np_t·p_{{t+Δ}}'),
    "positional.dcol.max": (
        'max_t\np_t·p_{{t+Δ}}',
        'máx_t\np_t·p_{{t+Δ}}'),
    "positional.dcol.spread": (
        'spread',
        'dispersión'),
    "positional.dcol.index": (
        'index\nspread',
        'disp.\níndice'),
    "positional.dcol.binary": (
        'binary\nspread',
        'disp.\nbinaria'),
    "positional.delta_note": (
        'sin(ωt)sin(ω(t+Δ)) + cos(ωt)cos(ω(t+Δ)) = cos(ωΔ) for each k: t cancels out.',
        'sin(ωt)sin(ω(t+Δ)) + cos(ωt)cos(ω(t+Δ)) = cos(ωΔ) en cada k: t se cancela.'),
    "attention.facts.head": (
        'h = {h} head',
        'h = {h} cabeza'),
    "attention.eq.attention": (
        'attention, for target word i and source word j:',
        'atención, para la palabra destino i y la palabra origen j:'),
    "positional.eq.sinusoidal": (
        'sinusoidal:',
        'sinusoidal:'),
    "positional.eq.k": (
        'k = 0 … {last} (the slide numbers the same frequencies ω_1 … ω_{half})',
        'k = 0 … {last} (la transparencia numera las mismas frecuencias ω_1 … ω_{half})'),
    "attention.eq.yi": ("y_i = target word i (teacher forcing)", "y_i = palabra destino i (teacher forcing)"),
}
