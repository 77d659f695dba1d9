// samvydat: starts Wagtail admin widgets whose templates end in an inline <script>, which the admin's
// Content-Security-Policy forbids. samvydat's overrides leave a hidden marker where Wagtail had the script:
// - <span data-samvydat-chooser="initDateChooser" …>: the date, time and date-time pickers
//   (samvydat/security/templates/wagtailadmin/widgets/);
// - <span data-samvydat-new="PageChooser" data-samvydat-args='[…]'>: choosers, InlinePanel and
//   MultipleChooserPanel (samvydat/security/admin_widgets.py, templates/wagtailadmin/panels/);
// - <span data-samvydat-call="createTaskChooser" data-samvydat-args='[…]'>: the workflow task chooser.
// This calls the same constructor or function with the same arguments, for markers in the page and for those added
// later (a new inline panel row, a StreamField block). Markers inside <template> elements wait until inserted.
(function () {
  "use strict";
  var PICKERS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  var CONSTRUCTOR = /^(InlinePanel|MultipleChooserPanel|[A-Z][A-Za-z]*Chooser)$/;
  var FUNCTIONS = ["createTaskChooser"];
  var SELECTOR = "[data-samvydat-chooser], [data-samvydat-new], [data-samvydat-call]";

  function startPicker(marker) {
    var name = marker.getAttribute("data-samvydat-chooser");
    if (PICKERS.indexOf(name) === -1 || typeof window[name] !== "function") return false;
    window[name](marker.getAttribute("data-chooser-id"), JSON.parse(marker.getAttribute("data-chooser-config")));
    return true;
  }

  function startConstructed(marker) {
    var name = marker.getAttribute("data-samvydat-new");
    var Target = window[name];
    if (!CONSTRUCTOR.test(name) || typeof Target !== "function") return false;
    var args = JSON.parse(marker.getAttribute("data-samvydat-args"));
    new (Function.prototype.bind.apply(Target, [null].concat(args)))();
    return true;
  }

  function startCalled(marker) {
    var name = marker.getAttribute("data-samvydat-call");
    if (FUNCTIONS.indexOf(name) === -1 || typeof window[name] !== "function") return false;
    window[name].apply(null, JSON.parse(marker.getAttribute("data-samvydat-args")));
    return true;
  }

  function start(marker) {
    if (marker.hasAttribute("data-started")) return;
    var started;
    if (marker.hasAttribute("data-samvydat-chooser")) started = startPicker(marker);
    else if (marker.hasAttribute("data-samvydat-new")) started = startConstructed(marker);
    else started = startCalled(marker);
    if (started) marker.setAttribute("data-started", "");
  }

  function startWithin(node) {
    if (node.nodeType !== 1) return;
    if (node.matches(SELECTOR)) start(node);
    node.querySelectorAll(SELECTOR).forEach(start);
  }

  startWithin(document.documentElement);
  // The widgets' own scripts come with the form's media, after this file: start what is left once they have run.
  document.addEventListener("DOMContentLoaded", function () {
    startWithin(document.documentElement);
  });
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(startWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
