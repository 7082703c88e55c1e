// Client-side search over the index in search-index.js (plain JavaScript, no
// network): every word typed must occur in an entry's name, summary, field
// names or service; results are links.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = window.KSYUN_SEARCH_INDEX || [];
  var LIMIT = 50;

  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    status.textContent = "";
    if (!words.length) return;
    var found = 0;
    for (var i = 0; i < index.length; i++) {
      var entry = index[i]; // [name, href, summary, fields, service]
      var text = (entry[0] + " " + entry[2] + " " + entry[3] + " " + entry[4]).toLowerCase();
      if (!words.every(function (w) { return text.indexOf(w) !== -1; })) continue;
      found++;
      if (found > LIMIT) continue;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry[1];
      link.textContent = entry[0];
      item.appendChild(link);
      var where = document.createElement("span");
      where.textContent = " " + entry[4] + (entry[2] ? " · " + entry[2] : "");
      item.appendChild(where);
      list.appendChild(item);
    }
    status.textContent = found === 0 ? "No match." :
      found + (found === 1 ? " match" : " matches") + (found > LIMIT ? ", first " + LIMIT + " shown." : ".");
  }

  input.addEventListener("input", function () { show(input.value); });
  if (input.value) show(input.value);
})();
