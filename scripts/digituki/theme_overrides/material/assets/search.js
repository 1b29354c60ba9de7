/* The search page, on Pagefind's JavaScript API (pagefind.js, in the browser, no query
   leaves the site). Results are cards like the site's own: places, remote help and events
   first, information pages after them; ten at a time, "show more" adds the next ten and
   moves focus to the first of them. Filters load only when their panel is opened, so a
   first query fetches no filter data. When a query finds little or nothing the page
   suggests the nearest words of the site's own names ("did you mean"); when it finds nothing
   it also shows the municipality and topic lists and the help line. The query lives in the address (?q=…) and goes along when the
   language is switched. Without JavaScript the page shows those lists only. */
(function () {
  "use strict";
  var root = document.getElementById("dt-search");
  if (!root || !window.fetch || !window.URLSearchParams) { return; }
  var PAGE = 10;
  var KIND_FILTER = "dt_kind";  // set on provider pages only: they come first
  var form = document.querySelector(".dt-search-form");
  var input = document.getElementById("dt-search-input");
  var status = document.getElementById("dt-search-status");
  var list = document.getElementById("dt-results");
  var more = document.getElementById("dt-more");
  var panel = document.getElementById("dt-filters");
  var groups = document.getElementById("dt-filter-groups");
  var suggestion = document.getElementById("dt-suggest");
  var help = document.getElementById("dt-search-help");
  var helpIntro = document.getElementById("dt-search-help-intro");
  var texts = root.dataset;
  var pagefind = null, words = null;
  var found = [], shown = 0, searchId = 0, filterCounts = null, typing = null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key]; });
  }

  function engine() {
    if (!pagefind) {
      pagefind = import(new URL(texts.bundle, document.baseURI).href).then(function (module) {
        return module.options({ baseUrl: texts.base, excerptLength: 16 }).then(function () {
          return module;
        });
      }).catch(function (error) {
        pagefind = null;  // a flaky connection: the next search tries again
        throw error;
      });
    }
    return pagefind;
  }

  function chosenFilters() {
    var chosen = {};
    groups.querySelectorAll("input:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || { any: [] }).any.push(box.value);
    });
    return chosen;
  }

  /* Provider pages first (in Pagefind's order of relevance), then the other pages. */
  async function search(query, filters) {
    var pf = await engine();
    var term = query || null;
    var everything = await pf.search(term, { filters: filters });
    var onlyProviders = Object.assign({}, filters);
    onlyProviders[KIND_FILTER] = "provider";
    var providers = await pf.search(term, { filters: onlyProviders });
    var first = new Set(providers.results.map(function (r) { return r.id; }));
    return {
      results: providers.results.concat(everything.results.filter(function (r) {
        return !first.has(r.id);
      })),
      filters: everything.filters
    };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  /* Pagefind's excerpt is the page's own text with <mark> around the words found: keep the
     text and the marks, nothing else. */
  function excerpt(html) {
    var source = document.createElement("template");
    source.innerHTML = html;
    var paragraph = element("p", "dt-result-excerpt");
    source.content.childNodes.forEach(function (node) {
      var isMark = node.nodeName === "MARK";
      paragraph.appendChild(isMark ? element("mark", "", node.textContent)
                                   : document.createTextNode(node.textContent));
    });
    return paragraph;
  }

  function card(data) {
    var meta = data.meta || {};
    var item = element("li", "dt-result");
    var title = element("h2", "dt-result-title");
    var link = element("a", "", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(element("p", "dt-result-kind",
      [meta.kind || texts.pageKind, meta.municipality].filter(Boolean).join(" · ")));
    if (meta.next) {
      var next = element("p", "dt-result-next");
      next.appendChild(element("strong", "", meta.next_label + ": "));
      next.appendChild(document.createTextNode(meta.next));
      item.appendChild(next);
    }
    if (meta.terms) { item.appendChild(element("p", "dt-result-terms", meta.terms)); }
    if (data.excerpt) { item.appendChild(excerpt(data.excerpt)); }
    return item;
  }

  function announce(query) {
    var count = found.length, values = { count: count, query: query };
    if (!count) { status.textContent = fill(query ? texts.none : texts.noneFiltered, values); return; }
    var total = fill(query ? (count === 1 ? texts.countOne : texts.count)
                           : (count === 1 ? texts.countFilteredOne : texts.countFiltered), values);
    status.textContent = count > shown
      ? total + " " + fill(texts.shown, { shown: shown, count: count }) : total;
  }

  async function showMore(query, id, focus) {
    if (more.dataset.busy === String(id)) { return; }  // a second press while loading
    more.dataset.busy = String(id);
    var results = found, batch = found.slice(shown, shown + PAGE);
    var datas = await Promise.all(batch.map(function (r) { return r.data(); }));
    delete more.dataset.busy;
    if (id !== searchId || found !== results) { return; }  // a newer search took over
    var cards = datas.map(card);
    cards.forEach(function (c) { list.appendChild(c); });
    shown += batch.length;
    more.hidden = shown >= found.length;
    announce(query);
    if (focus && cards.length) { cards[0].querySelector("a").focus(); }
  }

  function keepInAddress(query) {
    var url = new URL(window.location.href);
    if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url);
    // The language switch leads to the same search in the other language.
    document.querySelectorAll("a[hreflang]").forEach(function (a) {
      var target = new URL(a.getAttribute("href"), window.location.href);
      if (query) { target.searchParams.set("q", query); } else { target.searchParams.delete("q"); }
      a.setAttribute("href", target.href);
    });
  }

  async function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var id = ++searchId;
    keepInAddress(query);
    suggestion.hidden = true;
    more.hidden = true;
    delete more.dataset.busy;
    if (!query && !Object.keys(filters).length) {
      found = []; shown = 0; list.textContent = ""; more.hidden = true;
      status.textContent = ""; showHelp(false, true);
      return;
    }
    status.textContent = texts.loading;
    var answer = await search(query, filters);
    if (id !== searchId) { return; }
    found = answer.results; shown = 0; list.textContent = "";
    if (filterCounts) { showCounts(answer.filters); }
    await showMore(query, id, false);
    if (id !== searchId) { return; }
    showHelp(!found.length, !found.length);
    // Few or no results may mean a typo: offer the nearest of the site's own words.
    if (found.length < PAGE && query) { offerNearest(query, found, id).catch(ignore); }
  }

  function ignore() {}

  function showHelp(nothingFound, visible) {
    help.hidden = !visible;
    helpIntro.hidden = !nothingFound;
  }

  /* --- filters, loaded when the panel is first opened --------------------------------- */

  function orderOf(names) {
    var wanted = (texts.filterOrder || "").split("|");
    return names.filter(function (n) { return n !== KIND_FILTER; }).sort(function (a, b) {
      return (wanted.indexOf(a) + 1 || 99) - (wanted.indexOf(b) + 1 || 99) || a.localeCompare(b);
    });
  }

  function filterGroup(name, values) {
    var group = element("fieldset", "dt-filter-group");
    group.appendChild(element("legend", "", name));
    Object.keys(values).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
      var label = element("label", "dt-filter");
      var box = element("input");
      box.type = "checkbox"; box.name = name; box.value = value;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + value + " "));
      label.appendChild(element("span", "dt-filter-count"));
      group.appendChild(label);
    });
    return group;
  }

  function showCounts(counts) {
    groups.querySelectorAll("input").forEach(function (box) {
      var n = (counts[box.name] || {})[box.value] || 0;
      box.parentNode.querySelector(".dt-filter-count").textContent = "(" + n + ")";
    });
  }

  async function buildFilters() {
    var pf = await engine();
    var all = await pf.filters();
    orderOf(Object.keys(all)).forEach(function (name) {
      groups.appendChild(filterGroup(name, all[name]));
    });
    filterCounts = all;
    var id = searchId, query = input.value.trim();
    var counts = query ? (await search(query, chosenFilters())).filters : all;
    if (id === searchId) { showCounts(counts); }
  }

  var filtersLoaded = null;
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = buildFilters().catch(function () {
        filtersLoaded = null;
        groups.textContent = texts.failed;
      });
    }
    return filtersLoaded;
  }

  /* --- did you mean ------------------------------------------------------------------ */

  /* Edits (insert, delete, change, swap two neighbours) from one word to another. */
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(best);
      }
    }
    return rows[a.length][b.length];
  }

  function nearest(word, vocabulary) {
    if (word.length < 4 || vocabulary.indexOf(word) >= 0) { return word; }
    var allowed = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
    var best = null, bestDistance = allowed + 1;
    vocabulary.forEach(function (candidate) {
      if (Math.abs(candidate.length - word.length) > allowed) { return; }
      var d = distance(word, candidate);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    return best || word;
  }

  /* The nearest words of the site's own names, offered when they find something else than
     the query did: a correctly spelt inflected word ("verkkopankissa") finds the same pages as
     its base form and is left alone; a typo that only matched parts of other words is not. */
  async function offerNearest(query, results, id) {
    if (!words) {
      words = fetch(new URL(texts.words, window.location.href)).then(function (r) {
        return r.ok ? r.json() : [];
      }).catch(function () { words = null; return []; });
    }
    var vocabulary = await words;
    var asked = query.toLowerCase().split(/\s+/).filter(Boolean);
    var better = asked.map(function (w) { return nearest(w, vocabulary); }).join(" ");
    if (better === asked.join(" ")) { return; }
    var answer = await search(better, {});
    var ids = function (list) { return list.map(function (r) { return r.id; }).sort().join(); };
    if (id !== searchId || !answer.results.length || ids(answer.results) === ids(results)) {
      return;
    }
    var link = document.getElementById("dt-suggest-link");
    suggestion.hidden = false;  // shown first, so the polite live region reads the new word
    link.href = "?q=" + encodeURIComponent(better);
    link.textContent = better;
  }

  /* --- wiring -------------------------------------------------------------------------- */

  root.hidden = false;
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  /* The index could not be loaded (a broken connection, an old browser): say so, and offer
     the lists that reach every provider. */
  function start() {
    var id = searchId + 1;
    run().catch(function () {
      if (id !== searchId) { return; }  // a newer search is under way
      status.textContent = texts.failed;
      list.textContent = ""; more.hidden = true;
      showHelp(true, true);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    start();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(start, 300);
  });
  more.addEventListener("click", function () {
    showMore(input.value.trim(), searchId, true);
  });
  panel.addEventListener("toggle", function () {
    if (panel.open) { loadFilters(); }
  });
  groups.addEventListener("change", start);
  start();
})();
