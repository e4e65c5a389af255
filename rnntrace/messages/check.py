"""Texts of ``rnntrace check``."""

MESSAGES = {
    # the file
    "check.file.empty": (
        "{file} is empty: expected a [trace] table and a table per step, [t1], [t2] … (rnntrace check --template writes one)",
        "{file} está vacío: se esperaba una tabla [trace] y una tabla por paso, [t1], [t2] … (rnntrace check --template escribe una)"),
    "check.file.stdin_too_big": ("standard input holds more than {max} MiB: not a check file",
                                 "la entrada estándar tiene más de {max} MiB: no es un fichero de comprobación"),
    "check.file.not_toml_json": (
        "{file} is neither TOML nor JSON ({reason}); expected [trace] and [t1], [t2] … tables (rnntrace check --template writes one)",
        "{file} no es ni TOML ni JSON ({reason}); se esperaban las tablas [trace] y [t1], [t2] … (rnntrace check --template escribe una)"),
    "check.file.no_steps": (
        "{file}: no step to check: expected tables [t1], [t2] … (and [backward.t1] … for bptt)",
        "{file}: no hay ningún paso que comprobar: se esperaban las tablas [t1], [t2] … (y [backward.t1] … para bptt)"),
    "check.file.not_table": ("{file}: {key} must be a table of values ([{key}] with name = value lines)",
                             "{file}: {key} tiene que ser una tabla de valores ([{key}] con líneas nombre = valor)"),
    "check.file.unknown_table": (
        "{file}: unknown table [{key}]: expected [trace], [t1], [t2] … or [backward.t1] …",
        "{file}: tabla desconocida [{key}]: se esperaba [trace], [t1], [t2] … o [backward.t1] …"),
    "check.file.bad_choice": ("{file}: {key} must be one of {choices}", "{file}: {key} tiene que ser uno de {choices}"),
    "check.file.gru_variant_cell": (
        '{file}: trace.gru_variant = "{variant}" chooses how the GRU\'s reset gate acts, and the {cell} has no reset gate; use it with cell = "gru"',
        '{file}: trace.gru_variant = "{variant}" elige cómo actúa la compuerta de reinicio de la GRU, y la {cell} no tiene compuerta de reinicio; úsalo con cell = "gru"'),
    "check.file.want_string": ("{file}: {key} must be a non-empty string", "{file}: {key} tiene que ser un texto no vacío"),
    "check.file.want_seed": ("{file}: {key} must be a whole number from 0 to ⟦2^63 − 1⟧",
                             "{file}: {key} tiene que ser un entero de 0 a ⟦2^63 − 1⟧"),
    "check.file.unknown_trace_key": ("{file}: unknown key {key}; [trace] takes {keys}",
                                     "{file}: clave desconocida {key}; [trace] admite {keys}"),
    "check.file.backward_forward": (
        "{file}: [backward.…] tables need command = \"bptt\" in [trace] (forward has no backward pass)",
        "{file}: las tablas [backward.…] necesitan command = \"bptt\" en [trace] (forward no tiene pasada hacia atrás)"),
    "check.file.no_such_step": ("{file}: there is no step {key}: the sentence has {T} steps (t1 … t{T})",
                                "{file}: no existe el paso {key}: la frase tiene {T} pasos (t1 … t{T})"),
    "check.file.unknown_key": ("{file}: unknown value {key}; this step has {keys}",
                               "{file}: valor desconocido {key}; este paso tiene {keys}"),
    "check.file.bad_shape": ("{file}: {key} must be {want}", "{file}: {key} tiene que ser {want}"),
    "check.file.partly_blank": (
        "{file}: {key} is partly blank (\"?\"): write every entry, or leave all of them \"?\"",
        "{file}: {key} está a medio rellenar (\"?\"): escribe todas las entradas, o deja todas en \"?\""),
    "check.file.attention_table": (
        "{file}: self-attention's values go in one [attention] table, with command = \"attention\" in [trace]; the cells' go in [t1], [t2] …",
        "{file}: los valores de la autoatención van en una tabla [attention], con command = \"attention\" en [trace]; los de las células en [t1], [t2] …"),
    "check.file.long_bptt": (
        "{file}: bptt is checked step by step for sentences of up to {max} tokens; this one has {T}",
        "{file}: bptt se comprueba paso a paso en frases de hasta {max} tokens; esta tiene {T}"),
    "check.shape.scalar": ("a number", "un número"),
    "check.shape.vector": ("a list of {n} numbers ({shape})", "una lista de {n} números ({shape})"),
    "check.shape.matrix": ("{rows} lists of {cols} numbers ({shape})", "{rows} listas de {cols} números ({shape})"),
    "check.option.template_file": ("give either FILE or --template, not both", "da FILE o --template, no los dos"),
    "check.option.no_file": ("missing FILE (or --template to write one)", "falta FILE (o --template para escribir uno)"),
    "check.option.tol": ("--tol must be a number ⟦≥ 0⟧, got {value}", "--tol tiene que ser un número ⟦≥ 0⟧, no {value}"),
    "check.option.not_attention": ("{option} is for the cells' traces, not for --command attention",
                                   "{option} es para las trazas de las células, no para --command attention"),
    "check.option.template_only": ("{option} is for --template (the file's [trace] table says what it follows)",
                                   "{option} es para --template (la tabla [trace] del fichero dice qué sigue)"),
    # the template
    "check.template.head": (
        "rnntrace check: your numbers for this trace. Replace each \"?\" and run: rnntrace check FILE",
        "rnntrace check: tus números para esta traza. Cambia cada \"?\" y ejecuta: rnntrace check FICHERO"),
    "check.template.blank": (
        "A value left as \"{blank}\" is not checked. Keys are the trace's value names; the comment says how each is computed.",
        "Un valor que se deja en \"{blank}\" no se comprueba. Las claves son los nombres de los valores de la traza; el comentario dice cómo se calcula cada uno."),
    "check.template.too_big": (
        "--template: the file for this trace would take {size} MiB, more than check reads ({max} MiB); use a shorter --sentence",
        "--template: el fichero de esta traza ocuparía {size} MiB, más de lo que check lee ({max} MiB); usa una --sentence más corta"),
    # the report
    "check.title": ("rnntrace check {file} · {command} · {example} · {cell}",
                    "rnntrace check {file} · {command} · {example} · {cell}"),
    "check.tolerance.written": (
        "Tolerance: one unit in the last decimal you wrote (half a unit for whole numbers, at least 1e-6).",
        "Tolerancia: una unidad en el último decimal que escribiste (media unidad en los enteros, al menos 1e-6)."),
    "check.tolerance.given": ("Tolerance: ±{tol} (--tol).", "Tolerancia: ±{tol} (--tol)."),
    "check.all_agree": ("✓ All {n} values agree with the trace.", "✓ Los {n} valores coinciden con la traza."),
    "check.all_agree.one": ("✓ The 1 value agrees with the trace.", "✓ El único valor coincide con la traza."),
    "check.nothing": ("Nothing to check: every value is still blank (\"?\").",
                      "No hay nada que comprobar: todos los valores siguen en blanco (\"?\")."),
    "check.blank": ("{n} values left blank were not checked.", "{n} valores en blanco no se han comprobado."),
    "check.blank.one": ("1 value left blank was not checked.", "1 valor en blanco no se ha comprobado."),
    "check.agreed_before": ("✓ {n} values before it agree.", "✓ Los {n} valores anteriores coinciden."),
    "check.agreed_before.one": ("✓ The 1 value before it agrees.", "✓ El valor anterior coincide."),
    "check.differs": ("✗ {where}: {name} differs", "✗ {where}: {name} no coincide"),
    "check.where.forward": ("⟦t = {t}⟧", "⟦t = {t}⟧"),
    "check.where.backward": ("backward, ⟦t = {t}⟧", "hacia atrás, ⟦t = {t}⟧"),
    "check.where.attention": ("self-attention", "autoatención"),
    "check.expected": ("expected", "esperado"),
    "check.yours": ("yours", "el tuyo"),
    "check.layout_transposed": ("(yours is {got}, the trace's {want})", "(el tuyo es {got}, el de la traza {want})"),
    "check.slip.convention": (
        "Likely slip: your {name} is the expected matrix transposed ({shape}), laid out as the other convention writes it; the {conv} convention writes it {want}.",
        "Error probable: tu {name} es la matriz esperada traspuesta ({shape}), escrita como la escribe la otra convención; la convención {conv} la escribe {want}."),
    "check.slip.transposed": (
        "Likely slip: {weight} used transposed. With ⟦{weight}ᵀ⟧ in place of {weight} this op gives {value}.",
        "Error probable: {weight} usada traspuesta. Con ⟦{weight}ᵀ⟧ en lugar de {weight} esta operación da {value}."),
    "check.slip.tanh_derivative": (
        "Likely slip: ⟦tanh′⟧ written with the value before the tanh, ⟦1 − a²⟧, instead of with its result, ⟦1 − h²⟧: that gives {value}.",
        "Error probable: ⟦tanh′⟧ escrita con el valor antes de la tanh, ⟦1 − a²⟧, en lugar de con su resultado, ⟦1 − h²⟧: eso da {value}."),
    "check.slip.missing_path": (
        "Likely slip: the path from the later steps is missing: without {path} this op gives {value}.",
        "Error probable: falta el camino desde los pasos posteriores: sin {path} esta operación da {value}."),
    "check.slip.previous_state": (
        "Likely slip: the state of this step where the previous one belongs ({now} for {before}): that gives {value}.",
        "Error probable: el estado de este paso donde va el anterior ({now} en lugar de {before}): eso da {value}."),
    "check.slip.softmax_axis": (
        "Likely slip: the softmax taken down each column instead of along each row{alone}.",
        "Error probable: la softmax calculada por columnas en lugar de a lo largo de cada fila{alone}."),
    "check.slip.softmax_alone": (": every entry of the ⟦1×{n}⟧ row is alone in its column, so each is {value}",
                                 ": cada entrada de la fila ⟦1×{n}⟧ está sola en su columna, así que cada una vale {value}"),
    "check.slip.your_value": ("{value}, your value", "{value}, tu valor"),
    "check.slip.your_matrix": ("your matrix", "tu matriz"),
    "check.slip.no_scale": (
        "Likely slip: the scores not divided by ⟦√d_k = {root}⟧: that gives {value}.",
        "Error probable: las puntuaciones sin dividir por ⟦√d_k = {root}⟧: eso da {value}."),
    "check.why.no_scale": (
        "The lecture divides ⟦Q·Kᵀ⟧ by ⟦√d_k⟧: a dot product of ⟦d_k⟧ terms grows with ⟦d_k⟧, and without the division the softmax heads for one-hot rows.",
        "La clase divide ⟦Q·Kᵀ⟧ por ⟦√d_k⟧: un producto escalar de ⟦d_k⟧ términos crece con ⟦d_k⟧, y sin la división la softmax tiende a filas one-hot."),
    "check.slip.gru_variant": (
        "Likely slip: the other GRU variant ({variant}): it gives {value}.",
        "Error probable: la otra variante de la GRU ({variant}): da {value}."),
    "check.slip.none": (
        "No known slip gives your value (tried: a transposed weight, the other convention, ⟦1 − a²⟧ for ⟦1 − h²⟧, a missing gradient path, ⟦h_t⟧ for ⟦h_{{t−1}}⟧, softmax by column, no ⟦√d_k⟧, the other GRU variant).",
        "Ningún error conocido da tu valor (probados: un peso traspuesto, la otra convención, ⟦1 − a²⟧ por ⟦1 − h²⟧, un camino del gradiente que falta, ⟦h_t⟧ por ⟦h_{{t−1}}⟧, softmax por columnas, sin ⟦√d_k⟧, la otra variante de la GRU)."),
    "check.why.convention": (
        "In the row convention vectors are rows and a weight-gradient contribution is ⟦h_{{t−1}}ᵀ·δ_t⟧, ⟦(H×1)·(1×H)⟧; the column convention writes ⟦δ_t·h_{{t−1}}ᵀ⟧, the same numbers transposed. Keep one convention for the whole trace.",
        "En la convención por filas los vectores son filas y la contribución al gradiente de un peso es ⟦h_{{t−1}}ᵀ·δ_t⟧, ⟦(H×1)·(1×H)⟧; la convención por columnas escribe ⟦δ_t·h_{{t−1}}ᵀ⟧, los mismos números traspuestos. Mantén una sola convención en toda la traza."),
    "check.why.transposed": (
        "A square matrix multiplies with either side, so a transposed one gives no shape error, only other numbers: forwards a row vector meets the matrix as stored ⟦(h_{{t−1}}·W_hh)⟧, backwards it meets its transpose ⟦(δ_t·W_hhᵀ)⟧.",
        "Una matriz cuadrada se multiplica por cualquier lado, así que traspuesta no da error de tamaño, solo otros números: hacia delante un vector fila se multiplica por la matriz tal cual ⟦(h_{{t−1}}·W_hh)⟧, hacia atrás por su traspuesta ⟦(δ_t·W_hhᵀ)⟧."),
    "check.why.tanh_derivative": (
        "⟦tanh′(a) = 1 − tanh²(a)⟧, and ⟦tanh(a)⟧ is the output h: so ⟦tanh′ = 1 − h²⟧, written with the output, never ⟦1 − a²⟧.",
        "⟦tanh′(a) = 1 − tanh²(a)⟧, y ⟦tanh(a)⟧ es la salida h: así que ⟦tanh′ = 1 − h²⟧, escrita con la salida, nunca ⟦1 − a²⟧."),
    "check.why.missing_path": (
        "A state reaches the loss twice: through this step's output ⟦y_t⟧ and through every later step. ⟦∂L/∂h_t⟧ (the LSTM's ⟦∂L/∂c_t⟧ too) adds what comes back from step ⟦t+1⟧; only the last step has nothing coming back.",
        "Un estado llega a la pérdida dos veces: por la salida ⟦y_t⟧ de este paso y por todos los pasos posteriores. ⟦∂L/∂h_t⟧ (y también el ⟦∂L/∂c_t⟧ de la LSTM) suma lo que vuelve del paso ⟦t+1⟧; solo el último paso no recibe nada de vuelta."),
    "check.why.previous_state": (
        "Step t reads the state it was given, ⟦h_{{t−1}}⟧; ⟦h_t⟧ is what it produces. A weight's gradient pairs ⟦δ_t⟧ with the input of the product, ⟦h_{{t−1}}⟧.",
        "El paso t lee el estado que recibió, ⟦h_{{t−1}}⟧; ⟦h_t⟧ es lo que produce. El gradiente de un peso empareja ⟦δ_t⟧ con la entrada del producto, ⟦h_{{t−1}}⟧."),
    "check.why.softmax_axis": (
        "The softmax normalises each row so it adds up to 1: ⟦p_t⟧'s ⟦V⟧ scores of one step, or the weights one query gives every key ⟦(Σ_j α_{{i,j}} = 1)⟧.",
        "La softmax normaliza cada fila para que sume 1: las ⟦V⟧ puntuaciones de ⟦p_t⟧ en un paso, o los pesos que una consulta da a cada clave ⟦(Σ_j α_{{i,j}} = 1)⟧."),
    "check.why.gru_variant": (
        "The lecture's GRU resets before the product, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧; PyTorch's after it, ⟦r_t ⊙ (h_{{t−1}}·W_hh + b_hn)⟧. --gru-variant picks the form (in the file: ⟦gru_variant⟧ in [trace]).",
        "La GRU de la clase reinicia antes del producto, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧; la de PyTorch después, ⟦r_t ⊙ (h_{{t−1}}·W_hh + b_hn)⟧. --gru-variant elige la forma (en el fichero: ⟦gru_variant⟧ en [trace])."),
    "check.conv.row": ("row", "por filas"),
    "check.conv.column": ("column", "por columnas"),
    "check.after": (
        "After it, checked against your own numbers: later values ⟦{n}⟧ · follow from them {ok} · differ {bad}{first}.",
        "Después, comprobados con tus propios números: valores posteriores ⟦{n}⟧ · se siguen de ellos {ok} · no coinciden {bad}{first}."),
    "check.after.first": (" (the next: {name} at {where})", " (el siguiente: {name} en {where})"),
    "check.none_after": ("Nothing after it was filled in.", "No hay nada rellenado después."),
    # worksheets
    "check.sheet.unknown_blank": ("--blank {key}: {command} has no value {key}; its values are {keys}",
                                  "--blank {key}: {command} no tiene ningún valor {key}; sus valores son {keys}"),
    "check.sheet.title": ("Worksheet: {title}{student}", "Hoja de ejercicios: {title}{student}"),
    "check.sheet.key_title": ("Answer key: {title}{student}", "Soluciones: {title}{student}"),
    "check.sheet.student": (" · student {student}", " · estudiante {student}"),
    "check.cell_variant": ("{cell} ({variant} variant)", "{cell} (variante {variant})"),
    "check.sheet.intro": (
        "{cell}, ⟦H = {H}⟧, vocabulary of ⟦V = {V}⟧ words ({vocab}); ⟦h_0 = 0⟧; {weights}; {conv} convention. Fill in every blank, step by step.",
        "{cell}, ⟦H = {H}⟧, vocabulario de ⟦V = {V}⟧ palabras ({vocab}); ⟦h_0 = 0⟧; {weights}; convención {conv}. Rellena cada hueco, paso a paso."),
    "check.sheet.weights_given": ("every weight as the example gives it", "cada peso como lo da el ejemplo"),
    "check.sheet.weights_drawn": ("weights from seed {seed}", "pesos de la semilla {seed}"),
    "check.sheet.weights_some": ("{names} from seed {seed}, the other weights as the example gives them",
                                 "{names} de la semilla {seed}, los demás pesos como los da el ejemplo"),
    "check.sheet.col.value": ("value", "valor"),
    "check.sheet.col.formula": ("how it is computed", "cómo se calcula"),
    "check.sheet.col.numbers": ("numbers", "números"),
    "check.sheet.bad_student": (
        "--student {student}: an ID is 1 to 64 letters, digits, '.', ⟦'_'⟧ or '-' (it names the files)",
        "--student {student}: un ID tiene de 1 a 64 letras, dígitos, '.', ⟦'_'⟧ o '-' (da nombre a los ficheros)"),
    "check.sheet.need_out": ("{n} students need --out DIR (a sheet and a key each)",
                             "{n} estudiantes necesitan --out DIR (una hoja y unas soluciones cada uno)"),
    "check.sheet.students_and_count": ("give --student or --count, not both", "da --student o --count, no los dos"),
    "check.sheet.out_not_dir": ("--out {dir}: is a file, not a directory", "--out {dir}: es un fichero, no un directorio"),
    "check.sheet.written": ("Wrote {n} files to {dir}: {first} … {last}", "Escritos {n} ficheros en {dir}: {first} … {last}"),
    "check.gift.entry": ("Entry {j} of {n}?", "¿Entrada {j} de {n}?"),
    "check.gift.comment": ("rnntrace quiz --seed {seed}: the questions, with their computed answers",
                           "rnntrace quiz --seed {seed}: las preguntas, con sus respuestas calculadas"),
}
