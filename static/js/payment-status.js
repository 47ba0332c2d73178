// While a payment waits for the gateway's confirmation, ask our API every few seconds and reload the page once the
// status changes (no refresh loop for screen readers; without JavaScript the page has a "Cập nhật ngay" link).
(function () {
  var script = document.currentScript;
  var url = script.getAttribute("data-url");
  var status = script.getAttribute("data-status");
  var tries = 0;
  function check() {
    if (++tries > 150) return; // ten minutes: after that the page says what to do
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (payment) {
        if (payment && payment.status !== status) window.location.reload();
        else window.setTimeout(check, 4000);
      })
      .catch(function () { window.setTimeout(check, 8000); });
  }
  window.setTimeout(check, 3000);
})();
