// samvydat: the little JavaScript the site has. Every page works without it.
// Videos from other hosts load only after the reader presses "Play".
(function () {
  "use strict";
  document.querySelectorAll("figure.video[data-embed-url]").forEach(function (figure) {
    var button = figure.querySelector(".video__load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed-url");
      frame.title = figure.querySelector(".video__title").textContent;
      frame.allow = "fullscreen; picture-in-picture";
      frame.referrerPolicy = "no-referrer";
      frame.loading = "lazy";
      figure.querySelector(".video__placeholder").replaceWith(frame);
      frame.focus();
    });
  });
})();

// A trend chart wider than a phone scrolls inside its frame: start at its right end, the latest weeks.
(function () {
  "use strict";
  document.querySelectorAll(".trend-chart__frame").forEach(function (frame) {
    frame.scrollLeft = frame.scrollWidth;
  });
})();
