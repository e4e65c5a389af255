"""``--help`` texts: the program, each command, each option."""

MESSAGES = {
    "help.main": (
        "Trace RNN, GRU, LSTM and attention computations symbol by symbol, with every product, "
        "its shapes and its result, on the lecture's worked examples.",
        "Traza los cálculos de RNN, GRU, LSTM y atención símbolo a símbolo, con cada producto, "
        "sus dimensiones y su resultado, sobre los ejemplos resueltos de la clase."),
    "help.main.examples": (
        "Examples:\n\n\b\n  rnntrace forward                     the lecture's example, step by step\n"
        "  rnntrace forward --cell gru          the same sentence through a GRU\n"
        "  rnntrace forward --format json       every number as JSON\n"
        "  rnntrace bptt --compare              rnn, gru and lstm gradients, compared\n"
        "  rnntrace attention --mode seq2seq    encoder–decoder attention\n"
        "  rnntrace quiz --lang es              the lecture's questions, in Spanish\n"
        "  rnntrace examples                    the built-in examples",
        "Ejemplos:\n\n\b\n  rnntrace forward                     el ejemplo de la clase, paso a paso\n"
        "  rnntrace forward --cell gru          la misma frase con una GRU\n"
        "  rnntrace forward --format json       todos los números en JSON\n"
        "  rnntrace bptt --compare              gradientes de rnn, gru y lstm\n"
        "  rnntrace attention --mode seq2seq    atención codificador–decodificador\n"
        "  rnntrace quiz --lang es              las preguntas de la clase, en español\n"
        "  rnntrace examples                    los ejemplos incorporados"),
    "help.version": ("Show the version and exit.", "Muestra la versión y termina."),
    "help.examples.short": ("List the built-in worked examples.", "Lista los ejemplos resueltos incorporados."),
    "help.forward": (
        "Trace the forward pass one token at a time: the one-hot x_t, every product with its operands "
        "side by side and its shapes, the pre-activation, h_t, the logits, the softmax, the prediction "
        "and the cross-entropy loss.",
        "Traza el forward token a token: el one-hot x_t, cada producto con sus operandos lado a lado "
        "y sus dimensiones, la preactivación, h_t, los logits, la softmax, la predicción y la pérdida "
        "de entropía cruzada."),
    "help.forward.examples": (
        "Examples:\n\n\b\n  rnntrace forward\n  rnntrace forward --cell lstm --precision 3\n"
        "  rnntrace forward --cell gru --gru-variant torch\n  rnntrace forward --convention column\n"
        "  rnntrace forward --example pseudocode --sentence \"I love neural\"\n"
        "  rnntrace forward --example my_example.toml --format json",
        "Ejemplos:\n\n\b\n  rnntrace forward\n  rnntrace forward --cell lstm --precision 3\n"
        "  rnntrace forward --cell gru --gru-variant torch\n  rnntrace forward --convention column\n"
        "  rnntrace forward --example pseudocode --sentence \"I love neural\"\n"
        "  rnntrace forward --example mi_ejemplo.toml --format json"),
    "help.forward.short": ("Trace the forward pass, one token at a time.", "Traza el forward, token a token."),
    "help.examples": (
        "List the built-in worked examples: each one's name and title, then its kind and the commands that take it.",
        "Lista los ejemplos resueltos incorporados: el nombre y el título de cada uno, y después su tipo y los comandos que lo aceptan."),
    "help.examples.use": ("{kind} · {commands}", "{kind} · {commands}"),
    "help.quiz": (
        "Ask the lecture's questions on the worked examples: the shapes of W_xh, W_hh and W_hy, the size of the "
        "output, the value of x_t·W_xh, which gate keeps the old state, the weight a query gives a key. Every "
        "answer is computed by rnntrace; after each one the right answer and why, and a score at the end. "
        "Answers come from the terminal, a pipe or --answers FILE (one per line).",
        "Hace las preguntas de la clase sobre los ejemplos resueltos: las dimensiones de W_xh, W_hh y W_hy, el "
        "tamaño del output, el valor de x_t·W_xh, qué compuerta conserva el estado anterior, el peso que una "
        "consulta da a una clave. rnntrace calcula cada respuesta; tras cada una, la respuesta correcta y por "
        "qué, y una puntuación al final. Las respuestas vienen del terminal, de una tubería o de --answers FILE "
        "(una por línea)."),
    "help.quiz.short": ("Answer the lecture's questions on the worked examples.", "Responde a las preguntas de la clase sobre los ejemplos resueltos."),
    "help.quiz.examples": (
        "Examples:\n\n\b\n  rnntrace quiz\n  rnntrace quiz --seed 3 --count 8\n  rnntrace quiz --lang es\n"
        "  printf '5x3\\n5\\n' | rnntrace quiz --count 2\n  rnntrace quiz --answers my_answers.txt",
        "Ejemplos:\n\n\b\n  rnntrace quiz\n  rnntrace quiz --seed 3 --count 8\n  rnntrace quiz --lang es\n"
        "  printf '5x3\\n5\\n' | rnntrace quiz --count 2\n  rnntrace quiz --answers mis_respuestas.txt"),
    "help.opt.quiz_seed": ("Which questions: another seed, other matrices, words and keys.", "Qué preguntas: otra semilla, otras matrices, palabras y claves."),
    "help.opt.count": ("How many questions (1–20).", "Cuántas preguntas (1–20)."),
    "help.opt.answers": (
        "Read the answers from FILE, one per line, instead of asking.",
        "Lee las respuestas de FILE, una por línea, en vez de preguntar."),
    "help.opt.example": (
        "A built-in example's name (see 'rnntrace examples') or the path of a TOML example file.",
        "El nombre de un ejemplo incorporado (ver 'rnntrace examples') o la ruta de un fichero TOML."),
    "help.opt.sentence": (
        "Replace the example's sentence (words of its vocabulary, separated by spaces); the targets become the next tokens.",
        "Sustituye la frase del ejemplo (palabras de su vocabulario separadas por espacios); los objetivos pasan a ser los tokens siguientes."),
    "help.opt.cell": ("The recurrent cell (default: the example's).", "La célula recurrente (por defecto: la del ejemplo)."),
    "help.opt.gru_variant": (
        "GRU candidate: 'lecture' applies r_t before the product, 'torch' after it (PyTorch's nn.GRU).",
        "Candidato de la GRU: 'lecture' aplica r_t antes del producto, 'torch' después (nn.GRU de PyTorch)."),
    "help.opt.convention": (
        "'row' writes x_t·W (the lecture's); 'column' writes W·x_t with transposed shapes (PyTorch, Keras). Same numbers.",
        "'row' escribe x_t·W (la de la clase); 'column' escribe W·x_t con las dimensiones traspuestas (PyTorch, Keras). Mismos números."),
    "help.opt.seed": (
        "Seed for the weights the example does not give (default: the example's seed).",
        "Semilla para los pesos que el ejemplo no da (por defecto: la semilla del ejemplo)."),
    "help.opt.precision": ("Digits shown after the decimal point (1–15).", "Dígitos mostrados tras el punto decimal (1–15)."),
    "help.opt.format": (
        "'rich': tables for the terminal; 'json': one JSON document with every number at full precision; "
        "'latex': a complete LaTeX document (bmatrix operands with their shapes, aligned equations); "
        "'markdown': headings and tables.",
        "'rich': tablas para el terminal; 'json': un documento JSON con todos los números a precisión completa; "
        "'latex': un documento LaTeX completo (operandos en bmatrix con sus dimensiones, ecuaciones alineadas); "
        "'markdown': títulos y tablas."),
    "help.opt.step": (
        "On a terminal, show one step at a time, each screen no taller than the terminal: Enter, space or n "
        "for the next, b to go back, q to quit (no Enter needed). Piped, everything is printed.",
        "En un terminal, muestra un paso cada vez, cada pantalla no más alta que el terminal: Intro, espacio o "
        "n para el siguiente, b para volver atrás, q para salir (sin Intro). Redirigido, se imprime todo."),
    "help.opt.t": (
        "Show only these steps in full (3, or a range such as 2-3); the others stay in the summary. "
        "Attention: query rows; seq2seq: target words.",
        "Muestra completos solo estos pasos (3, o un intervalo como 2-3); los demás quedan en el resumen. "
        "Atención: filas de consulta; seq2seq: palabras de destino."),
    "help.opt.brief": (
        "The summary only: no step in full.",
        "Solo el resumen: ningún paso completo."),
    "help.opt.explain": (
        "Add a sentence or two under each operation: what it does and why.",
        "Añade una o dos frases bajo cada operación: qué hace y por qué."),
    "help.opt.export": (
        "Also save the output to FILE, in the format its extension names: .svg, .html or .txt (the terminal "
        "rendering, for slides), .tex, .md or .json. Written whole or not at all.",
        "Guarda además la salida en FILE, en el formato que indica su extensión: .svg, .html o .txt (la salida "
        "del terminal, para transparencias), .tex, .md o .json. Se escribe entero o nada."),
    "help.opt.lang": (
        "Language of everything shown (default: $RNNTRACE_LANG, else en).",
        "Idioma de todo lo que se muestra (por defecto: $RNNTRACE_LANG, si no en)."),
}
