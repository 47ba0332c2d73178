/* The live player. A browser that plays HLS itself (Safari, many Android webviews) gets the stream directly;
   any other loads hls.js from our own files, and only when the person taps "Xem/Nghe", so opening the page costs
   no player download. Problems are said in plain words under the player. */
(function () {
  "use strict";
  var media = document.getElementById("player");
  if (!media) return;
  var start = document.getElementById("player-start");
  var status = document.getElementById("player-status");
  var url = media.getAttribute("data-stream");
  var OFFLINE = "Kênh đang mất tín hiệu hoặc mạng yếu. Vui lòng thử lại sau ít phút.";
  var UNSUPPORTED = "Trình duyệt này không phát được kênh trực tiếp. Hãy mở luồng bằng ứng dụng khác (liên kết bên dưới).";

  function say(text) { status.textContent = text; }
  function state(value) { media.setAttribute("data-state", value); }

  media.addEventListener("waiting", function () { say("Đang tải…"); });
  media.addEventListener("playing", function () { say(""); state("playing"); });
  media.addEventListener("pause", function () { state("paused"); });

  function play() {
    var playing = media.play();
    if (playing && playing.catch) playing.catch(function () { say("Bấm ▶ trên trình phát để bắt đầu."); });
  }

  // A big button is easier to hit than the browser's own small ▶, whichever way the stream is played.
  start.parentNode.hidden = false;
  if (media.canPlayType("application/vnd.apple.mpegurl")) {
    state("native");
    media.addEventListener("error", function () { say(OFFLINE); state("error"); }, true);
    start.addEventListener("click", function () { say("Đang tải…"); play(); });
    media.addEventListener("playing", function () { start.parentNode.hidden = true; });
    return;
  }
  var hasMse = window.MediaSource || window.ManagedMediaSource;
  if (!hasMse) { start.parentNode.hidden = true; say(UNSUPPORTED); state("unsupported"); return; }

  // Without native HLS the browser's controls would do nothing: our button starts the player instead.
  var source = media.querySelector("source");
  if (source) media.removeChild(source);
  media.controls = false;
  state("waiting-for-tap");

  start.addEventListener("click", function () {
    start.disabled = true;
    say("Đang tải trình phát…");
    var script = document.createElement("script");
    script.src = media.getAttribute("data-hls");
    script.onerror = function () {
      start.disabled = false;
      say("Chưa tải được trình phát. Kiểm tra kết nối mạng rồi bấm lại.");
    };
    script.onload = function () {
      var Hls = window.Hls;
      if (!Hls || !Hls.isSupported()) { say(UNSUPPORTED); state("unsupported"); return; }
      // No worker: the page's security policy allows scripts from our own files only.
      var hls = new Hls({ enableWorker: false, backBufferLength: 30, maxBufferLength: 20 });
      hls.on(Hls.Events.ERROR, function (event, data) {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) { hls.recoverMediaError(); return; }
        hls.destroy();
        say(OFFLINE);
        state("error");
        start.disabled = false;
      });
      hls.on(Hls.Events.MANIFEST_PARSED, function () {
        media.controls = true;
        start.parentNode.hidden = true;
        play();
      });
      hls.loadSource(url);
      hls.attachMedia(media);
      state("loading");
    };
    document.head.appendChild(script);
  });
})();
