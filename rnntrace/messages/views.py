"""The page-by-page views: the HTML export's buttons, SVG slides, beamer, and their errors."""

MESSAGES = {
    "views.html.back": ("← Back", "← Anterior"),
    "views.html.next": ("Next →", "Siguiente →"),
}
