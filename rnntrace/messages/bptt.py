"""Texts of ``rnntrace bptt``: help, headings, explanations, errors."""

MESSAGES = {
    # ---- help ------------------------------------------------------------------------------------
    "bptt.help": (
        "Backpropagation through time, step by step: from ⟦t = T⟧ down to 1, ⟦∂L/∂y_t⟧, ⟦∂L/∂h_t⟧ (from the "
        "output and from step ⟦t+1⟧), every gate, every weight's contribution as an outer product with its "
        "shapes; the Jacobian ledger ⟦J^(i) = ∂h^(i)/∂h^(i−1)⟧, the products ⟦∂h^(T)/∂h^(k)⟧ with their norms "
        "on a log chart, the Pascanu bound, the lecture's sum term by term, and a finite-difference check "
        "of every gradient.",
        "Backpropagation through time, paso a paso: de ⟦t = T⟧ a 1, ⟦∂L/∂y_t⟧, ⟦∂L/∂h_t⟧ (desde la salida y "
        "desde el paso ⟦t+1⟧), cada compuerta, la contribución de cada peso como producto exterior con sus "
        "dimensiones; la tabla de jacobianos ⟦J^(i) = ∂h^(i)/∂h^(i−1)⟧, los productos ⟦∂h^(T)/∂h^(k)⟧ con sus "
        "normas en un gráfico logarítmico, la cota de Pascanu, la suma de la clase término a término y una "
        "comprobación por diferencias finitas de cada gradiente."),
    "bptt.help.short": (
        "Backpropagation through time, with vanishing and exploding gradients made visible.",
        "Backpropagation through time, con el desvanecimiento y la explosión de gradientes a la vista."),
    "bptt.help.examples": (
        "Examples:\n\n\b\n  rnntrace bptt                          the lecture's example, backwards\n"
        "  rnntrace bptt --scale 0.5              ⟦W_hh⟧ halved: it vanishes faster\n"
        "  rnntrace bptt --scale 3 --activation relu    and now it explodes\n"
        "  rnntrace bptt --cell lstm --at 3       the LSTM; the lecture's sum for ⟦L^(3)⟧\n"
        "  rnntrace bptt --compare --steps 50     rnn, gru and lstm side by side\n"
        "  rnntrace bptt --steps 10000            a long sentence: the summary view\n"
        "  rnntrace bptt --format json            every number as JSON",
        "Ejemplos:\n\n\b\n  rnntrace bptt                          el ejemplo de la clase, hacia atrás\n"
        "  rnntrace bptt --scale 0.5              ⟦W_hh⟧ a la mitad: se desvanece antes\n"
        "  rnntrace bptt --scale 3 --activation relu    y ahora explota\n"
        "  rnntrace bptt --cell lstm --at 3       la LSTM; la suma de la clase, ⟦L^(3)⟧\n"
        "  rnntrace bptt --compare --steps 50     rnn, gru y lstm lado a lado\n"
        "  rnntrace bptt --steps 10000            una frase larga: la vista resumida\n"
        "  rnntrace bptt --format json            todos los números en JSON"),
    "bptt.opt.at": (
        "The step t whose loss ⟦L^(t)⟧ is followed through the lecture's sum, term by term (1..T; default: the last step with a target).",
        "El paso t cuya pérdida ⟦L^(t)⟧ se sigue en la suma de la clase, término a término (1..T; por defecto: el último paso con objetivo)."),
    "bptt.opt.scale": (
        "Multiply the recurrent matrices (⟦W_hh⟧; every ⟦W_h·⟧ but ⟦W_hy⟧ in a gated cell) by this number: 0.5 makes gradients vanish faster, 3 lets them explode.",
        "Multiplica las matrices recurrentes (⟦W_hh⟧; todas las ⟦W_h·⟧ salvo ⟦W_hy⟧ en una célula con compuertas) por este número: 0.5 acelera el desvanecimiento, 3 permite la explosión."),
    "bptt.opt.activation": (
        "The Elman cell's activation: tanh (default), sigmoid or relu. Gated cells keep their own.",
        "La activación de la célula de Elman: tanh (por defecto), sigmoid o relu. Las células con compuertas mantienen las suyas."),
    "bptt.opt.steps": (
        "Make the sentence ⟦T⟧ tokens long: the example's words, then words drawn from the seed. Above 10 tokens the view is a summary.",
        "Alarga la frase a ⟦T⟧ tokens: las palabras del ejemplo y después palabras sacadas de la semilla. Con más de 10 tokens la vista es un resumen."),
    "bptt.opt.gradcheck": (
        "Check every gradient against central finite differences (on by default up to 50 tokens).",
        "Comprueba cada gradiente con diferencias finitas centradas (activado por defecto hasta 50 tokens)."),
    "bptt.opt.compare": (
        "Draw the norm-against-distance curves of rnn, gru and lstm on the same sentence, side by side.",
        "Dibuja las curvas de norma frente a distancia de rnn, gru y lstm sobre la misma frase, lado a lado."),
    "bptt.opt.forget_bias": (
        "LSTM only: set the forget-gate bias ⟦b_f⟧ to this number for every unit (⟦b_f = 3⟧ gives ⟦f_t ≈ 0.95⟧: the memory keeps its gradient).",
        "Solo LSTM: fija el sesgo de la compuerta de olvido ⟦b_f⟧ a este número en todas las unidades (⟦b_f = 3⟧ da ⟦f_t ≈ 0.95⟧: la memoria conserva su gradiente)."),

    # ---- header --------------------------------------------------------------------------------
    "bptt.title": ("BPTT · {title}", "BPTT · {title}"),
    "bptt.subtitle": (
        "Backpropagation through time: the gradient of ⟦L⟧ with respect to every weight, going back from ⟦t = T⟧ to 1.",
        "Backpropagation through time: el gradiente de ⟦L⟧ respecto a cada peso, yendo hacia atrás de ⟦t = T⟧ a 1."),
    "bptt.sentence": ("sentence ⟦(T = {T})⟧: {words}", "frase ⟦(T = {T})⟧: {words}"),
    "bptt.sentence_long": (
        "sentence ⟦(T = {T})⟧: {words} … and {more} more tokens",
        "frase ⟦(T = {T})⟧: {words} … y {more} tokens más"),
    "bptt.loss_def": (
        "⟦L = Σ_t L^(t)⟧: the cross-entropy of every step with a target. The lecture writes ⟦h^(t)⟧ for ⟦h_t⟧.",
        "⟦L = Σ_t L^(t)⟧: la entropía cruzada de cada paso con objetivo. La clase escribe ⟦h^(t)⟧ por ⟦h_t⟧."),
    "bptt.equations": ("Backwards, as traced (from ⟦t = T⟧ down to 1)", "Hacia atrás, tal como se traza (de ⟦t = T⟧ a 1)"),
    "bptt.delta.rnn": ("⟦δ_t = ∂L/∂a_t⟧: the gradient at the pre-activation ⟦a_t⟧.", "⟦δ_t = ∂L/∂a_t⟧: el gradiente en la preactivación ⟦a_t⟧."),
    "bptt.delta.gated": (
        "⟦δ_{{g,t}}⟧: the gradient at gate g's pre-activation (the sum inside its ⟦σ⟧ or tanh).",
        "⟦δ_{{g,t}}⟧: el gradiente en la preactivación de la compuerta g (la suma dentro de su ⟦σ⟧ o tanh)."),
    "bptt.state.lstm": (
        "⟦s_t = (h_t, c_t)⟧: the LSTM hands two vectors to the next step, so its Jacobian is ⟦2H×2H⟧.",
        "⟦s_t = (h_t, c_t)⟧: la LSTM pasa dos vectores al paso siguiente, así que su jacobiano es ⟦2H×2H⟧."),

    # ---- forward recap ----------------------------------------------------------------------------
    "bptt.forward": ("Forward pass (rnntrace forward traces every product)", "Forward (rnntrace forward traza cada producto)"),
    "bptt.col.t": ("t", "t"),
    "bptt.col.token": ("⟦x_t⟧", "⟦x_t⟧"),
    "bptt.col.target": ("target", "objetivo"),
    "bptt.col.p_target": ("⟦p_t[target]⟧", "⟦p_t[objetivo]⟧"),
    "bptt.col.loss": ("⟦L^(t)⟧", "⟦L^(t)⟧"),
    "bptt.total": ("⟦L = Σ_t L^(t) = {loss}⟧", "⟦L = Σ_t L^(t) = {loss}⟧"),
    "bptt.no_loss": ("no step has a target, so ⟦L = 0⟧ and every gradient is 0", "ningún paso tiene objetivo, así que ⟦L = 0⟧ y todos los gradientes son 0"),

    # ---- backward steps -----------------------------------------------------------------------
    "bptt.step": ("Backward · ⟦t = {t}⟧ · “{token}” · no target", "Hacia atrás · ⟦t = {t}⟧ · “{token}” · sin objetivo"),
    "bptt.step_target": ("Backward · ⟦t = {t}⟧ · “{token}” → target “{target}”", "Hacia atrás · ⟦t = {t}⟧ · “{token}” → objetivo “{target}”"),
    "bptt.zero_last": (
        "No target at ⟦t = {t}⟧, so ⟦L⟧ has no term ⟦L^({t})⟧: ⟦∂L/∂y_t = 0⟧. And ⟦t = {t}⟧ is the last step: nothing comes back from ⟦t + 1⟧. So ⟦∂L/∂h_t = 0⟧ and this step adds nothing to any gradient.",
        "Sin objetivo en ⟦t = {t}⟧, así que ⟦L⟧ no tiene término ⟦L^({t})⟧: ⟦∂L/∂y_t = 0⟧. Y ⟦t = {t}⟧ es el último paso: nada vuelve desde ⟦t + 1⟧. Así que ⟦∂L/∂h_t = 0⟧ y este paso no suma nada a ningún gradiente."),
    "bptt.zero_mid": (
        "No target at ⟦t = {t}⟧ and nothing reaches it from ⟦t + 1⟧: ⟦∂L/∂h_t = 0⟧, so this step adds nothing to any gradient.",
        "Sin objetivo en ⟦t = {t}⟧ y nada le llega desde ⟦t + 1⟧: ⟦∂L/∂h_t = 0⟧, así que este paso no suma nada a ningún gradiente."),
    "bptt.no_target_dy": ("no target at this step: ⟦L⟧ has no term here, so ⟦∂L/∂y_t = 0⟧", "sin objetivo en este paso: ⟦L⟧ no tiene término aquí, así que ⟦∂L/∂y_t = 0⟧"),
    "bptt.why.dy": (
        "Why: ⟦L^(t) = −log p_t[target]⟧ with ⟦p_t = softmax(y_t)⟧; differentiating through both gives ⟦p_t − onehot(target)⟧: each word's probability, minus 1 at the word that should come next.",
        "Por qué: ⟦L^(t) = −log p_t[objetivo]⟧ con ⟦p_t = softmax(y_t)⟧; derivando a través de ambas queda ⟦p_t − onehot(objetivo)⟧: la probabilidad de cada palabra, menos 1 en la palabra que debería venir."),
    "bptt.why.dh": (
        "⟦h_t⟧ is used twice, by the output ⟦y_t⟧ and by step ⟦t + 1⟧, so ⟦∂L/∂h_t⟧ is the sum of both parts.",
        "⟦h_t⟧ se usa dos veces, en la salida ⟦y_t⟧ y en el paso ⟦t + 1⟧, así que ⟦∂L/∂h_t⟧ es la suma de ambas partes."),
    "bptt.why.dh_last": (
        "At ⟦t = T⟧ only the output uses ⟦h_t⟧: nothing comes back from a step ⟦T + 1⟧.",
        "En ⟦t = T⟧ solo la salida usa ⟦h_t⟧: nada vuelve de un paso ⟦T + 1⟧."),
    "bptt.why.back.row": (
        "↩ passed back to step ⟦t − 1⟧: it is ⟦∂L/∂h_t·J_t⟧, with the Jacobian ⟦J_t = ∂h_t/∂h_{{t−1}}⟧ of the ledger below.",
        "↩ se pasa al paso ⟦t − 1⟧: es ⟦∂L/∂h_t·J_t⟧, con el jacobiano ⟦J_t = ∂h_t/∂h_{{t−1}}⟧ de la tabla de jacobianos de abajo."),
    "bptt.why.back.column": (
        "↩ passed back to step ⟦t − 1⟧: it is ⟦J_tᵀ·∂L/∂h_t⟧, with the Jacobian ⟦J_t = ∂h_t/∂h_{{t−1}}⟧ of the ledger below.",
        "↩ se pasa al paso ⟦t − 1⟧: es ⟦J_tᵀ·∂L/∂h_t⟧, con el jacobiano ⟦J_t = ∂h_t/∂h_{{t−1}}⟧ de la tabla de jacobianos de abajo."),
    "bptt.why.back_lstm": (
        "↩ passed back to ⟦h_{{t−1}}⟧: the ⟦h_{{t−1}}⟧ part of what the state's Jacobian ⟦J_t⟧ (ledger below) carries back, from ⟦∂L/∂h_t⟧ and from the memory.",
        "↩ se pasa a ⟦h_{{t−1}}⟧: la parte de ⟦h_{{t−1}}⟧ de lo que el jacobiano del estado ⟦J_t⟧ (abajo) lleva hacia atrás, desde ⟦∂L/∂h_t⟧ y desde la memoria."),
    "bptt.why.memory": (
        "↩ the memory path back to ⟦c_{{t−1}}⟧: ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧ adds, so going back it multiplies by ⟦f_t⟧ alone, no weight matrix and no activation slope. The lecture: «sumar derivadas en vez de multiplicarlas».",
        "↩ el camino de la memoria hacia ⟦c_{{t−1}}⟧: ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧ suma, así que hacia atrás solo multiplica por ⟦f_t⟧, sin matriz de pesos ni pendiente de activación. La clase: «sumar derivadas en vez de multiplicarlas»."),
    "bptt.why.z": (
        "⟦∂L/∂h_t ⊙ z_t⟧ is the path through the update gate ⟦Γ_t = z_t⟧: where ⟦z_t ≈ 1⟧ the gradient passes back unchanged.",
        "⟦∂L/∂h_t ⊙ z_t⟧ es el camino a través de la compuerta de actualización ⟦Γ_t = z_t⟧: donde ⟦z_t ≈ 1⟧ el gradiente vuelve sin cambios."),
    "bptt.running": (
        "Running totals after ⟦t = {t}⟧: each gradient summed over steps {t}…{T}",
        "Totales acumulados tras ⟦t = {t}⟧: cada gradiente sumado sobre los pasos {t}…{T}"),

    # ---- gradients and the check -----------------------------------------------------------------
    "bptt.grads": ("Gradients ⟦∂L/∂θ⟧ (summed over ⟦t = 1…{T}⟧)", "Gradientes ⟦∂L/∂θ⟧ (sumados sobre ⟦t = 1…{T}⟧)"),
    "bptt.grads.implicit": (
        "⟦{names}⟧: zero biases left out of the forward sums; the gradient says how ⟦L⟧ would change if they moved.",
        "⟦{names}⟧: sesgos nulos que no aparecen en las sumas del forward; el gradiente dice cómo cambiaría ⟦L⟧ si se movieran."),
    "bptt.col.param": ("parameter", "parámetro"),
    "bptt.col.shape": ("shape", "dimensiones"),
    "bptt.col.grad_norm": ("⟦‖∂L/∂θ‖⟧", "⟦‖∂L/∂θ‖⟧"),
    "bptt.gc.title": (
        "Gradient check: central differences, {levels} steps from ⟦h = {eps}⟧, Richardson",
        "Gradiente comprobado: dif. centrales, {levels} pasos desde ⟦h = {eps}⟧, Richardson"),
    "bptt.gc.formula": (
        "⟦D_i = (L(θ + h_i·e_j) − L(θ − h_i·e_j)) / 2h_i⟧ with ⟦h_i = h/2^i⟧, for each checked entry j; Richardson's tableau cancels the ⟦h²⟧, ⟦h⁴⟧, … terms, and ⟦ĝ_j⟧ is its entry with the smallest error estimate (Ridders). Per parameter the relative error ⟦‖g − ĝ‖ / max(‖g‖, ‖ĝ‖)⟧.",
        "⟦D_i = (L(θ + h_i·e_j) − L(θ − h_i·e_j)) / 2h_i⟧ con ⟦h_i = h/2^i⟧, para cada elemento comprobado j; la tabla de Richardson cancela los términos en ⟦h²⟧, ⟦h⁴⟧, …, y ⟦ĝ_j⟧ es su entrada con la menor estimación del error (Ridders). Por parámetro el error relativo ⟦‖g − ĝ‖ / max(‖g‖, ‖ĝ‖)⟧."),
    "bptt.gc.col.entries": ("entries", "elementos"),
    "bptt.gc.col.analytic": ("⟦‖g‖⟧ backprop", "⟦‖g‖⟧ backprop"),
    "bptt.gc.col.numeric": ("⟦‖ĝ‖⟧ finite diff.", "⟦‖ĝ‖⟧ dif. finitas"),
    "bptt.gc.col.rel": ("relative error", "error relativo"),
    "bptt.gc.sampled_of": ("{k} of {n}", "{k} de {n}"),
    "bptt.gc.sampled": (
        "Sampled, {k} entries of each, drawn at random (up to half among those whose g is not 0): {names}. Their norms are over the entries checked.",
        "Muestra de {k} elementos de cada uno, sorteados (hasta la mitad entre los que tienen g distinto de 0): {names}. Sus normas son sobre los elementos comprobados."),
    "bptt.gc.ok": (
        "✓ every relative error is below 1e-6 (the largest: {max}): every gradient above is confirmed.",
        "✓ todos los errores relativos están por debajo de 1e-6 (el mayor: {max}): todos los gradientes de arriba quedan confirmados."),
    "bptt.gc.resolution": (
        "≈ {name}: ⟦‖g‖ = {norm}⟧ is too small to check to 1e-6 relative; ⟦‖g − ĝ‖ = {err}⟧ is within what finite differences can resolve here, ±{res} (⟦L⟧ is exact only to rounding, and the differences divide that by the step).",
        "≈ {name}: ⟦‖g‖ = {norm}⟧ es demasiado pequeño para comprobarlo a 1e-6 relativo; ⟦‖g − ĝ‖ = {err}⟧ está dentro de lo que las diferencias finitas pueden resolver aquí, ±{res} (⟦L⟧ solo es exacta hasta el redondeo, y las diferencias lo dividen por el paso)."),
    "bptt.gc.not_checked": (
        "— {name}: not checked, below the resolution: ⟦‖g‖ = {norm}⟧ and ⟦‖ĝ‖ = {num}⟧ are both within ±{res}, what finite differences can resolve here, so neither can be told from 0.",
        "— {name}: sin comprobar, por debajo de la resolución: ⟦‖g‖ = {norm}⟧ y ⟦‖ĝ‖ = {num}⟧ están ambos dentro de ±{res}, lo que las diferencias finitas pueden resolver aquí, así que ninguno se distingue de 0."),
    "bptt.gc.ok_resolution": (
        "✓ every gradient agrees with its finite differences: to 1e-6 relative (✓), or within their rounding (≈).",
        "✓ todos los gradientes coinciden con sus diferencias finitas: a 1e-6 relativo (✓) o dentro de su redondeo (≈)."),
    "bptt.gc.ok_partial": (
        "✓ every gradient finite differences can resolve agrees with them (✓ to 1e-6 relative, ≈ within their rounding); those marked — are not confirmed.",
        "✓ todos los gradientes que las diferencias finitas pueden resolver coinciden con ellas (✓ a 1e-6 relativo, ≈ dentro de su redondeo); los marcados con — no quedan confirmados."),
    "bptt.gc.bad": (
        "✗ relative error above 1e-6, and more than finite differences' rounding, for: {names}",
        "✗ error relativo por encima de 1e-6, y mayor que el redondeo de las diferencias finitas, en: {names}"),
    "bptt.gc.nonfinite": (
        "The loss is inf or nan here, so differences of it say nothing: the check cannot confirm these numbers.",
        "La pérdida es inf o nan aquí, así que sus diferencias no dicen nada: la comprobación no puede confirmar estos números."),
    "bptt.gc.relu": (
        "relu has a kink at 0: where a pre-activation lies within a step h of 0, the finite difference straddles the kink and disagrees with the one-sided derivative.",
        "relu tiene una esquina en 0: donde una preactivación está a menos de un paso h de 0, la diferencia finita cruza la esquina y no coincide con la derivada lateral."),
    "bptt.gc.off_cost": (
        "Gradient check off: for these sizes it takes about {cost} multiply-adds, more than the {budget} done by default; --gradcheck runs it when it needs at most {forced}.",
        "Comprobación del gradiente desactivada: con estos tamaños lleva unas {cost} multiplicaciones-sumas, más de las {budget} que se hacen por defecto; --gradcheck la hace si necesita como mucho {forced}."),
    "bptt.gc.off": (
        "Gradient check off: by default it runs up to {max} tokens; --gradcheck runs it anyway.",
        "Comprobación del gradiente desactivada: por defecto se hace hasta {max} tokens; --gradcheck la hace igualmente."),

    # ---- the ledger ---------------------------------------------------------------------------------
    "bptt.jac.title": ("Jacobians ⟦J^(i) = ∂h^(i)/∂h^(i−1)⟧, ⟦i = 1…{T}⟧", "Jacobianos ⟦J^(i) = ∂h^(i)/∂h^(i−1)⟧, ⟦i = 1…{T}⟧"),
    "bptt.jac.title_lstm": (
        "Jacobians ⟦J^(i) = ∂s^(i)/∂s^(i−1)⟧, ⟦s = (h, c)⟧, ⟦i = 1…{T}⟧",
        "Jacobianos ⟦J^(i) = ∂s^(i)/∂s^(i−1)⟧, ⟦s = (h, c)⟧, ⟦i = 1…{T}⟧"),
    "bptt.jac.layout": (
        "entry ⟦(a, b) = ∂h^(i)[a]/∂h^(i−1)[b]⟧",
        "elemento ⟦(a, b) = ∂h^(i)[a]/∂h^(i−1)[b]⟧"),
    "bptt.jac.layout_lstm": ("entry ⟦(a, b) = ∂s^(i)[a]/∂s^(i−1)[b]⟧", "elemento ⟦(a, b) = ∂s^(i)[a]/∂s^(i−1)[b]⟧"),
    "bptt.jac.lstm_blocks": (
        'rows and columns 1…{H}: h, {H1}…{S}: c; the lower right block, ⟦diag(f^(i))⟧, is the memory path.',
        'filas y columnas 1…{H}: h, {H1}…{S}: c; el bloque inferior derecho, ⟦diag(f^(i))⟧, es el camino de la memoria.'),
    "bptt.jac.gru_direct": (
        "⟦diag(z^(i))⟧ is the path through the update gate; the other terms go through z, r and ⟦h̃⟧.",
        "⟦diag(z^(i))⟧ es el camino a través de la compuerta de actualización; los demás términos pasan por z, r y ⟦h̃⟧."),
    "bptt.jac.label": ("⟦J^({i})⟧  ⟦‖·‖₂ = {norm}⟧", "⟦J^({i})⟧  ⟦‖·‖₂ = {norm}⟧"),
    "bptt.jac.omitted": (
        "(⟦J^({first}) … J^({last})⟧ and their products are in --format json; the chart below has every distance.)",
        "(⟦J^({first}) … J^({last})⟧ y sus productos están en --format json; el gráfico de abajo tiene todas las distancias.)"),
    "bptt.prod.title": (
        "Products ⟦∂h^({T})/∂h^(k) = J^({T})·…·J^(k+1)⟧, the later step on the left, ⟦k = {last}…0⟧",
        "Productos ⟦∂h^({T})/∂h^(k) = J^({T})·…·J^(k+1)⟧, el posterior primero, ⟦k = {last}…0⟧"),
    "bptt.prod.title_lstm": (
        "Products ⟦∂s^({T})/∂s^(k) = J^({T})·…·J^(k+1)⟧, the later step on the left, ⟦k = {last}…0⟧",
        "Productos ⟦∂s^({T})/∂s^(k) = J^({T})·…·J^(k+1)⟧, el posterior primero, ⟦k = {last}…0⟧"),
    "bptt.slide.order": (
        "The slide's ⟦∂h(2)/∂h(1)·∂h(3)/∂h(2)⟧ is the denominator layout's order: here ⟦J^({a})·J^({T})⟧ has ⟦‖·‖₂ = {wrong}⟧, not ⟦∂h^({T})/∂h^({k})⟧'s {right}.",
        "El ⟦∂h(2)/∂h(1)·∂h(3)/∂h(2)⟧ de la transparencia sigue la disposición denominador: aquí ⟦J^({a})·J^({T})⟧ da ⟦‖·‖₂ = {wrong}⟧, no el {right} de ⟦∂h^({T})/∂h^({k})⟧."),
    "bptt.slide.derivative": (
        "The slide's «la derivada será ⟦W_hh⟧» is a simplification: the derivative is ⟦{formula}⟧.",
        "El «la derivada será ⟦W_hh⟧» de la transparencia es una simplificación: la derivada es ⟦{formula}⟧."),
    "bptt.slide.slope": (
        "The activation's slope scales each row, by {lo} to {hi} on this trace.",
        "La pendiente de la activación escala cada fila, entre {lo} y {hi} en esta traza."),
    "bptt.slide.slope_one": (
        "Every slope is 1 on this trace, so only {W} is left.",
        "Todas las pendientes valen 1 en esta traza, así que solo queda {W}."),
    "bptt.slide.transposed": (
        "And with row vectors ⟦(x_t·W) W_hh⟧ enters transposed.",
        "Y con vectores fila ⟦(x_t·W) W_hh⟧ entra traspuesta."),
    "bptt.prod.label": ("⟦k = {k}⟧  ⟦‖·‖₂ = {norm}⟧", "⟦k = {k}⟧  ⟦‖·‖₂ = {norm}⟧"),
    "bptt.chart.title": (
        "⟦‖∂h^({T})/∂h^(k)‖₂⟧ against the distance ⟦T − k⟧, log scale",
        "⟦‖∂h^({T})/∂h^(k)‖₂⟧ frente a la distancia ⟦T − k⟧, escala logarítmica"),
    "bptt.chart.title_lstm": (
        "⟦‖∂s^({T})/∂s^(k)‖₂⟧ against the distance ⟦T − k⟧, log scale",
        "⟦‖∂s^({T})/∂s^(k)‖₂⟧ frente a la distancia ⟦T − k⟧, escala logarítmica"),
    "bptt.chart.sampled": (
        "{n} of the {T} distances shown, evenly spaced; every one is in --format json.",
        "Se muestran {n} de las {T} distancias, espaciadas por igual; todas están en --format json."),
    "bptt.chart.norm": ("norm", "norma"),
    "bptt.chart.bound": ("bound", "cota"),
    "bptt.chart.bound_mark": (
        '│ = bound.',
        '│ = cota.'),
    "bptt.chart.zero": ("0 (exact)", "0 (exacto)"),
    "bptt.chart.memory": ("memory ⟦‖∂c^({T})/∂c^(k)‖⟧", "memoria ⟦‖∂c^({T})/∂c^(k)‖⟧"),
    "bptt.figures": ("Key figures", "Cifras clave"),
    "bptt.fig.first": ('⟦‖∂{s}^({T})/∂{s}^({k})‖₂⟧ (distance 1)', '⟦‖∂{s}^({T})/∂{s}^({k})‖₂⟧ (distancia 1)'),
    "bptt.fig.last": ('⟦‖∂{s}^({T})/∂{s}^(0)‖₂⟧ (distance {T})', '⟦‖∂{s}^({T})/∂{s}^(0)‖₂⟧ (distancia {T})'),
    "bptt.fig.rate": ("average factor per step", "factor medio por paso"),
    "bptt.fig.jmax": ("largest ⟦‖J^(i)‖₂⟧ (at ⟦i = {i}⟧)", "mayor ⟦‖J^(i)‖₂⟧ (en ⟦i = {i}⟧)"),
    "bptt.fig.jmin": ("smallest ⟦‖J^(i)‖₂⟧ (at ⟦i = {i}⟧)", "menor ⟦‖J^(i)‖₂⟧ (en ⟦i = {i}⟧)"),
    "bptt.fig.loss": ("⟦L = Σ_t L^(t)⟧", "⟦L = Σ_t L^(t)⟧"),
    "bptt.fig.grad": ("largest ⟦‖∂L/∂θ‖⟧ ({name})", "mayor ⟦‖∂L/∂θ‖⟧ ({name})"),
    "bptt.geometric": (
        '⟦× {factor}⟧ per step: geometric decay, a straight line on a log scale.',
        '⟦× {factor}⟧ por paso: caída geométrica, una recta en escala logarítmica.'),
    "bptt.geometric_up": (
        '⟦× {factor}⟧ per step: geometric growth, a straight line on a log scale.',
        '⟦× {factor}⟧ por paso: crecimiento geométrico, una recta en escala logarítmica.'),
    "bptt.survives": (
        "The gradient survives the gap: from ⟦k = {k1}⟧ back to ⟦k = 1⟧ (“{last}” back to “{first}”), ⟦‖∂{s}^({T})/∂{s}^(k)‖⟧ stays between 1, its size at ⟦k = {T}⟧, and 10 (smallest {min} at ⟦k = {kmin}⟧, largest {max} at ⟦k = {kmax}⟧): it neither vanishes nor explodes on the way back.",
        "El gradiente sobrevive a la distancia: desde ⟦k = {k1}⟧ hasta ⟦k = 1⟧ (de «{last}» a «{first}»), ⟦‖∂{s}^({T})/∂{s}^(k)‖⟧ se queda entre 1, su tamaño en ⟦k = {T}⟧, y 10 (el menor {min} en ⟦k = {kmin}⟧, el mayor {max} en ⟦k = {kmax}⟧): ni se desvanece ni explota en el camino de vuelta."),
    "bptt.uneven": (
        "⟦× {factor}⟧ per step on average, but not steadily: the Jacobians differ a lot from step to step.",
        "⟦× {factor}⟧ por paso de media, pero no de forma regular: los jacobianos cambian mucho de un paso a otro."),
    "bptt.bound.title": (
        "The bound ⟦‖∂h^(t)/∂h^(k)‖ ≤ (γ·σ_max)^(t−k)⟧ (Pascanu, Mikolov & Bengio, 2013)",
        "La cota ⟦‖∂h^(t)/∂h^(k)‖ ≤ (γ·σ_max)^(t−k)⟧ (Pascanu, Mikolov y Bengio, 2013)"),
    "bptt.bound.values": (
        '⟦σ_max(W_hh) = {sigma}⟧{scaled}, ⟦γ = {gamma}⟧ (max ⟦|{act}′|⟧), ⟦γ·σ_max = {rate}⟧{ge}',
        '⟦σ_max(W_hh) = {sigma}⟧{scaled}, ⟦γ = {gamma}⟧ (máx ⟦|{act}′|⟧), ⟦γ·σ_max = {rate}⟧{ge}'),
    "bptt.bound.ge": (" ⟦≥⟧ every ⟦‖J^(i)‖⟧", " ⟦≥⟧ cada ⟦‖J^(i)‖⟧"),
    "bptt.bound.scaled": (
        ' (⟦W_hh⟧ after --scale {s})',
        ' (⟦W_hh⟧ tras --scale {s})'),
    "bptt.bound.holds": (
        "✓ it holds on this trace, at every distance and for every ⟦J^(i)⟧.",
        "✓ se cumple en esta traza, a cada distancia y para cada ⟦J^(i)⟧."),
    "bptt.bound.fails": (
        "✗ it fails on this trace (only inf or nan can do that): see the warnings.",
        "✗ no se cumple en esta traza (solo inf o nan pueden causarlo): mira los avisos."),
    "bptt.bound.vanishing": (
        '⟦γ·σ_max < 1⟧, the vanishing regime: the bound goes to 0 geometrically with ⟦T − k⟧.',
        '⟦γ·σ_max < 1⟧, régimen de desvanecimiento: la cota cae geométricamente con ⟦T − k⟧.'),
    "bptt.bound.could_explode": (
        "⟦γ·σ_max ≥ 1⟧: the bound allows the products to grow (it is necessary for exploding gradients, not sufficient).",
        "⟦γ·σ_max ≥ 1⟧: la cota permite que los productos crezcan (es necesario para la explosión de gradientes, no suficiente)."),
    "bptt.bound.exploding": (
        "And they do: ⟦‖∂h^({T})/∂h^(0)‖ = {norm}⟧.",
        "Y crecen: ⟦‖∂h^({T})/∂h^(0)‖ = {norm}⟧."),
    "bptt.bound.dominate": (
        "Exploding gradients: in the lecture's sum for ⟦L^({t})⟧ below, the steps at distance {dist} give {far}, against {near} from ⟦k = {t}⟧ itself: the distant steps dominate.",
        "Explosión de gradientes: en la suma de la clase para ⟦L^({t})⟧, abajo, los pasos a distancia {dist} aportan {far}, frente al {near} de ⟦k = {t}⟧: dominan los pasos lejanos."),
    "bptt.bound.nearest": (
        "Still, in the lecture's sum for ⟦L^({t})⟧ below, the nearest step, ⟦k = {t}⟧, gives the largest share ({near}): growing products alone do not make the distant steps dominate.",
        "Aun así, en la suma de la clase para ⟦L^({t})⟧, abajo, el paso más cercano, ⟦k = {t}⟧, aporta la mayor proporción ({near}): que los productos crezcan no basta para que dominen los pasos lejanos."),
    "bptt.bound.saturated": (
        "Here they shrink all the same: ⟦h_t⟧ saturates (mean ⟦f′(a_t) = {slope}⟧, against ⟦γ = {gamma}⟧), and a saturated unit passes almost nothing back. Try --activation relu, which does not saturate.",
        "Aquí se encogen igualmente: ⟦h_t⟧ se satura (⟦f′(a_t)⟧ medio ⟦= {slope}⟧, frente a ⟦γ = {gamma}⟧) y una unidad saturada apenas deja pasar nada hacia atrás. Prueba --activation relu, que no se satura."),
    "bptt.bound.off": (
        "Here they shrink all the same: ⟦relu′ = 0⟧ wherever ⟦a_t ≤ 0⟧ (mean ⟦f′(a_t) = {slope}⟧, the share of units that are on), and a unit that is off passes nothing back.",
        "Aquí se encogen igualmente: ⟦relu′ = 0⟧ allí donde ⟦a_t ≤ 0⟧ (⟦f′(a_t)⟧ medio ⟦= {slope}⟧, la proporción de unidades activas) y una unidad apagada no deja pasar nada hacia atrás."),
    "bptt.bound.ceiling": (
        "Here they shrink all the same: the bound is only a ceiling, reached only if every slope ⟦f′(a_t)⟧ were ⟦γ = {gamma}⟧ (their mean here: {slope}) and the ⟦J^(i)⟧ lined up.",
        "Aquí se encogen igualmente: la cota es solo un techo, al que solo se llegaría si cada pendiente ⟦f′(a_t)⟧ valiera ⟦γ = {gamma}⟧ (su media aquí: {slope}) y los ⟦J^(i)⟧ se alinearan."),
    "bptt.bound.gated": (
        "The bound is for the Elman cell: a gated cell's Jacobian is not ⟦diag(f′)·W_hhᵀ⟧ (see its formula above), so it does not apply as stated.",
        "La cota es para la célula de Elman: el jacobiano de una célula con compuertas no es ⟦diag(f′)·W_hhᵀ⟧ (mira su fórmula arriba), así que no se aplica tal cual."),

    # ---- gated paths -----------------------------------------------------------------------------------
    "bptt.paths.gru": (
        "The path through ⟦z_t⟧: mean ⟦z_t = {mean}⟧. ⟦‖diag(z^(i))‖⟧ against the whole ⟦‖J^(i)‖⟧:",
        "El camino a través de ⟦z_t⟧: ⟦z_t⟧ medio ⟦= {mean}⟧. ⟦‖diag(z^(i))‖⟧ frente a todo ⟦‖J^(i)‖⟧:"),
    "bptt.paths.lstm": (
        "The cell-state path beside the hidden path: mean ⟦f_t = {mean}⟧. ⟦∂c^(i)/∂c^(i−1)⟧ is ⟦diag(f^(i))⟧; through ⟦h^(i−1)⟧ it gains the indirect term ⟦∂c^(i)/∂h^(i−1)·∂h^(i−1)/∂c^(i−1)⟧:",
        "El camino del estado de la celda junto al camino oculto: ⟦f_t⟧ medio ⟦= {mean}⟧. ⟦∂c^(i)/∂c^(i−1)⟧ es ⟦diag(f^(i))⟧; a través de ⟦h^(i−1)⟧ gana el término indirecto ⟦∂c^(i)/∂h^(i−1)·∂h^(i−1)/∂c^(i−1)⟧:"),
    "bptt.paths.col.direct_z": ("⟦‖diag(z^(i))‖⟧", "⟦‖diag(z^(i))‖⟧"),
    "bptt.paths.col.total_gru": ("⟦‖J^(i)‖⟧", "⟦‖J^(i)‖⟧"),
    "bptt.paths.col.direct_f": ("⟦‖diag(f^(i))‖⟧", "⟦‖diag(f^(i))‖⟧"),
    "bptt.paths.col.total_lstm": ("⟦‖dc^(i)/dc^(i−1)‖⟧ with indirect", "⟦‖dc^(i)/dc^(i−1)‖⟧ con indirecto"),
    "bptt.paths.col.hidden": ("⟦‖∂h^(i)/∂h^(i−1)‖⟧", "⟦‖∂h^(i)/∂h^(i−1)‖⟧"),

    # ---- the lecture's sum ----------------------------------------------------------------------------
    "bptt.sum.title": (
        "The lecture's sum for ⟦L^({t})⟧, term by term",
        "La suma de la clase para ⟦L^({t})⟧, término a término"),
    "bptt.sum.formula": (
        "⟦∂L^({t})/∂W = ∂L^({t})/∂y^({t})·∂y^({t})/∂h^({t})·Σ_(k=1…{t}) (∂h^({t})/∂h^(k))·∂h^(k)/∂W⟧",
        "⟦∂L^({t})/∂W = ∂L^({t})/∂y^({t})·∂y^({t})/∂h^({t})·Σ_(k=1…{t}) (∂h^({t})/∂h^(k))·∂h^(k)/∂W⟧"),
    "bptt.sum.weights": (
        "⟦W = {names}⟧; ⟦term_k⟧, step k's part of ⟦∂L^({t})/∂W⟧, in Frobenius norm; share ⟦= ‖term_k‖ / Σ_j ‖term_j‖⟧:",
        "⟦W = {names}⟧; ⟦term_k⟧, la parte del paso k en ⟦∂L^({t})/∂W⟧, en norma de Frobenius; proporción ⟦= ‖term_k‖ / Σ_j ‖term_j‖⟧:"),
    "bptt.sum.col.k": ("k", "k"),
    "bptt.sum.col.dist": ("⟦t−k⟧", "⟦t−k⟧"),
    "bptt.sum.col.prod": ("⟦‖∂h^(t)/∂h^(k)‖⟧", "⟦‖∂h^(t)/∂h^(k)‖⟧"),
    "bptt.sum.col.prod_lstm": ("⟦‖∂s^(t)/∂s^(k)‖⟧", "⟦‖∂s^(t)/∂s^(k)‖⟧"),
    "bptt.sum.col.term": ("⟦‖term_k‖⟧", "⟦‖term_k‖⟧"),
    "bptt.sum.col.share": ("share", "proporción"),
    "bptt.sum.h0": (
        "⟦k = 1⟧: ⟦h^(0) = 0⟧, so step 1 adds nothing to the recurrent weights' gradient.",
        "⟦k = 1⟧: ⟦h^(0) = 0⟧: el paso 1 no suma nada al gradiente de los pesos recurrentes."),
    "bptt.sum.verdict": (
        '⟦k = {t}⟧: {near} of the sum; steps at distance {dist}: only {far}. Distant terms vanish.',
        '⟦k = {t}⟧: {near} de la suma; a distancia {dist}: solo {far}. Los lejanos se desvanecen.'),
    "bptt.sum.verdict_near": (
        '⟦k = {t}⟧: {near} of the sum; steps at distance {dist}: {far}. The nearer steps weigh more.',
        '⟦k = {t}⟧: {near} de la suma; pasos a distancia {dist}: {far}. Los cercanos pesan más.'),
    "bptt.sum.verdict_far": (
        'The distant terms do not vanish here: steps at distance {dist} give {far} of the sum.',
        'Aquí los términos lejanos no se desvanecen: los pasos a distancia {dist} aportan {far} de la suma.'),
    "bptt.sum.verdict_h0": (
        'Only ⟦k = 1⟧ is at distance ⟦≥ {d}⟧, and its term is 0 because ⟦h^(0) = 0⟧, not because it vanished: ⟦L^({t})⟧ is too close to the start to show whether distant terms vanish.',
        'Solo ⟦k = 1⟧ está a distancia ⟦≥ {d}⟧, y su término es 0 porque ⟦h^(0) = 0⟧, no porque se desvanezca: ⟦L^({t})⟧ está demasiado cerca del principio para mostrar si los términos lejanos se desvanecen.'),
    "bptt.sum.total": ("⟦Σ_k term_k = ∂L^({t})/∂W_hh⟧", "⟦Σ_k term_k = ∂L^({t})/∂W_hh⟧"),

    # ---- inf and nan ------------------------------------------------------------------------------------
    "bptt.nonfinite.forward": (
        "⚠ the forward pass holds inf or nan from ⟦t = {t}⟧ on ({names}): a number left float64's range (⟦|x| > 1.8e308⟧). tanh and ⟦σ⟧ saturate at ±inf, but relu passes inf on, and ⟦inf − inf⟧ or ⟦0·inf⟧ is nan, which then spreads to everything computed from it.",
        "⚠ el forward contiene inf o nan desde ⟦t = {t}⟧ ({names}): un número salió del rango de float64 (⟦|x| > 1.8e308⟧). tanh y ⟦σ⟧ se saturan en ±inf, pero relu deja pasar inf, e ⟦inf − inf⟧ o ⟦0·inf⟧ es nan, que se propaga a todo lo que se calcula a partir de él."),
    "bptt.nonfinite.grads": (
        "⚠ gradients hold inf or nan ({names}): going back, the products of Jacobians overflowed float64. The norms below are carried as logarithms, so they stay exact; the gradients themselves are float64 and cannot.",
        "⚠ los gradientes contienen inf o nan ({names}): hacia atrás, los productos de jacobianos desbordaron float64. Las normas de abajo se llevan como logaritmos y siguen siendo exactas; los gradientes son float64 y no pueden."),
    "bptt.nonfinite.grads_forward": (
        "⚠ gradients hold inf or nan ({names}): they are computed from the forward values, which already do. The norms below are carried as logarithms and stay exact wherever the Jacobians are finite.",
        "⚠ los gradientes contienen inf o nan ({names}): se calculan a partir de los valores del forward, que ya los contienen. Las normas de abajo se llevan como logaritmos y siguen siendo exactas allí donde los jacobianos son finitos."),
    "bptt.nonfinite.norms": (
        "⚠ nan norms: a Jacobian holds inf or nan (from ⟦t = {t}⟧), and nothing can be said about the products through it.",
        "⚠ normas nan: un jacobiano contiene inf o nan (desde ⟦t = {t}⟧), y de los productos que pasan por él no se puede decir nada."),

    # ---- compare ----------------------------------------------------------------------------------------
    "bptt.cmp.title": (
        "rnn, gru and lstm on the same sentence",
        "rnn, gru y lstm sobre la misma frase"),
    "bptt.cmp.state": (
        "⟦‖∂s^(T)/∂s^(k)‖₂⟧ against the distance ⟦T − k⟧, on one log scale for the three cells; ⟦s = h⟧ for rnn and gru, ⟦s = (h, c)⟧ for lstm.",
        "⟦‖∂s^(T)/∂s^(k)‖₂⟧ frente a la distancia ⟦T − k⟧, en una misma escala logarítmica para las tres células; ⟦s = h⟧ para rnn y gru, ⟦s = (h, c)⟧ para lstm."),
    "bptt.cmp.line": (
        "{cell}: ⟦‖∂s^({T})/∂s^(0)‖ = {end}⟧, ⟦× {factor}⟧ per step on average{extra}",
        "{cell}: ⟦‖∂s^({T})/∂s^(0)‖ = {end}⟧, ⟦× {factor}⟧ por paso de media{extra}"),
    "bptt.cmp.gate_z": ("; mean ⟦z_t = {mean}⟧", "; ⟦z_t⟧ medio ⟦= {mean}⟧"),
    "bptt.cmp.gate_f": ("; mean ⟦f_t = {mean}⟧", "; ⟦f_t⟧ medio ⟦= {mean}⟧"),
    "bptt.cmp.gate_f_bias": ("; mean ⟦f_t = {mean}⟧ with ⟦b_f = {bf}⟧ (--forget-bias)", "; ⟦f_t⟧ medio ⟦= {mean}⟧ con ⟦b_f = {bf}⟧ (--forget-bias)"),
    "bptt.cmp.explain": (
        "The Elman cell multiplies by ⟦diag(f′)·W_hhᵀ⟧ at every step. The LSTM's memory adds, ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧, so backwards it multiplies by ⟦f_t⟧ alone; the GRU's ⟦h_t = z_t ⊙ h_{{t−1}} + (1 − z_t) ⊙ h̃_t⟧ does the same through ⟦z_t⟧. The lecture: «sumar derivadas en vez de multiplicarlas».",
        "La célula de Elman multiplica por ⟦diag(f′)·W_hhᵀ⟧ en cada paso. La memoria de la LSTM suma, ⟦c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ c̃_t⟧, así que hacia atrás solo multiplica por ⟦f_t⟧; la ⟦h_t = z_t ⊙ h_{{t−1}} + (1 − z_t) ⊙ h̃_t⟧ de la GRU hace lo mismo a través de ⟦z_t⟧. La clase: «sumar derivadas en vez de multiplicarlas»."),
    "bptt.cmp.keeps": (
        "Over {T} steps the LSTM keeps {ratio} times the Elman cell's gradient.",
        "En {T} pasos la LSTM conserva {ratio} veces el gradiente de la célula de Elman."),
    "bptt.cmp.forget": (
        "The LSTM's forget gate decides how much it keeps: ⟦f_t ≈ {mean}⟧ here (⟦b_f = {bf}⟧{untrained}), so its memory still loses part of its gradient each step; with ⟦f_t → 1⟧ it would keep all of it.",
        "La compuerta de olvido de la LSTM decide cuánto conserva: aquí ⟦f_t ≈ {mean}⟧ (⟦b_f = {bf}⟧{untrained}), así que su memoria aún pierde parte de su gradiente en cada paso; con ⟦f_t → 1⟧ lo conservaría entero."),
    "bptt.cmp.untrained": (", untrained", ", sin entrenar"),
    "bptt.cmp.forget_more": (
        "--forget-bias {b} sets ⟦b_f = {b}⟧: on this sentence that gives ⟦f_t ≈ {mean}⟧.",
        "--forget-bias {b} fija ⟦b_f = {b}⟧: en esta frase eso da ⟦f_t ≈ {mean}⟧."),
    "bptt.cmp.short": (
        "The gap grows with the distance: rnntrace bptt --compare --steps 50 shows it over 50 steps.",
        "La diferencia crece con la distancia: rnntrace bptt --compare --steps 50 la muestra en 50 pasos."),

    # ---- errors ----------------------------------------------------------------------------------------
    "bptt.err.at_no_target": (
        "--at {t}: step {t} (“{token}”) has no target, so there is no ⟦L^({t})⟧; steps with a target: {steps}",
        "--at {t}: el paso {t} (“{token}”) no tiene objetivo, así que no hay ⟦L^({t})⟧; pasos con objetivo: {steps}"),
    "bptt.err.at_no_loss": (
        "--at {t}: no step of this sentence has a target, so ⟦L⟧ has no terms to follow",
        "--at {t}: ningún paso de esta frase tiene objetivo, así que ⟦L⟧ no tiene términos que seguir"),
    "bptt.err.activation_gated": (
        "--activation {act}: the {cell} keeps its own activations (⟦σ⟧ for its gates, tanh for its candidate); --activation chooses the Elman cell's (--cell rnn)",
        "--activation {act}: la {cell} mantiene sus propias activaciones (⟦σ⟧ en sus compuertas, tanh en su candidato); --activation elige la de la célula de Elman (--cell rnn)"),
    "bptt.err.activation_unknown": (
        "--activation {value!r} is not an activation rnntrace knows{hint}; choose one of: {choices}",
        "--activation {value!r} no es una activación que rnntrace conozca{hint}; elige una de: {choices}"),
    "bptt.err.steps_memory": (
        "{where}: {T} tokens with a ⟦{S}×{S}⟧ Jacobian per step need about {need}; at most {max} tokens fit in {budget} for this cell and size",
        "{where}: {T} tokens con un jacobiano de ⟦{S}×{S}⟧ por paso necesitan unos {need}; caben como mucho {max} tokens en {budget} para esta célula y tamaño"),
    "bptt.err.gradcheck_cost": (
        "--gradcheck: checking the {cell} ⟦(V = {V}, H = {H})⟧ over {T} tokens takes about {cost} multiply-adds; at most {max} are done: shorten the sentence or shrink the sizes",
        "--gradcheck: comprobar la {cell} ⟦(V = {V}, H = {H})⟧ sobre {T} tokens lleva unas {cost} multiplicaciones-sumas; se hacen como mucho {max}: acorta la frase o reduce los tamaños"),
    "bptt.err.forget_bias_cell": (
        "--forget-bias sets the LSTM's ⟦b_f⟧, and the {cell} has no forget gate; use it with --cell lstm or --compare",
        "--forget-bias fija la ⟦b_f⟧ de la LSTM, y la {cell} no tiene compuerta de olvido; úsalo con --cell lstm o --compare"),
    "bptt.err.compare_cell": (
        "--compare traces rnn, gru and lstm together; leave out --cell",
        "--compare traza rnn, gru y lstm a la vez; quita --cell"),
    "bptt.err.compare_at": (
        "--at follows one cell's sum; --compare shows the three curves instead, so leave out one of them",
        "--at sigue la suma de una célula; --compare muestra las tres curvas en su lugar, así que quita uno de los dos"),
    "bptt.err.compare_gradcheck": (
        "--gradcheck checks one cell's gradients; run it without --compare",
        "--gradcheck comprueba los gradientes de una célula; ejecútalo sin --compare"),
}
