/* Maps only when asked: Leaflet (served from our own static files) and the tiles load after a tap on
   "Chọn trên bản đồ" or "Xem trên bản đồ", never with the page. Without scripts these buttons stay hidden and the
   address + ward fields or the list do the job. */
(function () {
  "use strict";

  function loadLeaflet(base) {
    if (window.L) return Promise.resolve(window.L);
    return new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = base + "leaflet.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = base + "leaflet.js";
      script.onload = function () { resolve(window.L); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function openMap(button) {
    var container = document.getElementById("map");
    var center = button.dataset.center.split(",").map(Number);
    return loadLeaflet(button.dataset.leaflet).then(function (L) {
      container.hidden = false;
      var map = L.map(container).setView(center, Number(button.dataset.zoom));
      map.attributionControl.setPrefix(false);  // the map data credit only, no library banner
      L.tileLayer(button.dataset.tiles, { maxZoom: 19, attribution: button.dataset.attribution }).addTo(map);
      button.parentNode.hidden = true;
      return { L: L, map: map };
    });
  }

  // The report form: tap the map to put the pin; the hidden fields carry it.
  var pick = document.getElementById("pick-on-map");
  if (pick) {
    pick.parentNode.hidden = false;
    pick.addEventListener("click", function () {
      var form = pick.form;
      openMap(pick).then(function (opened) {
        var marker = null;
        function place(latlng) {
          if (marker) marker.setLatLng(latlng); else marker = opened.L.marker(latlng).addTo(opened.map);
          form.latitude.value = latlng.lat.toFixed(6);
          form.longitude.value = latlng.lng.toFixed(6);
        }
        if (form.latitude.value) {
          var here = [Number(form.latitude.value), Number(form.longitude.value)];
          opened.map.setView(here, 17);
          place(opened.L.latLng(here));
        }
        opened.map.on("click", function (event) { place(event.latlng); });
      });
    });
  }

  // The public list: the same reports as pins, each linking to its page.
  var show = document.getElementById("show-map");
  if (show) {
    show.parentNode.hidden = false;
    show.addEventListener("click", function () {
      Promise.all([openMap(show), fetch(show.dataset.points).then(function (r) { return r.json(); })])
        .then(function (results) {
          var opened = results[0], points = results[1], bounds = [];
          points.forEach(function (p) {
            var link = document.createElement("a");
            link.href = p.url;
            link.textContent = p.code + " · " + p.title + " (" + p.status + ")";
            opened.L.marker([p.lat, p.lon], { title: p.code }).addTo(opened.map).bindPopup(link);
            bounds.push([p.lat, p.lon]);
          });
          if (bounds.length) opened.map.fitBounds(bounds, { maxZoom: 16, padding: [24, 24] });
        });
    });
  }
})();
