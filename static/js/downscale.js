/* Before photos are uploaded, shrink them on the phone: a 4000-pixel photo becomes a 2000-pixel JPEG, so it goes
   up in seconds on a slow network. Works for one file or several (a report's 1–5 photos). Without this script (or
   on old browsers) the server does the same after upload. */
(function () {
  "use strict";
  var MAX_SIDE = 2000;

  function shrink(file) {
    if (!/^image\/(jpeg|png)$/.test(file.type)) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < 1500000) return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          resolve(new File([blob], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" }));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  // upload.js shrinks, then sends at once, the files of inputs marked data-upload.
  window.portalShrink = function (files) { return Promise.all(Array.prototype.map.call(files, shrink)); };

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-downscale]:not([data-upload])")) return;
    if (!input.files || !input.files.length || !window.createImageBitmap || !window.DataTransfer) return;
    var originals = Array.prototype.slice.call(input.files);
    Promise.all(originals.map(shrink)).then(function (files) {
      var changed = files.some(function (file, i) { return file !== originals[i]; });
      if (!changed) return;
      var transfer = new DataTransfer();
      files.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
      var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
      input.setAttribute("data-downscaled", String(total));
    });
  });
})();
