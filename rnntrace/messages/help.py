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
        "Trace the forward pass one token at a time: the one-hot ⟦x_t⟧, every product with its operands "
        "side by side and its shapes, the pre-activation, ⟦h_t⟧, the logits, the softmax, the prediction "
        "and the cross-entropy loss.",
        "Traza el forward token a token: el one-hot ⟦x_t⟧, cada producto con sus operandos lado a lado "
        "y sus dimensiones, la preactivación, ⟦h_t⟧, los logits, la softmax, la predicción y la pérdida "
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
        "Ask the lecture's questions on the worked examples: shapes, the size of the output, ⟦x_t·W_xh⟧, ⟦h_t⟧, "
        "⟦p_t⟧, ⟦L_t⟧ and the predicted word (forward); ⟦δ_t⟧ and which factor of the Jacobian shrinks the gradient "
        "(bptt); which gate keeps the old state and the LSTM's ⟦c_t⟧ (gates); an attention weight and the ⟦√d_k⟧ "
        "scaling (attention); the positional encodings' properties and the binary code of a position "
        "(positional); the shapes of ⟦[h→_t ; h←_t]⟧, of an embedding ⟦E⟧, of a second layer's ⟦W_xh⟧ and of a "
        "bidirectional ⟦W_hy⟧ (networks).\n\nEvery answer is computed by rnntrace; after each one the right answer and why, and a "
        "score at the end. An answer that cannot be read is asked for again. Answers come from the terminal, "
        "a pipe or --answers FILE (one per line).",
        "Hace las preguntas de la clase sobre los ejemplos resueltos: dimensiones, el tamaño del output, "
        "⟦x_t·W_xh⟧, ⟦h_t⟧, ⟦p_t⟧, ⟦L_t⟧ y la palabra predicha (forward); ⟦δ_t⟧ y qué factor de la jacobiana reduce el "
        "gradiente (bptt); qué compuerta conserva el estado anterior y el ⟦c_t⟧ de la LSTM (gates); un peso de "
        "atención y el escalado por ⟦√d_k⟧ (attention); las propiedades de las codificaciones posicionales y el "
        "código binario de una posición (positional); las dimensiones de ⟦[h→_t ; h←_t]⟧, de un embedding ⟦E⟧, "
        "de la ⟦W_xh⟧ de una segunda capa y de una ⟦W_hy⟧ bidireccional (networks).\n\nrnntrace calcula cada respuesta; tras cada una, la "
        "respuesta correcta y por qué, y una puntuación al final. Una respuesta que no se puede leer se vuelve "
        "a pedir. Las respuestas vienen del terminal, de una tubería o de --answers FILE (una por línea)."),
    "help.quiz.short": ("Answer the lecture's questions on the worked examples.", "Responde a las preguntas de la clase sobre los ejemplos resueltos."),
    "help.quiz.examples": (
        "Examples:\n\n\b\n  rnntrace quiz\n  rnntrace quiz --seed 3 --count 8\n  rnntrace quiz --topic bptt\n  rnntrace quiz --lang es\n"
        "  printf '5x3\\n5' | rnntrace quiz -n 2\n  rnntrace quiz --answers answers.txt",
        "Ejemplos:\n\n\b\n  rnntrace quiz\n  rnntrace quiz --seed 3 --count 8\n  rnntrace quiz --topic bptt\n  rnntrace quiz --lang es\n"
        "  printf '5x3\\n5' | rnntrace quiz -n 2\n  rnntrace quiz --answers mias.txt"),
    "help.opt.quiz_seed": ("Which questions: another seed, other matrices, words and keys.", "Qué preguntas: otra semilla, otras matrices, palabras y claves."),
    "help.opt.count": ("How many questions (1–20).", "Cuántas preguntas (1–20)."),
    "help.opt.quiz_format": (
        "'rich' asks the questions; 'gift' prints them with their answers and tolerances for Moodle (GIFT import).",
        "'rich' hace las preguntas; 'gift' las imprime con sus respuestas y tolerancias para Moodle (importación GIFT)."),
    "help.opt.topic": ("Ask only about TOPIC, this part of the lecture: {topics} (repeat the option for several).",
                       "Pregunta solo sobre TOPIC, esta parte de la clase: {topics} (repite la opción para varias)."),
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
        "GRU candidate: 'lecture' applies ⟦r_t⟧ before the product, 'torch' after it (PyTorch's nn.GRU).",
        "Candidato de la GRU: 'lecture' aplica ⟦r_t⟧ antes del producto, 'torch' después (nn.GRU de PyTorch)."),
    "help.opt.convention": (
        "'row' writes ⟦x_t·W⟧ (the lecture's); 'column' writes ⟦W·x_t⟧ with transposed shapes (PyTorch, Keras). Same numbers.",
        "'row' escribe ⟦x_t·W⟧ (la de la clase); 'column' escribe ⟦W·x_t⟧ con las dimensiones traspuestas (PyTorch, Keras). Mismos números."),
    "help.opt.seed": (
        "Seed for the weights the example does not give (default: the example's seed).",
        "Semilla para los pesos que el ejemplo no da (por defecto: la semilla del ejemplo)."),
    "help.opt.precision": ("Digits shown after the decimal point (1–15).", "Dígitos mostrados tras el punto decimal (1–15)."),
    "help.opt.format": (
        "'rich': tables for the terminal; 'json': one JSON document with every number at full precision; "
        "'latex': a complete LaTeX document (bmatrix operands with their shapes, aligned equations); "
        "'beamer': LaTeX slides, one frame per page; 'markdown': headings and tables.",
        "'rich': tablas para el terminal; 'json': un documento JSON con todos los números a precisión completa; "
        "'latex': un documento LaTeX completo (operandos en bmatrix con sus dimensiones, ecuaciones alineadas); "
        "'beamer': transparencias LaTeX, un marco por página; 'markdown': títulos y tablas."),
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
        "Also save the output to FILE, in the format its extension names: .html (a page stepped through with "
        "Next/Back and the arrow keys), .svg (every page in one image), .txt, .tex (the article, or the slides "
        "with --format beamer), .md or .json; or to DIR/ (a path ending in /): one SVG slide per page. "
        "Written whole or not at all.",
        "Guarda además la salida en FILE, en el formato que indica su extensión: .html (una página que se recorre "
        "con Siguiente/Anterior y las flechas), .svg (todas las páginas en una imagen), .txt, .tex (el artículo, o "
        "las transparencias con --format beamer), .md o .json; o en DIR/ (una ruta terminada en /): una "
        "transparencia SVG por página. Se escribe entero o nada."),
    "help.opt.lang": (
        "Language of everything shown (default: ⟦$RNNTRACE_LANG⟧, else en).",
        "Idioma de todo lo que se muestra (por defecto: ⟦$RNNTRACE_LANG⟧, si no en)."),
    "help.check": (
        "Check your own numbers for a trace. FILE (TOML, or JSON of the same shape; - reads standard input) holds a [trace] table saying "
        "what it follows and a table per step, [t1], [t2] … (backward steps in [backward.t1] …), keyed by the "
        "trace's value names; --template writes one to fill in. The values are compared in the trace's order, "
        "each computed again from your own earlier numbers; at the first that differs the operation is shown "
        "with both versions and the likely slip is named. Exit status 0 when every value agrees, 1 when one "
        "differs, 2 for a bad file.",
        "Comprueba tus propios números de una traza. FILE (TOML, o JSON con la misma forma; - lee la entrada estándar) tiene una tabla "
        "[trace] que dice qué sigue y una tabla por paso, [t1], [t2] … (los pasos hacia atrás en [backward.t1] …), "
        "con los nombres de los valores de la traza; --template escribe una para rellenar. Los valores se comparan "
        "en el orden de la traza, cada uno calculado otra vez a partir de tus propios números anteriores; en el "
        "primero que no coincide se muestra la operación con las dos versiones y se nombra el error probable. "
        "Código de salida 0 si todo coincide, 1 si algo no coincide, 2 si el fichero está mal."),
    "help.check.short": ("Check your own numbers for a trace and name the slip.",
                         "Comprueba tus números de una traza y nombra el error."),
    "help.check.examples": (
        "Examples:\n\n\b\n  rnntrace check --template > mine.toml\n  rnntrace check mine.toml\n"
        "  rnntrace check --template --command bptt --cell gru > gru.toml\n  rnntrace check mine.toml --format json",
        "Ejemplos:\n\n\b\n  rnntrace check --template > mio.toml\n  rnntrace check mio.toml\n"
        "  rnntrace check --template --command bptt --cell gru > gru.toml\n  rnntrace check mio.toml --format json"),
    "help.opt.template": (
        "Write the file to fill in (every value \"?\") for the trace the other options name, instead of checking.",
        "Escribe el fichero para rellenar (cada valor \"?\") de la traza que dicen las demás opciones, en vez de comprobar."),
    "help.opt.check_command": ("With --template: the forward pass, bptt with the backward pass too, or self-attention.",
                               "Con --template: el forward, bptt con la pasada hacia atrás también, o la autoatención."),
    "help.opt.check_example": (
        "With --template: a built-in example's name or the path of a TOML example file (default: lecture; doctor for attention).",
        "Con --template: el nombre de un ejemplo incorporado o la ruta de un fichero TOML (por defecto: lecture; doctor para attention)."),
    "help.opt.tol": (
        "Largest difference that still agrees (default: one unit in the last decimal you wrote).",
        "Mayor diferencia que aún coincide (por defecto: una unidad en el último decimal que escribiste)."),
    "help.opt.check_format": ("'rich' for the terminal, 'json' for a program (with --template: a JSON file).",
                              "'rich' para el terminal, 'json' para un programa (con --template: un fichero JSON)."),
    "help.opt.check_explain": ("Say why the operation is computed as it is, and why the slip is one.",
                               "Explica por qué la operación se calcula así, y por qué el error lo es."),

    "help.worksheet": (
        "Write a trace as a worksheet: every value step by step with the formula that computes it, the "
        "values of --blank left for the student to fill in, and with --key the answer key. --student ID "
        "draws the weights from a seed computed from the ID, so each student gets their own numbers and "
        "their key matches; --count N (or --student several times) writes a sheet and a key per student "
        "into --out DIR. Markdown, LaTeX or HTML.",
        "Escribe una traza como hoja de ejercicios: cada valor paso a paso con la fórmula que lo calcula, los "
        "valores de --blank en blanco para que el estudiante los rellene, y con --key las soluciones. "
        "--student ID saca los pesos de una semilla calculada a partir del ID, así que cada estudiante tiene "
        "sus propios números y sus soluciones coinciden; --count N (o --student varias veces) escribe una "
        "hoja y unas soluciones por estudiante en --out DIR. Markdown, LaTeX o HTML."),
    "help.worksheet.short": ("Write a worksheet of a trace, with its answer key, per student.",
                             "Escribe una hoja de ejercicios de una traza, con soluciones, por estudiante."),
    "help.worksheet.examples": (
        "Examples:\n\n\b\n  rnntrace worksheet > sheet.md\n  rnntrace worksheet --key > key.md\n"
        "  rnntrace worksheet --blank h,p,delta --student ana --format latex > ana.tex\n"
        "  rnntrace worksheet --count 30 --format html --out class/",
        "Ejemplos:\n\n\b\n  rnntrace worksheet > hoja.md\n  rnntrace worksheet --key > soluciones.md\n"
        "  rnntrace worksheet --blank h,p,delta --student ana --format latex > ana.tex\n"
        "  rnntrace worksheet --count 30 --format html --out clase/"),
    "help.opt.blank": (
        "The values to leave blank, by their check keys (h, p, loss, delta, c …; rnntrace check --template lists them).",
        "Los valores que se dejan en blanco, por sus claves de check (h, p, loss, delta, c …; rnntrace check --template las lista)."),
    "help.opt.student": ("A student's ID: their own weights, drawn from it (repeat for a class).",
                         "El ID de un estudiante: sus propios pesos, sacados de él (repite para una clase)."),
    "help.opt.sheet_count": ("A class of N students, IDs 1 … N (with --out).", "Una clase de N estudiantes, IDs 1 … N (con --out)."),
    "help.opt.sheet_format": ("The sheet's format.", "El formato de la hoja."),
    "help.opt.sheet_explain": (
        "Say under each step what its operations do and why (a blank's explanation only in the key: it may quote the answer).",
        "Explica bajo cada paso qué hacen sus operaciones y por qué (la de un hueco solo en las soluciones: puede citar la respuesta)."),
    "help.opt.key": ("Print the answer key instead of the sheet.", "Imprime las soluciones en vez de la hoja."),
    "help.opt.out": ("Write a sheet and a key per student into DIR (ID.md and ID-key.md …).",
                     "Escribe una hoja y unas soluciones por estudiante en DIR (ID.md e ID-key.md …)."),
    "help.opt.sheet_command": (
        "forward, or bptt with the backward pass (default: bptt when a blank is a backward value).",
        "forward, o bptt con la pasada hacia atrás (por defecto: bptt si un hueco es un valor hacia atrás)."),
    "help.gru_variant_default": ("the example's gru_variant, else lecture", "el gru_variant del ejemplo; si no, lecture"),
}
