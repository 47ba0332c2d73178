/* The report form, improved when scripts run: "Lấy vị trí của tôi" fills the hidden coordinates from the phone,
   and the camera's GPS is read from the first photo's EXIF before downscale.js shrinks it (shrinking drops EXIF),
   so the server can still offer "Dùng vị trí chụp ảnh". Without scripts the address and ward fields do the job. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var button = document.getElementById("locate");
  var status = document.getElementById("locate-status");
  if (button && navigator.geolocation) {
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "Đang lấy vị trí…";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.latitude.value = position.coords.latitude.toFixed(6);
        form.longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = "Đã lấy vị trí (sai số khoảng " + Math.round(position.coords.accuracy) + " m).";
      }, function () {
        status.textContent = "Không lấy được vị trí. Vui lòng ghi địa chỉ và chọn xã, phường.";
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  function gpsFromJpeg(view) {
    if (view.getUint16(0) !== 0xffd8) return null;
    var offset = 2;
    while (offset + 4 < view.byteLength) {
      var marker = view.getUint16(offset), length = view.getUint16(offset + 2);
      if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) return gpsFromTiff(view, offset + 10);
      offset += 2 + length;
    }
    return null;
  }
  function gpsFromTiff(view, start) {
    var little = view.getUint16(start) === 0x4949;
    var u16 = function (at) { return view.getUint16(start + at, little); };
    var u32 = function (at) { return view.getUint32(start + at, little); };
    var tags = function (ifd) {
      var found = {}, count = u16(ifd);
      for (var i = 0; i < count; i++) {
        var entry = ifd + 2 + i * 12;
        found[u16(entry)] = entry;
      }
      return found;
    };
    var ifd0 = tags(u32(4));
    if (!ifd0[0x8825]) return null;
    var gps = tags(u32(ifd0[0x8825] + 8));
    var rationals = function (entry) {
      var at = u32(entry + 8), value = 0;
      for (var i = 0; i < 3; i++) value += u32(at + i * 8) / u32(at + i * 8 + 4) / Math.pow(60, i);
      return value;
    };
    var ref = function (entry) { return String.fromCharCode(view.getUint8(start + entry + 8)); };
    if (!gps[2] || !gps[4]) return null;
    var lat = rationals(gps[2]), lon = rationals(gps[4]);
    if (gps[1] && ref(gps[1]) === "S") lat = -lat;
    if (gps[3] && ref(gps[3]) === "W") lon = -lon;
    return isFinite(lat) && isFinite(lon) && (lat || lon) ? [lat, lon] : null;
  }
  var photos = form.querySelector("input[data-read-gps]");
  if (photos && window.DataView && window.FileReader) {
    // Registered before downscale.js runs (capture phase), so the original file is still there.
    photos.addEventListener("change", function () {
      var file = photos.files && photos.files[0];
      if (!file || file.type !== "image/jpeg") return;
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var found = gpsFromJpeg(new DataView(reader.result));
          if (found) {
            form.photo_latitude.value = found[0].toFixed(6);
            form.photo_longitude.value = found[1].toFixed(6);
          }
        } catch (error) { /* unusual EXIF: the location can still be given by hand */ }
      };
      reader.readAsArrayBuffer(file.slice(0, 256 * 1024));
    }, true);
  }
})();
