// Opens the content tab named by the URL fragment (Material does this with an inline script,
// which a strict Content-Security-Policy forbids). Loaded right after the page content.
(function () {
  "use strict";
  var id = window.location.hash.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch (err) {
    // A malformed %-sequence in the address: look the fragment up as written.
  }
  var target = document.getElementById(id);
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) {
    target.checked = true;
  }
}());
