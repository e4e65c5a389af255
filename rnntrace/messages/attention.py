"""Texts of ``rnntrace attention`` and ``rnntrace positional`` (keys ``attention.*``, ``positional.*``)."""

MESSAGES = {
    # ---- bad input -----------------------------------------------------------------------
    "attention.bad_product": (
        "⟦{left}·{right}⟧ cannot be computed: {left} is {lshape} and {right} is {rshape}; {right} needs {rows} rows",
        "⟦{left}·{right}⟧ no se puede calcular: {left} es {lshape} y {right} es {rshape}; {right} necesita {rows} filas"),
    "attention.bad_weight": (
        "{right} is {rshape}, but ⟦{left}·{right}⟧ ({left} is {lshape}) needs {right} to be {want}",
        "{right} es {rshape}, pero ⟦{left}·{right}⟧ ({left} es {lshape}) necesita que {right} sea {want}"),
    "attention.bad_dim": (
        "the model dimension ⟦d_model = {value}⟧ is out of range; expected 1 to {max}",
        "la dimensión del modelo ⟦d_model = {value}⟧ está fuera de rango; se espera de 1 a {max}"),
    "attention.bad_heads": (
        "--heads {value} is out of range; expected 1 to {max}",
        "--heads {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.heads_divide": (
        "--heads {heads} does not divide the model dimension ⟦d_model = {d_model}⟧: each head takes ⟦d_model / h⟧ columns of ⟦V⟧; choose one of: {choices}",
        "--heads {heads} no divide la dimensión del modelo ⟦d_model = {d_model}⟧: cada cabeza toma ⟦d_model / h⟧ columnas de ⟦V⟧; elige una de: {choices}"),
    "attention.bad_dk": (
        "--dk {value} is out of range; expected 1 to {max}",
        "--dk {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.bad_X": (
        "⟦X⟧ must be a matrix with one row per token, not {shape}",
        "⟦X⟧ debe ser una matriz con una fila por token, no {shape}"),
    "attention.too_many_tokens": (
        "{n} tokens; at most {max} are traced",
        "{n} tokens; se trazan como mucho {max}"),
    "attention.qk_differ": (
        "⟦W_Q⟧ is {q} but ⟦W_K⟧ is {k}; ⟦Q·Kᵀ⟧ needs queries and keys of the same width ⟦d_k⟧",
        "⟦W_Q⟧ es {q} pero ⟦W_K⟧ es {k}; ⟦Q·Kᵀ⟧ necesita consultas y claves de la misma anchura ⟦d_k⟧"),
    "attention.split_columns": (
        "{name} is {shape}: its {cols} columns cannot be split evenly among {heads} heads",
        "{name} es {shape}: sus {cols} columnas no se pueden repartir por igual entre {heads} cabezas"),
    "attention.bad_WV": (
        "⟦W_V⟧ is {shape}, but it must be {want} (⟦d_model⟧ rows, ⟦d_model⟧ columns split among the heads)",
        "⟦W_V⟧ es {shape}, pero debe ser {want} (⟦d_model⟧ filas y ⟦d_model⟧ columnas repartidas entre las cabezas)"),
    "attention.need_WO": (
        "{heads} heads need an output projection ⟦W_O⟧",
        "{heads} cabezas necesitan una proyección de salida ⟦W_O⟧"),
    "attention.bad_WO": (
        "⟦W_O⟧ is {shape}, but the concatenated heads are ⟦n×{want_rows}⟧, so ⟦W_O⟧ must be {want}",
        "⟦W_O⟧ es {shape}, pero las cabezas concatenadas son ⟦n×{want_rows}⟧, así que ⟦W_O⟧ debe ser {want}"),
    "attention.bad_states": (
        "the decoder state is {dec} and the encoder states are {enc}; ⟦h^d_{{i−1}} · h^e_j⟧ needs states of the same size",
        "el estado del decodificador es {dec} y los estados del codificador son {enc}; ⟦h^d_{{i−1}} · h^e_j⟧ necesita estados del mismo tamaño"),
    "attention.wrong_kind": (
        "{file}: is an example of kind {kind!r}, not a {want} example; the built-in {want} examples: {names}",
        "{file}: es un ejemplo de tipo {kind!r}, no de {want}; los ejemplos de {want} incorporados: {names}"),
    "attention.mode_kind": (
        "--mode {mode} needs a {want} example, but {file} is of kind {kind!r}; use --mode {other}, or one of: {names}",
        "--mode {mode} necesita un ejemplo de {want}, pero {file} es de tipo {kind!r}; usa --mode {other}, o uno de: {names}"),
    "attention.embedding_size": (
        "{file}: embeddings.{word} has {n} entries, but ⟦d_model = {d}⟧",
        "{file}: embeddings.{word} tiene {n} elementos, pero ⟦d_model = {d}⟧"),
    "attention.odd_d_model": (
        "{file}: ⟦d_model = {d}⟧ is odd, but sinusoidal positional encodings pair ⟦sin(ω_k t)⟧ with ⟦cos(ω_k t)⟧; make it even or set positional = \"none\"",
        "{file}: ⟦d_model = {d}⟧ es impar, pero las codificaciones posicionales sinusoidales emparejan ⟦sin(ω_k t)⟧ con ⟦cos(ω_k t)⟧; hazlo par o pon positional = \"none\""),
    "attention.start_symbol": (
        "{file}: target_vocab must start with the start symbol {start!r}, which the decoder reads first",
        "{file}: target_vocab debe empezar por el símbolo de inicio {start!r}, que el decodificador lee primero"),
    "attention.unknown_weight": (
        "{where}: no weight named {name!r} here; the names are: {names}",
        "{where}: aquí no hay ningún peso llamado {name!r}; los nombres son: {names}"),
    "attention.self_only": (
        "{option} applies to self-attention only (--mode self); encoder–decoder attention scores ⟦h^d_{{i−1}}⟧ against ⟦h^e_j⟧ (see --score)",
        "{option} solo se aplica a la autoatención (--mode self); la atención codificador–decodificador puntúa ⟦h^d_{{i−1}}⟧ contra ⟦h^e_j⟧ (ver --score)"),
    "attention.seq2seq_only": (
        "{option} applies to encoder–decoder attention only (--mode seq2seq): self-attention has no decoder state to feed a context into",
        "{option} solo se aplica a la atención codificador–decodificador (--mode seq2seq): la autoatención no tiene estado del decodificador al que dar un contexto"),
    "attention.bad_wch": (
        "{file}: ⟦W_ch⟧ is {dims}, but the context ⟦c_i⟧ is ⟦1×{H}⟧ and ⟦c_i·W_ch⟧ must be ⟦1×{H}⟧ to add to ⟦h_{{t−1}}·W_hh⟧, so ⟦W_ch⟧ must be ⟦{H}×{H}⟧",
        "{file}: ⟦W_ch⟧ es {dims}, pero el contexto ⟦c_i⟧ es ⟦1×{H}⟧ y ⟦c_i·W_ch⟧ debe ser ⟦1×{H}⟧ para sumarse a ⟦h_{{t−1}}·W_hh⟧, así que ⟦W_ch⟧ debe ser ⟦{H}×{H}⟧"),
    "attention.additive_size": (
        "--score additive needs the size ⟦d_a⟧ of its hidden layer (⟦W_1⟧ and ⟦W_2⟧ are ⟦H×d_a⟧, v has ⟦d_a⟧ entries): give --score-size, or ⟦W_1⟧, ⟦W_2⟧, v in the example's [attention] table",
        "--score additive necesita el tamaño ⟦d_a⟧ de su capa oculta (⟦W_1⟧ y ⟦W_2⟧ son ⟦H×d_a⟧, v tiene ⟦d_a⟧ elementos): da --score-size, o ⟦W_1⟧, ⟦W_2⟧, v en la tabla [attention] del ejemplo"),
    "attention.bad_score_size": (
        "--score-size {value} is out of range; expected 1 to {max}",
        "--score-size {value} está fuera de rango; se espera de 1 a {max}"),
    "attention.bad_score_weight": (
        "{where}: {name} is {dims}, but --score {kind} with ⟦H = {H}⟧ needs {name} to be {want}",
        "{where}: {name} es {dims}, pero --score {kind} con ⟦H = {H}⟧ necesita que {name} sea {want}"),
    "attention.score_size_only": (
        "--score-size applies to --score additive only (the size of its hidden layer)",
        "--score-size solo se aplica a --score additive (el tamaño de su capa oculta)"),
    "attention.bad_wout": (
        "{where}: ⟦W_out⟧ is {dims}, but ⟦[h^d_i ; c_i]⟧ is ⟦1×{H2}⟧ and ⟦y_i⟧ ranges over the {V} target words (without <s>), so ⟦W_out⟧ must be ⟦{H2}×{V}⟧",
        "{where}: ⟦W_out⟧ es {dims}, pero ⟦[h^d_i ; c_i]⟧ es ⟦1×{H2}⟧ e ⟦y_i⟧ recorre las {V} palabras destino (sin <s>), así que ⟦W_out⟧ debe ser ⟦{H2}×{V}⟧"),
    "attention.bad_bout": (
        "{where}: ⟦b_out⟧ has {n} entries, but ⟦y_i⟧ ranges over the {V} target words (without <s>)",
        "{where}: ⟦b_out⟧ tiene {n} elementos, pero ⟦y_i⟧ recorre las {V} palabras destino (sin <s>)"),
    "attention.labels_count": (
        "{where}: {n} labels for {m} tokens; the classifier needs one label per token",
        "{where}: {n} etiquetas para {m} tokens; el clasificador necesita una etiqueta por token"),
    "attention.need_labels": (
        "--backward needs a label for each token: {file} has no [task] labels for this sentence; give them with --labels \"W1 W2 …\"",
        "--backward necesita una etiqueta por token: {file} no tiene etiquetas [task] para esta frase; dalas con --labels \"W1 W2 …\""),
    "attention.bad_bc": (
        "⟦b_C⟧ has {n} entries, but the classifier has {C} classes (the example's vocabulary)",
        "⟦b_C⟧ tiene {n} elementos, pero el clasificador tiene {C} clases (el vocabulario del ejemplo)"),
    "attention.bad_block_weight": (
        "{file}: {name} is {dims}, but the encoder block needs {name} to be {want}",
        "{file}: {name} es {dims}, pero el bloque codificador necesita que {name} sea {want}"),
    "attention.greedy_self": (
        "--decode applies to encoder–decoder attention only (--mode seq2seq): self-attention has no decoder whose predictions it could feed back",
        "--decode solo se aplica a la atención codificador–decodificador (--mode seq2seq): la autoatención no tiene decodificador al que devolver sus predicciones"),
    "attention.one_of": (
        "{a} and {b} cannot be used together: each is its own view",
        "{a} y {b} no se pueden usar juntas: cada una es su propia vista"),
    "attention.backward_heads": (
        "--backward traces one head; --heads {heads} is not supported with it (--block traces several)",
        "--backward traza una cabeza; --heads {heads} no se admite con ella (--block traza varias)"),
    "attention.block_options": (
        "{option} does not apply to --block: the encoder block scales by ⟦√d_k⟧, has no mask and ⟦d_k = d_model / h⟧",
        "{option} no se aplica a --block: el bloque codificador escala por ⟦√d_k⟧, no tiene máscara y ⟦d_k = d_model / h⟧"),
    "attention.labels_backward": (
        "--labels gives the classifier's labels, so it needs --backward",
        "--labels da las etiquetas del clasificador, así que necesita --backward"),
    "attention.score_seq2seq": (
        "{option} applies to encoder–decoder attention only (--mode seq2seq): self-attention scores ⟦q_i · k_j / √d_k⟧",
        "{option} solo se aplica a la atención codificador–decodificador (--mode seq2seq): la autoatención puntúa ⟦q_i · k_j / √d_k⟧"),
    "attention.top_at": ("{word} ⟦(j={j})⟧", "{word} ⟦(j={j})⟧"),
    "attention.columns_range": ("columns {lo}–{hi} of {n}", "columnas {lo}–{hi} de {n}"),
    "attention.want_rows": ("a list of lists of words", "una lista de listas de palabras"),
    "attention.train_count": (
        "{file}: task.train_sentences has {n} sentences but task.train_labels has {m} rows; give one row of labels per sentence",
        "{file}: task.train_sentences tiene {n} frases pero task.train_labels tiene {m} filas; da una fila de etiquetas por frase"),
    "attention.train_backward": (
        "--train and --lr train the classifier of --backward, so they need --backward",
        "--train y --lr entrenan el clasificador de --backward, así que necesitan --backward"),
    "attention.bad_train": (
        "--train {value} is out of range; expected 1 to {max} steps",
        "--train {value} está fuera de rango; se espera de 1 a {max} pasos"),
    "attention.bad_lr": (
        "--lr {value} must be a number greater than 0 and at most {max}",
        "--lr {value} debe ser un número mayor que 0 y como mucho {max}"),
    "attention.side.e": ("encoder", "codificador"),
    "attention.side.d": ("decoder", "decodificador"),
    "positional.bad_length": (
        "--length {value} is out of range; expected {lo} to {max}",
        "--length {value} está fuera de rango; se espera de {lo} a {max}"),
    "positional.bad_dim": (
        "--dim {value} is out of range; expected 2 to {max}",
        "--dim {value} está fuera de rango; se espera de 2 a {max}"),
    "positional.odd_dim": (
        "--dim {value} is odd: the sinusoidal encoding pairs ⟦sin(ω_k t)⟧ with ⟦cos(ω_k t)⟧, so the dimension must be even (try {lower} or {upper})",
        "--dim {value} es impar: la codificación sinusoidal empareja ⟦sin(ω_k t)⟧ con ⟦cos(ω_k t)⟧, así que la dimensión debe ser par (prueba {lower} o {upper})"),

    # ---- help ----------------------------------------------------------------------------
    "attention.help": (
        "Trace attention as the lecture computes it. --mode self (the default): ⟦X⟧ = embeddings + "
        "positional encodings, ⟦Q = X·W_Q⟧, ⟦K = X·W_K⟧, ⟦V = X·W_V⟧, the scores ⟦Q·Kᵀ⟧, their scaling by ⟦√d_k⟧, "
        "the softmax row by row and the output ⟦A·V⟧, with heat-coloured weight tables whose rows sum to 1. "
        "--mode seq2seq: an RNN encoder and decoder, and for each target word the scores "
        "⟦h^d_{{i−1}} · h^e_j⟧, the weights ⟦α_{{i,j}}⟧ and the context ⟦c_i = Σ_j α_{{i,j}} h^e_j⟧, term by term.",
        "Traza la atención tal como la calcula la clase. --mode self (por defecto): ⟦X⟧ = embeddings + "
        "codificaciones posicionales, ⟦Q = X·W_Q⟧, ⟦K = X·W_K⟧, ⟦V = X·W_V⟧, las puntuaciones ⟦Q·Kᵀ⟧, su escalado por ⟦√d_k⟧, "
        "la softmax fila a fila y la salida ⟦A·V⟧, con tablas de pesos coloreadas cuyas filas suman 1. "
        "--mode seq2seq: un codificador y un decodificador RNN y, para cada palabra destino, las puntuaciones "
        "⟦h^d_{{i−1}} · h^e_j⟧, los pesos ⟦α_{{i,j}}⟧ y el contexto ⟦c_i = Σ_j α_{{i,j}} h^e_j⟧, término a término."),
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
        "  rnntrace attention -m seq2seq --score additive --score-size 4\n"
        "  rnntrace attention -m seq2seq --decode greedy\n"
        "  rnntrace attention --backward\n"
        "  rnntrace attention --block --heads 2\n"
        "  rnntrace attention --format json",
        "Ejemplos:\n\n\b\n  rnntrace attention\n  rnntrace attention --mask causal\n"
        "  rnntrace attention --heads 2\n  rnntrace attention --no-scale --dk 64\n"
        "  rnntrace attention --sentence \"el paciente salvó al doctor\"\n"
        "  rnntrace attention --mode seq2seq\n"
        "  rnntrace attention -m seq2seq -s \"etxe txikia -> the small house\"\n"
        "  rnntrace attention --mode seq2seq --feed-context\n"
        "  rnntrace attention -m seq2seq --score additive --score-size 4\n"
        "  rnntrace attention -m seq2seq --decode greedy\n"
        "  rnntrace attention --backward\n"
        "  rnntrace attention --block --heads 2\n"
        "  rnntrace attention --format json"),
    "attention.help.opt.score": (
        "seq2seq: how ⟦h^d_{{i−1}}⟧ scores ⟦h^e_j⟧: 'dot' ⟦h^d·h^e_j⟧ (the lecture's, default), 'general' ⟦h^d·W_a·h^e_j⟧ (Luong), 'additive' ⟦vᵀ·tanh(h^d·W_1 + h^e_j·W_2)⟧ (Bahdanau).",
        "seq2seq: cómo ⟦h^d_{{i−1}}⟧ puntúa ⟦h^e_j⟧: 'dot' ⟦h^d·h^e_j⟧ (la de la clase, por defecto), 'general' ⟦h^d·W_a·h^e_j⟧ (Luong), 'additive' ⟦vᵀ·tanh(h^d·W_1 + h^e_j·W_2)⟧ (Bahdanau)."),
    "attention.help.opt.score_size": (
        "--score additive: the size ⟦d_a⟧ of its hidden layer (⟦W_1, W_2⟧ are ⟦H×d_a⟧), when the example does not give ⟦W_1⟧, ⟦W_2⟧, v.",
        "--score additive: el tamaño ⟦d_a⟧ de su capa oculta (⟦W_1, W_2⟧ son ⟦H×d_a⟧), cuando el ejemplo no da ⟦W_1⟧, ⟦W_2⟧, v."),
    "attention.help.opt.decode": (
        "seq2seq: 'teacher' (teacher forcing, default) feeds the decoder the reference word ⟦y_{{i−1}}⟧; 'greedy' feeds it the word it predicted.",
        "seq2seq: 'teacher' (teacher forcing, por defecto) da al decodificador la palabra de referencia ⟦y_{{i−1}}⟧; 'greedy' le da la palabra que predijo."),
    "attention.help.opt.backward": (
        "self: the backward pass through one head, op by op, for a per-token classifier on ⟦A⟧ (the example's task), with a finite-difference check.",
        "self: el paso hacia atrás por una cabeza, operación a operación, para un clasificador por token sobre ⟦A⟧ (la tarea del ejemplo), con comprobación por diferencias finitas."),
    "attention.help.opt.labels": (
        "--backward: the word each token is labelled with (one per token, from the vocabulary); default: the example's [task].",
        "--backward: la palabra con que se etiqueta cada token (una por token, del vocabulario); por defecto: la [task] del ejemplo."),
    "attention.help.opt.train": (
        "--backward: first train ⟦W_Q⟧, ⟦W_K⟧, ⟦W_V⟧, ⟦W_C⟧, ⟦b_C⟧ for STEPS steps of gradient descent from the seed's weights, on the example's [task] sentences, then trace the backward pass at the trained weights.",
        "--backward: entrena antes ⟦W_Q⟧, ⟦W_K⟧, ⟦W_V⟧, ⟦W_C⟧, ⟦b_C⟧ durante STEPS pasos de descenso de gradiente desde los pesos de la semilla, con las frases de la [task] del ejemplo, y traza el paso hacia atrás con los pesos entrenados."),
    "attention.help.opt.lr": (
        "--train: the learning rate ⟦η⟧ of ⟦θ ← θ − η·∂L/∂θ⟧ (default 0.01).",
        "--train: la tasa de aprendizaje ⟦η⟧ de ⟦θ ← θ − η·∂L/∂θ⟧ (por defecto 0,01)."),
    "attention.help.opt.block": (
        "self: one Transformer encoder block: multi-head attention, ⟦W_O⟧, residual, layer norm, feed-forward (ReLU), residual, layer norm.",
        "self: un bloque codificador del Transformer: atención multicabeza, ⟦W_O⟧, residual, normalización de capa, feed-forward (ReLU), residual, normalización de capa."),
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
        "Number of heads h (must divide ⟦d_model⟧): a table per head, then ⟦[head_1 | … | head_h]·W_O⟧. Default 1.",
        "Número de cabezas h (debe dividir ⟦d_model⟧): una tabla por cabeza y después ⟦[head_1 | … | head_h]·W_O⟧. Por defecto 1."),
    "attention.help.opt.dk": (
        "Width ⟦d_k⟧ of each head's queries and keys (default ⟦d_model / h⟧).",
        "Anchura ⟦d_k⟧ de las consultas y claves de cada cabeza (por defecto ⟦d_model / h⟧)."),
    "attention.help.opt.no_scale": (
        "Do not divide ⟦Q·Kᵀ⟧ by ⟦√d_k⟧, and measure how the softmax then saturates as ⟦d_k⟧ grows.",
        "No divide ⟦Q·Kᵀ⟧ por ⟦√d_k⟧, y mide cómo se satura entonces la softmax al crecer ⟦d_k⟧."),
    "attention.help.opt.feed_context": (
        "seq2seq: feed the context to the decoder, as Jurafsky & Martin do: ⟦c_i⟧ (from ⟦h^d_{{i−1}}⟧) first, then "
        "⟦h^d_i = tanh(y_{{i−1}}·W_xh^d + h^d_{{i−1}}·W_hh^d + c_i·W_ch^d + b_h^d)⟧. ⟦W_ch^d (H×H)⟧ comes from the "
        "example's [decoder] table, else from the seed. Default: the context is not fed back.",
        "seq2seq: da el contexto al decodificador, como Jurafsky y Martin: primero ⟦c_i⟧ (a partir de ⟦h^d_{{i−1}}⟧) y después "
        "⟦h^d_i = tanh(y_{{i−1}}·W_xh^d + h^d_{{i−1}}·W_hh^d + c_i·W_ch^d + b_h^d)⟧. ⟦W_ch^d (H×H)⟧ sale de la tabla "
        "[decoder] del ejemplo o, si no está, de la semilla. Por defecto el contexto no se realimenta."),
    "positional.help": (
        "Compare the lecture's position encodings for ⟦t = 0⟧, 1, 2, …: the integer index, binary (as many bits as the "
        "longest position needs) and sinusoidal ⟦p_t^(2k) = sin(ω_k t)⟧, ⟦p_t^(2k+1) = cos(ω_k t)⟧, ⟦ω_k = 1/10000^(2k/d)⟧; "
        "and measure the properties the lecture asks for: unique, bounded, and ⟦p_t · p_{{t+Δ}}⟧ depending on ⟦Δ⟧ alone.",
        "Compara las codificaciones de posición de la clase para ⟦t = 0⟧, 1, 2, …: el índice entero, binaria (tantos bits "
        "como necesita la posición más larga) y sinusoidal ⟦p_t^(2k) = sin(ω_k t)⟧, ⟦p_t^(2k+1) = cos(ω_k t)⟧, ⟦ω_k = 1/10000^(2k/d)⟧; "
        "y mide las propiedades que pide la clase: única, acotada, y ⟦p_t · p_{{t+Δ}}⟧ dependiente solo de ⟦Δ⟧."),
    "positional.help.short": (
        "Compare index, binary and sinusoidal positional encodings.",
        "Compara las codificaciones posicionales de índice, binaria y sinusoidal."),
    "positional.help.examples": (
        "Examples:\n\n\b\n  rnntrace positional\n  rnntrace positional --length 8 --dim 6\n"
        "  rnntrace positional --format json",
        "Ejemplos:\n\n\b\n  rnntrace positional\n  rnntrace positional --length 8 --dim 6\n"
        "  rnntrace positional --format json"),
    "positional.help.opt.length": ("Number of positions, ⟦t = 0 … n−1⟧ (2–256).", "Número de posiciones, ⟦t = 0 … n−1⟧ (2–256)."),
    "positional.help.opt.dim": (
        "Dimension d of the sinusoidal encoding (even, 2–256).",
        "Dimensión d de la codificación sinusoidal (par, 2–256)."),

    # ---- self-attention ------------------------------------------------------------------
    "attention.facts.tokens": ("⟦n = {n}⟧ tokens", "⟦n = {n}⟧ tokens"),
    "attention.facts.tokens.one": ("⟦n = {n}⟧ token", "⟦n = {n}⟧ token"),
    "attention.facts.heads": (
        '⟦h = {h}⟧ heads',
        '⟦h = {h}⟧ cabezas'),
    "attention.facts.mask_none": ("no mask", "sin máscara"),
    "attention.facts.mask_causal": ("causal mask", "máscara causal"),
    "attention.equations": ("The computation, as traced", "El cálculo, tal como se traza"),
    "attention.no_positional": (
        "(no positional encodings: the order of the words does not change the rows, it only permutes them)",
        "(sin codificaciones posicionales: el orden de las palabras no cambia las filas, solo las permuta)"),
    "attention.no_positional_causal": (
        "(no positional encodings, yet the causal mask makes the order matter: with the words reversed, a row of the output changes by up to {change})",
        "(sin codificaciones posicionales, pero la máscara causal hace que el orden importe: con las palabras al revés, una fila de la salida cambia hasta {change})"),
    "attention.no_positional_bare": ("(no positional encodings)", "(sin codificaciones posicionales)"),
    "attention.causal_rule": (
        "causal mask: query i sees keys ⟦j ≤ i⟧; a masked score becomes ⟦−∞⟧, so its weight is exactly 0",
        "máscara causal: la consulta i ve las claves ⟦j ≤ i⟧; una puntuación enmascarada pasa a ⟦−∞⟧ y su peso es exactamente 0"),
    "attention.no_scale_warning": (
        "⚠ --no-scale: ⟦Q·Kᵀ⟧ is not divided by ⟦√d_k⟧ (see the measurement at the end).",
        "⚠ --no-scale: ⟦Q·Kᵀ⟧ no se divide por ⟦√d_k⟧ (ver la medición al final)."),
    "attention.inputs": (
        "Inputs: embeddings ⟦E⟧ plus positional encodings ⟦P⟧",
        "Entradas: embeddings ⟦E⟧ más codificaciones posicionales ⟦P⟧"),
    "attention.inputs_none": (
        "Inputs: the embeddings ⟦E⟧, no positional encodings",
        "Entradas: los embeddings ⟦E⟧, sin codificaciones posicionales"),
    "attention.positional_title": (
        "⟦P⟧: sinusoidal positional encodings ⟦p_t⟧, ⟦t = 0⟧ … {n1}",
        "⟦P⟧: codificaciones posicionales sinusoidales ⟦p_t⟧, ⟦t = 0⟧ … {n1}"),
    "attention.projections": ("Query, key and value: ⟦Q⟧, ⟦K⟧, ⟦V⟧", "Consulta, clave y valor: ⟦Q⟧, ⟦K⟧, ⟦V⟧"),
    "attention.drawn": (
        'Drawn from seed {seed}: ⟦{names}⟧ ⟦~ U(−1/√{d}, 1/√{d})⟧, rounded to 2 decimals',
        'De la semilla {seed}: ⟦{names}⟧ ⟦~ U(−1/√{d}, 1/√{d})⟧, con 2 decimales'),
    "attention.split": (
        "{h} heads: each takes its own ⟦d_k = {dk}⟧ columns of ⟦Q⟧ and ⟦K⟧, and ⟦d_v = {dv}⟧ of ⟦V⟧.",
        "{h} cabezas: cada una toma ⟦d_k = {dk}⟧ columnas propias de ⟦Q⟧ y ⟦K⟧, y ⟦d_v = {dv}⟧ de ⟦V⟧."),
    "attention.head": (
        "head {h} of {of}: columns {lo}–{hi} of ⟦Q⟧ and ⟦K⟧, {vlo}–{vhi} of ⟦V⟧",
        "cabeza {h} de {of}: columnas {lo}–{hi} de ⟦Q⟧ y ⟦K⟧, {vlo}–{vhi} de ⟦V⟧"),
    "attention.weights_rule": ("Scores and attention weights", "Puntuaciones y pesos de atención"),
    "attention.scores_rows": (
        "row = query (consulta) i, column = key (clave) j: entry ⟦(i, j) = q_i · k_j⟧",
        "fila = consulta i, columna = clave j: el elemento ⟦(i, j)⟧ es ⟦q_i · k_j⟧"),
    "attention.scale_why": (
        "⟦÷ √d_k⟧ undoes the growth of ⟦q·k⟧ with ⟦d_k⟧ (here ⟦d_k = {dk}⟧)",
        "⟦÷ √d_k⟧ compensa el crecimiento de ⟦q·k⟧ con ⟦d_k⟧ (aquí ⟦d_k = {dk}⟧)"),
    "attention.scale_calm": (
        "{why}: no row saturated (largest ⟦α⟧ {top} ⟦< {limit}⟧)",
        "{why}: ninguna fila saturada (mayor ⟦α⟧ {top} ⟦< {limit}⟧)"),
    "attention.scale_one_hot": (
        "{why}, yet {n} rows here are one-hot (largest ⟦α⟧ {top}, “{word}”): its scaled scores still lie {gap} apart: ⟦÷ √d_k⟧ takes away the growth with ⟦d_k⟧, not large entries of ⟦Q⟧ and ⟦K⟧",
        "{why}, pero {n} filas son one-hot (mayor ⟦α⟧ {top}, “{word}”): sus puntuaciones escaladas siguen a {gap} de distancia: ⟦÷ √d_k⟧ quita el crecimiento con ⟦d_k⟧, no los elementos grandes de ⟦Q⟧ y ⟦K⟧"),
    "attention.scale_one_hot.one": (
        "{why}, yet {n} row here is one-hot (largest ⟦α⟧ {top}, “{word}”): its scaled scores still lie {gap} apart: ⟦÷ √d_k⟧ takes away the growth with ⟦d_k⟧, not large entries of ⟦Q⟧ and ⟦K⟧",
        "{why}, pero {n} fila es one-hot (mayor ⟦α⟧ {top}, “{word}”): sus puntuaciones escaladas siguen a {gap} de distancia: ⟦÷ √d_k⟧ quita el crecimiento con ⟦d_k⟧, no los elementos grandes de ⟦Q⟧ y ⟦K⟧"),
    "attention.no_scale_why": (
        "unscaled: ⟦q·k⟧ spreads like ⟦√d_k⟧ (⟦d_k = {dk}⟧, ⟦√d_k = {root}⟧)",
        "sin escalar: ⟦q·k⟧ se dispersa como ⟦√d_k⟧ (⟦d_k = {dk}⟧, ⟦√d_k = {root}⟧)"),
    "attention.no_scale_one_hot": (
        "{why}: {n} rows here are one-hot (largest ⟦α⟧ {top}, “{word}”)",
        "{why}: {n} filas son one-hot (mayor ⟦α⟧ {top}, “{word}”)"),
    "attention.no_scale_one_hot.one": (
        "{why}: {n} row here is one-hot (largest ⟦α⟧ {top}, “{word}”)",
        "{why}: {n} fila es one-hot (mayor ⟦α⟧ {top}, “{word}”)"),
    "attention.no_scale_uniform": (
        "{why}: at this ⟦d_k⟧ the rows are still close to uniform (largest ⟦α⟧ {top}; uniform: 1/{m} ⟦= {u}⟧)",
        "{why}: con este ⟦d_k⟧ las filas siguen casi uniformes (mayor ⟦α⟧ {top}; uniforme: 1/{m} ⟦= {u}⟧)"),
    "attention.no_scale_between": (
        "{why}: no row here is one-hot yet (largest ⟦α⟧ {top} ⟦< {limit}⟧)",
        "{why}: ninguna fila es one-hot todavía (mayor ⟦α⟧ {top} ⟦< {limit}⟧)"),
    "attention.no_scale_grows": (
        "the measurement at the end shows rows heading for one-hot as ⟦d_k⟧ grows",
        "la medición del final muestra cómo las filas tienden a one-hot al crecer ⟦d_k⟧"),
    "attention.masked_head": ("(masked: ⟦−∞⟧)", "(enmascarado: ⟦−∞⟧)"),
    "attention.row_by_row": (
        'row by row: the attention weights',
        'fila a fila: los pesos de atención'),
    "attention.softmax_rule": (
        '⟦α_{{i,j}} = e^(s_{{i,j}} − m_i) / Σ_k e^(s_{{i,k}} − m_i)⟧,  ⟦m_i = max_k s_{{i,k}}⟧',
        '⟦α_{{i,j}} = e^(s_{{i,j}} − m_i) / Σ_k e^(s_{{i,k}} − m_i)⟧,  ⟦m_i = máx_k s_{{i,k}}⟧'),
    "attention.col.top": ("largest ⟦α⟧", "mayor ⟦α⟧"),
    "attention.output_rows": (
        "row ⟦i = Σ_j α_{{i,j}} v_j⟧: the values, averaged with query i's weights",
        "fila ⟦i = Σ_j α_{{i,j}} v_j⟧: media de los valores, ponderada por la consulta i"),
    "attention.query_rule": (
        "query ⟦i = {i}⟧ · “{word}”: where its weights come from",
        "consulta ⟦i = {i}⟧ · “{word}”: de dónde salen sus pesos"),
    "attention.query_head": ("head {h} of {of}", "cabeza {h} de {of}"),
    "attention.masked_key": ("masked: ⟦j > i⟧", "enmascarada: ⟦j > i⟧"),
    "attention.query_row": ("⟦a_{i}⟧ is row {i} of {out}", "⟦a_{i}⟧ es la fila {i} de {out}"),
    "attention.query_sum": (
        "the weights sum to 1, and ⟦a_{i}⟧ is row {i} of {out}",
        "los pesos suman 1, y ⟦a_{i}⟧ es la fila {i} de {out}"),
    "attention.concat_rule": ("Heads concatenated, output projection ⟦W_O⟧", "Cabezas concatenadas, proyección de salida ⟦W_O⟧"),
    "attention.sat.rule": ("Why scale by ⟦√d_k⟧: the softmax saturates without it", "Por qué escalar por ⟦√d_k⟧: sin ello la softmax se satura"),
    "attention.sat.explain": (
        "Measured on random q, k with ⟦N(0, 1)⟧ entries, {n} keys, {trials} trials per ⟦d_k⟧: the spread of ⟦q·k⟧ grows like ⟦√d_k⟧; unscaled, the largest weight heads for 1 (a one-hot row, where the softmax's gradient vanishes); scaled, it stays put.",
        "Medido con q, k aleatorios de elementos ⟦N(0, 1)⟧, {n} claves, {trials} pruebas por ⟦d_k⟧: la dispersión de ⟦q·k⟧ crece como ⟦√d_k⟧; sin escalar, el peso mayor tiende a 1 (una fila one-hot, donde el gradiente de la softmax se anula); escalado, se mantiene."),
    "attention.sat.one_key": (
        "Measured on random q, k with ⟦N(0, 1)⟧ entries, {n} key, {trials} trials per ⟦d_k⟧: the spread of ⟦q·k⟧ grows like ⟦√d_k⟧, but one key always gets weight 1, scaled or not, so a sentence of one token cannot show the softmax saturating.",
        "Medido con q, k aleatorios de elementos ⟦N(0, 1)⟧, {n} clave, {trials} pruebas por ⟦d_k⟧: la dispersión de ⟦q·k⟧ crece como ⟦√d_k⟧, pero una sola clave siempre recibe peso 1, escalada o no, así que una frase de un token no puede mostrar cómo se satura la softmax."),
    "attention.sat.measured": (
        "Measured on random q, k with ⟦N(0, 1)⟧ entries, {n} keys, {trials} trials per ⟦d_k⟧.",
        "Medido con q, k aleatorios de elementos ⟦N(0, 1)⟧, {n} claves, {trials} pruebas por ⟦d_k⟧."),
    "attention.sat.dk": ("⟦d_k⟧", "⟦d_k⟧"),
    "attention.sat.std": ("⟦std(q·k)⟧", "⟦desv(q·k)⟧"),
    "attention.sat.scaled": ("mean max ⟦α⟧\n⟦/√d_k⟧", "⟦α⟧ máx. medio\n⟦/√d_k⟧"),
    "attention.sat.unscaled": ("mean max ⟦α⟧\nunscaled", "⟦α⟧ máx. medio\nsin escalar"),
    "attention.sat.this": ("← ⟦d_k = {dk}⟧ here", "← aquí ⟦d_k = {dk}⟧"),
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
        "decoder fed its context ⟦c_i⟧ (--feed-context), as in Jurafsky & Martin",
        "decodificador alimentado con ⟦c_i⟧ (--feed-context), como en Jurafsky y Martin"),
    "attention.eq.decoder_fed": (
        "decoder, fed the context ⟦c_i⟧:",
        "decodificador, que recibe el contexto ⟦c_i⟧:"),
    "attention.eq.order": (
        "step i, in this order (⟦h^d_i⟧ then scores target word ⟦i+1⟧):",
        "paso i, en este orden (después ⟦h^d_i⟧ puntúa la palabra destino ⟦i+1⟧):"),
    "attention.unused": (
        "In the example file but not used without --feed-context: {names}",
        "En el fichero del ejemplo, pero sin --feed-context no se usa: {names}"),
    "attention.rows_are": (
        "Rows of ⟦W_xh^e⟧: {src}. Rows of ⟦W_xh^d⟧: {tgt}.",
        "Filas de ⟦W_xh^e⟧: {src}. Filas de ⟦W_xh^d⟧: {tgt}."),
    "attention.encoder_rule": ("Encoder (codificador) over “{words}”", "Codificador sobre “{words}”"),
    "attention.encoder_names": (
        "The forward command's Elman step: ⟦x_t = x_j⟧, ⟦h_{{t−1}} = h^e_{{j−1}}⟧, ⟦h_t = h^e_j⟧.",
        'Es el paso de Elman de forward: ⟦x_t = x_j⟧, ⟦h_{{t−1}} = h^e_{{j−1}}⟧, ⟦h_t = h^e_j⟧.'),
    "attention.encoder_step": ("⟦j = {j}⟧ · reads “{word}” ⟦→ h^e_{j}⟧", "⟦j = {j}⟧ · lee “{word}” ⟦→ h^e_{j}⟧"),
    "attention.decoder_rule": ("Decoder (decodificador)", "Decodificador"),
    "attention.decoder_names": (
        '⟦x_t = y_{{i−1}}⟧ (previous target word), ⟦h_{{t−1}} = h^d_{{i−1}}⟧, ⟦h_t = h^d_i⟧.',
        '⟦x_t = y_{{i−1}}⟧ (palabra destino anterior), ⟦h_{{t−1}} = h^d_{{i−1}}⟧, ⟦h_t = h^d_i⟧.'),
    "attention.decoder_rule_fed": (
        "Decoder (decodificador), fed its context ⟦c_i⟧",
        "Decodificador, que recibe su contexto ⟦c_i⟧"),
    "attention.decoder_order": (
        "Step i: ⟦h^d_{{i−1}}⟧ gives ⟦c_i⟧ first, then ⟦h^d_i⟧ reads ⟦y_{{i−1}}⟧, ⟦h^d_{{i−1}}⟧, ⟦c_i⟧.",
        "Paso i: ⟦h^d_{{i−1}}⟧ da ⟦c_i⟧ primero, luego ⟦h^d_i⟧ lee ⟦y_{{i−1}}⟧, ⟦h^d_{{i−1}}⟧, ⟦c_i⟧."),
    "attention.decoder_step_fed": (
        "⟦i = {i}⟧ · reads “{word}” and ⟦c_{i} → h^d_{i}⟧",
        "⟦i = {i}⟧ · lee “{word}” y ⟦c_{i} → h^d_{i}⟧"),
    "attention.explain.feed_context": (
        "The decoder reads ⟦c_{i}⟧, what it has just attended to in the source, so its next state (which scores the next target word) knows which source words it has already used.",
        "El decodificador lee ⟦c_{i}⟧, lo que acaba de atender en el origen, así que su siguiente estado (que puntúa la siguiente palabra destino) sabe qué palabras del origen ya ha usado."),
    "attention.decoder_step": ("⟦i = {i}⟧ · reads “{word}” ⟦→ h^d_{i}⟧", "⟦i = {i}⟧ · lee “{word}” ⟦→ h^d_{i}⟧"),
    "attention.target_rule": (
        '⟦i = {i}⟧ · target “{word}”: scored by ⟦h^d_{prev}⟧',
        '⟦i = {i}⟧ · destino “{word}”: la puntúa ⟦h^d_{prev}⟧'),
    "attention.alignment": (
        'Attention weights ⟦α_{{i,j}}⟧: target word ⟦i⟧ × source word ⟦j⟧',
        'Pesos de atención ⟦α_{{i,j}}⟧: palabra destino ⟦i⟧ × palabra origen ⟦j⟧'),
    "attention.alignment_rows_def": (
        "row ⟦i = softmax_j(score(h^d_{{i−1}}, h^e_j))⟧",
        "fila ⟦i = softmax_j(score(h^d_{{i−1}}, h^e_j))⟧"),
    "attention.alignment_rows": (
        "row ⟦i = softmax_j(score(h^d_{{i−1}}, h^e_j))⟧: each row sums to 1",
        "fila ⟦i = softmax_j(score(h^d_{{i−1}}, h^e_j))⟧: cada fila suma 1"),

    # ---- seq2seq: the output layer -------------------------------------------------------
    "attention.eq.output": (
        "output (Jurafsky & Martin's combination of ⟦h^d_i⟧ and ⟦c_i⟧), over {words}:",
        "salida (la combinación de ⟦h^d_i⟧ y ⟦c_i⟧ de Jurafsky y Martin), sobre {words}:"),
    "attention.eq.greedy": (
        "⟦y_i⟧ = the word the decoder predicted at step i (--decode greedy); the loss still scores the reference",
        "⟦y_i⟧ = la palabra que el decodificador predijo en el paso i (--decode greedy); la pérdida sigue puntuando la referencia"),
    "attention.output_rule": (
        "⟦i = {i}⟧ · output: what the decoder says for “{word}”",
        "⟦i = {i}⟧ · salida: lo que dice el decodificador para “{word}”"),
    "attention.hit": ("prediction: “{word}” = ⟦argmax y_{i}⟧ ✓ hit", "predicción: “{word}” = ⟦argmax y_{i}⟧ ✓ acierto"),
    "attention.miss": (
        "prediction: “{word}” = ⟦argmax y_{i}⟧ ✗ miss (the reference is “{ref}”)",
        "predicción: “{word}” = ⟦argmax y_{i}⟧ ✗ fallo (la referencia es “{ref}”)"),
    "attention.no_prediction": (
        "prediction: none (⟦y_{i}⟧ holds nan, so ⟦argmax y_{i}⟧ is undefined)",
        "predicción: ninguna (⟦y_{i}⟧ contiene nan, así que ⟦argmax y_{i}⟧ no está definido)"),
    "attention.predictions_rule": ("Predictions and loss", "Predicciones y pérdida"),
    "attention.col.reads": ("reads", "lee"),
    "attention.col.reference": ("reference", "referencia"),
    "attention.col.prediction": ("prediction", "predicción"),
    "attention.col.p_reference": ("⟦y_i[reference]⟧", "⟦y_i[referencia]⟧"),
    "attention.col.loss": ("loss", "pérdida"),
    "attention.total_loss": (
        "⟦L = Σ_i loss_i = {loss}⟧   ({hits} of {m} words right)",
        "⟦L = Σ_i pérdida_i = {loss}⟧   ({hits} de {m} palabras bien)"),
    "attention.total_loss.one": (
        "⟦L = Σ_i loss_i = {loss}⟧   ({hits} of {m} word right)",
        "⟦L = Σ_i pérdida_i = {loss}⟧   ({hits} de {m} palabra bien)"),
    "attention.teacher_note": (
        "teacher forcing: step i reads the reference word ⟦y_{{i−1}}⟧, whatever the decoder predicted before",
        "teacher forcing: el paso i lee la palabra de referencia ⟦y_{{i−1}}⟧, prediga lo que prediga el decodificador"),
    "attention.greedy_note": (
        "greedy decoding: step i reads the word predicted at step ⟦i−1⟧, so a miss is fed forward",
        "decodificación voraz: el paso i lee la palabra predicha en el paso ⟦i−1⟧, así que un fallo se arrastra"),
    "attention.out_rows": (
        "Rows of ⟦W_out⟧: ⟦h^d_i⟧'s {H} entries, then ⟦c_i⟧'s {H}; columns: {words}.",
        "Filas de ⟦W_out⟧: los {H} elementos de ⟦h^d_i⟧ y luego los {H} de ⟦c_i⟧; columnas: {words}."),

    # ---- --backward ----------------------------------------------------------------------
    "attention.backward_title": ("{title}: backpropagation", "{title}: retropropagación"),
    "attention.task": ("Task: {task}", "Tarea: {task}"),
    "attention.labels_line": ("labels ⟦y_i⟧: {pairs}", "etiquetas ⟦y_i⟧: {pairs}"),
    "attention.facts.classes": ("⟦C = {C}⟧ classes: {words}", "⟦C = {C}⟧ clases: {words}"),
    "attention.eq.forward": ("Forward", "Hacia delante"),
    "attention.eq.backward": ("Backward (the chain rule, op by op)", "Hacia atrás (la regla de la cadena, operación a operación)"),
    "attention.eq.rows": ("both softmaxes act row by row", "las dos softmax actúan fila a fila"),
    "attention.eq.Y": ("(⟦Y⟧: the labels as one-hot rows)", "(⟦Y⟧: las etiquetas como filas one-hot)"),
    "attention.backward_forward": ("Forward pass and loss", "Paso hacia delante y pérdida"),
    "attention.backward_drawn": (
        "Drawn from seed {seed}: ⟦{names}⟧ ⟦~ U(−1/√fan_in, 1/√fan_in)⟧, rounded to 2 decimals",
        "De la semilla {seed}: ⟦{names}⟧ ⟦~ U(−1/√fan_in, 1/√fan_in)⟧, con 2 decimales"),
    "attention.trained": (
        "Trained: {steps} steps of gradient descent ⟦(η = {lr})⟧ from the weights of seed {seed}, on {n} sentences; ⟦Σ_s L_s⟧ went from {before} to {after}.",
        "Entrenado: {steps} pasos de descenso de gradiente ⟦(η = {lr})⟧ desde los pesos de la semilla {seed}, con {n} frases; ⟦Σ_s L_s⟧ pasó de {before} a {after}."),
    "attention.trained.one": (
        "Trained: {steps} steps of gradient descent ⟦(η = {lr})⟧ from the weights of seed {seed}, on {n} sentence; ⟦L⟧ went from {before} to {after}.",
        "Entrenado: {steps} pasos de descenso de gradiente ⟦(η = {lr})⟧ desde los pesos de la semilla {seed}, con {n} frase; ⟦L⟧ pasó de {before} a {after}."),
    "attention.jacobians_cut": (
        "⟦J_i⟧ is worked out above for rows 1–{k} of {n}; every other row is the same computation, and --format json has every ⟦J_i⟧.",
        "⟦J_i⟧ se desarrolla arriba para las filas 1–{k} de {n}; las demás filas son el mismo cálculo, y --format json tiene todos los ⟦J_i⟧."),
    "attention.bc_zero": ("⟦b_C⟧ is not in the example, so it is 0.", "⟦b_C⟧ no está en el ejemplo, así que es 0."),
    "attention.backward_alpha": ("⟦α = softmax(Q·Kᵀ / √d_k)⟧, the attention weights", "⟦α = softmax(Q·Kᵀ / √d_k)⟧, los pesos de atención"),
    "attention.row_by_row_p": ("row by row: each token's class probabilities", "fila a fila: las probabilidades de clase de cada token"),
    "attention.col.label": ("label ⟦y_i⟧", "etiqueta ⟦y_i⟧"),
    "attention.backward_classifier": ("Backward: the classifier", "Hacia atrás: el clasificador"),
    "attention.dZ_note": (
        "row i: ⟦P[i]⟧ minus 1 at the label's column ⟦({n}×{C})⟧; each row sums to 0",
        "fila i: ⟦P[i]⟧ menos 1 en la columna de la etiqueta ⟦({n}×{C})⟧; cada fila suma 0"),
    "attention.backward_av": ("Backward: ⟦A = α·V⟧", "Hacia atrás: ⟦A = α·V⟧"),
    "attention.dV_note": (
        "⟦v_j⟧ gets the gradient of every output row that used it, weighted by ⟦α_{{i,j}}⟧",
        "⟦v_j⟧ recibe el gradiente de cada fila de salida que lo usó, ponderado por ⟦α_{{i,j}}⟧"),
    "attention.jacobian_rule": (
        "Backward through the softmax, row ⟦i = {i}⟧ · “{word}”",
        "Hacia atrás por la softmax, fila ⟦i = {i}⟧ · “{word}”"),
    "attention.jacobian_note": (
        "⟦J_{i}⟧ is symmetric and each of its rows sums to 0: adding a constant to every score of row {i} changes no weight",
        "⟦J_{i}⟧ es simétrica y cada fila suma 0: sumar una constante a todas las puntuaciones de la fila {i} no cambia ningún peso"),
    "attention.backward_qk": ("Backward: the scores, ⟦Q⟧, ⟦K⟧ and the weights", "Hacia atrás: las puntuaciones, ⟦Q⟧, ⟦K⟧ y los pesos"),
    "attention.dS_rows": (
        "row ⟦i = ∂L/∂S_i⟧, the product with row i's Jacobian ⟦J_i⟧ above; each row sums to 0",
        "fila ⟦i = ∂L/∂S_i⟧, el producto por el jacobiano ⟦J_i⟧ de la fila i, arriba; cada fila suma 0"),
    "attention.backward_weights": ("What is learnt: ⟦W_Q⟧, ⟦W_K⟧ and ⟦W_V⟧", "Lo que se aprende: ⟦W_Q⟧, ⟦W_K⟧ y ⟦W_V⟧"),
    "attention.dX_note": (
        "⟦X⟧ feeds ⟦Q⟧, ⟦K⟧ and ⟦V⟧, so its gradient is the sum of the three paths",
        "⟦X⟧ entra en ⟦Q⟧, ⟦K⟧ y ⟦V⟧, así que su gradiente es la suma de los tres caminos"),
    "attention.col.param": ("⟦θ⟧", "⟦θ⟧"),
    "attention.col.shape": ("shape", "forma"),
    "attention.col.rel_error": ("relative error", "error relativo"),
    "attention.col.checked": ("entries", "elementos"),
    "attention.check_rule": ("Gradient check", "Comprobación del gradiente"),
    "attention.check_explain": (
        "Each entry ⟦θ_k⟧ of each parameter nudged by ⟦±ε = {eps}⟧: ⟦ĝ_k = (L(θ + ε) − L(θ − ε)) / 2ε⟧, against ⟦∂L/∂θ_k⟧ above; relative error ⟦‖g − ĝ‖ / max(‖g‖, ‖ĝ‖)⟧.",
        "Cada elemento ⟦θ_k⟧ de cada parámetro movido ⟦±ε = {eps}⟧: ⟦ĝ_k = (L(θ + ε) − L(θ − ε)) / 2ε⟧, frente a ⟦∂L/∂θ_k⟧ de arriba; error relativo ⟦‖g − ĝ‖ / máx(‖g‖, ‖ĝ‖)⟧."),
    "attention.check_sampled": (
        "{names}: more than {max} entries each, so each is checked on {max} of them, evenly spaced.",
        "{names}: más de {max} elementos cada uno, así que en cada uno se comprueban {max}, espaciados por igual."),
    "attention.check_sampled.one": (
        "{names}: more than {max} entries, so it is checked on {max} of them, evenly spaced.",
        "{names}: más de {max} elementos, así que se comprueban {max}, espaciados por igual."),
    "attention.check_ok": (
        "Every gradient agrees with finite differences (largest relative error {err} ⟦< 1e-6⟧).",
        "Todos los gradientes coinciden con las diferencias finitas (mayor error relativo {err} ⟦< 1e-6⟧)."),
    "attention.check_bad": (
        "⚠ A gradient disagrees with finite differences (largest relative error {err} ⟦≥ 1e-6⟧).",
        "⚠ Un gradiente no coincide con las diferencias finitas (mayor error relativo {err} ⟦≥ 1e-6⟧)."),

    # ---- --block -------------------------------------------------------------------------
    "attention.block_title": ("{title}: one encoder block", "{title}: un bloque codificador"),
    "attention.block_norm_note": (
        "post-norm, as in Vaswani et al. and nn.TransformerEncoderLayer: ⟦γ⟧ (scale) and ⟦β⟧ (shift) are learnt, ⟦ε⟧ keeps the division finite",
        "post-norm, como en Vaswani et al. y nn.TransformerEncoderLayer: ⟦γ⟧ (escala) y ⟦β⟧ (desplazamiento) se aprenden, ⟦ε⟧ mantiene finita la división"),
    "attention.block_dff": (
        "⟦d_ff = {d_ff} = 4·d_model⟧, as in Vaswani et al. ⟦(4·512 = 2048)⟧; ⟦d_model = {d}⟧",
        "⟦d_ff = {d_ff} = 4·d_model⟧, como en Vaswani et al. ⟦(4·512 = 2048)⟧; ⟦d_model = {d}⟧"),
    "attention.block_drawn": (
        "Drawn from seed {seed}: ⟦{names}⟧ ⟦~ U(−1/√fan_in, 1/√fan_in)⟧, rounded to 2 decimals",
        "De la semilla {seed}: ⟦{names}⟧ ⟦~ U(−1/√fan_in, 1/√fan_in)⟧, con 2 decimales"),
    "attention.block_initial": (
        "{names}: PyTorch's initial values ⟦(γ = 1, β = 0)⟧, which training would change",
        "{names}: los valores iniciales de PyTorch ⟦(γ = 1, β = 0)⟧, que el entrenamiento cambiaría"),
    "attention.block_mha": ("Multi-head attention, then ⟦W_O⟧", "Atención multicabeza, y después ⟦W_O⟧"),
    "attention.per_row": ("⟦μ⟧ and ⟦σ²⟧ over each row's {d} entries", "⟦μ⟧ y ⟦σ²⟧ sobre los {d} elementos de cada fila"),
    "attention.block_add_norm": ("Residual connection and layer normalisation {k}", "Conexión residual y normalización de capa {k}"),
    "attention.residual_note": (
        "the residual connection adds the block's input back, so ⟦X⟧ reaches the output even where attention says little",
        "la conexión residual vuelve a sumar la entrada, así que ⟦X⟧ llega a la salida aunque la atención diga poco"),
    "attention.block_ff": ("Feed-forward layer (ReLU), the same for every token", "Capa feed-forward (ReLU), la misma para cada token"),
    "attention.relu_note": (
        "{k} of {total} entries are ⟦≤ 0⟧ and become 0",
        "{k} de {total} elementos son ⟦≤ 0⟧ y pasan a 0"),
    "attention.block_out": (
        "⟦Y ({n}×{d})⟧ has the shape of ⟦X⟧: blocks stack, each one's output the next one's input.",
        "⟦Y ({n}×{d})⟧ tiene la forma de ⟦X⟧: los bloques se apilan, la salida de uno es la entrada del siguiente."),
    # ---- positional ----------------------------------------------------------------------
    "positional.title": (
        "Making the position explicit: ⟦n = {n}⟧ positions, ⟦d = {d}⟧",
        "Haciendo explícita la posición: ⟦n = {n}⟧ posiciones, ⟦d = {d}⟧"),
    "positional.intro": (
        "Each position t gets a vector ⟦p_t⟧ that is added to the word's embedding.",
        "Cada posición t recibe un vector ⟦p_t⟧ que se suma al embedding de la palabra."),
    "positional.encodings": ("Three encodings", "Tres codificaciones"),
    "positional.eq.index": ("index: ⟦p_t = t⟧", "índice: ⟦p_t = t⟧"),
    "positional.eq.binary": (
        'binary: ⟦p_t⟧ = the bits of ⟦t⟧, {b} for 0 … {last}',
        'binaria: ⟦p_t⟧ = los bits de ⟦t⟧, {b} para 0 … {last}'),
    "positional.wanted": ("What they should be (the lecture)", "Lo que deben cumplir (la clase)"),
    "positional.want.unique": ("unique: each position a different vector", "únicas: un vector distinto por posición"),
    "positional.want.bounded": (
        "bounded: values in ⟦[0, 1]⟧ or ⟦[−1, 1]⟧, so they do not swamp the embedding",
        "normalizadas: valores en ⟦[0, 1]⟧ o ⟦[−1, 1]⟧, para no dominar al embedding"),
    "positional.want.relative": (
        "relative distance: ⟦p_t · p_{{t+Δ}}⟧ depends on ⟦Δ⟧ alone, not on t",
        "distancia relativa: ⟦p_t · p_{{t+Δ}}⟧ depende solo de ⟦Δ⟧, no de t"),
    "positional.table": ("The encodings, position by position", "Las codificaciones, posición a posición"),
    "positional.col.index": ("index", "índice"),
    "positional.col.binary": (
        'binary',
        'binaria'),
    "positional.col.sinusoidal": ("sinusoidal", "sinusoidal"),
    "positional.col.property": ("property", "propiedad"),
    "positional.columns_cut": (
        "⟦d = {d}⟧: the middle columns are left out here; --format json has all of them.",
        "⟦d = {d}⟧: se omiten las columnas centrales; están todas en --format json."),
    "positional.props": ("The properties, measured", "Las propiedades, medidas"),
    "positional.prop.unique": ("unique: min ⟦‖p_s − p_t‖⟧", "única: mín ⟦‖p_s − p_t‖⟧"),
    "positional.prop.bounded": ("bounded: [min, max]", "acotada: [mín, máx]"),
    "positional.prop.width": ("width (fixed?)", "anchura (¿fija?)"),
    "positional.prop.relative": ("⟦Δ⟧ alone: max spread over t", "solo ⟦Δ⟧: máx. dispersión en t"),
    "positional.note.unique": (
        'unique: the smallest distance between two positions (0: two look alike)',
        'única: la menor distancia entre dos posiciones (0: dos se confunden)'),
    "positional.note.bounded_out": (
        'bounded: the index reaches ⟦n − 1 = {last}⟧, past 1, and grows with the sentence',
        'acotada: el índice llega a ⟦n − 1 = {last}⟧, más de 1, y crece con la frase'),
    "positional.note.bounded_in": (
        'bounded: with ⟦n = {n}⟧ the index ends at {last}, inside [0, 1]; it grows with the sentence ⟦(n − 1)⟧',
        'acotada: con ⟦n = {n}⟧ el índice acaba en {last}, dentro de [0, 1]; crece con la frase ⟦(n − 1)⟧'),
    "positional.note.bounded_others": (
        '; binary and sinusoidal stay in ⟦[−1, 1]⟧',
        '; la binaria y la sinusoidal se quedan en ⟦[−1, 1]⟧'),
    "positional.note.width": (
        'width: longer sentences need more bits; binary is not a fixed-size vector',
        'anchura: más posiciones, más bits: la binaria no tiene dimensión fija'),
    "positional.note.relative": (
        '⟦Δ⟧ alone: max over ⟦Δ⟧ of (⟦max_t − min_t⟧ of ⟦p_t · p_{{t+Δ}}⟧); ✓ when that is 0 up to round-off',
        'solo ⟦Δ⟧: máximo sobre ⟦Δ⟧ de (⟦máx_t − mín_t⟧ de ⟦p_t · p_{{t+Δ}}⟧); ✓ si es 0 salvo redondeo'),
    "positional.delta_title": (
        "⟦p_t · p_{{t+Δ}}⟧ for the sinusoidal encoding: the same for every t, ⟦Σ_k cos(ω_k Δ)⟧",
        "⟦p_t · p_{{t+Δ}}⟧ para la codificación sinusoidal: igual para todo t, ⟦Σ_k cos(ω_k Δ)⟧"),
    "positional.delta_title_plain": (
        "⟦p_t · p_{{t+Δ}}⟧ for the sinusoidal encoding, against ⟦Σ_k cos(ω_k Δ)⟧",
        "⟦p_t · p_{{t+Δ}}⟧ para la codificación sinusoidal, frente a ⟦Σ_k cos(ω_k Δ)⟧"),
    "positional.dcol.delta": ("⟦Δ⟧", "⟦Δ⟧"),
    "positional.dcol.formula": (
        '⟦Σ_k⟧\n⟦cos(ω_k Δ)⟧',
        '⟦Σ_k⟧\n⟦cos(ω_k Δ)⟧'),
    "positional.dcol.min": (
        '⟦min_t⟧\n⟦p_t·p_{{t+Δ}}⟧',
        '⟦mín_t⟧\n⟦p_t·p_{{t+Δ}}⟧'),
    "positional.dcol.max": (
        '⟦max_t⟧\n⟦p_t·p_{{t+Δ}}⟧',
        '⟦máx_t⟧\n⟦p_t·p_{{t+Δ}}⟧'),
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
        '⟦sin(ωt)sin(ω(t+Δ)) + cos(ωt)cos(ω(t+Δ)) = cos(ωΔ)⟧ for each k: t cancels out.',
        '⟦sin(ωt)sin(ω(t+Δ)) + cos(ωt)cos(ω(t+Δ)) = cos(ωΔ)⟧ en cada k: t se cancela.'),
    "attention.facts.head": (
        '⟦h = {h}⟧ head',
        '⟦h = {h}⟧ cabeza'),
    "attention.eq.attention": (
        'attention, for target word i and source word j:',
        'atención, para la palabra destino i y la palabra origen j:'),
    "positional.eq.sinusoidal": (
        'sinusoidal:',
        'sinusoidal:'),
    "positional.eq.k": (
        '⟦k = 0 … {last}⟧: ⟦ω_0 = 1⟧ turns fastest, ⟦ω_{last} = {slowest}⟧ slowest',
        '⟦k = 0 … {last}⟧: ⟦ω_0 = 1⟧ gira más rápido, ⟦ω_{last} = {slowest}⟧ más despacio'),
    "positional.eq.k_one": (
        '⟦k = 0⟧ only: ⟦d = 2⟧ has one pair, ⟦ω_0 = 1⟧',
        'solo ⟦k = 0⟧: ⟦d = 2⟧ tiene un par, ⟦ω_0 = 1⟧'),
    "positional.slip": (
        "Slip in the slide: its vector ⟦p_t⟧ runs from ⟦sin(ω_1·t)⟧ to ⟦cos(ω_{{d/2}}·t)⟧, but its own cases (⟦sin⟧ at ⟦i = 2k⟧, ⟦cos⟧ at ⟦i = 2k + 1⟧, ⟦i = 0 … d − 1⟧) need ⟦k = 0 … d/2 − 1⟧. Taken literally, with ⟦ω_k = 1/10000^(2k/d)⟧, ⟦ω_1 … ω_{half}⟧ are {literal}: ⟦ω_0 = 1⟧ is left out and ⟦ω_{half} = 1/10000⟧ comes in. Right: ⟦ω_0 … ω_{last} = {right}⟧, so the first pair is ⟦sin(ω_0·t) = sin t⟧ and ⟦cos t⟧ (read the slide's ⟦ω_k⟧ as ⟦ω_{{k−1}}⟧).",
        "Errata de la transparencia: su vector ⟦p_t⟧ va de ⟦sin(ω_1·t)⟧ a ⟦cos(ω_{{d/2}}·t)⟧, pero sus propios casos (⟦sin⟧ en ⟦i = 2k⟧, ⟦cos⟧ en ⟦i = 2k + 1⟧, ⟦i = 0 … d − 1⟧) piden ⟦k = 0 … d/2 − 1⟧. Al pie de la letra, con ⟦ω_k = 1/10000^(2k/d)⟧, ⟦ω_1 … ω_{half}⟧ son {literal}: falta ⟦ω_0 = 1⟧ y entra ⟦ω_{half} = 1/10000⟧. Lo correcto: ⟦ω_0 … ω_{last} = {right}⟧, así que el primer par es ⟦sin(ω_0·t) = sin t⟧ y ⟦cos t⟧ (hay que leer la ⟦ω_k⟧ de la transparencia como ⟦ω_{{k−1}}⟧)."),
    "positional.slip_one": (
        "Slip in the slide: for ⟦d = 2⟧ its vector ⟦p_t⟧ is ⟦[sin(ω_1·t), cos(ω_1·t)]⟧, but its own cases (⟦sin⟧ at ⟦i = 2k⟧, ⟦cos⟧ at ⟦i = 2k + 1⟧, ⟦i = 0⟧, 1) need ⟦k = 0⟧. Taken literally, ⟦ω_1 = 1/10000^(2/2) = {literal}⟧, where the right one is ⟦ω_0 = 1⟧, which gives ⟦sin t⟧ and ⟦cos t⟧ (read the slide's ⟦ω_1⟧ as ⟦ω_0⟧).",
        "Errata de la transparencia: para ⟦d = 2⟧ su vector ⟦p_t⟧ es ⟦[sin(ω_1·t), cos(ω_1·t)]⟧, pero sus propios casos (⟦sin⟧ en ⟦i = 2k⟧, ⟦cos⟧ en ⟦i = 2k + 1⟧, ⟦i = 0⟧, 1) piden ⟦k = 0⟧. Al pie de la letra, ⟦ω_1 = 1/10000^(2/2) = {literal}⟧, cuando la correcta es ⟦ω_0 = 1⟧, que da ⟦sin t⟧ y ⟦cos t⟧ (hay que leer la ⟦ω_1⟧ de la transparencia como ⟦ω_0⟧)."),
    "positional.slip_short": (
        "Slip in the slide: it numbers these ⟦ω_1 … ω_{{d/2}}⟧; its own ⟦ω_k = 1/10000^(2k/d)⟧ makes them ⟦ω_0 … ω_{{d/2−1}}⟧.",
        "Errata de la transparencia: las numera ⟦ω_1 … ω_{{d/2}}⟧; su propia ⟦ω_k = 1/10000^(2k/d)⟧ las hace ⟦ω_0 … ω_{{d/2−1}}⟧."),
    "attention.eq.yi": ("⟦y_i⟧ = target word i (teacher forcing)", "⟦y_i⟧ = palabra destino i (teacher forcing)"),
    "attention.scale_uniform": (
        "{why}: every row is close to uniform (largest ⟦α⟧ {top}; uniform: ⟦1/{m} = {u}⟧)",
        "{why}: todas las filas son casi uniformes (mayor ⟦α⟧ {top}; uniforme: ⟦1/{m} = {u}⟧)"),
}
