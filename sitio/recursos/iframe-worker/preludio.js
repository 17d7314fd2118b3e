/* Preludio del trabajador de búsqueda cuando el portal se abre como archivo (file://), donde el navegador
 * no admite Web Workers: iframe-worker (MIT, ver LICENSE.txt) lo carga en su iframe antes del trabajador.
 * Era un script en línea; está en un archivo aparte para que la CSP del sitio solo admita scripts propios. */
"use strict";
(function () {
  var propio = document.currentScript, trabajador = propio.dataset.trabajador;
  // El trabajador de Material busca su propia ruta en el primer «script[src]» del iframe: este se retira.
  propio.remove();
  window.postMessage = function (mensaje, destino) {
    parent.postMessage(mensaje, destino || "*");
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (cadena, url) {
      return cadena.then(function () {
        return new Promise(function (listo) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = listo;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (evento) {
    parent.dispatchEvent(new ErrorEvent("error", {filename: trabajador, error: evento.error}));
  });
})();
