/* The spelling-blind name key of a word, as samvydat.search.analysis.name_key computes it in Python.
   The rules come from static/mirror/namekey-rules.js, written by the exporter from the Python module itself.
   window.samvydatNameKeys(text) → ["lukawank", …] (one key per word that has one);
   window.samvydatFoldSpelling(text, language) → the query's words in one spelling (below). */
(function () {
  "use strict";
  var R = window.SAMVYDAT_NAME_KEY_RULES;
  if (!R) { return; }
  var rules = R.rules.map(function (rule) { return [new RegExp(rule[0], "g"), rule[1]]; });
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var LACINKA_WORD = /[\p{L}\p{N}_]*[šžčżŭłśćźń][\p{L}\p{N}_]*/gu;
  var TOKEN = /[a-z0-9\u0430-\u045f\u0491]+/g;
  var LATIN = /[a-z]/, CYRILLIC = /[\u0430-\u045f\u0491]/;
  var APOSTROPHES = /['\u2019\u2018\u02bc\u02b9\u02bb\u0060\u00b4\u2032\uff07\u055a]/g;

  function foldChar(ch) {
    if (ch === "й" || ch === "ў") { return ch; }
    var folded = ch.normalize("NFD").replace(MARKS, "").normalize("NFC");
    return R.latinExtra[folded] || folded;
  }

  function normalise(text) {
    text = text.normalize("NFKC").toLowerCase().normalize("NFKC");
    text = text.replace(LACINKA_WORD, function (word) {
      return word.replace(/ch/g, "kh").replace(/[šžčż]/g, function (c) { return R.lacinka[c]; });
    });
    text = Array.from(text).map(foldChar).join("");
    text = text.replace(/(\p{L})'s\b/gu, "$1").replace(APOSTROPHES, "");
    return text.replace(/(^|[^\p{L}\p{N}])ў/gu, "$1у");
  }

  function key(token) {
    if (token.length < R.minTokenChars || !(LATIN.test(token) || CYRILLIC.test(token))) { return ""; }
    if (token.length > R.maxTokenChars) { token = token.slice(0, R.maxTokenChars); }
    if (CYRILLIC.test(token)) {
      for (var i = 0; i < R.endings.length; i++) {
        var ending = R.endings[i];
        if (token.endsWith(ending) && token.length - ending.length >= R.minNameStem) {
          token = token.slice(0, -ending.length);
          break;
        }
      }
    }
    var k = Array.from(token).map(function (c) {
      return Object.prototype.hasOwnProperty.call(R.transliteration, c) ? R.transliteration[c] : c;
    }).join("").toLowerCase();
    rules.forEach(function (rule) { k = k.replace(rule[0], rule[1]); });
    var trimmed = k.replace(/[aiu]+$/, "");
    if (trimmed.length >= 2) { k = trimmed; }
    return k.length >= 2 ? k : "";
  }

  window.samvydatNameKeys = function (text) {
    var tokens = normalise(text).match(TOKEN) || [];
    return tokens.map(function (t) { return t[0] === "ў" ? "у" + t.slice(1) : t; }).map(key).filter(Boolean);
  };
  window.samvydatNameKeyPrefix = R.prefix;

  /* One spelling for the Belarusian words of a query, as samvydat.search.analysis.fold_spelling gives it:
     taraškievica → narkamaŭka (сьнег → снег). language is the site's; it decides for Cyrillic words without
     і ў ґ (Belarusian) or и щ ъ (Russian). window.samvydatFoldSpelling("Эўропа", "be") → "еўропа". */
  var folds = (R.belarusianFolds || []).map(function (rule) { return [new RegExp(rule[0], "g"), rule[1]]; });
  window.samvydatFoldSpelling = function (text, language) {
    var tokens = normalise(text).match(TOKEN) || [];
    return tokens.map(function (token) {
      if (LATIN.test(token)) { return token; }
      var belarusian = /[іўґ]/.test(token) || (!/[иъщ]/.test(token) && language === "be");
      if (!belarusian) { return token; }
      folds.forEach(function (rule) { token = token.replace(rule[0], rule[1]); });
      return token;
    }).join(" ");
  };
})();
