"""Los Anexos sueltos se cortan del legajo ya escrito, sin volver a escribirlos con WeasyPrint.

WeasyPrint compone cada Anexo una vez; el legajo se escribe una sola vez con
todas esas páginas, y cada Anexo suelto es una copia de sus páginas (con qpdf,
vía pikepdf), que conserva lo que hace de él un PDF/A-3b: metadatos XMP con su
propio título, perfil de color (OutputIntents), idioma, el registro YAML
adjunto (/AF) y su marcador. El /ID se calcula del contenido, así que el mismo
registro da siempre los mismos bytes.
"""

from __future__ import annotations

import io

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .. import escape


@dataclass(frozen=True)
class Corte:
    destino: Path
    titulo: str
    primera: int      # índice (desde 0) de la primera página dentro del legajo
    paginas: int


def separar(legajo: Path, titulo_legajo: str, cortes: list[Corte]) -> None:
    """Escribe cada `Corte` del PDF `legajo` como un PDF/A propio."""
    with pikepdf.open(legajo) as origen:
        xmp = origen.Root.Metadata.read_bytes().decode("utf-8")
        marcadores = _marcadores(origen)
        for corte in cortes:
            _escribir_corte(origen, corte, xmp.replace(_titulo_xmp(titulo_legajo), _titulo_xmp(corte.titulo), 1),
                            marcadores)


def _titulo_xmp(titulo: str) -> str:
    return f'<rdf:li xml:lang="x-default">{escape.svg(titulo)}</rdf:li></rdf:Alt></dc:title>'


def _marcadores(origen: pikepdf.Pdf) -> dict[int, list[tuple[str, list]]]:
    """Marcadores de primer nivel del legajo por índice de página: (título, destino sin la página)."""
    indices = {pagina.objgen: i for i, pagina in enumerate(origen.pages)}
    resultado: dict[int, list[tuple[str, list]]] = {}
    with origen.open_outline() as indice:
        for item in indice.root:
            destino = item.destination
            if isinstance(destino, pikepdf.Array) and len(destino) and destino[0].objgen in indices:
                resultado.setdefault(indices[destino[0].objgen], []).append((item.title, list(destino[1:])))
    return resultado


def _copiar(nuevo: pikepdf.Pdf, objeto):
    """Copia a `nuevo` un objeto de otro PDF (qpdf solo copia objetos indirectos: los directos se recorren)."""
    if objeto.is_indirect:
        return nuevo.copy_foreign(objeto)
    if isinstance(objeto, pikepdf.Array):
        return pikepdf.Array([_copiar(nuevo, x) for x in objeto])
    if isinstance(objeto, pikepdf.Dictionary):
        return pikepdf.Dictionary({clave: _copiar(nuevo, valor) for clave, valor in objeto.items()})
    return objeto


def _escribir_corte(origen: pikepdf.Pdf, corte: Corte, xmp: str, marcadores: dict) -> None:
    nuevo = pikepdf.new()
    for pagina in origen.pages[corte.primera:corte.primera + corte.paginas]:
        nuevo.pages.append(pagina)
    raiz = nuevo.Root
    raiz.Metadata = nuevo.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    raiz.OutputIntents = _copiar(nuevo, origen.Root.OutputIntents)
    if "/Lang" in origen.Root:
        raiz.Lang = origen.Root.Lang
    if "/AF" in origen.Root:
        adjuntos = _copiar(nuevo, origen.Root.AF)
        raiz.AF = adjuntos
        raiz.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(
            Names=pikepdf.Array([x for adjunto in adjuntos for x in (adjunto.F, adjunto)])))
    with nuevo.open_outline() as indice:
        for desplazamiento in range(corte.paginas):
            for titulo, resto in marcadores.get(corte.primera + desplazamiento, []):
                destino = pikepdf.Array([nuevo.pages[desplazamiento].obj, *resto])
                indice.root.append(pikepdf.OutlineItem(titulo, destination=destino))
    info = {clave: valor for clave, valor in origen.docinfo.items()}
    info["/Title"] = pikepdf.String(corte.titulo)
    nuevo.docinfo = nuevo.make_indirect(pikepdf.Dictionary(info))
    # A memoria y luego al disco desde Python: si qpdf escribiera el archivo y el disco se llenara, el
    # error cruzaría código C++ y el proceso abortaría sin mensaje; así es un OSError que se informa.
    memoria = io.BytesIO()
    nuevo.save(memoria, deterministic_id=True, compress_streams=True, min_version=origen.pdf_version,
               object_stream_mode=pikepdf.ObjectStreamMode.generate)
    Path(corte.destino).write_bytes(memoria.getvalue())
