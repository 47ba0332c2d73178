/* The report's location on a map, loaded only when the officer asks (Leaflet from our static files). */
(function () {
  "use strict";
  var button = document.getElementById("show-report-map");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var base = button.dataset.leaflet;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "leaflet.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = base + "leaflet.js";
    script.onload = function () {
      var box = document.getElementById("report-map");
      var here = [Number(button.dataset.lat), Number(button.dataset.lng)];
      box.hidden = false;
      var map = window.L.map(box).setView(here, 17);
      window.L.tileLayer(button.dataset.tiles, { maxZoom: 19, attribution: button.dataset.attribution }).addTo(map);
      window.L.marker(here).addTo(map);
      button.hidden = true;
    };
    document.head.appendChild(script);
  });
})();
