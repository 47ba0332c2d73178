/* Before a photo is uploaded, shrink it on the phone: a 4000-pixel photo becomes a 2000-pixel JPEG, so it goes up
   in seconds on a slow network. Without this script (or on old browsers) the server does the same after upload. */
(function () {
  "use strict";
  var MAX_SIDE = 2000;
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-downscale]")) return;
    var file = input.files && input.files[0];
    if (!file || !/^image\/(jpeg|png)$/.test(file.type) || !window.createImageBitmap || !window.DataTransfer) return;
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < 1500000) return;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob || blob.size >= file.size) return;
        var smaller = new File([blob], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" });
        var transfer = new DataTransfer();
        transfer.items.add(smaller);
        input.files = transfer.files;
        input.setAttribute("data-downscaled", String(blob.size));
      }, "image/jpeg", 0.85);
    });
  });
})();
