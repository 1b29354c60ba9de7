/* The search query lives in the address (?q=…), so a result list can be shared, bookmarked
   or reached from the search box on the home page (a plain form that works without this). */
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search).get("q") || "";
  function input() { return document.querySelector("pagefind-input input"); }
  function start() {
    var field = input();
    if (!field) { window.setTimeout(start, 50); return; }
    if (query) {
      field.value = query;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    field.addEventListener("input", function () {
      var url = new URL(window.location.href);
      if (field.value) { url.searchParams.set("q", field.value); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url);
    });
  }
  start();
})();
