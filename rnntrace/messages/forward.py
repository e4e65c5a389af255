"""Texts of ``rnntrace forward``."""

MESSAGES = {
    "forward.equations": ("The cell, as traced", "La célula, tal como se traza"),
    "forward.params": ("Parameters", "Parámetros"),
    "forward.drawn": (
        "Drawn from seed {seed} (⟦U(−1/√H, 1/√H)⟧, rounded to 2 decimals): ⟦{names}⟧",
        "Sacados de la semilla {seed} (⟦U(−1/√H, 1/√H)⟧, redondeados a 2 decimales): ⟦{names}⟧"),
    "forward.unused": (
        "In the example file but not used by the {cell}: ⟦{names}⟧",
        "En el fichero del ejemplo pero no los usa la {cell}: ⟦{names}⟧"),
    "forward.implicit_zero": (
        "Not in the example file, so zero and left out of the sums: ⟦{names}⟧",
        "No están en el fichero del ejemplo, así que valen cero y no aparecen en las sumas: ⟦{names}⟧"),
    "forward.gru.lecture": (
        "GRU, lecture variant: the reset gate acts before the product, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧. (--gru-variant torch traces PyTorch's form.)",
        "GRU, variante de la clase: la compuerta de reinicio actúa antes del producto, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧. (--gru-variant torch traza la forma de PyTorch.)"),
    "forward.gru.torch": (
        "GRU, torch variant (PyTorch's nn.GRU): the reset gate acts after the product and has its own bias, ⟦r_t ⊙ (h_{{t−1}}·W_hh + b_hn)⟧; the lecture applies it before, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧. The two agree where ⟦r_t = 1⟧ and ⟦b_hn = 0⟧.",
        "GRU, variante torch (nn.GRU de PyTorch): la compuerta de reinicio actúa después del producto y tiene su propio sesgo, ⟦r_t ⊙ (h_{{t−1}}·W_hh + b_hn)⟧; la clase la aplica antes, ⟦(r_t ⊙ h_{{t−1}})·W_hh⟧. Coinciden donde ⟦r_t = 1⟧ y ⟦b_hn = 0⟧."),
    "forward.gru.update": (
        "⟦z_t⟧ is the lecture's ⟦Γ_t⟧, the update gate: where ⟦z_t⟧ is near 1 the cell keeps ⟦h_{{t−1}}⟧; near 0 it takes the candidate ⟦h̃_t⟧ (the lecture's ⟦ĥ_t⟧).",
        "⟦z_t⟧ es el ⟦Γ_t⟧ de la clase, la compuerta de actualización: donde ⟦z_t⟧ está cerca de 1 la célula conserva ⟦h_{{t−1}}⟧; cerca de 0 toma el candidato ⟦h̃_t⟧ (el ⟦ĥ_t⟧ de la clase)."),
    "forward.lstm.memory": (
        "⟦c_t⟧ is the long-term memory and ⟦h_t⟧ the short-term memory; ⟦f_t⟧ forgets, ⟦i_t⟧ writes the candidate ⟦c̃_t⟧ (the lecture's ⟦ĉ_t⟧), ⟦o_t⟧ reads.",
        "⟦c_t⟧ es la memoria a largo plazo y ⟦h_t⟧ la memoria a corto plazo; ⟦f_t⟧ olvida, ⟦i_t⟧ escribe el candidato ⟦c̃_t⟧ (el ⟦ĉ_t⟧ de la clase), ⟦o_t⟧ lee."),
    "forward.step": ("⟦t = {t}⟧ · “{token}”", "⟦t = {t}⟧ · “{token}”"),
    "forward.step_target": ("⟦t = {t}⟧ · “{token}” → target “{target}”", "⟦t = {t}⟧ · “{token}” → objetivo “{target}”"),
    "forward.onehot": ("⟦x_t = onehot(“{token}”)⟧: a 1 at index {pos} of 0…{last}, 0 elsewhere", "⟦x_t = onehot(“{token}”)⟧: un 1 en el índice {pos} de 0…{last}, 0 en el resto"),
    "forward.prediction": ("prediction: ⟦argmax p_t⟧ = “{word}” ⟦(p = {p})⟧", "predicción: ⟦argmax p_t⟧ = “{word}” ⟦(p = {p})⟧"),
    "forward.prediction_none": ("prediction: none (⟦p_t⟧ holds nan, so ⟦argmax p_t⟧ is undefined)",
                                "predicción: ninguna (⟦p_t⟧ contiene nan, así que ⟦argmax p_t⟧ no está definido)"),
    "forward.loss": (
        "target “{target}”: ⟦L_{t} = −log p_t[“{target}”] = −log {p} = {loss}⟧",
        "objetivo “{target}”: ⟦L_{t} = −log p_t[“{target}”] = −log {p} = {loss}⟧"),
    "forward.no_target": ("no target at this step, so no loss", "no hay objetivo en este paso, así que no hay pérdida"),
    "forward.hit": ("✓ the prediction is the target", "✓ la predicción es el objetivo"),
    "forward.miss": ("✗ the prediction is not the target", "✗ la predicción no es el objetivo"),
    "forward.summary": ("Summary", "Resumen"),
    "forward.slide.step": (
        "The slide's step: ⟦x_1 = {x}⟧ picks {part} {n} (counting from 1, as the slide does) of {names}: {picks}. ⟦h_0 = 0⟧, so it adds nothing through ⟦{recurrent}⟧.",
        "El paso de la transparencia: ⟦x_1 = {x}⟧ selecciona la {part} {n} (contando desde 1, como la transparencia) de {names}: {picks}. ⟦h_0 = 0⟧, así que no aporta nada a través de ⟦{recurrent}⟧."),
    "forward.slide.expected": (
        "The expected output is ⟦onehot(“{target}”) = {onehot}⟧.",
        "El output esperado es ⟦onehot(“{target}”) = {onehot}⟧."),
    "forward.slide.output": (
        "The slide's slip: it multiplies ⟦h_0 = {h0}⟧ by ⟦W_hy⟧, ⟦{slide} = {zero}⟧, but the output at ⟦t = 1⟧ uses ⟦h_1 = {h1}⟧: ⟦y_1 = {ours} = {y1}⟧.",
        "Un desliz de la transparencia: multiplica ⟦h_0 = {h0}⟧ por ⟦W_hy⟧, ⟦{slide} = {zero}⟧, pero el output en ⟦t = 1⟧ usa ⟦h_1 = {h1}⟧: ⟦y_1 = {ours} = {y1}⟧."),
    "forward.col.t": ("t", "t"),
    "forward.col.token": ("⟦x_t⟧", "⟦x_t⟧"),
    "forward.col.prediction": ("prediction", "predicción"),
    "forward.col.target": ("target", "objetivo"),
    "forward.col.p_target": ("⟦p_t[target]⟧", "⟦p_t[objetivo]⟧"),
    "forward.col.loss": ("⟦L_t⟧", "⟦L_t⟧"),
    "forward.units_range": ("⟦h_t⟧, units {lo}–{hi} of {H}", "⟦h_t⟧, unidades {lo}–{hi} de {H}"),
    "forward.kept.z": (
        "⟦Γ_t = z_t⟧ stays ⟦≥ {threshold}⟧ on {units} (smallest: {min}) from “{first}” to “{last}” (⟦t = {a} … {b}⟧): the cell keeps what it held after “{prev}”, as ⟦Γ_t ≈ 1⟧ does in the lecture across the words that can be skipped. Still there at ⟦t = {b}⟧, the share ⟦∏ z_t⟧ of ⟦h_{a1}⟧: {shares}.",
        "⟦Γ_t = z_t⟧ se mantiene ⟦≥ {threshold}⟧ en {units} (la menor: {min}) desde «{first}» hasta «{last}» (⟦t = {a} … {b}⟧): la celda conserva lo que tenía tras «{prev}», como hace ⟦Γ_t ≈ 1⟧ en la clase con las palabras que se pueden saltar. Sigue ahí en ⟦t = {b}⟧ la fracción ⟦∏ z_t⟧ de ⟦h_{a1}⟧: {shares}."),
    "forward.kept.f": (
        "The forget gate ⟦f_t⟧ stays ⟦≥ {threshold}⟧ on {units} (smallest: {min}) from “{first}” to “{last}” (⟦t = {a} … {b}⟧): the memory keeps what it held after “{prev}”, as ⟦Γ_t ≈ 1⟧ does in the lecture across the words that can be skipped. Still there at ⟦t = {b}⟧, the share ⟦∏ f_t⟧ of ⟦c_{a1}⟧ (the input gate adds the rest): {shares}.",
        "La compuerta de olvido ⟦f_t⟧ se mantiene ⟦≥ {threshold}⟧ en {units} (la menor: {min}) desde «{first}» hasta «{last}» (⟦t = {a} … {b}⟧): la memoria conserva lo que tenía tras «{prev}», como hace ⟦Γ_t ≈ 1⟧ en la clase con las palabras que se pueden saltar. Sigue ahí en ⟦t = {b}⟧ la fracción ⟦∏ f_t⟧ de ⟦c_{a1}⟧ (la compuerta de entrada suma el resto): {shares}."),
    "forward.kept.unit": ("unit {k}", "la unidad {k}"),
    "forward.kept.units": ("units {ks}", "las unidades {ks}"),
    "forward.total": ("⟦L = Σ_t L_t = {loss}⟧", "⟦L = Σ_t L_t = {loss}⟧"),
    "forward.no_loss": ("no step has a target, so there is no loss", "ningún paso tiene objetivo, así que no hay pérdida"),
}
