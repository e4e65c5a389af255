"""Texts shared by several commands."""

MESSAGES = {
    "common.total_loss": ("total loss", "pérdida total"),
    "common.warning": ("warning", "aviso"),
    "common.cell.rnn": ("Elman RNN cell", "célula RNN de Elman"),
    "common.cell.gru": ("GRU cell", "célula GRU"),
    "common.cell.lstm": ("LSTM cell", "célula LSTM"),
    "common.example": ("example", "ejemplo"),
    "common.scalar": ("scalar", "escalar"),
    "common.columns": ("columns {a}–{b} of {n}", "columnas {a}–{b} de {n}"),
    "common.column": ("column {a} of {n}", "columna {a} de {n}"),
    "common.as_printed_in": ("(⟦{dims}⟧), as printed in {where}", "(⟦{dims}⟧), como se mostró en {where}"),
    "common.as_printed_at": ("(⟦{dims}⟧), as printed at {var} ⟦= {t}⟧", "(⟦{dims}⟧), como se mostró en {var} ⟦= {t}⟧"),
    "common.vocab": ("vocabulary ⟦(V = {V})⟧", "vocabulario ⟦(V = {V})⟧"),
    "common.hidden": ("hidden size ⟦H = {H}⟧; ⟦h_0 = 0⟧", "tamaño oculto ⟦H = {H}⟧; ⟦h_0 = 0⟧"),
    "common.hidden_lstm": ("hidden size ⟦H = {H}⟧; ⟦h_0 = c_0 = 0⟧", "tamaño oculto ⟦H = {H}⟧; ⟦h_0 = c_0 = 0⟧"),
    "common.activation": ("activation: {act}", "activación: {act}"),
    "common.scale": (
        "recurrent matrices scaled by {s}: {names}",
        "matrices recurrentes multiplicadas por {s}: {names}"),
    "common.conv.row": (
        "Row convention (the lecture's): vectors are rows, products are ⟦x_t·W⟧ with ⟦W_xh⟧ ⟦V×H⟧.",
        "Convención por filas (la de la clase): los vectores son filas, los productos son ⟦x_t·W⟧ con ⟦W_xh⟧ ⟦V×H⟧."),
    "common.conv.column": (
        "Column convention (PyTorch, the lecture's Keras cell): vectors are columns, products are ⟦W·x_t⟧, and each ⟦W⟧ is shown transposed (⟦W_xh⟧ is ⟦H×V⟧ here, ⟦V×H⟧ in the file). The numbers are the same.",
        "Convención por columnas (PyTorch, la célula Keras de la clase): los vectores son columnas, los productos son ⟦W·x_t⟧ y cada ⟦W⟧ se muestra traspuesta (⟦W_xh⟧ es ⟦H×V⟧ aquí, ⟦V×H⟧ en el fichero). Los números son los mismos."),
    "common.nonfinite": (
        "{names} hold inf or nan at ⟦t = {t}⟧: a number left the float64 range (⟦|x| > 1.8e308⟧). Huge weights make a product overflow to ±inf; tanh and ⟦σ⟧ saturate at ±inf, but ⟦inf − inf⟧ is nan, and a nan spreads to everything computed from it.",
        "{names} contienen inf o nan en ⟦t = {t}⟧: un número salió del rango de float64 (⟦|x| > 1.8e308⟧). Pesos enormes hacen que un producto desborde a ±inf; tanh y ⟦σ⟧ se saturan en ±inf, pero ⟦inf − inf⟧ es nan, y un nan se propaga a todo lo que se calcula a partir de él."),
    "common.json_nonfinite": (
        "{path} is {value}: written as null",
        "{path} es {value}: se escribe como null"),
}
