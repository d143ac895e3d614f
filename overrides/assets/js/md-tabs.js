// Opens the content tab named by the URL fragment (Material does this with an inline script,
// which a strict Content-Security-Policy forbids). Loaded right after the page content.
(function () {
  "use strict";
  var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) {
    target.checked = true;
  }
}());
