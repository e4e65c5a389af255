"""Texts of ``rnntrace train`` and ``rnntrace generate``."""

MESSAGES = {
    "train.err.lr": (
        "--lr {value}: the learning rate must be a finite number greater than 0",
        "--lr {value}: la tasa de aprendizaje debe ser un número finito mayor que 0"),
    "train.err.clip": (
        "--clip {value}: the clipping threshold must be a finite number greater than 0",
        "--clip {value}: el umbral de recorte debe ser un número finito mayor que 0"),
    "train.err.optimizer": (
        "--optimizer {value}: not one of: {choices}",
        "--optimizer {value}: no es ninguno de: {choices}"),
    "train.err.diverged": (
        "training diverged at epoch {epoch}: {what}; nothing was saved; try a smaller --lr (now {lr}){hint}",
        "el entrenamiento divergió en la época {epoch}: {what}; no se ha guardado nada; prueba una --lr menor (ahora {lr}){hint}"),
    "train.err.diverged_end": (
        "training diverged in its last epoch, {epoch}: after it {what}; nothing was saved; try a smaller --lr (now {lr}){hint}",
        "el entrenamiento divergió en su última época, la {epoch}: tras ella {what}; no se ha guardado nada; prueba una --lr menor (ahora {lr}){hint}"),
    "train.err.what_loss": ("the loss is {value}", "la pérdida vale {value}"),
    "train.err.what_norm": ("the gradient norm ⟦‖∂L/∂θ‖⟧ is {value}", "la norma del gradiente ⟦‖∂L/∂θ‖⟧ vale {value}"),
    "train.err.hint_clip": (" or --clip (e.g. --clip 5)", " o --clip (p. ej. --clip 5)"),
    "train.err.hint_lr_only": (" or a smaller --clip", " o un --clip menor"),
    "train.err.memory": (
        "{where}: training the {cell} ⟦(V = {V}, H = {H})⟧ on {N} tokens in {n} sentences, the longest of {T}, needs about {need} an epoch, more than the {budget} a run may take; use fewer or shorter sentences or a smaller ⟦H⟧",
        "{where}: entrenar la {cell} ⟦(V = {V}, H = {H})⟧ con {N} tokens en {n} frases, la más larga de {T}, necesita unos {need} por época, más que los {budget} que puede ocupar una ejecución; usa menos frases, o más cortas, o una ⟦H⟧ menor"),
    "train.err.memory.one": (
        "{where}: training the {cell} ⟦(V = {V}, H = {H})⟧ on a sentence of {N} tokens needs about {need} an epoch, more than the {budget} a run may take; use a shorter sentence or a smaller ⟦H⟧",
        "{where}: entrenar la {cell} ⟦(V = {V}, H = {H})⟧ con una frase de {N} tokens necesita unos {need} por época, más que los {budget} que puede ocupar una ejecución; usa una frase más corta o una ⟦H⟧ menor"),
    "train.saved.title": ("{title} (trained)", "{title} (entrenado)"),
    "train.saved.description": (
        "Trained from {example} ({cell}, {epochs} epochs, final loss {loss}) by: {command}",
        "Entrenado a partir de {example} ({cell}, {epochs} épocas, pérdida final {loss}) con: {command}"),
    "train.err.no_targets": (
        "{example}: no step has a target, so ⟦L = 0⟧ and there is nothing to learn (a sentence of one word has no next word)",
        "{example}: ningún paso tiene objetivo, así que ⟦L = 0⟧ y no hay nada que aprender (una frase de una palabra no tiene palabra siguiente)"),
    "train.err.compare_with": (
        "{option} does not go with --compare (it trains rnn, gru and lstm and saves nothing)",
        "{option} no va con --compare (entrena rnn, gru y lstm y no guarda nada)"),
    "train.err.save_ext": (
        "--save {file}: the trained network is saved as an example file, whose name ends in .toml",
        "--save {file}: la red entrenada se guarda como fichero de ejemplo, cuyo nombre termina en .toml"),
    "train.err.save_folder": (
        "--save {file}: the folder {folder} does not exist",
        "--save {file}: la carpeta {folder} no existe"),
    "train.help": (
        "Gradient descent on an example's sentences with the gradients bptt computes: one epoch is one "
        "full-batch step ⟦θ ← θ − η·∂L/∂θ⟧ (or Adam's step) over every parameter. Shows the loss and the "
        "gradient norm per epoch on log scales, each step's prediction before and after, and the parameters "
        "before and after; --trace-update traces the first update symbol by symbol; --save writes the trained "
        "network as an example file that forward, bptt and generate take.",
        "Descenso por gradiente sobre las frases de un ejemplo con los gradientes que calcula bptt: una época es "
        "un paso ⟦θ ← θ − η·∂L/∂θ⟧ (o el de Adam) con todo el lote, sobre todos los parámetros. Muestra la pérdida y "
        "la norma del gradiente por época en escala logarítmica, la predicción de cada paso antes y después, y los "
        "parámetros antes y después; --trace-update traza la primera actualización símbolo a símbolo; --save "
        "escribe la red entrenada como fichero de ejemplo que forward, bptt y generate aceptan."),
    "train.help.short": (
        "Train the network by gradient descent on bptt's gradients.",
        "Entrena la red por descenso de gradiente con los de bptt."),
    "train.help.examples": (
        "Examples:\n\n\b\n  rnntrace train                      the lecture's example, 100 epochs of SGD\n"
        "  rnntrace train --trace-update --epochs 1       one update, symbol by symbol\n"
        "  rnntrace train -e perro --compare --optimizer adam --lr 0.05 --epochs 600\n"
        "  rnntrace train --epochs 500 --lr 0.5 --save trained.toml\n"
        "  rnntrace generate -e trained.toml --start I --length 4",
        "Ejemplos:\n\n\b\n  rnntrace train                      el ejemplo de la clase, 100 épocas de SGD\n"
        "  rnntrace train --trace-update --epochs 1       una actualización, símbolo a símbolo\n"
        "  rnntrace train -e perro --compare --optimizer adam --lr 0.05 --epochs 600\n"
        "  rnntrace train --epochs 500 --lr 0.5 --save trained.toml\n"
        "  rnntrace generate -e trained.toml --start I --length 4"),
    "train.opt.epochs": ("Full-batch steps to take (1 to 100000).", "Pasos con todo el lote (de 1 a 100000)."),
    "train.opt.lr": ("The learning rate ⟦η⟧ (a finite number ⟦> 0⟧).", "La tasa de aprendizaje ⟦η⟧ (un número finito ⟦> 0⟧)."),
    "train.opt.optimizer": (
        "sgd: ⟦θ ← θ − η·g⟧; adam: Adam's step ⟦(β₁ = 0.9, β₂ = 0.999, ε = 1e-8)⟧.",
        "sgd: ⟦θ ← θ − η·g⟧; adam: el paso de Adam ⟦(β₁ = 0.9, β₂ = 0.999, ε = 1e-8)⟧."),
    "train.opt.clip": (
        "Gradient-norm clipping: when ⟦‖∂L/∂θ‖ > C⟧ the gradient is scaled to norm ⟦C⟧.",
        "Recorte de la norma del gradiente: si ⟦‖∂L/∂θ‖ > C⟧, el gradiente se escala a norma ⟦C⟧."),
    "train.opt.trace_update": (
        "Trace the first update, parameter by parameter, with shapes.",
        "Traza la primera actualización, parámetro a parámetro, con sus formas."),
    "train.opt.save": (
        "Write the trained network as an example file (same options, same bytes).",
        "Escribe la red entrenada como fichero de ejemplo (mismas opciones, mismos bytes)."),
    "train.opt.compare": (
        "Train rnn, gru and lstm with the same options and seed; show them side by side.",
        "Entrena rnn, gru y lstm con las mismas opciones y semilla; los muestra lado a lado."),
    "train.progress": ("training", "entrenando"),
    "train.title": ("Training: {title}", "Entrenamiento: {title}"),
    "train.clip_off": ("no clipping", "sin recorte"),
    "train.clip_on": ("clipping at ⟦‖∂L/∂θ‖ ≤ {c}⟧", "recorte a ⟦‖∂L/∂θ‖ ≤ {c}⟧"),
    "train.options": (
        "{optimizer}, ⟦η = {lr}⟧, {epochs} epochs, {clip}, seed {seed}",
        "{optimizer}, ⟦η = {lr}⟧, {epochs} épocas, {clip}, semilla {seed}"),
    "train.corpus": ("{n} sentences, {tokens} tokens per epoch", "{n} frases, {tokens} tokens por época"),
    "train.corpus.one": ("1 sentence, {tokens} tokens per epoch", "1 frase, {tokens} tokens por época"),
    "train.rule_classify": (
        "Each epoch: ⟦L = Σ⟧ over the sentences of ⟦−log⟧ p[label], one loss per sentence at its end, ⟦∂L/∂θ⟧ by backpropagation through time, one step for: {names}",
        "En cada época: ⟦L = Σ⟧ sobre las frases de ⟦−log⟧ p[etiqueta], una pérdida por frase, al final, ⟦∂L/∂θ⟧ por retropropagación en el tiempo, un paso para: {names}"),
    "train.task.tag": (
        "task tag: a label per token from {labels}",
        "tarea tag: una etiqueta por token entre {labels}"),
    "train.task.classify": (
        "task classify: one label per sentence from {labels}, read from the final state",
        "tarea classify: una etiqueta por frase entre {labels}, leída del estado final"),
    "train.E_rows": (
        "⟦∂L/∂E⟧ reaches only the rows of the words the sentences use: the rows of {absent} get no gradient and stay as they are",
        "⟦∂L/∂E⟧ solo llega a las filas de las palabras que usan las frases: las filas de {absent} no reciben gradiente y se quedan como están"),
    "train.gen.err.bidirectional": (
        "generate writes left to right, reading each picked word next; a bidirectional network's backward direction reads the words after t, which are not written yet, so it cannot generate (train it without --bidirectional)",
        "generate escribe de izquierda a derecha, leyendo después cada palabra elegida; la dirección hacia atrás de una red bidireccional lee las palabras posteriores a t, que aún no están escritas, así que no puede generar (entrénala sin --bidirectional)"),
    "train.gen.err.task": (
        "generate feeds each predicted word back as the next input, so it needs the task lm (a word at every step); this network's task is {task}, whose output is a label, not a word",
        "generate vuelve a dar cada palabra predicha como la siguiente entrada, así que necesita la tarea lm (una palabra en cada paso); la tarea de esta red es {task}, cuya salida es una etiqueta, no una palabra"),
    "train.err.corpus_tags": (
        "{file}: ⟦corpus_tags⟧ must hold one list of tags for each of the {n} sentences",
        "{file}: ⟦corpus_tags⟧ debe tener una lista de etiquetas para cada una de las {n} frases"),
    "train.err.corpus_labels": (
        "{file}: ⟦corpus_labels⟧ must hold one label for each of the {n} sentences",
        "{file}: ⟦corpus_labels⟧ debe tener una etiqueta para cada una de las {n} frases"),
    "train.rule": (
        "Each epoch: ⟦L = Σ_t L^(t)⟧ over every sentence, ⟦∂L/∂θ⟧ by backpropagation through time, one step for: ⟦{names}⟧",
        "En cada época: ⟦L = Σ_t L^(t)⟧ sobre todas las frases, ⟦∂L/∂θ⟧ por retropropagación en el tiempo, un paso para: ⟦{names}⟧"),
    "train.implicit": (
        "Not in the example file, so zero and never trained: ⟦{names}⟧",
        "No están en el fichero del ejemplo, así que valen cero y no se entrenan: ⟦{names}⟧"),
    "train.explain.sgd": (
        "The learning rate ⟦η = {lr}⟧ is how far each step goes against the gradient: ⟦θ ← θ − η·∂L/∂θ⟧. Too small and the loss falls slowly; too large and a step overshoots the valley it was going down, and the loss grows or becomes inf.",
        "La tasa de aprendizaje ⟦η = {lr}⟧ es cuánto avanza cada paso contra el gradiente: ⟦θ ← θ − η·∂L/∂θ⟧. Si es muy pequeña, la pérdida baja despacio; si es muy grande, el paso se pasa del valle por el que bajaba y la pérdida crece o se hace inf."),
    "train.explain.adam": (
        "Adam divides each entry's running mean gradient ⟦m̂⟧ by the root of its running mean square ⟦√v̂⟧, so every entry moves by about ⟦η = {lr}⟧ at most per step whatever the gradient's size: the learning rate is a step length.",
        "Adam divide la media móvil del gradiente de cada elemento, ⟦m̂⟧, por la raíz de su media móvil al cuadrado, ⟦√v̂⟧, así que cada elemento se mueve como mucho unos ⟦η = {lr}⟧ por paso, sea cual sea el tamaño del gradiente: la tasa de aprendizaje es una longitud de paso."),
    "train.explain.clip": (
        "Clipping: through a long sentence ⟦∂L/∂θ⟧ can explode (the product of Jacobians grows with the distance); one huge step then throws the weights far away. --clip C rescales the whole gradient to norm ⟦C⟧ when its norm is larger, keeping its direction.",
        "Recorte: en una frase larga ⟦∂L/∂θ⟧ puede explotar (el producto de jacobianas crece con la distancia) y un solo paso enorme lanza los pesos lejos. --clip C reescala el gradiente entero a norma ⟦C⟧ cuando su norma es mayor, y conserva su dirección."),
    "train.update.title": ("The first update", "La primera actualización"),
    "train.update.norm": (
        "Epoch 1 starts from the initial parameters: ⟦L = {loss}⟧, ⟦‖∂L/∂θ‖ = {norm}⟧",
        "La época 1 parte de los parámetros iniciales: ⟦L = {loss}⟧, ⟦‖∂L/∂θ‖ = {norm}⟧"),
    "train.update.clipped": (
        "⟦‖∂L/∂θ‖ = {norm} > {c}⟧: clipping acts, ⟦g = ∂L/∂θ·{c}/‖∂L/∂θ‖ = ∂L/∂θ·{s}⟧",
        "⟦‖∂L/∂θ‖ = {norm} > {c}⟧: el recorte actúa, ⟦g = ∂L/∂θ·{c}/‖∂L/∂θ‖ = ∂L/∂θ·{s}⟧"),
    "train.update.not_clipped": (
        "⟦‖∂L/∂θ‖ ≤ {c}⟧: clipping does not act on this step",
        "⟦‖∂L/∂θ‖ ≤ {c}⟧: el recorte no actúa en este paso"),
    "train.update.adam": (
        "Adam, step 1: ⟦m̂ = g⟧ and ⟦v̂ = g²⟧ (the bias corrections undo the zero start), so each entry moves by ⟦η·g/(|g| + ε)⟧",
        "Adam, paso 1: ⟦m̂ = g⟧ y ⟦v̂ = g²⟧ (las correcciones de sesgo deshacen el arranque en cero), así que cada elemento se mueve ⟦η·g/(|g| + ε)⟧"),
    "train.col.epoch": ("epoch", "época"),
    "train.col.before": ("before", "antes"),
    "train.col.sentence": ("sentence", "frase"),
    "train.col.label": ("label", "etiqueta"),
    "train.col.tag": ("tag", "etiqueta"),
    "train.col.after": ("after", "después"),
    "train.col.final": ("final", "final"),
    "train.col.all": ("all", "todas"),
    "train.curves.title": (
        "Loss ⟦L⟧ and gradient norm ⟦‖∂L/∂θ‖⟧ each epoch starts from (log scale)",
        "⟦L⟧ y ⟦‖∂L/∂θ‖⟧ con que empieza cada época (escala logarítmica)"),
    "train.curves.sampled": ("{n} of {E} epochs shown, evenly spaced", "se muestran {n} de {E} épocas, espaciadas por igual"),
    "train.curves.clipped": (
        "✂ clipping acted in {n} of {E} epochs ⟦(‖∂L/∂θ‖ > {c})⟧",
        "✂ el recorte actuó en {n} de {E} épocas ⟦(‖∂L/∂θ‖ > {c})⟧"),
    "train.curves.clipped.one": (
        "✂ clipping acted in 1 of {E} epochs ⟦(‖∂L/∂θ‖ > {c})⟧",
        "✂ el recorte actuó en 1 de {E} épocas ⟦(‖∂L/∂θ‖ > {c})⟧"),
    "train.curves.never_clipped": (
        "⟦‖∂L/∂θ‖⟧ never exceeded {c}: clipping never acted",
        "⟦‖∂L/∂θ‖⟧ nunca superó {c}: el recorte no actuó nunca"),
    "train.final": (
        "loss {first} before training ⟦→ {last}⟧ after {E} epochs",
        "pérdida {first} antes de entrenar ⟦→ {last}⟧ tras {E} épocas"),
    "train.pred.title_tag": (
        "Tags (⟦argmax p_t⟧, and ⟦p_t⟧ of the right tag) before and after training",
        "Etiquetas (⟦argmax p_t⟧, y ⟦p_t⟧ de la etiqueta correcta) antes y después de entrenar"),
    "train.pred.title_classify": (
        "Each sentence's class (argmax p, and p of its label) before and after training",
        "La clase de cada frase (argmax p, y p de su etiqueta) antes y después de entrenar"),
    "train.pred.title": (
        "Predictions (⟦argmax p_t⟧, and ⟦p_t⟧ of the target) before and after training",
        "Predicciones (⟦argmax p_t⟧, y ⟦p_t⟧ del objetivo) antes y después de entrenar"),
    "train.pred.right": (
        "right predictions: {before} of {n} before, {after} of {n} after",
        "predicciones acertadas: {before} de {n} antes, {after} de {n} después"),
    "train.param.title": ("Parameters before and after", "Parámetros antes y después"),
    "train.param.before": ("⟦{name}⟧ before (⟦{dims}⟧)", "⟦{name}⟧ antes (⟦{dims}⟧)"),
    "train.param.after": ("⟦{name}⟧ after (⟦{dims}⟧)", "⟦{name}⟧ después (⟦{dims}⟧)"),
    "train.param.when_before": ("before", "antes"),  # the same words, beside the name in a formula (TeX)
    "train.param.when_after": ("after", "después"),
    "train.saved": ("Saved the trained network to {file}", "Red entrenada guardada en {file}"),
    "train.compare.title": ("rnn, gru and lstm trained on: {title}", "rnn, gru y lstm entrenadas con: {title}"),
    "train.compare.same": (
        "The same sentences, options, epochs and seed for the three cells (each draws its own weights from the seed).",
        "Las mismas frases, opciones, épocas y semilla para las tres células (cada una saca sus pesos de la semilla)."),
    "train.compare.curves": ("Loss per epoch (log scale)", "Pérdida por época (escala logarítmica)"),
    "train.compare.clipped": (
        "✂ clipping acted (epochs out of {E}): {cells}",
        "✂ el recorte actuó (épocas de {E}): {cells}"),
    "train.compare.after": ("After training", "Tras el entrenamiento"),
    "train.compare.loss_first": ("loss at epoch 1", "pérdida en la época 1"),
    "train.compare.loss_final": ("final loss", "pérdida final"),
    "train.compare.right_all": ("right predictions, every step", "predicciones acertadas, todos los pasos"),
    "train.compare.key_at": ("{words} predicted at ⟦t = {t}⟧", "{words} predicho en ⟦t = {t}⟧"),
    "train.compare.key_all": ("{words}, all", "{words}, en total"),
    "train.compare.learned": (
        "Every {words} right: {cells}",
        "Todos los {words} acertados: {cells}"),
    "train.compare.missed": (
        "Not every {words} right: {cells}",
        "No todos los {words} acertados: {cells}"),
    "train.compare.acc_note": (
        "Counted on the training sentences themselves: it measures what each cell learned, not how it generalises.",
        "Contadas sobre las mismas frases de entrenamiento: mide lo que aprendió cada célula, no cómo generaliza."),
    "train.gen.help": (
        "Generate text: from the start word the network predicts ⟦p_t⟧, picks a word (argmax, or a draw from "
        "⟦softmax(y_t/T)⟧ with --temperature and --seed) and reads it at the next step; traced step by step as "
        "forward traces, each step's target being the word picked there.",
        "Genera texto: desde la palabra inicial la red predice ⟦p_t⟧, elige una palabra (argmax, o una muestra de "
        "⟦softmax(y_t/T)⟧ con --temperature y --seed) y la lee en el paso siguiente; trazado paso a paso como "
        "forward, con la palabra elegida en cada paso como su objetivo."),
    "train.gen.help.short": (
        "Generate words from a start word, traced step by step.",
        "Genera palabras desde una palabra inicial, trazado paso a paso."),
    "train.gen.help.examples": (
        "Examples:\n\n\b\n  rnntrace generate --start I --length 4\n"
        "  rnntrace generate -e ⟦perro_gru⟧ --start los --length 14\n"
        "  rnntrace generate -e ⟦perro_lstm⟧ --start el -n 8 --temperature 0.8 --seed 3",
        "Ejemplos:\n\n\b\n  rnntrace generate --start I --length 4\n"
        "  rnntrace generate -e ⟦perro_gru⟧ --start los --length 14\n"
        "  rnntrace generate -e ⟦perro_lstm⟧ --start el -n 8 --temperature 0.8 --seed 3"),
    "train.gen.opt.start": ("The first word read (from the vocabulary).", "La primera palabra leída (del vocabulario)."),
    "train.gen.opt.length": ("How many words to generate (1 to 1000).", "Cuántas palabras generar (de 1 a 1000)."),
    "train.gen.opt.temperature": (
        "Sample from ⟦softmax(y_t/T)⟧ instead of taking the argmax (⟦T > 0⟧; a small ⟦T⟧ comes close to the "
        "argmax). ⟦T = 0⟧ takes the argmax: the same output as leaving the option out.",
        "Muestrear de ⟦softmax(y_t/T)⟧ en vez de tomar el argmax (⟦T > 0⟧; una ⟦T⟧ pequeña se acerca al argmax). "
        "⟦T = 0⟧ toma el argmax: la misma salida que sin la opción."),
    "train.gen.err.temperature": (
        "--temperature {value}: the temperature must be a finite number, 0 (the argmax) or greater",
        "--temperature {value}: la temperatura debe ser un número finito, 0 (el argmax) o mayor"),
    "train.gen.err.nonfinite": (
        "⟦y_t⟧ or ⟦p_t⟧ holds inf or nan at step {t}: there is no word to pick (rnntrace forward shows where it starts)",
        "⟦y_t⟧ o ⟦p_t⟧ contiene inf o nan en el paso {t}: no hay palabra que elegir (rnntrace forward muestra dónde empieza)"),
    "train.gen.err.sentence": (
        "--sentence does not go with generate: the sentence is what it writes, from --start",
        "--sentence no va con generate: la frase es lo que escribe, desde --start"),
    "train.gen.picks.title": ("The words generated", "Las palabras generadas"),
    "train.gen.col.picked": ("picked", "elegida"),
    "train.gen.argmax": ("Each step picks ⟦argmax p_t⟧.", "Cada paso elige ⟦argmax p_t⟧."),
    "train.gen.sampled": (
        "Each step draws from ⟦softmax(y_t/{T})⟧ with seed {seed}; p is the drawn word's probability there.",
        "Cada paso saca una muestra de ⟦softmax(y_t/{T})⟧ con semilla {seed}; p es la probabilidad de la palabra sacada."),
    "train.gen.text": ("text: {text}", "texto: {text}"),
    "train.E_columns": (
        "⟦∂L/∂E⟧ reaches only the columns of the words the sentences use: the columns of {absent} get no gradient and stay as they are",
        "⟦∂L/∂E⟧ solo llega a las columnas de las palabras que usan las frases: las columnas de {absent} no reciben gradiente y se quedan como están"),
}
