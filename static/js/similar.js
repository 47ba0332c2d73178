/* While the citizen types a question's title, published answers like it appear under it (the portal search's
   Q&A results), so someone whose question is already answered need not wait days. Without this script the
   "Xem câu hỏi tương tự" button shows the same list on the next page. */
(function () {
  "use strict";
  var title = document.getElementById("id_title");
  var box = document.getElementById("similar");
  if (!title || !box || !window.fetch) return;
  var list = box.querySelector("ul");
  var timer, asked = "";
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(look, 400);
  });
  function look() {
    var text = title.value.trim();
    if (text.length < 3 || text === asked) return;
    asked = text;
    var url = box.getAttribute("data-similar-url") + "?source=hoi-dap&limit=5&q=" + encodeURIComponent(text);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body || text !== asked) return;
        var hits = body.groups.length ? body.groups[0].results : [];
        list.textContent = "";
        hits.forEach(function (hit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = hit.url;
          link.textContent = hit.title;
          item.appendChild(link);
          list.appendChild(item);
        });
        box.hidden = hits.length === 0;
      })
      .catch(function () { /* offline: the button still works */ });
  }
})();
