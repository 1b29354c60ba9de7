/* "Open now / opens next" from the intervals the build wrote into the page.
   No hours parser here: the page lists the open intervals of the coming days (with their
   Helsinki offset) and this only compares them with the clock. Without JavaScript the
   element stays hidden and the week table says the same. */
(function () {
  "use strict";
  function clock(iso, sep, end) {
    var hour = parseInt(iso.slice(11, 13), 10), minute = iso.slice(14, 16);
    if (end && hour === 0 && minute === "00") { return "24"; }  // as the page writes midnight
    return minute === "00" ? String(hour) : hour + sep + minute;
  }
  function weekday(iso, names) {
    var day = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
    return names[(day.getUTCDay() + 6) % 7];
  }
  function show(element, now) {
    var intervals = JSON.parse(element.getAttribute("data-intervals"));
    var names = element.getAttribute("data-days").split(","), sep = element.getAttribute("data-sep");
    var text = element.getAttribute("data-none");
    for (var i = 0; i < intervals.length; i++) {
      var start = Date.parse(intervals[i][0]), end = Date.parse(intervals[i][1]);
      if (start <= now && now < end) {
        text = element.getAttribute("data-open").replace("{time}", clock(intervals[i][1], sep, true));
        break;
      }
      if (start > now) {
        text = element.getAttribute("data-closed")
          .replace("{day}", weekday(intervals[i][0], names))
          .replace("{time}", clock(intervals[i][0], sep));
        break;
      }
    }
    element.textContent = text;
    element.hidden = false;
  }
  var now = Date.now();
  var elements = document.querySelectorAll(".dt-now[data-intervals]");
  for (var i = 0; i < elements.length; i++) { show(elements[i], now); }
})();
