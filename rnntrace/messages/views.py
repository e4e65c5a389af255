"""The page-by-page views: the HTML export's buttons, SVG slides, beamer, and their errors."""

MESSAGES = {
    "views.html.back": ("← Back", "← Anterior"),
    "views.html.next": ("Next →", "Siguiente →"),
    "views.opt.theme": (
        "Colours of the page-by-page exports (SVG slides, HTML): light (default) or dark.",
        "Colores de las exportaciones por páginas (transparencias SVG, HTML): light (claro, por defecto) o dark (oscuro)."),
    "views.theme.unknown": (
        "--theme {value}: unknown theme; use one of: {choices}{hint}",
        "--theme {value}: tema desconocido; usa uno de: {choices}{hint}"),
    "views.export.folder_is_file": (
        "--export {path}: is a file, not a folder; a path ending in / names a folder for one SVG per page",
        "--export {path}: es un fichero, no una carpeta; una ruta terminada en / nombra una carpeta con un SVG por página"),
    "views.api.unknown_option": (
        "rnntrace.{command}() has no option {name!r}; its options: {names}",
        "rnntrace.{command}() no tiene la opción {name!r}; sus opciones: {names}"),
    "views.export.no_parent": ("the folder that would hold it does not exist", "no existe la carpeta que la contendría"),
}
