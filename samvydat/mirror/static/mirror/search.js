/* Search inside a static mirror (samvydat.mirror): Pagefind's index, plus the spelling-blind name keys
   (namekey.js), so "Lukashenko" finds pages that spell Lukashenka. No inline script, no other host. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);  // this file is <mirror>/static/mirror/search.js
  var box = document.querySelector(".mirror-search");
  if (!box) { return; }
  var input = box.querySelector("input[name=q]");
  var status = box.querySelector(".mirror-search__status");
  var list = box.querySelector(".mirror-search__results");
  var LIMIT = 20;

  function say(text) { status.textContent = text; }

  function clean(excerpt) {
    var prefix = window.samvydatNameKeyPrefix || "zk";
    return excerpt.replace(new RegExp("\\b" + prefix + "[a-z0-9]+\\b", "g"), "").replace(/\s+/g, " ");
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var address = data.url.replace(/^\//, "");
      if (box.dataset.liveSite) { address = address.replace(/(^|\/)index\.html$/, "$1"); }  // the live site's addresses
      link.href = new URL(address, root).href;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.className = "meta";
      excerpt.innerHTML = clean(data.excerpt || "");  // Pagefind escapes the text; only <mark> is markup
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    say(results.length ? "" : box.dataset.noResults);
  }

  async function run(query) {
    query = query.trim().slice(0, 200);
    if (!query) { return; }
    say(box.dataset.loading);
    var pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: "/" });
    var prefix = window.samvydatNameKeyPrefix || "zk";
    var keys = window.samvydatNameKeys ? window.samvydatNameKeys(query) : [];
    var searches = [pagefind.search(query)];
    var folded = window.samvydatFoldSpelling ? window.samvydatFoldSpelling(query, box.dataset.language) : "";
    if (folded && folded !== query.toLowerCase()) {
      searches.push(pagefind.search(folded));  // the other orthography: сьнег finds снег (namekey.js)
    }
    if (keys.length) { searches.push(pagefind.search(keys.map(function (k) { return prefix + k; }).join(" "))); }
    var found = await Promise.all(searches);
    var seen = {}, merged = [];
    found.forEach(function (search) {
      (search && search.results || []).forEach(function (result) {
        if (!seen[result.id]) { seen[result.id] = true; merged.push(result); }
      });
    });
    show(await Promise.all(merged.slice(0, LIMIT).map(function (result) { return result.data(); })));
  }

  if (location.protocol === "file:") {
    say(box.dataset.fileNote);
    return;
  }
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value).catch(function (error) { say(String(error)); });
  });
  if (query) { run(query).catch(function (error) { say(String(error)); }); }
})();
