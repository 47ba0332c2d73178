/* The shop directory and form, improved when scripts run: "Cửa hàng gần tôi" sends the phone's position with the
   search (nearest first); "Lấy vị trí cửa hàng" fills the form's pin. Without scripts both buttons stay hidden
   and the ward filter and the address do the job. */
(function () {
  "use strict";
  function locate(button, status, failed, done) {
    if (!navigator.geolocation) return;
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "Đang lấy vị trí…";
      navigator.geolocation.getCurrentPosition(function (position) {
        status.textContent = "Đã lấy vị trí.";
        done(position.coords.latitude.toFixed(6), position.coords.longitude.toFixed(6));
      }, function () {
        status.textContent = failed;
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    });
  }
  var near = document.getElementById("near-me");
  if (near) {
    var filters = document.getElementById("shop-filters");
    locate(near, document.getElementById("near-status"), "Không lấy được vị trí. Hãy chọn xã, phường trong bộ lọc.", function (lat, lon) {
      filters.vi_do.value = lat;
      filters.kinh_do.value = lon;
      filters.submit();
    });
  }
  var here = document.getElementById("shop-here");
  if (here) {
    var form = here.form;
    locate(here, document.getElementById("shop-here-status"), "Không lấy được vị trí. Bạn có thể chọn trên bản đồ, hoặc bỏ qua: địa chỉ là đủ.", function (lat, lon) {
      form.latitude.value = lat;
      form.longitude.value = lon;
    });
  }
})();
