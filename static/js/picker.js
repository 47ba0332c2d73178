/* Long pickers (96 wards, every one-stop shop) become searchable as you type, with or without diacritics:
   "tan ninh" finds "Phường Tân Ninh". Without this script the plain list still works. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("select[data-searchable]"), function (select) {
    var options = Array.prototype.slice.call(select.options).map(function (option) {
      return { option: option, text: fold(option.text) };
    });
    var search = document.createElement("input");
    search.type = "search";
    search.className = "picker-search";
    search.setAttribute("aria-label", "Tìm trong danh sách “" + (select.labels[0] ? select.labels[0].textContent.trim() : "") + "” (gõ không dấu cũng được)");
    search.placeholder = "Gõ để tìm, ví dụ: tan ninh";
    search.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(search, select);
    search.addEventListener("input", function () {
      var wanted = fold(search.value).trim();
      var first = null;
      options.forEach(function (item) {
        var match = !wanted || !item.option.value || item.text.indexOf(wanted) !== -1;
        item.option.hidden = !match;
        if (match && item.option.value && !first) first = item.option;
      });
      if (wanted && first) select.value = first.value;  // the best match is chosen; the list shows the rest
    });
  });
})();
