"""Texts of the teaching features: explanations (``--explain``), the step-through (``--step``),
exports (``--export``, LaTeX, Markdown) and ``rnntrace quiz``."""

MESSAGES = {
    # ---- small words the explanations put together ----------------------------------------
    "teach.word.row": ("row", "fila"),
    "teach.word.column": ("column", "columna"),
    "teach.word.rows": ("rows", "filas"),
    "teach.word.columns": ("columns", "columnas"),
    "teach.word.and": (" and ", " y "),

    # ---- --explain: one per kind of operation (see rnntrace.explain.classify) ---------------
    "teach.explain.onehot_product": (
        "⟦x_t⟧ is one-hot, with its only 1 at index {i}, so ⟦{expr}⟧ adds nothing up: it picks {part} {i} of ⟦{W}⟧ (counting from 0; the lecture's {part} {n}), {value}. Multiplying by a one-hot vector is looking a word up in a table; ⟦{W}⟧ holds one {part} per word.",
        "⟦x_t⟧ es one-hot, con su único 1 en el índice {i}, así que ⟦{expr}⟧ no suma nada: selecciona la {part} {i} de ⟦{W}⟧ (contando desde 0; la {part} {n} de la clase), {value}. Multiplicar por un vector one-hot es buscar una palabra en una tabla; ⟦{W}⟧ guarda una {part} por palabra."),
    "teach.explain.embedding_lookup": (
        "⟦onehot({word})⟧ has its only 1 at index {i}, so ⟦{expr}⟧ is not a product to work out but a look-up: it picks {part} {i} of ⟦{W}⟧ (counting from 0; the lecture's {part} {n}), {value}. ⟦{W}⟧ (⟦{right}⟧) holds one {part} of {d} numbers per word of the {V}-word vocabulary, the word's vector; «multiplicando un vector one-hot por una matriz de embedding, obtenemos el vector de esa palabra».",
        "⟦onehot({word})⟧ tiene su único 1 en el índice {i}, así que ⟦{expr}⟧ no es un producto que calcular sino una consulta: selecciona la {part} {i} de ⟦{W}⟧ (contando desde 0; la {part} {n} de la clase), {value}. ⟦{W}⟧ (⟦{right}⟧) guarda una {part} de {d} números por cada palabra del vocabulario de {V} palabras, el vector de la palabra: «multiplicando un vector one-hot por una matriz de embedding, obtenemos el vector de esa palabra»."),
    "teach.explain.embedding_lookup_again": (
        "Again a look-up: ⟦{expr}⟧ is {part} {i} of ⟦{W}⟧, {value}.",
        "Otra vez una consulta: ⟦{expr}⟧ es la {part} {i} de ⟦{W}⟧, {value}."),
    "teach.explain.embedding_grad": (
        "The look-up backwards: ⟦x_t⟧ was {part} {i} of ⟦E⟧, so only that {part} of ⟦∂L/∂E⟧ receives ⟦{b}⟧; every other entry of this outer product is 0. A word's {part} learns only from the steps that read it.",
        "La consulta hacia atrás: ⟦x_t⟧ era la {part} {i} de ⟦E⟧, así que solo esa {part} de ⟦∂L/∂E⟧ recibe ⟦{b}⟧; todos los demás elementos de este producto exterior son 0. La {part} de una palabra solo aprende de los pasos que la leen."),
    "teach.explain.embedding_grad_again": (
        "Again only {part} {i} of ⟦∂L/∂E⟧, the {part} of {word}, receives ⟦{b}⟧.",
        "Otra vez solo la {part} {i} de ⟦∂L/∂E⟧, la {part} de {word}, recibe ⟦{b}⟧."),
    "teach.explain.onehot_product_again": (
        "Again a look-up: ⟦{expr}⟧ is {part} {i} of ⟦{W}⟧, {value}.",
        "Otra vez una búsqueda en una tabla: ⟦{expr}⟧ es la {part} {i} de ⟦{W}⟧, {value}."),
    "teach.explain.recurrent_again": (
        "As before, ⟦{expr}⟧ mixes all {H} entries of ⟦h_{{t−1}}⟧ through ⟦{W}⟧.",
        "Como antes, ⟦{expr}⟧ mezcla los {H} elementos de ⟦h_{{t−1}}⟧ a través de ⟦{W}⟧."),
    "teach.explain.add_again": (
        "Same shapes again: {terms}, ⟦{shape}⟧ each, added entry by entry.",
        "Otra vez las mismas dimensiones: {terms}, ⟦{shape}⟧ cada uno, sumados elemento a elemento."),
    "teach.explain.recurrent_zero": (
        "⟦h_{{t−1}}⟧ is 0 here (⟦h_0 = 0⟧ at the first step), so ⟦{expr} = 0⟧: nothing comes from the past.",
        "⟦h_{{t−1}}⟧ vale 0 aquí (⟦h_0 = 0⟧ en el primer paso), así que ⟦{expr} = 0⟧: no llega nada del pasado."),
    "teach.explain.recurrent": (
        "⟦{expr}⟧ brings the previous state into this step: each entry of the result is a weighted sum of all {H} entries of ⟦h_{{t−1}}⟧. The same ⟦{W}⟧ is used at every step.",
        "⟦{expr}⟧ trae el estado anterior a este paso: cada elemento del resultado es una suma ponderada de los {H} elementos de ⟦h_{{t−1}}⟧. Se usa la misma ⟦{W}⟧ en todos los pasos."),
    "teach.explain.output_product": (
        "⟦{expr}⟧ turns the ⟦{left}⟧ state into ⟦{out}⟧ scores (logits), one per word of the vocabulary: the task fixes the size of the output, ⟦V = {V}⟧, and that fixes ⟦{W}⟧ as ⟦{right}⟧.",
        "⟦{expr}⟧ convierte el estado ⟦{left}⟧ en ⟦{out}⟧ puntuaciones (logits), una por palabra del vocabulario: la tarea fija el tamaño del output, ⟦V = {V}⟧, y eso fija ⟦{W}⟧ como ⟦{right}⟧."),
    "teach.explain.reset_product": (
        "The reset gate acts before the product: the entries of ⟦h_{{t−1}}⟧ where ⟦r_t⟧ is near 0 are wiped out, so the candidate ⟦h̃_t⟧ can ignore that part of the past.",
        "La compuerta de reinicio actúa antes del producto: los elementos de ⟦h_{{t−1}}⟧ donde ⟦r_t⟧ está cerca de 0 se borran, así que el candidato ⟦h̃_t⟧ puede ignorar esa parte del pasado."),
    "teach.explain.matmul": (
        "A product (⟦{left}⟧) · (⟦{right}⟧): each entry of the result is the dot product of a row of the left operand with a column of the right one, so the inner sizes must agree, and the result is (⟦{out}⟧).",
        "Un producto (⟦{left}⟧) · (⟦{right}⟧): cada elemento del resultado es el producto escalar de una fila del operando izquierdo con una columna del derecho, así que las dimensiones interiores deben coincidir, y el resultado es (⟦{out}⟧)."),
    "teach.explain.add": (
        "Vectors add entry by entry, so {terms} must have the same shape, ⟦{shape}⟧. That is why {mats} must have {n} {part}: the state keeps its size from step to step.",
        "Para sumar vectores deben tener la misma dimensión: {terms} tienen que ser ⟦{shape}⟧, y se suman elemento a elemento. Por eso {mats} deben tener {n} {part}: el estado conserva su tamaño de un paso a otro."),
    "teach.explain.add_plain": (
        "Vectors add entry by entry, so {terms} must have the same shape, ⟦{shape}⟧.",
        "Para sumar vectores deben tener la misma dimensión: {terms} tienen que ser ⟦{shape}⟧, y se suman elemento a elemento."),
    "teach.explain.add_grad": (
        "⟦{target}⟧ collects the {n} paths from ⟦{of}⟧ to the loss: by the multivariable chain rule their gradients add up, entry by entry, and each has the shape of ⟦{of}⟧, ⟦{shape}⟧.",
        "⟦{target}⟧ reúne los {n} caminos de ⟦{of}⟧ a la pérdida: por la regla de la cadena multivariable sus gradientes se suman, elemento a elemento, y cada uno tiene la dimensión de ⟦{of}⟧, ⟦{shape}⟧."),
    "teach.explain.add_grad_via": (
        "⟦{target}⟧ collects the {n} paths from ⟦{of}⟧ to the loss that pass through ⟦{via}⟧: by the multivariable chain rule their gradients add up, entry by entry, and each has the shape of ⟦{of}⟧, ⟦{shape}⟧.",
        "⟦{target}⟧ reúne los {n} caminos de ⟦{of}⟧ a la pérdida que pasan por ⟦{via}⟧: por la regla de la cadena multivariable sus gradientes se suman, elemento a elemento, y cada uno tiene la dimensión de ⟦{of}⟧, ⟦{shape}⟧."),
    "teach.explain.gru_update": (
        "Entry by entry, ⟦h_t⟧ is a weighted average of the old state ⟦h_{{t−1}}⟧ and the candidate ⟦h̃_t⟧, with weights ⟦z_t⟧ and ⟦1 − z_t⟧ that add up to 1: where ⟦z_t = 1⟧ the old state is kept (the lecture's ⟦Γ_t = 1⟧), where ⟦z_t = 0⟧ it is replaced.",
        "Elemento a elemento, ⟦h_t⟧ es una media ponderada del estado anterior ⟦h_{{t−1}}⟧ y el candidato ⟦h̃_t⟧, con pesos ⟦z_t⟧ y ⟦1 − z_t⟧ que suman 1: donde ⟦z_t = 1⟧ se conserva el estado anterior (el ⟦Γ_t = 1⟧ de la clase), donde ⟦z_t = 0⟧ se sustituye."),
    "teach.explain.lstm_memory": (
        "The long-term memory is updated by adding, not by multiplying by a weight matrix: along ⟦c_{{t−1}} → c_t⟧ the gradient is only scaled by ⟦f_t⟧, which is how the LSTM adds derivatives instead of multiplying them.",
        "La memoria a largo plazo se actualiza sumando, no multiplicando por una matriz de pesos: por el camino ⟦c_{{t−1}} → c_t⟧ el gradiente solo se escala por ⟦f_t⟧, y así la LSTM suma derivadas en vez de multiplicarlas."),
    "teach.explain.gate_reset": (
        "⟦σ⟧ puts every entry of the reset gate ⟦r_t⟧ in (0, 1); here from {lo} to {hi}. Near 0, the candidate forgets that entry of ⟦h_{{t−1}}⟧; near 1, it uses it whole.",
        "⟦σ⟧ deja cada elemento de la compuerta de reinicio ⟦r_t⟧ en (0, 1); aquí entre {lo} y {hi}. Cerca de 0, el candidato olvida ese elemento de ⟦h_{{t−1}}⟧; cerca de 1, lo usa entero."),
    "teach.explain.gate_update": (
        "⟦σ⟧ puts every entry of the update gate ⟦z_t⟧ (the lecture's ⟦Γ_t⟧) in (0, 1); here from {lo} to {hi}. Near 1, ⟦h_t⟧ keeps that entry of ⟦h_{{t−1}}⟧; near 0, it takes the candidate's.",
        "⟦σ⟧ deja cada elemento de la compuerta de actualización ⟦z_t⟧ (el ⟦Γ_t⟧ de la clase) en (0, 1); aquí entre {lo} y {hi}. Cerca de 1, ⟦h_t⟧ conserva ese elemento de ⟦h_{{t−1}}⟧; cerca de 0, toma el del candidato."),
    "teach.explain.gate_forget": (
        "The forget gate ⟦f_t⟧ is in (0, 1); here from {lo} to {hi}. Near 1 the long-term memory ⟦c_{{t−1}}⟧ is kept, near 0 it is forgotten.",
        "La compuerta de olvido ⟦f_t⟧ está en (0, 1); aquí entre {lo} y {hi}. Cerca de 1 se conserva la memoria a largo plazo ⟦c_{{t−1}}⟧, cerca de 0 se olvida."),
    "teach.explain.gate_input": (
        "The input gate ⟦i_t⟧ is in (0, 1); here from {lo} to {hi}. It decides how much of the candidate ⟦c̃_t⟧ is written into the memory: near 0 nothing, near 1 all of it.",
        "La compuerta de entrada ⟦i_t⟧ está en (0, 1); aquí entre {lo} y {hi}. Decide cuánto del candidato ⟦c̃_t⟧ se escribe en la memoria: cerca de 0 nada, cerca de 1 todo."),
    "teach.explain.gate_output": (
        "The output gate ⟦o_t⟧ is in (0, 1); here from {lo} to {hi}. It decides how much of the memory becomes the short-term memory ⟦h_t⟧: near 0 it stays hidden, near 1 it is read out.",
        "La compuerta de salida ⟦o_t⟧ está en (0, 1); aquí entre {lo} y {hi}. Decide cuánto de la memoria pasa a la memoria a corto plazo ⟦h_t⟧: cerca de 0 queda oculta, cerca de 1 se lee entera."),
    "teach.explain.sigmoid": (
        "⟦σ⟧ squashes every entry of ⟦{target}⟧ into (0, 1); here from {lo} to {hi}.",
        "⟦σ⟧ comprime cada elemento de ⟦{target}⟧ en (0, 1); aquí entre {lo} y {hi}."),
    "teach.explain.softmax": (
        "softmax turns the {V} scores into probabilities, ⟦{target}[j] = exp(y_t[j]) / Σ_k exp(y_t[k])⟧: each lies in (0, 1), together they add up to 1 (here {sum}), and the largest score gets the largest probability, the prediction.",
        "softmax convierte las {V} puntuaciones en probabilidades, ⟦{target}[j] = exp(y_t[j]) / Σ_k exp(y_t[k])⟧: cada una está en (0, 1), entre todas suman 1 (aquí {sum}), y la puntuación más alta recibe la probabilidad más alta, la predicción."),
    "teach.explain.softmax_weights": (
        "softmax turns each row of scores into weights ⟦{target}⟧ in (0, 1) that add up to 1: a weighted average, not a choice of one.",
        "softmax convierte cada fila de puntuaciones en pesos ⟦{target}⟧ en (0, 1) que suman 1: una media ponderada, no la elección de uno solo."),
    "teach.explain.tanh_state": (
        "tanh squashes every entry of ⟦{arg}⟧ into ⟦(−1, 1)⟧, so ⟦h_t⟧ stays bounded however long the sentence: near 0 tanh is almost the identity, and large entries saturate at ⟦±1⟧.{examples}",
        "tanh comprime cada elemento de ⟦{arg}⟧ en ⟦(−1, 1)⟧, así que ⟦h_t⟧ se mantiene acotado por larga que sea la frase: cerca de 0, tanh es casi la identidad, y los elementos grandes se saturan en ⟦±1⟧.{examples}"),
    "teach.explain.tanh_near": (
        "Here ⟦tanh({a}) = {h}⟧, close to {a}.",
        "Aquí ⟦tanh({a}) = {h}⟧, cerca de {a}."),
    "teach.explain.tanh_saturated": (
        "Here ⟦tanh({a}) = {h}⟧: saturated.",
        "Aquí ⟦tanh({a}) = {h}⟧: saturado."),
    "teach.explain.relu_state": (
        "relu keeps the positive entries of ⟦{arg}⟧ and sets the negative ones to 0 (relu(⟦{a}⟧) ⟦= {h}⟧); unlike tanh it is not bounded, so ⟦h_t⟧ can grow from step to step.",
        "relu conserva los elementos positivos de ⟦{arg}⟧ y pone a 0 los negativos (relu(⟦{a}⟧) ⟦= {h}⟧); a diferencia de tanh no está acotada, así que ⟦h_t⟧ puede crecer de un paso a otro."),
    "teach.explain.sigmoid_state": (
        "⟦σ⟧ squashes every entry of ⟦{arg}⟧ into (0, 1) ⟦(σ({a}) = {h})⟧; its slope ⟦σ′ = h(1 − h)⟧ is at most 1/4, here {lo} to {hi}: going back, every entry of the gradient through this step is multiplied by its slope, by {hi} at most.",
        "⟦σ⟧ comprime cada elemento de ⟦{arg}⟧ en (0, 1) ⟦(σ({a}) = {h})⟧; su pendiente ⟦σ′ = h(1 − h)⟧ es como mucho 1/4, aquí de {lo} a {hi}: hacia atrás, cada elemento del gradiente que pasa por este paso se multiplica por su pendiente, como mucho por {hi}."),
    "teach.explain.tanh_candidate": (
        "The candidate ⟦{target}⟧: tanh keeps it in ⟦(−1, 1)⟧, like a state.",
        "El candidato ⟦{target}⟧: tanh lo mantiene en ⟦(−1, 1)⟧, como un estado."),
    "teach.explain.tanh_memory": (
        "tanh squashes the long-term memory ⟦{arg}⟧ into ⟦(−1, 1)⟧ before the output gate reads it.",
        "tanh comprime la memoria a largo plazo ⟦{arg}⟧ en ⟦(−1, 1)⟧ antes de que la compuerta de salida la lea."),
    "teach.explain.keep": (
        "Entry by entry, ⟦z_t⟧ decides how much of ⟦h_{{t−1}}⟧ survives: where ⟦z_t ≈ 1⟧ the old value is kept almost whole.",
        "Elemento a elemento, ⟦z_t⟧ decide cuánto de ⟦h_{{t−1}}⟧ sobrevive: donde ⟦z_t ≈ 1⟧ el valor anterior se conserva casi entero."),
    "teach.explain.take_candidate": (
        "Entry by entry, ⟦1 − z_t⟧ decides how much of the candidate ⟦h̃_t⟧ comes in; with ⟦z_t ⊙ h_{{t−1}}⟧ the two shares of every entry add up to 1.",
        "Elemento a elemento, ⟦1 − z_t⟧ decide cuánto del candidato ⟦h̃_t⟧ entra; junto con ⟦z_t ⊙ h_{{t−1}}⟧, las dos partes de cada elemento suman 1."),
    "teach.explain.forget": (
        "⟦f_t⟧ scales the old memory entry by entry: what is kept of ⟦c_{{t−1}}⟧.",
        "⟦f_t⟧ escala la memoria anterior elemento a elemento: lo que se conserva de ⟦c_{{t−1}}⟧."),
    "teach.explain.write": (
        "⟦i_t⟧ scales the candidate entry by entry: what is written into the memory.",
        "⟦i_t⟧ escala el candidato elemento a elemento: lo que se escribe en la memoria."),
    "teach.explain.read": (
        "⟦o_t⟧ scales the squashed memory entry by entry: what becomes the short-term memory ⟦h_t⟧.",
        "⟦o_t⟧ escala la memoria comprimida elemento a elemento: lo que pasa a la memoria a corto plazo ⟦h_t⟧."),
    "teach.explain.reset": (
        "⟦r_t⟧ scales ⟦h_{{t−1}}⟧ entry by entry before the product: where ⟦r_t ≈ 0⟧ that part of the past is reset.",
        "⟦r_t⟧ escala ⟦h_{{t−1}}⟧ elemento a elemento antes del producto: donde ⟦r_t ≈ 0⟧ esa parte del pasado se reinicia."),
    "teach.explain.hadamard": (
        "⟦⊙⟧ multiplies entry by entry, so both operands must have the same shape, ⟦{shape}⟧.",
        "⟦⊙⟧ multiplica elemento a elemento, así que los dos operandos deben tener la misma dimensión, ⟦{shape}⟧."),
    "teach.explain.one_minus": (
        "⟦1 − {g}⟧: the share left for the other side. ⟦{g}⟧ and ⟦1 − {g}⟧ add up to 1 in every entry.",
        "⟦1 − {g}⟧: la parte que queda para el otro lado. ⟦{g}⟧ y ⟦1 − {g}⟧ suman 1 en cada elemento."),
    "teach.explain.softmax_ce_grad": (
        "Why ⟦{p} − onehot(target)⟧: with ⟦L_t = −log p_t[target]⟧ and ⟦p_t = softmax(y_t)⟧, the derivative with respect to score j is ⟦p_t[j] − 1⟧ for the target and ⟦p_t[j]⟧ for every other word. Through the softmax every score affects every probability, so each wrong word is pushed down by its own probability and the target pulled up by what it lacks.",
        "Por qué ⟦{p} − onehot(objetivo)⟧: con ⟦L_t = −log p_t[objetivo]⟧ y ⟦p_t = softmax(y_t)⟧, la derivada respecto a la puntuación j es ⟦p_t[j] − 1⟧ para el objetivo y ⟦p_t[j]⟧ para cada otra palabra. A través de la softmax cada puntuación afecta a todas las probabilidades, así que cada palabra equivocada baja según su propia probabilidad y el objetivo sube según lo que le falta."),
    "teach.explain.sub": (
        "Vectors subtract entry by entry; both must have the same shape, ⟦{shape}⟧.",
        "Los vectores se restan elemento a elemento; los dos deben tener la misma dimensión, ⟦{shape}⟧."),
    "teach.explain.outer": (
        "An outer product of ⟦{a}⟧ ({m} entries) and ⟦{b}⟧ ({n} entries): every entry of one times every entry of the other, a matrix of the weight's shape, (⟦{out}⟧). A weight's gradient is its input times the gradient arriving at its output.",
        "Un producto exterior de ⟦{a}⟧ ({m} elementos) y ⟦{b}⟧ ({n} elementos): cada elemento de uno por cada elemento del otro, una matriz con la forma del peso, (⟦{out}⟧). El gradiente de un peso es su entrada por el gradiente que llega a su salida."),
    "teach.explain.sqrt_dk_op": (
        "Why divide by {s}: a dot product of ⟦d_k⟧ terms has a spread that grows like ⟦√d_k⟧, so unscaled scores grow with ⟦d_k⟧, the softmax saturates (one weight near 1, the rest near 0) and its gradients vanish. Dividing brings the spread back to about 1.",
        "Por qué dividir por {s}: un producto escalar de ⟦d_k⟧ términos tiene una dispersión que crece como ⟦√d_k⟧, así que sin escalar las puntuaciones crecen con ⟦d_k⟧, la softmax se satura (un peso cerca de 1, el resto cerca de 0) y sus gradientes se desvanecen. Al dividir, la dispersión vuelve a ser de alrededor de 1."),
    "teach.explain.scale": (
        "Every entry is multiplied by {s}.",
        "Cada elemento se multiplica por {s}."),
    # ---- --explain: topics that are not a single op ----------------------------------------
    "teach.explain.shapes": (
        "The lecture asks: what are the shapes of ⟦W_xh⟧, ⟦W_hh⟧ and ⟦W_hy⟧? ⟦x_t⟧ is ⟦{x}⟧ and ⟦h_t⟧ is ⟦{h}⟧. ⟦{xw}⟧ must come out ⟦{h}⟧ to be added to ⟦{hw}⟧, so ⟦{wxn}⟧ is ⟦{wx}⟧ and ⟦{whn}⟧ is ⟦{wh}⟧. The output has one score per word, so ⟦W_hy⟧ is ⟦{wy}⟧.",
        "La clase pregunta: «¿Cuáles serán las dimensiones de ⟦W_xh⟧, ⟦W_hh⟧ y ⟦W_hy⟧?» ⟦x_t⟧ es ⟦{x}⟧ y ⟦h_t⟧ es ⟦{h}⟧. ⟦{xw}⟧ tiene que salir ⟦{h}⟧ para sumarse a ⟦{hw}⟧, así que ⟦{wxn}⟧ es ⟦{wx}⟧ y ⟦{whn}⟧ es ⟦{wh}⟧. El output tiene una puntuación por palabra, así que ⟦W_hy⟧ es ⟦{wy}⟧."),
    "teach.explain.shapes_gates": (
        "Every gate's ⟦W_x·⟧ and ⟦W_h·⟧ have the same shapes, for the same reason.",
        "Las ⟦W_x·⟧ y ⟦W_h·⟧ de cada compuerta tienen las mismas dimensiones, por la misma razón."),
    "teach.explain.loss": (
        "⟦L_t = −log p_t[target]⟧ is 0 when the target gets probability 1 and grows without bound as that probability falls. Its gradient with respect to the scores ⟦y_t⟧ is ⟦p_t − onehot(target)⟧, where backpropagation through time starts (rnntrace bptt).",
        "⟦L_t = −log p_t[objetivo]⟧ vale 0 cuando el objetivo recibe probabilidad 1 y crece sin límite cuando esa probabilidad baja. Su gradiente respecto a las puntuaciones ⟦y_t⟧ es ⟦p_t − onehot(objetivo)⟧, donde empieza la retropropagación en el tiempo (rnntrace bptt)."),
    "teach.explain.softmax_ce": (
        "Why ⟦p_t − onehot(target)⟧ is the gradient of the cross-entropy through the softmax: with ⟦L_t = −log p_t[target]⟧ and ⟦p_t = softmax(y_t)⟧, ⟦∂L_t/∂y_t[j] = p_t[j] − 1⟧ for the target and ⟦p_t[j]⟧ for every other word. Each wrong word is pushed down by its own probability, the target pulled up by what it lacks.",
        "Por qué ⟦p_t − onehot(objetivo)⟧ es el gradiente de la entropía cruzada a través de la softmax: con ⟦L_t = −log p_t[objetivo]⟧ y ⟦p_t = softmax(y_t)⟧, ⟦∂L_t/∂y_t[j] = p_t[j] − 1⟧ para el objetivo y ⟦p_t[j]⟧ para cada otra palabra. Cada palabra equivocada baja según su propia probabilidad y el objetivo sube según lo que le falta."),
    "teach.explain.sqrt_dk": (
        "Why divide by ⟦√d_k = {value}⟧: a dot product of ⟦d_k = {d_k}⟧ terms has a spread that grows like ⟦√d_k⟧, so unscaled scores grow with ⟦d_k⟧, the softmax saturates (one weight near 1, the rest near 0) and its gradients vanish. Dividing brings the spread back to about 1.",
        "Por qué dividir por ⟦√d_k = {value}⟧: un producto escalar de ⟦d_k = {d_k}⟧ términos tiene una dispersión que crece como ⟦√d_k⟧, así que sin escalar las puntuaciones crecen con ⟦d_k⟧, la softmax se satura (un peso cerca de 1, el resto cerca de 0) y sus gradientes se desvanecen. Al dividir, la dispersión vuelve a ser de alrededor de 1."),

    "teach.explain.compare_chart": (
        "Each row is one distance ⟦T − k⟧, each column one cell, and each bar log10 of ⟦‖∂s^({T})/∂s^(k)‖⟧, the product of the Jacobians from step ⟦k + 1⟧ to {T}, on one log axis for the three cells: a bar one power of ten shorter is a gradient ten times smaller. A straight edge down a column is the same factor at every step.",
        "Cada fila es una distancia ⟦T − k⟧, cada columna una célula y cada barra el log10 de ⟦‖∂s^({T})/∂s^(k)‖⟧, el producto de los jacobianos desde el paso ⟦k + 1⟧ hasta {T}, en un mismo eje logarítmico para las tres células: una barra una potencia de diez más corta es un gradiente diez veces menor. Un borde recto a lo largo de una columna es el mismo factor en cada paso."),
    "teach.explain.compare_factor": (
        "⟦‖∂s^({T})/∂s^(0)‖⟧ is how much of a change in the first state reaches the last one; × per step is the factor from distance 1 to distance {T}, ⟦(‖∂s^({T})/∂s^(0)‖ / ‖∂s^({T})/∂s^({last})‖)^(1/{last})⟧: below 1 the gradient vanishes with the distance, above 1 it explodes.",
        "⟦‖∂s^({T})/∂s^(0)‖⟧ es cuánto de un cambio en el primer estado llega al último; × por paso es el factor de la distancia 1 a la distancia {T}, ⟦(‖∂s^({T})/∂s^(0)‖ / ‖∂s^({T})/∂s^({last})‖)^(1/{last})⟧: por debajo de 1 el gradiente se desvanece con la distancia, por encima de 1 explota."),
    "teach.explain.compare_gates": (
        "The mean of ⟦z_t⟧ (GRU) or ⟦f_t⟧ (LSTM) is over every step and unit: it is the factor by which the additive path scales the gradient at each step, so the nearer it is to 1 the less the gradient loses.",
        "La media de ⟦z_t⟧ (GRU) o ⟦f_t⟧ (LSTM) es sobre todos los pasos y unidades: es el factor por el que el camino aditivo escala el gradiente en cada paso, así que cuanto más cerca de 1, menos gradiente se pierde."),

    # ---- --explain: formulas a renderer prints as a line of text (rnntrace.explain.FORMULAS) ------
    "teach.explain.formula_positional_sum": (
        "The positional encoding is added, literally, to each word's embedding: ⟦p_t⟧ has the same size ⟦d_model⟧, is different for every position and stays in ⟦[−1, 1]⟧, so it marks the order without drowning the meaning.",
        "La codificación posicional se suma, literalmente, al embedding de cada palabra: ⟦p_t⟧ tiene el mismo tamaño ⟦d_model⟧, es distinta en cada posición y se mantiene en ⟦[−1, 1]⟧, así que marca el orden sin ahogar el significado."),
    "teach.explain.formula_projection": (
        "Each row of ⟦X⟧ (one token) times ⟦W_Q⟧, ⟦W_K⟧ and ⟦W_V⟧ gives that token's query, key and value: three views of the same word. ⟦W_Q⟧, ⟦W_K⟧ and ⟦W_V⟧ are what the model learns.",
        "Cada fila de ⟦X⟧ (un token) por ⟦W_Q⟧, ⟦W_K⟧ y ⟦W_V⟧ da la consulta, la clave y el valor de ese token: tres vistas de la misma palabra. ⟦W_Q⟧, ⟦W_K⟧ y ⟦W_V⟧ son lo que el modelo aprende."),
    "teach.explain.formula_scores": (
        "Entry (i, j) of ⟦Q·Kᵀ⟧ is the dot product ⟦q_i · k_j⟧: how well the query of word i matches the key of word j. ⟦Q⟧ is ⟦n×d_k⟧ and ⟦Kᵀ⟧ is ⟦d_k×n⟧, so the inner sizes agree and there is one score for every pair of words.",
        "El elemento (i, j) de ⟦Q·Kᵀ⟧ es el producto escalar ⟦q_i · k_j⟧: cuánto encaja la consulta de la palabra i con la clave de la palabra j. ⟦Q⟧ es ⟦n×d_k⟧ y ⟦Kᵀ⟧ es ⟦d_k×n⟧, así que las dimensiones interiores coinciden y hay una puntuación por cada par de palabras."),
    "teach.explain.formula_dot_score": (
        "⟦score(h^d_{{i−1}}, h^e_j) = h^d_{{i−1}} · h^e_j⟧: a dot product is large when the two states point the same way, so the decoder scores each source word by how much its state resembles the decoder's.",
        "⟦score(h^d_{{i−1}}, h^e_j) = h^d_{{i−1}} · h^e_j⟧: un producto escalar es grande cuando los dos estados apuntan en la misma dirección, así que el decodificador puntúa cada palabra de origen según cuánto se parece su estado al suyo."),
    "teach.explain.formula_general_score": (
        "Luong's general score puts a learnt matrix between the two states: ⟦h^d_{{i−1}}·W_a⟧ is the decoder state turned into the encoder's space, then dotted with each ⟦h^e_j⟧. With ⟦W_a = I⟧ it is the dot product again.",
        "La puntuación general de Luong pone una matriz aprendida entre los dos estados: ⟦h^d_{{i−1}}·W_a⟧ lleva el estado del decodificador al espacio del codificador, y luego se multiplica escalarmente por cada ⟦h^e_j⟧. Con ⟦W_a = I⟧ vuelve a ser el producto escalar."),
    "teach.explain.formula_additive_score": (
        "Bahdanau's additive score is a small feed-forward network: each state is projected ⟦(h^d_{{i−1}}·W_1, h^e_j·W_2)⟧, the two are added and squashed by tanh, and v turns the ⟦d_a⟧ numbers into one score. The states need not have the same size.",
        "La puntuación aditiva de Bahdanau es una pequeña red feed-forward: cada estado se proyecta ⟦(h^d_{{i−1}}·W_1, h^e_j·W_2)⟧, se suman y tanh los aplasta, y v convierte los ⟦d_a⟧ números en una puntuación. Los estados no necesitan tener el mismo tamaño."),
    "teach.explain.formula_output_layer": (
        "The output layer reads the decoder state and the context side by side: ⟦[h^d_i ; c_i]⟧ is one row of 2H numbers, ⟦W_out⟧ turns it into one score per target word, and softmax turns the scores into probabilities. The loss is ⟦−log⟧ of the probability of the reference word: 0 if the decoder is sure and right.",
        "La capa de salida lee el estado del decodificador y el contexto uno junto al otro: ⟦[h^d_i ; c_i]⟧ es una fila de 2H números, ⟦W_out⟧ la convierte en una puntuación por palabra destino y softmax en probabilidades. La pérdida es ⟦−log⟧ de la probabilidad de la palabra de referencia: 0 si el decodificador está seguro y acierta."),
    "teach.explain.formula_ce_grad_rows": (
        "For softmax followed by cross-entropy the gradient at the logits is simply ⟦P − Y⟧: each row pushes the label's probability up ⟦(P − 1 < 0)⟧ and every other class down ⟦(P > 0)⟧.",
        "Para softmax seguida de entropía cruzada el gradiente en los logits es simplemente ⟦P − Y⟧: cada fila empuja hacia arriba la probabilidad de la etiqueta ⟦(P − 1 < 0)⟧ y hacia abajo la de las demás clases ⟦(P > 0)⟧."),
    "teach.explain.formula_softmax_jacobian": (
        "Each weight ⟦α_j⟧ depends on every score of its row, so the softmax's derivative is a matrix: ⟦α_j(1 − α_j)⟧ on the diagonal, ⟦−α_jα_k⟧ off it. Where one weight is near 1 every entry is near 0: a saturated softmax passes almost no gradient back to the scores.",
        "Cada peso ⟦α_j⟧ depende de todas las puntuaciones de su fila, así que la derivada de la softmax es una matriz: ⟦α_j(1 − α_j)⟧ en la diagonal, ⟦−α_jα_k⟧ fuera de ella. Cuando un peso está cerca de 1 todos los elementos están cerca de 0: una softmax saturada apenas devuelve gradiente a las puntuaciones."),
    "teach.explain.formula_layer_norm": (
        "Layer normalisation works on each token's row by itself: subtract the row's mean, divide by its standard deviation (⟦ε⟧ keeps that from being 0), then scale by ⟦γ⟧ and shift by ⟦β⟧, both learnt. Every row then has mean ⟦β⟧ and spread ⟦γ⟧, whatever the attention added.",
        "La normalización de capa trabaja sobre la fila de cada token por separado: resta la media de la fila, divide por su desviación típica (⟦ε⟧ evita que sea 0) y después escala por ⟦γ⟧ y desplaza por ⟦β⟧, ambos aprendidos. Cada fila queda con media ⟦β⟧ y dispersión ⟦γ⟧, sume lo que sume la atención."),
    "teach.explain.formula_relu": (
        "ReLU keeps the positive entries and sets the others to 0; the feed-forward layer does this to each token on its own, with the same ⟦W_1⟧ and ⟦W_2⟧ for every position.",
        "ReLU deja los elementos positivos y pone a 0 los demás; la capa feed-forward lo hace con cada token por separado, con los mismos ⟦W_1⟧ y ⟦W_2⟧ en todas las posiciones."),
    "teach.explain.formula_softmax": (
        "softmax, row by row, turns each query's scores into weights in (0, 1) that add up to 1: a weighted average over the words, not the choice of one. Subtracting the row's largest score before exp keeps it from overflowing and does not change the result.",
        "softmax, fila a fila, convierte las puntuaciones de cada consulta en pesos en (0, 1) que suman 1: una media ponderada sobre las palabras, no la elección de una. Restar la mayor puntuación de la fila antes de exp evita desbordamientos y no cambia el resultado."),
    "teach.explain.formula_weighted_average": (
        "Each output row is a weighted average of the rows of ⟦V⟧: row i of ⟦α⟧ says how much of each word's value goes into word i's new representation.",
        "Cada fila de la salida es una media ponderada de las filas de ⟦V⟧: la fila i de ⟦α⟧ dice cuánto del valor de cada palabra entra en la nueva representación de la palabra i."),
    "teach.explain.formula_context": (
        "The context ⟦c_i⟧ is the encoder states averaged with the weights of row i: it leans towards the source words the decoder attends to, whatever their position.",
        "El contexto ⟦c_i⟧ es la media de los estados del codificador con los pesos de la fila i: se inclina hacia las palabras de origen a las que atiende el decodificador, estén donde estén."),
    "teach.explain.formula_weight_grad": (
        "A weight's gradient at one step is an outer product: what entered the weight (transposed, a column) times the gradient at its output (a row), a matrix of the weight's own shape. The same weight is used at every step, so the steps' contributions add up.",
        "El gradiente de un peso en un paso es un producto exterior: lo que entró al peso (traspuesto, una columna) por el gradiente en su salida (una fila), una matriz con la forma del propio peso. El mismo peso se usa en todos los pasos, así que las contribuciones de los pasos se suman."),
    "teach.explain.formula_tanh_grad": (
        "Through tanh the gradient is scaled, entry by entry, by tanh's derivative ⟦1 − h_t²⟧, read off the output: at most 1, and near 0 where tanh saturates. Multiplied step after step, these factors are one reason gradients vanish.",
        "A través de tanh el gradiente se escala, elemento a elemento, por la derivada de tanh, ⟦1 − h_t²⟧, que se lee en la salida: como mucho 1, y cerca de 0 donde tanh se satura. Multiplicados paso tras paso, estos factores son una de las razones por las que los gradientes se desvanecen."),

    # ---- --explain on rnntrace positional ----------------------------------------------------------------
    "teach.explain.positional_add": (
        "In a Transformer ⟦p_t⟧ is added, entry by entry, to the embedding of the word at position t: ⟦x_t = e_t + p_t⟧. It has the embedding's d entries, so the sum keeps the size (nothing is concatenated), and staying in ⟦[−1, 1]⟧ it marks the position without swamping the meaning. rnntrace attention shows ⟦X = E + P⟧ for a sentence.",
        "En un Transformer ⟦p_t⟧ se suma, elemento a elemento, al embedding de la palabra en la posición t: ⟦x_t = e_t + p_t⟧. Tiene los d elementos del embedding, así que la suma conserva el tamaño (no se concatena nada), y al quedarse en ⟦[−1, 1]⟧ marca la posición sin ahogar el significado. rnntrace attention muestra ⟦X = E + P⟧ para una frase."),
    "teach.explain.positional_frequency": (
        "⟦ω_k = 1/10000^(2k/d)⟧ sets how fast pair k turns: ⟦ω_0 = 1⟧ radian per position (a full turn every {p0} positions), and each next pair turns {ratio} times slower, down to ⟦ω_{last} = {wl}⟧ ({pl} positions per turn). Fast pairs tell neighbours apart; slow ones still differ between far positions.",
        "⟦ω_k = 1/10000^(2k/d)⟧ fija lo rápido que gira el par k: ⟦ω_0 = 1⟧ radián por posición (una vuelta cada {p0} posiciones), y cada par siguiente gira {ratio} veces más despacio, hasta ⟦ω_{last} = {wl}⟧ ({pl} posiciones por vuelta). Los pares rápidos distinguen vecinos; los lentos siguen distinguiendo posiciones lejanas."),
    "teach.explain.positional_frequency_one": (
        "⟦ω_0 = 1/10000^0 = 1⟧ radian per position: the one pair of ⟦d = 2⟧ makes a full turn every {p0} positions, so positions {p0} apart come close again; a larger d adds slower pairs.",
        "⟦ω_0 = 1/10000^0 = 1⟧ radián por posición: el único par de ⟦d = 2⟧ da una vuelta cada {p0} posiciones, así que posiciones a {p0} de distancia vuelven a parecerse; una d mayor añade pares más lentos."),
    "teach.explain.positional_angle": (
        "The angle is ⟦ω_k·t⟧, the position times the pair's frequency: at ⟦t = {t}⟧ pair 0 is at ⟦ω_0·{t} = {a0}⟧ rad and pair {last} at ⟦ω_{last}·{t} = {al}⟧ rad. Every entry of ⟦p_t⟧ is the sine or the cosine of such an angle.",
        "El ángulo es ⟦ω_k·t⟧, la posición por la frecuencia del par: en ⟦t = {t}⟧ el par 0 está en ⟦ω_0·{t} = {a0}⟧ rad y el par {last} en ⟦ω_{last}·{t} = {al}⟧ rad. Cada elemento de ⟦p_t⟧ es el seno o el coseno de uno de esos ángulos."),
    "teach.explain.positional_angle_one": (
        "The angle is ⟦ω_0·t⟧, the position times the pair's frequency: at ⟦t = {t}⟧ it is ⟦ω_0·{t} = {a0}⟧ rad, and both entries of ⟦p_t⟧ are its sine and cosine.",
        "El ángulo es ⟦ω_0·t⟧, la posición por la frecuencia del par: en ⟦t = {t}⟧ vale ⟦ω_0·{t} = {a0}⟧ rad, y los dos elementos de ⟦p_t⟧ son su seno y su coseno."),
    "teach.explain.positional_sincos": (
        "Each pair holds the sine and the cosine of one angle, a point on the unit circle ⟦(sin² + cos² = 1)⟧, so every entry stays in ⟦[−1, 1]⟧, and the pair tells angles apart that a sine alone confuses (⟦sin 0 = sin π⟧). Row ⟦t = {t}⟧: ⟦sin({a0}) = {s0}⟧, ⟦cos({a0}) = {c0}⟧.",
        "Cada par guarda el seno y el coseno de un ángulo, un punto de la circunferencia unidad ⟦(sin² + cos² = 1)⟧, así que cada elemento se queda en ⟦[−1, 1]⟧, y el par distingue ángulos que un seno solo confunde (⟦sin 0 = sin π⟧). Fila ⟦t = {t}⟧: ⟦sin({a0}) = {s0}⟧, ⟦cos({a0}) = {c0}⟧."),
    "teach.explain.positional_dot": (
        "⟦p_t · p_{{t+Δ}}⟧ adds, pair by pair, ⟦sin(ω_k t)·sin(ω_k(t+Δ)) + cos(ω_k t)·cos(ω_k(t+Δ)) = cos(ω_k Δ)⟧: t cancels, so the product depends on the distance ⟦Δ⟧ alone (⟦Δ = 1: {d1}⟧ at every t), which is what lets attention compare relative positions.",
        "⟦p_t · p_{{t+Δ}}⟧ suma, par a par, ⟦sin(ω_k t)·sin(ω_k(t+Δ)) + cos(ω_k t)·cos(ω_k(t+Δ)) = cos(ω_k Δ)⟧: t se cancela, así que el producto depende solo de la distancia ⟦Δ⟧ (⟦Δ = 1: {d1}⟧ en todo t), y eso permite a la atención comparar posiciones relativas."),
    # ---- --step -------------------------------------------------------------------------------
    "teach.step.start": ("{command} · {n} steps", "{command} · {n} pasos"),
    "teach.step.start.one": ("{command} · {n} step", "{command} · {n} paso"),
    "teach.step.of": ("step {k} of {n}", "paso {k} de {n}"),
    "teach.step.end": ("summary", "resumen"),
    "teach.step.part": ("part {k} of {n}", "parte {k} de {n}"),
    "teach.step.keys": ("Enter: next · b: back · q: quit", "Intro: siguiente · b: atrás · q: salir"),
    "teach.step.keys_last": ("Enter or q: quit · b: back", "Intro o q: salir · b: atrás"),

    # ---- --export, --format latex|markdown --------------------------------------------------
    "teach.export.bad_extension": (
        "--export {file}: unknown extension {ext!r}; use one of: {exts}",
        "--export {file}: extensión desconocida {ext!r}; usa una de: {exts}"),
    "teach.export.cannot_write": (
        "--export {file}: cannot write it ({reason}); nothing was written",
        "--export {file}: no se puede escribir ({reason}); no se ha escrito nada"),
    "teach.export.is_dir": (
        "--export {file}: is a directory; give a file name ending in .svg, .html, .txt, .tex, .md or .json",
        "--export {file}: es un directorio; da un nombre de fichero terminado en .svg, .html, .txt, .tex, .md o .json"),
    "teach.export.step_format": (
        "--step shows the terminal rendering one step at a time; it cannot be combined with --format {fmt}",
        "--step muestra la salida del terminal paso a paso; no se puede combinar con --format {fmt}"),
    "teach.export.explain_json": (
        "--explain adds sentences to the rendering; --format json holds numbers only (use --format rich, latex or markdown)",
        "--explain añade frases a la salida; --format json solo contiene números (usa --format rich, latex o markdown)"),

    "teach.view.json": (
        "{option} chooses what the views show; --format json always holds every step (use --format rich, latex or markdown)",
        "{option} elige lo que muestran las vistas; --format json siempre contiene todos los pasos (usa --format rich, latex o markdown)"),
    "teach.view.both": (
        "--t shows some steps in full and --brief none: give one of them",
        "--t muestra algunos pasos completos y --brief ninguno: indica solo una de las dos"),
    "teach.view.t_format": (
        "--t {value}: expected a step number (3) or a range (2-3)",
        "--t {value}: se esperaba un número de paso (3) o un intervalo (2-3)"),
    "teach.view.t_order": (
        "--t {value}: the range runs backwards; write {lo}-{hi}",
        "--t {value}: el intervalo va hacia atrás; escribe {lo}-{hi}"),
    "teach.view.t_range": (
        "--t {value}: this trace has {n} steps, 1 to {n}",
        "--t {value}: esta traza tiene {n} pasos, del 1 al {n}"),
    "teach.view.t_none": (
        "--t {value}: this view has no step to show in full",
        "--t {value}: esta vista no tiene pasos que mostrar completos"),

    # ---- rnntrace quiz --------------------------------------------------------------------------
    "teach.quiz.title": ("rnntrace quiz · {n} questions · seed {seed}", "rnntrace quiz · {n} preguntas · semilla {seed}"),
    "teach.quiz.title.one": ("rnntrace quiz · {n} question · seed {seed}", "rnntrace quiz · {n} pregunta · semilla {seed}"),
    "teach.quiz.question": ("Question {k} of {n}", "Pregunta {k} de {n}"),
    "teach.quiz.prompt": ("answer> ", "respuesta> "),
    "teach.quiz.right": ("✓ Right: {answer}", "✓ Correcto: {answer}"),
    "teach.quiz.wrong": (
        "✗ Not quite: the answer is {answer} (you said {given})",
        "✗ No exactamente: la respuesta es {answer} (has dicho {given})"),
    "teach.quiz.unanswered": ("— no answer: the answer is {answer}", "— sin respuesta: la respuesta es {answer}"),
    "teach.quiz.empty": ("nothing", "nada"),
    "teach.quiz.score": ("Score: {right} of {n}", "Puntuación: {right} de {n}"),
    "teach.quiz.more": ("rnntrace quiz --seed {seed} asks other questions.", "rnntrace quiz --seed {seed} hace otras preguntas."),
    "teach.quiz.hint.shape": ("Answer as ⟦rows×columns⟧, like 2x7.", "Responde ⟦filas×columnas⟧, como 2x7."),
    "teach.quiz.hint.size": ("Answer with a number.", "Responde con un número."),
    "teach.quiz.hint.numbers": (
        "Answer with the numbers, separated by spaces ({d} decimals are enough).",
        "Responde con los números separados por espacios (bastan {d} decimales)."),
    "teach.quiz.hint.number": ("Answer with a number ({d} decimals are enough).", "Responde con un número (bastan {d} decimales)."),
    "teach.quiz.hint.bits": ("Answer with the bits, separated by spaces, like 0 0 1 1.",
                             "Responde con los bits separados por espacios, como 0 0 1 1."),
    "teach.quiz.hint.choice": ("Answer with a letter or a name.", "Responde con una letra o un nombre."),
    "teach.quiz.want_numbers": ("{n} numbers were expected", "se esperaban {n} números"),
    "teach.quiz.transposed": (
        "{got} is {want} transposed: the shape in the column convention (Keras, PyTorch: ⟦W·x_t⟧); in the lecture's ⟦x_t·W⟧ it is {want}.",
        "{got} es {want} traspuesta: la dimensión en la convención por columnas (Keras, PyTorch: ⟦W·x_t⟧); en el ⟦x_t·W⟧ de la clase es {want}."),
    "teach.quiz.shape": (
        "{title}: a vocabulary of ⟦V = {V}⟧ words, a hidden state of ⟦H = {H}⟧ units, the lecture's row convention ⟦(a_t = x_t·W_xh + h_{{t−1}}·W_hh, y_t = h_t·W_hy)⟧. What are the dimensions of {name}?",
        "{title}: un vocabulario de ⟦V = {V}⟧ palabras, un estado oculto de ⟦H = {H}⟧ unidades, la convención por filas de la clase ⟦(a_t = x_t·W_xh + h_{{t−1}}·W_hh, y_t = h_t·W_hy)⟧. ¿Cuáles serán las dimensiones de {name}?"),
    "teach.quiz.why.W_xh": (
        "⟦x_t⟧ is one-hot over ⟦V = {V}⟧ words ⟦(1×{V})⟧ and ⟦x_t·W_xh⟧ must come out ⟦1×{H}⟧ to be added to ⟦h_{{t−1}}·W_hh⟧, so ⟦W_xh⟧ is {shape}.",
        "⟦x_t⟧ es one-hot sobre ⟦V = {V}⟧ palabras ⟦(1×{V})⟧ y ⟦x_t·W_xh⟧ tiene que salir ⟦1×{H}⟧ para sumarse a ⟦h_{{t−1}}·W_hh⟧, así que ⟦W_xh⟧ es {shape}."),
    "teach.quiz.why.W_hh": (
        "⟦h_{{t−1}}⟧ is ⟦1×{H}⟧ and ⟦h_{{t−1}}·W_hh⟧ must be ⟦1×{H}⟧ too: ⟦h_t⟧ keeps the size of ⟦h_{{t−1}}⟧. So ⟦W_hh⟧ is {shape}.",
        "⟦h_{{t−1}}⟧ es ⟦1×{H}⟧ y ⟦h_{{t−1}}·W_hh⟧ también tiene que ser ⟦1×{H}⟧: ⟦h_t⟧ conserva el tamaño de ⟦h_{{t−1}}⟧. Así que ⟦W_hh⟧ es {shape}."),
    "teach.quiz.why.W_hy": (
        "⟦h_t⟧ is ⟦1×{H}⟧ and the output needs one score per word, ⟦1×{V}⟧, so ⟦W_hy⟧ is {shape}.",
        "⟦h_t⟧ es ⟦1×{H}⟧ y el output necesita una puntuación por palabra, ⟦1×{V}⟧, así que ⟦W_hy⟧ es {shape}."),
    "teach.quiz.output_size": (
        "The task: predict the next word in a vocabulary of ⟦V = {V}⟧ words ({words}) with an RNN cell of ⟦H = {H}⟧ units. What is the size of the output ⟦y_t⟧?",
        "La tarea: predecir la siguiente palabra en un vocabulario de ⟦V = {V}⟧ palabras ({words}) con una célula RNN de ⟦H = {H}⟧ unidades. ¿Cuál es el tamaño del output ⟦y_t⟧?"),
    "teach.quiz.why.output_size": (
        "One score per word of the vocabulary: ⟦y_t = h_t·W_hy⟧ is ⟦1×{V}⟧, and softmax turns it into the probabilities ⟦p_t⟧ of the {V} words. The hidden size ⟦H = {H}⟧ does not show in it.",
        "Una puntuación por palabra del vocabulario: ⟦y_t = h_t·W_hy⟧ es ⟦1×{V}⟧, y la softmax la convierte en las probabilidades ⟦p_t⟧ de las {V} palabras. El tamaño oculto ⟦H = {H}⟧ no aparece en él."),
    "teach.quiz.onehot": (
        "⟦x_t = onehot(“{word}”)⟧ has its 1 at index {i} of 0…{last}. With the ⟦W_xh⟧ below, what is ⟦x_t·W_xh⟧?",
        "⟦x_t = onehot(“{word}”)⟧ tiene su 1 en el índice {i} de 0…{last}. Con la ⟦W_xh⟧ de abajo, ¿cuánto vale ⟦x_t·W_xh⟧?"),
    "teach.quiz.why.onehot": (
        "⟦x_t⟧ is one-hot, so ⟦x_t·W_xh⟧ picks row {i} of ⟦W_xh⟧ (counting from 0; the lecture's row {n}): {row}. Nothing is added up.",
        "⟦x_t⟧ es one-hot, así que ⟦x_t·W_xh⟧ selecciona la fila {i} de ⟦W_xh⟧ (contando desde 0; la fila {n} de la clase): {row}. No se suma nada."),
    "teach.quiz.keep.gru": (
        "In the lecture's GRU, which of these decides how much of the old state {old} is kept in ⟦h_t⟧?",
        "En la GRU de la clase, ¿cuál de estos decide cuánto del estado anterior {old} se conserva en ⟦h_t⟧?"),
    "teach.quiz.keep.lstm": (
        "In the LSTM, which of these decides how much of the old long-term memory {old} is kept in ⟦c_t⟧?",
        "En la LSTM, ¿cuál de estos decide cuánto de la memoria a largo plazo anterior {old} se conserva en ⟦c_t⟧?"),
    "teach.quiz.why.keep.gru": (
        "{eq}: {gate} multiplies ⟦h_{{t−1}}⟧, so where {gate} ⟦≈ 1⟧ the old state is kept (the lecture's ⟦Γ_t = 1⟧ on the words that can be skipped) and where it is ⟦≈ 0⟧ the candidate takes over.",
        "{eq}: {gate} multiplica a ⟦h_{{t−1}}⟧, así que donde {gate} ⟦≈ 1⟧ se conserva el estado anterior (el ⟦Γ_t = 1⟧ de la clase en las palabras que se pueden saltar) y donde ⟦≈ 0⟧ lo sustituye el candidato."),
    "teach.quiz.why.keep.lstm": (
        "{eq}: {gate} multiplies ⟦c_{{t−1}}⟧, so where {gate} ⟦≈ 1⟧ the memory is kept and where it is ⟦≈ 0⟧ it is forgotten.",
        "{eq}: {gate} multiplica a ⟦c_{{t−1}}⟧, así que donde {gate} ⟦≈ 1⟧ la memoria se conserva y donde ⟦≈ 0⟧ se olvida."),
    "teach.quiz.gate.reset": ("reset gate", "compuerta de reinicio"),
    "teach.quiz.gate.update": ("update gate", "compuerta de actualización"),
    "teach.quiz.gate.candidate": ("candidate", "candidato"),
    "teach.quiz.gate.forget": ("forget gate", "compuerta de olvido"),
    "teach.quiz.gate.input": ("input gate", "compuerta de entrada"),
    "teach.quiz.gate.output": ("output gate", "compuerta de salida"),
    "teach.quiz.self_weight": (
        "Self-attention over “{sentence}” ⟦(d_k = {d_k})⟧: below are the scaled scores ⟦q·k_j / √d_k⟧ of the query of “{query}” against every key. What weight does the query of “{query}” give the key “{key}”?",
        "Autoatención sobre “{sentence}” ⟦(d_k = {d_k})⟧: abajo están las puntuaciones escaladas ⟦q·k_j / √d_k⟧ de la consulta de “{query}” frente a cada clave. ¿Qué peso da la consulta de “{query}” a la clave “{key}”?"),
    "teach.quiz.seq2seq_weight": (
        "Encoder–decoder attention, “{source}” → “{target}”: for target word {i}, the decoder state ⟦h^d_{{i−1}}⟧ scores every encoder state, ⟦score(h^d_{{i−1}}, h^e_j) = h^d_{{i−1}} · h^e_j⟧ (below). What weight ⟦α_{{{i},{j}}}⟧ does it give “{word}”?",
        "Atención codificador–decodificador, “{source}” → “{target}”: para la palabra {i} del destino, el estado del decodificador ⟦h^d_{{i−1}}⟧ puntúa cada estado del codificador, ⟦score(h^d_{{i−1}}, h^e_j) = h^d_{{i−1}} · h^e_j⟧ (abajo). ¿Qué peso ⟦α_{{{i},{j}}}⟧ le da a “{word}”?"),
    "teach.quiz.unreadable": ("That answer cannot be read as asked{note}; try again. {hint}",
                              "Esa respuesta no se puede leer como se pide{note}; prueba otra vez. {hint}"),
    "teach.quiz.hidden": (
        "Forward computations (the lecture's Elman RNN), ⟦t = {t}⟧, “{word}”: the cell computed the ⟦a_t⟧ below. What is ⟦h_t = tanh(a_t)⟧?",
        "Cálculos Forward (la RNN de Elman de la clase), ⟦t = {t}⟧, “{word}”: la célula ha calculado el ⟦a_t⟧ de abajo. ¿Cuánto vale ⟦h_t = tanh(a_t)⟧?"),
    "teach.quiz.why.hidden": (
        "tanh acts entry by entry: ⟦tanh({a}) = {h}⟧, and so on: ⟦h_t = {row}⟧. Every entry lies in ⟦(−1, 1)⟧.",
        "tanh actúa entrada a entrada: ⟦tanh({a}) = {h}⟧, y así con las demás: ⟦h_t = {row}⟧. Todas las entradas quedan en ⟦(−1, 1)⟧."),
    "teach.quiz.softmax": (
        "Forward computations, ⟦t = {t}⟧: below are the scores ⟦y_t⟧ of the words. What probability ⟦p_t = softmax(y_t)⟧ does the model give the target “{word}”?",
        "Cálculos Forward, ⟦t = {t}⟧: abajo están las puntuaciones ⟦y_t⟧ de las palabras. ¿Qué probabilidad ⟦p_t = softmax(y_t)⟧ da el modelo al objetivo “{word}”?"),
    "teach.quiz.why.softmax": (
        "⟦p_t[“{word}”] = exp({y}) / Σ_k exp(y_k) = {e} / {sum} = {p}⟧. The probabilities of the words add up to 1.",
        "⟦p_t[“{word}”] = exp({y}) / Σ_k exp(y_k) = {e} / {sum} = {p}⟧. Las probabilidades de las palabras suman 1."),
    "teach.quiz.loss": (
        "Forward computations, ⟦t = {t}⟧: below is ⟦p_t⟧. The target is “{word}”: what is the loss ⟦L_t⟧?",
        "Cálculos Forward, ⟦t = {t}⟧: abajo está ⟦p_t⟧. El objetivo es “{word}”: ¿cuánto vale la pérdida ⟦L_t⟧?"),
    "teach.quiz.why.loss": (
        "⟦L_t = −log p_t[“{word}”] = −log {p} = {loss}⟧: only the target's probability counts, and the smaller it is, the larger the loss.",
        "⟦L_t = −log p_t[“{word}”] = −log {p} = {loss}⟧: solo cuenta la probabilidad del objetivo, y cuanto menor es, mayor es la pérdida."),
    "teach.quiz.prediction": (
        "Forward computations with the {cell}, ⟦t = {t}⟧, “{word}”: below is ⟦p_t⟧. Which word does the model predict?",
        "Cálculos Forward con la {cell}, ⟦t = {t}⟧, “{word}”: abajo está ⟦p_t⟧. ¿Qué palabra predice el modelo?"),
    "teach.quiz.why.prediction": (
        "The prediction is ⟦argmax p_t⟧, the word with the largest probability: “{word}” ⟦(p = {p})⟧.",
        "La predicción es ⟦argmax p_t⟧, la palabra con la mayor probabilidad: “{word}” ⟦(p = {p})⟧."),
    "teach.quiz.delta": (
        "BPTT on the lecture's Elman RNN ({T} steps), ⟦t = {t}⟧: below are ⟦∂L/∂h_t⟧ (everything that reaches ⟦h_t⟧ from the loss) and ⟦h_t⟧. What is ⟦δ_t = ∂L/∂h_t ⊙ (1 − h_t²)⟧?",
        "BPTT en la RNN de Elman de la clase ({T} pasos), ⟦t = {t}⟧: abajo están ⟦∂L/∂h_t⟧ (todo lo que llega a ⟦h_t⟧ desde la pérdida) y ⟦h_t⟧. ¿Cuánto vale ⟦δ_t = ∂L/∂h_t ⊙ (1 − h_t²)⟧?"),
    "teach.quiz.why.delta": (
        "⟦tanh′⟧ is written with its output: ⟦1 − h_t² = {slope}⟧; multiplied entry by entry with ⟦∂L/∂h_t⟧ it gives ⟦δ_t = {delta}⟧.",
        "⟦tanh′⟧ se escribe con su salida: ⟦1 − h_t² = {slope}⟧; multiplicada entrada a entrada por ⟦∂L/∂h_t⟧ da ⟦δ_t = {delta}⟧."),
    "teach.quiz.jacobian": (
        "BPTT on the lecture's Elman RNN with ⟦W_hh × {scale}⟧, ⟦t = {t}⟧: a gradient passing back from ⟦h_t⟧ to ⟦h_{{t−1}}⟧ is multiplied by ⟦∂h_t/∂h_{{t−1}} = diag(1 − h_t²)·W_hhᵀ⟧. With ⟦h_t⟧ and ⟦W_hh⟧ below, which factor shrinks it more?",
        "BPTT en la RNN de Elman de la clase con ⟦W_hh × {scale}⟧, ⟦t = {t}⟧: un gradiente que vuelve de ⟦h_t⟧ a ⟦h_{{t−1}}⟧ se multiplica por ⟦∂h_t/∂h_{{t−1}} = diag(1 − h_t²)·W_hhᵀ⟧. Con ⟦h_t⟧ y ⟦W_hh⟧ de abajo, ¿qué factor lo reduce más?"),
    "teach.quiz.why.jacobian": (
        "⟦‖diag(1 − h_t²)‖₂ = max(1 − h_t²) = {slope}⟧ and ⟦‖W_hh‖₂ = σ_max(W_hh) = {sigma}⟧: the smaller norm shrinks more, and a norm ⟦≥ 1⟧ does not shrink at all. Together ⟦‖∂h_t/∂h_{{t−1}}‖₂ ≤ {slope} · {sigma} = {bound}⟧ (it is {J}).",
        "⟦‖diag(1 − h_t²)‖₂ = máx(1 − h_t²) = {slope}⟧ y ⟦‖W_hh‖₂ = σ_max(W_hh) = {sigma}⟧: la norma menor reduce más, y una norma ⟦≥ 1⟧ no reduce nada. Juntas, ⟦‖∂h_t/∂h_{{t−1}}‖₂ ≤ {slope} · {sigma} = {bound}⟧ (vale {J})."),
    "teach.quiz.neither": ("neither (both norms ⟦≥ 1⟧)", "ninguno (las dos normas ⟦≥ 1⟧)"),
    "teach.quiz.lstm_memory": (
        "The lecture's example through an LSTM, ⟦t = {t}⟧: with the gates and memories below, what is the long-term memory ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧?",
        "El ejemplo de la clase con una LSTM, ⟦t = {t}⟧: con las compuertas y memorias de abajo, ¿cuánto vale la memoria a largo plazo ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧?"),
    "teach.quiz.why.lstm_memory": (
        "What is kept, ⟦f_t ⊙ c_{{t−1}} = {keep}⟧, plus what is written, ⟦i_t ⊙ c̃_t = {write}⟧: ⟦c_t = {c}⟧.",
        "Lo que se conserva, ⟦f_t ⊙ c_{{t−1}} = {keep}⟧, más lo que se escribe, ⟦i_t ⊙ c̃_t = {write}⟧: ⟦c_t = {c}⟧."),
    "teach.quiz.scaling": (
        "Self-attention over “{sentence}” ⟦(d_k = {d_k})⟧: below are the raw scores ⟦q·k_j⟧ of the query of “{query}”. Before the softmax each is divided by ⟦√d_k⟧: what is the scaled score of the key “{key}”?",
        "Autoatención sobre “{sentence}” ⟦(d_k = {d_k})⟧: abajo están las puntuaciones sin escalar ⟦q·k_j⟧ de la consulta de “{query}”. Antes de la softmax cada una se divide por ⟦√d_k⟧: ¿cuánto vale la puntuación escalada de la clave “{key}”?"),
    "teach.quiz.why.scaling": (
        "⟦√d_k = √{d_k} = {root}⟧, so ⟦{s} / {root} = {v}⟧. The division keeps the scores' size from growing with ⟦d_k⟧.",
        "⟦√d_k = √{d_k} = {root}⟧, así que ⟦{s} / {root} = {v}⟧. La división evita que el tamaño de las puntuaciones crezca con ⟦d_k⟧."),
    "teach.quiz.yes": ("yes", "sí"),
    "teach.quiz.no": ("no", "no"),
    "teach.quiz.bounded": (
        "Positional encodings for a sentence of ⟦n = {n}⟧ tokens (positions 0…{last}; sinusoidal with ⟦d = {d}⟧): does every entry of the {encoding} encoding lie within ⟦[−1, 1]⟧?",
        "Codificaciones posicionales de una frase de ⟦n = {n}⟧ tokens (posiciones 0…{last}; sinusoidal con ⟦d = {d}⟧): ¿están todas las entradas de la codificación {encoding} dentro de ⟦[−1, 1]⟧?"),
    "teach.quiz.why.bounded": ("Its entries go from {lo} to {hi}.", "Sus entradas van de {lo} a {hi}."),
    "teach.quiz.relative": (
        "Positional encodings for ⟦n = {n}⟧ positions (sinusoidal with ⟦d = {d}⟧): in the {encoding} encoding, does ⟦p_t · p_{{t+Δ}}⟧ depend on ⟦Δ⟧ alone, the same for every t?",
        "Codificaciones posicionales de ⟦n = {n}⟧ posiciones (sinusoidal con ⟦d = {d}⟧): en la codificación {encoding}, ¿depende ⟦p_t · p_{{t+Δ}}⟧ solo de ⟦Δ⟧, igual para todo t?"),
    "teach.quiz.why.relative": (
        "Over t, ⟦p_t · p_{{t+Δ}}⟧ varies by up to {spread} for some ⟦Δ⟧ (0 would mean ⟦Δ⟧ alone).",
        "Según t, ⟦p_t · p_{{t+Δ}}⟧ varía hasta {spread} para algún ⟦Δ⟧ (0 querría decir que solo depende de ⟦Δ⟧)."),
    "teach.quiz.binary": (
        "The binary positional encoding of positions 0…{last} uses {b} bits, most significant first. What is the vector of position {p}?",
        "La codificación posicional binaria de las posiciones 0…{last} usa {b} bits, el más significativo primero. ¿Cuál es el vector de la posición {p}?"),
    "teach.quiz.why.binary": ("⟦{p} = {sum}⟧, so its bits are {bits}.", "⟦{p} = {sum}⟧, así que sus bits son {bits}."),
    "teach.quiz.why.weight": (
        "softmax of the row: ⟦α = exp({s}) / Σ_k exp(s_k) = {e} / {sum} = {w}⟧. The weights of a row add up to 1.",
        "softmax de la fila: ⟦α = exp({s}) / Σ_k exp(s_k) = {e} / {sum} = {w}⟧. Los pesos de una fila suman 1."),

    # ---- rnntrace quiz --topic networks: the shapes of a network's arrays ---------------------------------
    "teach.quiz.net": (
        "{title}: {layers}, {inputs}, {task}; the lecture's row convention ⟦(x_t·W)⟧.",
        "{title}: {layers}, {inputs}, {task}; la convención por filas de la clase ⟦(x_t·W)⟧."),
    "teach.quiz.net.shape": ("{network} What are the dimensions of {name}?",
                             "{network} ¿Cuáles serán las dimensiones de {name}?"),
    "teach.quiz.net.cell.rnn": ("Elman RNN", "RNN de Elman"),
    "teach.quiz.net.cell.gru": ("GRU", "GRU"),
    "teach.quiz.net.cell.lstm": ("LSTM", "LSTM"),
    "teach.quiz.net.layers.one": ("one {cell} layer of ⟦H = {H}⟧ units", "una capa {cell} de ⟦H = {H}⟧ unidades"),
    "teach.quiz.net.layers": (
        "{n} stacked {cell} layers of ⟦H = {H}⟧ units (layer ⟦ℓ⟧ reads layer ⟦ℓ−1⟧'s ⟦h_t⟧)",
        "{n} capas {cell} apiladas de ⟦H = {H}⟧ unidades (la capa ⟦ℓ⟧ lee el ⟦h_t⟧ de la capa ⟦ℓ−1⟧)"),
    "teach.quiz.net.layers.bi.one": (
        "one bidirectional {cell} layer of ⟦H = {H}⟧ units in each direction ⟦(h→_t, h←_t)⟧",
        "una capa {cell} bidireccional de ⟦H = {H}⟧ unidades en cada sentido ⟦(h→_t, h←_t)⟧"),
    "teach.quiz.net.layers.bi": (
        "{n} stacked bidirectional {cell} layers of ⟦H = {H}⟧ units in each direction ⟦(h→_t, h←_t)⟧",
        "{n} capas {cell} bidireccionales apiladas de ⟦H = {H}⟧ unidades en cada sentido ⟦(h→_t, h←_t)⟧"),
    "teach.quiz.net.onehot": ("one-hot inputs over ⟦V = {V}⟧ words", "entradas one-hot sobre ⟦V = {V}⟧ palabras"),
    "teach.quiz.net.embedding": (
        "an embedding ⟦x_t = onehot(w_t)·E⟧ of ⟦d = {d}⟧ dimensions over ⟦V = {V}⟧ words",
        "un embedding ⟦x_t = onehot(w_t)·E⟧ de ⟦d = {d}⟧ dimensiones sobre ⟦V = {V}⟧ palabras"),
    "teach.quiz.net.task.lm": ("predicting the next word at every step", "prediciendo la siguiente palabra en cada paso"),
    "teach.quiz.net.task.tag": ("a label per word out of ⟦K = {K}⟧ ({labels})",
                                "una etiqueta por palabra entre ⟦K = {K}⟧ ({labels})"),
    "teach.quiz.net.task.classify": (
        "one label for the whole sentence out of ⟦K = {K}⟧ ({labels}), read off the final state",
        "una etiqueta para toda la frase entre ⟦K = {K}⟧ ({labels}), leída del estado final"),
    "teach.quiz.why.concat": (
        "The forward direction's state and the backward one's are each ⟦1×{H}⟧ (⟦H = {H}⟧ units in each direction); side by side they make {name}, ⟦1×{n}⟧: what the output layer reads.",
        "El estado del sentido hacia delante y el del sentido hacia atrás son ⟦1×{H}⟧ cada uno (⟦H = {H}⟧ unidades en cada sentido); uno junto al otro forman {name}, ⟦1×{n}⟧: lo que lee la capa de salida."),
    "teach.quiz.why.embedding": (
        "⟦E⟧ has one row per word of the vocabulary ⟦(V = {V})⟧ and one column per dimension of the embedding ⟦(d = {d})⟧: ⟦x_t = onehot(w_t)·E⟧ picks row ⟦w_t⟧, ⟦1×{d}⟧. So ⟦E⟧ is {shape}.",
        "⟦E⟧ tiene una fila por palabra del vocabulario ⟦(V = {V})⟧ y una columna por dimensión del embedding ⟦(d = {d})⟧: ⟦x_t = onehot(w_t)·E⟧ selecciona la fila ⟦w_t⟧, ⟦1×{d}⟧. Así que ⟦E⟧ es {shape}."),
    "teach.quiz.why.stacked": (
        "Layer 2 reads ⟦{x} = {read}⟧, ⟦1×{n}⟧, not the words, and ⟦{x}·{name}⟧ must come out ⟦1×{H}⟧, so {name} is {shape}.",
        "La capa 2 lee ⟦{x} = {read}⟧, ⟦1×{n}⟧, no las palabras, y ⟦{x}·{name}⟧ tiene que salir ⟦1×{H}⟧, así que {name} es {shape}."),
    "teach.quiz.why.bi_output.lm": (
        "The output layer reads {read}, ⟦1×{n}⟧ (both directions: ⟦2H = {n}⟧), and needs one score per word, ⟦1×{K}⟧, so ⟦W_hy⟧ is {shape}, the forward direction's rows first.",
        "La capa de salida lee {read}, ⟦1×{n}⟧ (los dos sentidos: ⟦2H = {n}⟧), y necesita una puntuación por palabra, ⟦1×{K}⟧, así que ⟦W_hy⟧ es {shape}, primero las filas del sentido hacia delante."),
    "teach.quiz.why.bi_output.tag": (
        "The output layer reads {read}, ⟦1×{n}⟧ (both directions: ⟦2H = {n}⟧), and needs one score per label, ⟦1×{K}⟧, so ⟦W_hy⟧ is {shape}, the forward direction's rows first.",
        "La capa de salida lee {read}, ⟦1×{n}⟧ (los dos sentidos: ⟦2H = {n}⟧), y necesita una puntuación por etiqueta, ⟦1×{K}⟧, así que ⟦W_hy⟧ es {shape}, primero las filas del sentido hacia delante."),
    "teach.quiz.why.bi_output.classify": (
        "The classifier reads the final state {read}, ⟦1×{n}⟧ (both directions: ⟦2H = {n}⟧), and needs one score per label, ⟦1×{K}⟧, so ⟦W_hy⟧ is {shape}, the forward direction's rows first.",
        "El clasificador lee el estado final {read}, ⟦1×{n}⟧ (los dos sentidos: ⟦2H = {n}⟧), y necesita una puntuación por etiqueta, ⟦1×{K}⟧, así que ⟦W_hy⟧ es {shape}, primero las filas del sentido hacia delante."),
    "teach.explain.compare_network_chart": (
        "One chart per layer (and direction): each row is one distance ⟦|Δt|⟧ from the run's last step, ⟦t⟧ the step it reaches, each column one cell, and each bar ⟦log10⟧ of ⟦‖∂s_last/∂s_t‖⟧, the product of that run's Jacobians from step ⟦t⟧ to its last step, on one log axis for the three cells: a bar one power of ten shorter is a gradient ten times smaller. It follows the gradient along time inside one layer, not from one layer to the next.",
        "Un gráfico por capa (y dirección): cada fila es una distancia ⟦|Δt|⟧ desde el último paso de esa pasada, ⟦t⟧ el paso al que llega, cada columna una célula y cada barra el ⟦log10⟧ de ⟦‖∂s_último/∂s_t‖⟧, el producto de los jacobianos de esa pasada desde el paso ⟦t⟧ hasta el último, en un mismo eje logarítmico para las tres células: una barra una potencia de diez más corta es un gradiente diez veces menor. Sigue el gradiente a lo largo del tiempo dentro de una capa, no de una capa a la siguiente."),
    "teach.explain.compare_network_factor": (
        "⟦‖∂s_last/∂s_0‖⟧ is how much of a change in the run's initial state reaches its last one, over the {T} steps; ⟦×⟧ per step is ⟦‖∂s_last/∂s_0‖^(1/{T})⟧, the geometric mean of the factor per step: below 1 the gradient vanishes with the distance, above 1 it explodes.",
        "⟦‖∂s_último/∂s_0‖⟧ es cuánto de un cambio en el estado inicial de la pasada llega al último, a lo largo de los {T} pasos; ⟦×⟧ por paso es ⟦‖∂s_último/∂s_0‖^(1/{T})⟧, la media geométrica del factor de cada paso: por debajo de 1 el gradiente se desvanece con la distancia, por encima de 1 explota."),
    "teach.explain.compare_network_table": (
        "⟦L⟧ is each cell's loss on the same sentence, each cell with its own weights; ⟦‖∂L/∂θ‖⟧ is the size of its whole gradient, every parameter's ⟦∂L/∂θ⟧ together (the square root of the sum of all their squared entries).",
        "⟦L⟧ es la pérdida de cada célula en la misma frase, cada una con sus propios pesos; ⟦‖∂L/∂θ‖⟧ es el tamaño de todo su gradiente, el ⟦∂L/∂θ⟧ de todos los parámetros juntos (la raíz cuadrada de la suma de todos sus elementos al cuadrado)."),
}
