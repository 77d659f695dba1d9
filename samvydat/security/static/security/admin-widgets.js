// samvydat: starts Wagtail's date, time and date-time pickers without inline <script> (the admin's
// Content-Security-Policy forbids them). The widgets' templates (samvydat/security/templates/wagtailadmin/widgets/)
// leave a marker <span data-samvydat-chooser=…> where Wagtail's own template had a <script>; this calls the same
// function with the same arguments, for markers in the page and for those added later (inline panels, StreamField).
(function () {
  "use strict";
  var ALLOWED = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];

  function start(marker) {
    var name = marker.getAttribute("data-samvydat-chooser");
    if (marker.hasAttribute("data-started") || ALLOWED.indexOf(name) === -1 || typeof window[name] !== "function") {
      return;
    }
    marker.setAttribute("data-started", "");
    window[name](marker.getAttribute("data-chooser-id"), JSON.parse(marker.getAttribute("data-chooser-config")));
  }

  function startWithin(node) {
    if (node.nodeType !== 1) return;
    if (node.matches("[data-samvydat-chooser]")) start(node);
    node.querySelectorAll("[data-samvydat-chooser]").forEach(start);
  }

  startWithin(document.documentElement);
  // The pickers' own script comes with the form's media, after this file: start what is left once it has run.
  document.addEventListener("DOMContentLoaded", function () {
    startWithin(document.documentElement);
  });
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(startWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
