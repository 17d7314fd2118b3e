"""Portal de intranet (MkDocs Material): páginas Markdown generadas desde los datos y su construcción."""
