"""click's own texts (usage, help sections, parse errors), which it writes through gettext.

The English text of each key is click's msgid, exactly as click's source writes it (a test checks
that click still has each one); ``i18n.install_click_translations`` makes click look them up here.
"""

MESSAGES = {
    "click.usage": ("Usage:", "Uso:"),
    "click.options": ("Options", "Opciones"),
    "click.commands": ("Commands", "Comandos"),
    "click.positional": ("Positional arguments", "Argumentos posicionales"),
    "click.help_option": ("Show this message and exit.", "Muestra este mensaje y termina."),
    "click.version_option": ("Show the version and exit.", "Muestra la versión y termina."),
    "click.version": ("%(prog)s, version %(version)s", "%(prog)s, versión %(version)s"),
    "click.default": ("default: {default}", "por defecto: {default}"),
    "click.required": ("required", "obligatorio"),
    "click.env_var": ("env var: {var}", "variable de entorno: {var}"),
    "click.aborted": ("Aborted!", "¡Cancelado!"),
    "click.error": ("Error: {message}", "Error: {message}"),
    "click.try_help": ("Try '{command} {option}' for help.", "Prueba '{command} {option}' para ver la ayuda."),
    "click.invalid_value": ("Invalid value: {message}", "Valor no válido: {message}"),
    "click.invalid_value_for": (
        "Invalid value for {param_hint}: {message}",
        "Valor no válido para {param_hint}: {message}"),
    "click.missing_argument": ("Missing argument", "Falta un argumento"),
    "click.missing_option": ("Missing option", "Falta una opción"),
    "click.missing_parameter": ("Missing parameter", "Falta un parámetro"),
    "click.missing_param_type": ("Missing {param_type}", "Falta {param_type}"),
    "click.missing_param_name": ("Missing parameter: {param_name}", "Falta el parámetro: {param_name}"),
    "click.missing_command": ("Missing command.", "Falta el comando."),
    "click.no_such_option": ("No such option {name!r}.", "No existe la opción {name!r}."),
    "click.no_such_command": ("No such command {name!r}.", "No existe el comando {name!r}."),
    "click.did_you_mean": ("Did you mean {possibility}?", "¿Quisiste decir {possibility}?"),
    "click.did_you_mean_many": (
        "(Did you mean one of: {possibilities}?)",
        "(¿Quisiste decir una de: {possibilities}?)"),
    "click.requires_arg": ("Option {name!r} requires an argument.", "La opción {name!r} necesita un argumento."),
    "click.requires_args": (
        "Option {name!r} requires {nargs} arguments.",
        "La opción {name!r} necesita {nargs} argumentos."),
    "click.no_value": ("Option {name!r} does not take a value.", "La opción {name!r} no admite un valor."),
    "click.extra_arg": ("Got unexpected extra argument ({args})", "Sobra un argumento inesperado ({args})"),
    "click.extra_args": ("Got unexpected extra arguments ({args})", "Sobran argumentos inesperados ({args})"),
    "click.not_choice": ("{value!r} is not {choice}.", "{value!r} no es {choice}."),
    "click.not_choices": ("{value!r} is not one of {choices}.", "{value!r} no es ninguno de {choices}."),
    "click.not_number": ("{value!r} is not a valid {number_type}.", "{value!r} no es un valor válido ({number_type})."),
    "click.not_in_range": ("{value} is not in the range {range}.", "{value} no está en el intervalo {range}."),
    "click.not_boolean": (
        "{value!r} is not a valid boolean. Recognized values: {states}",
        "{value!r} no es un booleano válido. Valores reconocidos: {states}"),
    "click.file": ("file", "fichero"),
    "click.directory": ("directory", "directorio"),
    "click.path": ("path", "ruta"),
    "click.does_not_exist": ("{name} {filename!r} does not exist.", "{name} {filename!r} no existe."),
    "click.is_a_file": ("{name} {filename!r} is a file.", "{name} {filename!r} es un fichero."),
    "click.is_a_directory": ("{name} {filename!r} is a directory.", "{name} {filename!r} es un directorio."),
    "click.not_readable": ("{name} {filename!r} is not readable.", "{name} {filename!r} no se puede leer."),
    "click.not_writable": ("{name} {filename!r} is not writable.", "{name} {filename!r} no se puede escribir."),
    "click.could_not_open": (
        "Could not open file {filename!r}: {message}",
        "No se pudo abrir el fichero {filename!r}: {message}"),
}
