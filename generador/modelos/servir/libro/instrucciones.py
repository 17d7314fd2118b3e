"""La hoja «Instrucciones»: cómo llenar el libro y devolverlo (texto fijo, con los valores de la política)."""

from __future__ import annotations

from .ficha import Ficha
from .plano import Hoja

NOMBRE = "Instrucciones"


def hoja(f: Ficha) -> Hoja:
    niveles = ", ".join(f"{letra} = {valor} %" for letra, valor in f.valores.items())
    parrafos = [
        ("titulo", "INSTRUCCIONES PARA EL EVALUADOR"),
        ("subtitulo", "Anexos N° 1 y N° 4 de la Directiva de Evaluación del Desempeño del Personal"),
        ("seccion", "QUÉ SE LLENA"),
        ("texto", "Solo las celdas amarillas. Las demás están protegidas (sin contraseña): son los datos del "
                  "registro de la AFRH, los rótulos del formato y las fórmulas de referencia."),
        ("texto", f"Hoja «Anexo 4», columna «NIVEL DE LOGRO OBTENIDO»: en cada meta individual, el nivel de logro "
                  f"de la lista ({niveles}); en cada meta grupal, el porcentaje alcanzado (por ejemplo 92,5; de "
                  f"0 a 1000; el puntaje lo cuenta hasta {f.tope} %); en cada compromiso (solo directivos), el "
                  f"nivel evidenciado, de 1 a {f.nivel_maximo}."),
        ("texto", "Hoja «Anexo 4»: la dificultad o mejora encontrada en cada meta, los comentarios del evaluador, "
                  "la fecha de entrega (notificación al servidor), la fecha de la evaluación y la de remisión de "
                  "la puntuación a la AFRH. Fechas como DD/MM/AAAA (por ejemplo 20/01/2026)."),
        ("texto", "Hoja «Anexo 1»: solo lo que el registro todavía no tiene (la fecha de la reunión de fijación "
                  "de metas, las funciones, las metas con sus niveles de logro y su peso, los compromisos, las "
                  "acciones del servidor, las observaciones). Lo ya acordado está bloqueado: un cambio en las "
                  "metas se pide a la AFRH. En las funciones y las acciones, una por línea; en los hitos, uno por "
                  "línea como «DD/MM/AAAA: descripción»; en los comportamientos, uno por línea como «1. texto». "
                  "Los pesos de cada grupo de metas suman 100. Una fila de meta que se deja vacía no cuenta."),
        ("texto", "Una celda amarilla vacía no cambia nada en el registro (no borra lo que ya tenía)."),
        ("seccion", "LO QUE CALCULA EL LIBRO"),
        ("texto", "El logro y lo alcanzado que se escriben en el Anexo 4 se repiten en el Anexo 1, con su "
                  "puntaje, los totales, los sub totales por el peso del segmento y la puntuación final. Son "
                  "cifras de referencia: la puntuación y la calificación oficiales las asigna la AFRH con el "
                  "registro (7.5.2), y se notifican con el Anexo N° 4 impreso."),
        ("seccion", "CÓMO SE DEVUELVE"),
        ("texto", "Guarde el libro como «Libro de Excel (.xlsx)» (en LibreOffice: «Mantener el formato actual») "
                  "y entréguelo a la AFRH. No cambie el nombre de las hojas ni inserte, borre o mueva filas o "
                  "columnas: cada dato se lee por su celda. El nombre del archivo puede cambiar."),
        ("texto", "La AFRH lo lee con «generador importar-formatos»: cada problema sale con su celda (por "
                  "ejemplo «Anexo 4!D20: se esperaba un nivel de logro de A a E») y no se registra nada hasta "
                  "que el libro esté bien."),
        ("seccion", "CONFIDENCIAL"),
        ("texto", "Este libro contiene datos personales (Ley N° 29733): no lo publique ni lo envíe a terceros."),
    ]
    h = Hoja(NOMBRE, (78,), horizontal=False)   # LibreOffice no achica una sola columna al imprimir
    for estilo, texto in parrafos:
        h.rotulo(1, texto, estilo)
        h.siguiente()
    return h
