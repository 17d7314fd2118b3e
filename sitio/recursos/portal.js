/* Portal de la Gestión del Rendimiento. Sin bibliotecas externas.
 * 1. Resalta la etapa del ciclo que corresponde a la fecha de hoy y el próximo plazo: el sitio es
 *    estático (se construye una vez) y así no queda desactualizado.
 * 2. Filtra la lista de participantes mientras se escribe. */
(function () {
  "use strict";

  function iso(fecha) {
    var m = fecha.getMonth() + 1, d = fecha.getDate();
    return fecha.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }
  function legible(textoIso) {
    var p = textoIso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }
  function sinTildes(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function etapaDeHoy() {
    var caja = document.querySelector(".etapas");
    if (!caja) return;
    var hoy = iso(new Date());
    var aviso = document.getElementById("etapa-hoy");
    var etapas = caja.querySelectorAll("li[data-inicio]");
    var actual = null, siguiente = null;
    etapas.forEach(function (li) {
      if (li.dataset.inicio <= hoy && hoy <= li.dataset.fin) actual = li;
      if (!siguiente && li.dataset.inicio > hoy) siguiente = li;
    });
    var mensaje;
    if (actual) {
      actual.classList.add("actual");
      mensaje = "Hoy, " + legible(hoy) + ", el ciclo está en la etapa de " + actual.querySelector("strong").textContent.toLowerCase() + ".";
    } else if (hoy < caja.dataset.inicio) {
      mensaje = "El ciclo empieza el " + legible(caja.dataset.inicio) + ".";
    } else if (hoy > caja.dataset.fin) {
      mensaje = "Este ciclo concluyó el " + legible(caja.dataset.fin) + ".";
    } else if (siguiente) {
      mensaje = "Hoy, " + legible(hoy) + ", no hay etapa en curso; la siguiente, " +
        siguiente.querySelector("strong").textContent.toLowerCase() + ", empieza el " + legible(siguiente.dataset.inicio) + ".";
    }
    var actividades = JSON.parse(caja.dataset.actividades || "[]");
    var proxima = actividades.find(function (a) { return a.fin >= hoy; });
    if (proxima && hoy >= caja.dataset.inicio) {
      mensaje += " Próximo plazo: «" + proxima.actividad + "», hasta el " + legible(proxima.fin) + ".";
    }
    if (mensaje && aviso) aviso.textContent = mensaje;
  }

  function filtros() {
    document.querySelectorAll("input.filtro[data-tabla]").forEach(function (entrada) {
      var tablas = document.querySelectorAll("div." + entrada.dataset.tabla + " table");
      // Sin coincidencias, la página no queda en blanco: lo dice (textContent: lo escrito nunca es HTML).
      var aviso = document.createElement("p");
      aviso.className = "sin-resultados";
      aviso.hidden = true;
      (entrada.closest("p") || entrada).insertAdjacentElement("afterend", aviso);
      function filtrar() {
        var buscado = sinTildes(entrada.value.trim());
        var total = 0;
        tablas.forEach(function (tabla) {
          var visibles = 0;
          tabla.querySelectorAll("tbody tr").forEach(function (fila) {
            var coincide = !buscado || sinTildes(fila.textContent).indexOf(buscado) !== -1;
            fila.hidden = !coincide;
            if (coincide) visibles += 1;
          });
          total += visibles;
          var contenedor = tabla.closest("div.tabla");
          contenedor.hidden = visibles === 0;
          var titulo = contenedor.previousElementSibling;
          if (titulo && titulo.tagName === "H2") titulo.hidden = visibles === 0;
        });
        aviso.hidden = total > 0;
        aviso.textContent = total > 0 ? "" : "Sin resultados para «" + entrada.value.trim() + "».";
      }
      entrada.addEventListener("input", filtrar);
      if (entrada.value) filtrar();  // lo que se escribió antes de que la página terminara de cargar
    });
  }

  function iniciar() { etapaDeHoy(); filtros(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", iniciar);
  else iniciar();
})();
