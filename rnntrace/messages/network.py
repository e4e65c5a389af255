"""Messages of the network path: embeddings, stacked and bidirectional layers, the tasks."""

MESSAGES = {
    "network.err.layers": (
        "{where} = {value}: a network has 1 to {max} layers",
        "{where} = {value}: una red tiene de 1 a {max} capas"),
    "network.err.E_shape": (
        "{file}: weights.E is {dims}, but ⟦x_t = onehot(w_t)·E⟧ needs ⟦E⟧ to be ⟦{V}×{d}⟧: one row per word of the {V}-word vocabulary",
        "{file}: weights.E es {dims}, pero ⟦x_t = onehot(w_t)·E⟧ necesita que ⟦E⟧ sea ⟦{V}×{d}⟧: una fila por palabra del vocabulario de {V} palabras"),
    "network.err.shape": (
        "{where} is {dims}, but this network needs it {want}",
        "{where} es {dims}, pero esta red la necesita {want}"),
    "network.err.wx_shape": (
        "{where} is {dims}, but in this network {x} is ⟦1×{n}⟧, so ⟦{x}·{name}⟧ needs {name} to be {want}",
        "{where} es {dims}, pero en esta red {x} es ⟦1×{n}⟧, así que ⟦{x}·{name}⟧ necesita que {name} sea {want}"),
    "network.err.no_labels": (
        "{file}: the task {task} needs labels, the list of classes the output chooses from",
        "{file}: la tarea {task} necesita labels, la lista de clases entre las que elige la salida"),
    "network.err.no_tags": (
        "{file}: the task tag needs tags, one label per token of the sentence",
        "{file}: la tarea tag necesita tags, una etiqueta por token de la frase"),
    "network.err.tags_len": (
        "{file}: tags has {n} entries but the sentence has {m} tokens; tag needs one label per token",
        "{file}: tags tiene {n} elementos pero la frase tiene {m} tokens; tag necesita una etiqueta por token"),
    "network.err.not_a_label": (
        "{where}: “{label}” is not one of the labels ({labels})",
        "{where}: «{label}» no es una de las etiquetas ({labels})"),
    "network.err.no_label": (
        "{file}: the task classify needs label, the class of the whole sentence",
        "{file}: la tarea classify necesita label, la clase de toda la frase"),
    "network.err.layer_table": (
        "{file}: [{key}]: the network has {n} layers, numbered 1 to {n}",
        "{file}: [{key}]: la red tiene {n} capas, numeradas de 1 a {n}"),
    "network.err.layer_table.one": (
        "{file}: [{key}]: the network has one layer, so the only table is [layer.1]",
        "{file}: [{key}]: la red tiene una capa, así que la única tabla es [layer.1]"),
    "network.err.not_bidirectional": (
        "{file}: [{key}]: the network is not bidirectional (add bidirectional = true or --bidirectional)",
        "{file}: [{key}]: la red no es bidireccional (añade bidirectional = true o --bidirectional)"),
    "network.err.twice": (
        "{file}: {name} is given twice for layer 1, in [weights] and in [{key}]",
        "{file}: {name} aparece dos veces para la capa 1, en [weights] y en [{key}]"),
    "network.err.unknown_weight": (
        "{where}: not a cell parameter; a layer's weights are {names}",
        "{where}: no es un parámetro de la celda; los pesos de una capa son {names}"),
    "network.err.at_classify": (
        "--at {t}: a classified sentence has one loss, at the end (read from the final state), not a loss ⟦L^(t)⟧ per step to choose from; run bptt without --at",
        "--at {t}: una frase clasificada tiene una sola pérdida, al final (leída del estado final), no una pérdida ⟦L^(t)⟧ por paso entre las que elegir; ejecuta bptt sin --at"),
    "network.err.steps_memory": (
        "--steps {T}: this network needs about {need} for the ledger; the limit is {budget} (at most {max} steps)",
        "--steps {T}: esta red necesita unos {need} para el registro; el límite es {budget} (como mucho {max} pasos)"),
    "network.err.gradcheck_cost": (
        "--gradcheck: the finite differences of this network would take {cost} multiply-adds, over the limit of {max}; leave the check off, or trace a smaller network",
        "--gradcheck: las diferencias finitas de esta red costarían {cost} multiplicaciones-sumas, por encima del límite de {max}; deja la comprobación desactivada o traza una red más pequeña"),
    "network.err.sentence_tag": (
        "--sentence: the example's tags label its own sentence; a tagging example cannot take another sentence",
        "--sentence: las etiquetas del ejemplo son las de su propia frase; un ejemplo de etiquetado no admite otra frase"),

    # ---- options ------------------------------------------------------------------------------------
    "network.opt.embedding": (
        "An embedding layer of d dimensions: ⟦x_t = onehot(w_t)·E⟧, row ⟦w_t⟧ of ⟦E (V×d)⟧, drawn from the seed unless the example gives weights.E.",
        "Una capa de embedding de d dimensiones: ⟦x_t = onehot(w_t)·E⟧, la fila ⟦w_t⟧ de ⟦E (V×d)⟧, sacada de la semilla salvo que el ejemplo dé weights.E."),
    "network.opt.layers": (
        "Stack ⟦N⟧ layers (1–8): layer ⟦ℓ⟧ reads layer ⟦ℓ−1⟧'s ⟦h_t⟧. Their weights: [layer.N] tables in the example, ⟦W_xh^(2)⟧ on screen.",
        "Apila ⟦N⟧ capas (1–8): la capa ⟦ℓ⟧ lee el ⟦h_t⟧ de la capa ⟦ℓ−1⟧. Sus pesos: tablas [layer.N] en el ejemplo, ⟦W_xh^(2)⟧ en pantalla."),
    "network.opt.bidirectional": (
        "Add a backward direction with its own weights, run ⟦t = T … 1⟧; the output reads ⟦[h_t^(→) ; h_t^(←)] (1×2H)⟧.",
        "Añade una dirección hacia atrás con sus propios pesos, de ⟦t = T … 1⟧; la salida lee ⟦[h_t^(→) ; h_t^(←)] (1×2H)⟧."),
    "network.opt.task": (
        "lm: the next word at every step; tag: a label per token (the example's labels and tags); classify: one label for the sentence from the final state (the example's labels and label).",
        "lm: la palabra siguiente en cada paso; tag: una etiqueta por token (labels y tags del ejemplo); classify: una etiqueta para la frase a partir del estado final (labels y label del ejemplo)."),

    # ---- the view -------------------------------------------------------------------------------------
    "network.dir.forward": ("forward →", "hacia delante →"),
    "network.dir.backward": ("backward ←", "hacia atrás ←"),
    "network.layers": ("{n} layers", "{n} capas"),
    "network.layers.one": ("{n} layer", "{n} capa"),
    "network.bidirectional": (
        "bidirectional: ⟦h_t = [h_t^(→)⟧ ; ⟦h_t^(←)]⟧, ⟦1×{H2}⟧ (two ⟦1×{H}⟧)",
        "bidireccional: ⟦h_t = [h_t^(→)⟧ ; ⟦h_t^(←)]⟧, ⟦1×{H2}⟧ (dos de ⟦1×{H}⟧)"),
    "network.embedding": ("embedding ⟦E ({V}×{d})⟧: ⟦x_t⟧ is ⟦1×{d}⟧", "embedding ⟦E ({V}×{d})⟧: ⟦x_t⟧ es ⟦1×{d}⟧"),
    "network.onehot": ("one-hot inputs: ⟦x_t⟧ is ⟦1×{V}⟧", "entradas one-hot: ⟦x_t⟧ es ⟦1×{V}⟧"),
    "network.task.lm": (
        "task lm: predict the next word at every step, ⟦L = Σ_t −log p_t[w_{{t+1}}]⟧",
        "tarea lm: predecir la palabra siguiente en cada paso, ⟦L = Σ_t −log p_t[w_{{t+1}}]⟧"),
    "network.task.tag": (
        "task tag: a label per token from {labels}; ⟦L = Σ_t −log p_t[tag_t]⟧",
        "tarea tag: una etiqueta por token entre {labels}; ⟦L = Σ_t −log p_t[tag_t]⟧"),
    "network.task.classify": (
        "task classify: one label for the sentence from {labels}, read from the final state; ⟦L = −log p[“{label}”]⟧, only at the end",
        "tarea classify: una etiqueta para la frase entre {labels}, leída del estado final; ⟦L = −log p[«{label}»]⟧, solo al final"),
    "network.names": (
        "the output layer reads {top}; a superscript names the layer and the direction ({example})",
        "la capa de salida lee {top}; un superíndice nombra la capa y la dirección ({example})"),
    "network.names_plain": ("the output layer reads {top}", "la capa de salida lee {top}"),
    "network.lookup": (
        "⟦x_t = onehot(“{token}”)·E⟧ is a look-up: row {k} of ⟦E⟧, ⟦1×{d}⟧",
        "⟦x_t = onehot(«{token}»)·E⟧ es una consulta: la fila {k} de ⟦E⟧, ⟦1×{d}⟧"),
    "network.replaced": (
        "In the example file with the one-layer network's shape, which this network cannot use, so drawn from the seed instead: {names}",
        "En el fichero del ejemplo con la forma de la red de una capa, que esta red no puede usar, así que se sacan de la semilla: {names}"),
    "network.forget_bias": (
        "⟦b_f = {b}⟧ for every unit of every layer and direction (--forget-bias): {names}",
        "⟦b_f = {b}⟧ en cada unidad de cada capa y dirección (--forget-bias): {names}"),
    "network.sum.formula": (
        "⟦L^({t})⟧ reaches a layer through the layers above it: ⟦∂L^({t})/∂h_k⟧ of each layer and direction is carried down through ⟦x_k^(ℓ+1) = h_k^(ℓ)⟧, then back along its own direction's Jacobians; ⟦term_k = (∂L^({t})/∂h_k)·∂h_k/∂W⟧, before the sum over k:",
        "⟦L^({t})⟧ llega a una capa a través de las de encima: el ⟦∂L^({t})/∂h_k⟧ de cada capa y dirección baja por ⟦x_k^(ℓ+1) = h_k^(ℓ)⟧ y luego recorre las jacobianas de su propia dirección; ⟦term_k = (∂L^({t})/∂h_k)·∂h_k/∂W⟧, antes de sumar sobre k:"),
    "network.sum.weights": (
        "⟦W = {names}⟧; ⟦term_k⟧, step k's part of ⟦∂L^({t})/∂W⟧, in Frobenius norm.",
        "⟦W = {names}⟧; ⟦term_k⟧, la parte del paso k en ⟦∂L^({t})/∂W⟧, en norma de Frobenius."),
    "network.sum.layer": ("layer {layer}: ⟦term_k⟧ of ⟦∂L^({t})/∂W⟧", "capa {layer}: ⟦term_k⟧ de ⟦∂L^({t})/∂W⟧"),
    "network.sum.run": ("layer {layer} {dir}: ⟦term_k⟧ of ⟦∂L^({t})/∂W⟧", "capa {layer} {dir}: ⟦term_k⟧ de ⟦∂L^({t})/∂W⟧"),
    "network.sum.total": (
        "⟦Σ_k term_k = ∂L^({t})/∂({names})⟧: Frobenius norm {norm}",
        "⟦Σ_k term_k = ∂L^({t})/∂({names})⟧: norma de Frobenius {norm}"),
    "network.sum.h_end": (
        "⟦k = {T}⟧ going backward: ⟦h_(T+1)^(←) = 0⟧, so that step adds nothing to the backward direction's recurrent weights' gradient.",
        "⟦k = {T}⟧ hacia atrás: ⟦h_(T+1)^(←) = 0⟧, así que ese paso no suma nada al gradiente de los pesos recurrentes de la dirección hacia atrás."),
    "network.sum.oneway": (
        "The network runs one way: only the steps ⟦k ≤ {t}⟧ reach ⟦L^({t})⟧; the later ones add exactly 0.",
        "La red va en un solo sentido: solo los pasos ⟦k ≤ {t}⟧ llegan a ⟦L^({t})⟧; los posteriores suman exactamente 0."),
    "network.sum.both": (
        "The backward direction reads the words after t, so its steps ⟦k ≥ {t}⟧ reach ⟦L^({t})⟧ too, and through it every step of the layers below.",
        "La dirección hacia atrás lee las palabras posteriores a t, así que sus pasos ⟦k ≥ {t}⟧ también llegan a ⟦L^({t})⟧, y a través de ella todos los pasos de las capas de debajo."),
    "network.cmp.cells": ("rnn, gru and lstm cells", "células rnn, gru y lstm"),
    "network.cmp.line": (
        "{cell}: ⟦‖∂s_last/∂s_0‖ = {end}⟧ over {T} steps, ⟦× {factor}⟧ per step on average",
        "{cell}: ⟦‖∂s_último/∂s_0‖ = {end}⟧ en {T} pasos, ⟦× {factor}⟧ por paso de media"),
    "network.cmp.scale": (
        "every recurrent matrix ⟦(W_h·)⟧ of every layer and direction of the three cells scaled by {s}",
        "cada matriz recurrente ⟦(W_h·)⟧ de cada capa y dirección de las tres células multiplicada por {s}"),
    "network.cmp.forget_bias": (
        "the LSTM's ⟦b_f = {b}⟧ for every unit of every layer and direction (--forget-bias)",
        "⟦b_f = {b}⟧ en la LSTM, en cada unidad de cada capa y dirección (--forget-bias)"),
    "network.embedding_title": ("Embedding", "Embedding"),
    "network.layer": ("Layer {layer}", "Capa {layer}"),
    "network.layer_step": ("layer {layer} · ⟦t = {t}⟧ · “{token}”", "capa {layer} · ⟦t = {t}⟧ · «{token}»"),
    "network.run_step": ("layer {layer} {dir} · ⟦t = {t}⟧ · “{token}”", "capa {layer} {dir} · ⟦t = {t}⟧ · «{token}»"),
    "network.output": ("Output layer", "Capa de salida"),
    "network.classifier": ("Classifier: the final state", "Clasificador: el estado final"),
    "network.class_prediction": ("prediction: ⟦argmax p⟧ = “{label}” ⟦(p = {p})⟧", "predicción: ⟦argmax p⟧ = «{label}» ⟦(p = {p})⟧"),
    "network.class_loss": ("label “{label}”: ⟦L = −log p[“{label}”] = −log {p} = {loss}⟧",
                           "etiqueta «{label}»: ⟦L = −log p[«{label}»] = −log {p} = {loss}⟧"),
    "network.class_hit": ("✓ the prediction is the label", "✓ la predicción es la etiqueta"),
    "network.class_miss": ("✗ the prediction is not the label", "✗ la predicción no es la etiqueta"),
    "network.total_classify": ("label “{label}”: ⟦L = {loss}⟧ (one loss, at the end)",
                               "etiqueta «{label}»: ⟦L = {loss}⟧ (una sola pérdida, al final)"),
    "network.back_output": ("output layer · ⟦t = {t}⟧ · “{token}”", "capa de salida · ⟦t = {t}⟧ · «{token}»"),
    "network.back_layer": ("⟦∂⟧ layer {layer} · ⟦t = {t}⟧ · “{token}”", "⟦∂⟧ capa {layer} · ⟦t = {t}⟧ · «{token}»"),
    "network.back_run": ("⟦∂⟧ layer {layer} {dir} · ⟦t = {t}⟧ · “{token}”", "⟦∂⟧ capa {layer} {dir} · ⟦t = {t}⟧ · «{token}»"),
    "network.back_embedding": ("⟦∂⟧ embedding · ⟦t = {t}⟧ · “{token}”", "⟦∂⟧ embedding · ⟦t = {t}⟧ · «{token}»"),
    "network.grad_E": (
        "⟦∂L/∂E⟧: only the rows of the words that occur receive a gradient ({words}); the others stay 0 ({absent}).",
        "⟦∂L/∂E⟧: solo las filas de las palabras que aparecen reciben gradiente ({words}); las demás quedan a 0 ({absent})."),
    "network.nonfinite.grads": (
        "⚠ gradients hold inf or nan ({names}) though every forward value is finite: a product on the way back left float64's range (⟦|x| > 1.8e308⟧), and ⟦inf − inf⟧ or ⟦0·inf⟧ is nan. The norms below are carried as logarithms.",
        "⚠ los gradientes contienen inf o nan ({names}) aunque todos los valores del forward son finitos: un producto hacia atrás salió del rango de float64 (⟦|x| > 1.8e308⟧), e ⟦inf − inf⟧ o ⟦0·inf⟧ es nan. Las normas de abajo se llevan como logaritmos."),
    "network.grad_E_all": (
        "⟦∂L/∂E⟧: a row receives a gradient only where its word occurs ⟦(∂L/∂E += onehot(w_t)ᵀ·∂L/∂x_t)⟧; here all {V} words occur.",
        "⟦∂L/∂E⟧: una fila recibe gradiente solo donde aparece su palabra ⟦(∂L/∂E += onehot(w_t)ᵀ·∂L/∂x_t)⟧; aquí aparecen las {V} palabras."),
    "network.ledger": (
        "⟦‖∂h_last/∂h_k‖₂⟧ along time, per layer and direction (log scale)",
        "⟦‖∂h_último/∂h_k‖₂⟧ a lo largo del tiempo, por capa y dirección (escala logarítmica)"),
    "network.ledger_layer": ("layer {layer}: from its last step ⟦t = {last}⟧", "capa {layer}: desde su último paso ⟦t = {last}⟧"),
    "network.ledger_run": ("layer {layer} {dir}: from its last step ⟦t = {last}⟧",
                           "capa {layer} {dir}: desde su último paso ⟦t = {last}⟧"),
    "network.lookup_column": (
        "⟦x_t = E·onehot(“{token}”)⟧ is a look-up: column {k} of ⟦E⟧, ⟦{d}×1⟧",
        "⟦x_t = E·onehot(«{token}»)⟧ es una consulta: la columna {k} de ⟦E⟧, ⟦{d}×1⟧"),
    "network.grad_E_column": (
        "⟦∂L/∂E⟧: only the columns of the words that occur receive a gradient ({words}); the others stay 0 ({absent}).",
        "⟦∂L/∂E⟧: solo las columnas de las palabras que aparecen reciben gradiente ({words}); las demás quedan a 0 ({absent})."),
    "network.grad_E_all_column": (
        "⟦∂L/∂E⟧: a column receives a gradient only where its word occurs (⟦∂L/∂E += ∂L/∂x_t·onehot(w_t)ᵀ⟧); here all {V} words occur.",
        "⟦∂L/∂E⟧: una columna recibe gradiente solo donde aparece su palabra (⟦∂L/∂E += ∂L/∂x_t·onehot(w_t)ᵀ⟧); aquí aparecen las {V} palabras."),
}
