/* Papers and photos go up the moment they are chosen: shrunk on the phone (downscale.js), sent with a progress bar,
   then shown back as stored, with "Xoá". If the connection drops, the page says so and the file stays chosen, so the page's
   own "Lưu và tiếp tục" sends it again. Without this script that button sends files and answers together. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-uploads]");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var shrink = window.portalShrink || function (files) { return Promise.resolve(Array.prototype.slice.call(files)); };

  // "Lưu và tiếp tục" pressed while a file is still going up: wait for it, then continue (never send it twice).
  var pending = 0, waiting = false, waitingSubmitter;
  form.addEventListener("submit", function (event) {
    if (!pending) return;
    event.preventDefault();
    waiting = true;
    waitingSubmitter = event.submitter || undefined;
  });
  function settled() {
    pending -= 1;
    if (!pending && waiting) {
      waiting = false;
      if (form.requestSubmit) form.requestSubmit(waitingSubmitter); else form.submit();
    }
  }

  function say(status, text) {
    status.hidden = false;
    status.textContent = text;
  }

  function send(input) {
    var key = input.getAttribute("data-upload");
    var status = document.getElementById("status-" + key);
    say(status, "Đang chuẩn bị tệp…");
    pending += 1;
    shrink(input.files).then(function (files) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.csrfmiddlewaretoken.value);
      data.append("document", key);
      files.forEach(function (file) { data.append(input.name, file, file.name); });
      // Photos already kept travel along, so the server answers with the whole list.
      Array.prototype.forEach.call(form.querySelectorAll("input[name=anh]"), function (kept) {
        data.append("anh", kept.value);
      });
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      status.textContent = "Đang tải lên… ";
      status.appendChild(bar);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.pathname);
      xhr.setRequestHeader("X-Upload", "1");
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
      };
      xhr.onload = function () {
        var reply = null;
        try { reply = JSON.parse(xhr.responseText); } catch (error) { reply = null; }
        if (!reply) {
          say(status, "Máy chủ chưa nhận được tệp. Bấm “Lưu và tiếp tục” để gửi lại.");
          settled();
          return;
        }
        var list = document.getElementById("files-" + key);
        if (list && reply.html) list.outerHTML = reply.html;
        input.value = "";
        say(status, xhr.status === 200 ? reply.detail : "Chưa lưu: " + reply.detail);
        settled();
      };
      xhr.onerror = xhr.ontimeout = function () {
        say(status, "Mất kết nối: tệp chưa được gửi. Tệp vẫn được chọn; khi có mạng, bấm “Lưu và tiếp tục” để gửi lại.");
        waiting = false;  // do not carry on as if it had arrived
        settled();
      };
      xhr.send(data);
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-upload]") && input.files && input.files.length) send(input);
  });
  // Files chosen before this script ran (a fast tap on a slow phone, or a page restored by "Back") go up too.
  Array.prototype.forEach.call(form.querySelectorAll("input[type=file][data-upload]"), function (input) {
    if (input.files && input.files.length) send(input);
  });
})();
