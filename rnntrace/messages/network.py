"""Messages of the network path: embeddings, stacked and bidirectional layers, the tasks."""

MESSAGES = {
    "network.err.layers": (
        "{where} = {value}: a network has 1 to {max} layers",
        "{where} = {value}: una red tiene de 1 a {max} capas"),
    "network.err.E_shape": (
        "{file}: weights.E is {dims}, but x_t = onehot(w_t)·E needs E to be {V}×{d}: one row per word of the {V}-word vocabulary",
        "{file}: weights.E es {dims}, pero x_t = onehot(w_t)·E necesita que E sea {V}×{d}: una fila por palabra del vocabulario de {V} palabras"),
    "network.err.shape": (
        "{where} is {dims}, but this network needs it {want}",
        "{where} es {dims}, pero esta red la necesita {want}"),
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
        "{file}: [{key}]: the network has {n} layer(s), numbered 1 to {n}",
        "{file}: [{key}]: la red tiene {n} capa(s), numeradas de 1 a {n}"),
    "network.err.not_bidirectional": (
        "{file}: [{key}]: the network is not bidirectional (add bidirectional = true or --bidirectional)",
        "{file}: [{key}]: la red no es bidireccional (añade bidirectional = true o --bidirectional)"),
    "network.err.twice": (
        "{file}: {name} is given twice for layer 1, in [weights] and in [{key}]",
        "{file}: {name} aparece dos veces para la capa 1, en [weights] y en [{key}]"),
    "network.err.unknown_weight": (
        "{where}: not a cell parameter; a layer's weights are {names}",
        "{where}: no es un parámetro de la celda; los pesos de una capa son {names}"),
    "network.err.option": (
        "{option} does not apply to a network with an embedding, several layers, two directions or another task",
        "{option} no se aplica a una red con embedding, varias capas, dos direcciones u otra tarea"),
    "network.err.steps_memory": (
        "--steps {T}: this network needs about {need} for the ledger; the limit is {budget} (at most {max} steps)",
        "--steps {T}: esta red necesita unos {need} para el registro; el límite es {budget} (como mucho {max} pasos)"),
    "network.err.sentence_tag": (
        "--sentence: the example's tags label its own sentence; a tagging example cannot take another sentence",
        "--sentence: las etiquetas del ejemplo son las de su propia frase; un ejemplo de etiquetado no admite otra frase"),
}
