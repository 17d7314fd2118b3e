"""Referencias entre archivos de un ciclo: documentos, órganos, evaluadores, CIE y Junta."""

from __future__ import annotations

from ....diagnosticos import Informe
from ....validacion import Personas, documentos_unicos, organo_desconocido, personas, validar_evaluadores
from ....repositorio import Ciclo, Registro


def validar_referencias(ciclo: Ciclo, organos: dict, organo_rrhh: str | None, informe: Informe) -> Personas:
    """`organo_rrhh`: el órgano de la AFRH que declara entidad.yaml; None si no lo declara (no se exige)."""
    gente = personas(ciclo)
    documentos_unicos(ciclo, informe)
    for registro in ciclo.validos():
        organo = registro.servidor["organo"]
        if mensaje := organo_desconocido(organo, organos):
            informe.error(registro.en("servidor", "organo"), mensaje, "Anexo 1")
    _evaluadores(ciclo, gente, informe)
    _cie(ciclo, gente, organo_rrhh, informe)
    _junta(ciclo, gente, organo_rrhh, informe)
    return gente


def _evaluadores(ciclo: Ciclo, gente: Personas, informe: Informe) -> None:
    politica = ciclo.politica
    validar_evaluadores(ciclo, gente, politica.segmentos_evaluadores.valor, politica.segmentos_evaluadores.referencia,
                        informe)


def _miembro(ciclo: Ciclo, gente: Personas, ruta: tuple, informe: Informe) -> Registro | None:
    documento = _valor(ciclo, ruta)
    registro = gente.registros.get(documento)
    if registro is None and gente.completo:
        informe.error(ciclo.en(*ruta), "no corresponde a ningún servidor con registro en este ciclo", _ref_de(ruta))
    return registro


def _ref_de(ruta: tuple) -> str:
    return "6.3" if ruta[0] == "cie" else "7.5.2 b"


def _valor(ciclo: Ciclo, ruta: tuple):
    valor = ciclo.datos
    for parte in ruta:
        valor = valor[parte]
    return valor


def _cie(ciclo: Ciclo, gente: Personas, organo_rrhh: str | None, informe: Informe) -> None:
    cie = ciclo.datos.get("cie")
    if not cie:
        return
    evaluadores = {r.evaluador for r in ciclo.validos()}
    vistos: dict[str, tuple] = {}
    for grupo, par in cie.items():
        if not isinstance(par, dict):
            continue  # «por_confirmar»
        for rol in ("titular", "suplente"):
            ruta = ("cie", grupo, rol)
            documento = par[rol]
            if documento in vistos:
                informe.error(ciclo.en(*ruta), f"la misma persona ya integra el CIE en {ciclo.en(*vistos[documento])}: "
                              "los miembros del CIE son personas distintas", "6.3")
                continue
            vistos[documento] = ruta
            registro = _miembro(ciclo, gente, ruta, informe)
            if registro is None:
                continue
            if grupo == "afrh":
                if organo_rrhh is not None and registro.servidor.get("organo") != organo_rrhh:
                    informe.error(ciclo.en(*ruta), f"el representante de la AFRH debe pertenecer al órgano «{organo_rrhh}»",
                                  "6.3")
            elif grupo == "evaluadores" and documento not in evaluadores:
                informe.error(ciclo.en(*ruta), "el representante de los evaluadores no evalúa a ningún servidor del ciclo", "6.3")
            elif grupo not in ("afrh", "evaluadores") and registro.segmento != grupo:
                informe.error(ciclo.en(*ruta), f"el representante del segmento «{grupo}» es del segmento «{registro.segmento}»", "6.3")


def _junta(ciclo: Ciclo, gente: Personas, organo_rrhh: str | None, informe: Informe) -> None:
    junta = ciclo.datos.get("junta")
    if not junta:
        return
    politica = ciclo.politica
    ref = politica.proporcion_maxima_directivos_junta.referencia
    registro = _miembro(ciclo, gente, ("junta", "afrh"), informe)
    if registro is not None and organo_rrhh is not None and registro.servidor.get("organo") != organo_rrhh:
        informe.error(ciclo.en("junta", "afrh"), f"el miembro de la AFRH en la Junta debe pertenecer al órgano "
                      f"«{organo_rrhh}»", ref)
    directivos_ciclo = sum(1 for r in ciclo.validos() if r.segmento == "directivo")
    maximo = int(directivos_ciclo * politica.numero("proporcion_maxima_directivos_junta"))
    if len(junta["directivos"]) > maximo:
        informe.error(ciclo.en("junta", "directivos"),
                      f"la Junta tiene {len(junta['directivos'])} directivos; como máximo puede tener {maximo} "
                      f"(la mitad de los {directivos_ciclo} directivos del ciclo, redondeando hacia abajo)", ref)
    for i, _ in enumerate(junta["directivos"]):
        miembro = _miembro(ciclo, gente, ("junta", "directivos", i), informe)
        if miembro is not None and miembro.segmento != "directivo":
            informe.error(ciclo.en("junta", "directivos", i), "este miembro de la Junta no es del segmento directivo", ref)
    for i, _ in enumerate(junta.get("designados") or []):
        _miembro(ciclo, gente, ("junta", "designados", i), informe)
