/* Portal de la Gestión del Rendimiento. Sin bibliotecas externas.
 * 1. Resalta la etapa del ciclo que corresponde a la fecha de hoy y el próximo plazo: el sitio es
 *    estático (se construye una vez) y así no queda desactualizado.
 * 2. Filtra la lista de participantes mientras se escribe (por nombre, puesto, evaluador o el órgano de
 *    la sección), y oculta de la tabla de contenidos los órganos que quedan sin filas. */
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

  // La sección de una tabla: su título (h2) y lo que haya entre él y la tabla; vacía si no tiene título.
  function seccion(contenedor) {
    var partes = [], nodo = contenedor.previousElementSibling;
    while (nodo && !nodo.matches("div.tabla")) {
      partes.push(nodo);
      if (nodo.tagName === "H2") return partes;
      nodo = nodo.previousElementSibling;
    }
    return [];
  }

  // Los enlaces de la tabla de contenidos (a la derecha y, en el teléfono, en el menú) a un título.
  function enIndice(titulo) {
    if (!titulo || !titulo.id) return [];
    var enlaces = document.querySelectorAll('a.md-nav__link[href="#' + CSS.escape(titulo.id) + '"]');
    return Array.prototype.map.call(enlaces, function (a) { return a.closest("li") || a; });
  }

  function filtros() {
    document.querySelectorAll("input.filtro[data-tabla]").forEach(function (entrada) {
      // Cada tabla con su sección: el título cuenta para buscar (el órgano ya no se repite en cada fila).
      var tablas = Array.prototype.map.call(document.querySelectorAll("div." + entrada.dataset.tabla + " table"), function (tabla) {
        var contenedor = tabla.closest("div.tabla"), partes = seccion(contenedor);
        var titulo = partes.length ? partes[partes.length - 1] : null;
        return {
          contenedor: contenedor, partes: partes, indice: enIndice(titulo),
          filas: Array.prototype.map.call(tabla.querySelectorAll("tbody tr"), function (fila) {
            return { fila: fila, texto: sinTildes(fila.textContent + " " + (titulo ? titulo.textContent : "")) };
          })
        };
      });
      // Sin coincidencias, la página no queda en blanco: lo dice (textContent: lo escrito nunca es HTML).
      var aviso = document.createElement("p");
      aviso.className = "sin-resultados";
      aviso.hidden = true;
      (entrada.closest("p") || entrada).insertAdjacentElement("afterend", aviso);
      function filtrar() {
        var buscado = sinTildes(entrada.value.trim());
        var total = 0;
        tablas.forEach(function (t) {
          var visibles = 0;
          t.filas.forEach(function (f) {
            var coincide = !buscado || f.texto.indexOf(buscado) !== -1;
            f.fila.hidden = !coincide;
            if (coincide) visibles += 1;
          });
          total += visibles;
          // Una sección sin filas visibles se oculta entera: título, tabla y su entrada en la tabla de contenidos.
          t.contenedor.hidden = visibles === 0;
          t.partes.concat(t.indice).forEach(function (elemento) { elemento.hidden = visibles === 0; });
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
