// Loaded before sveltia-cms.js: admin.js starts the CMS itself, with the generated configuration
// (config.json) and the year limit of today (no inline script: /admin/ has a strict CSP).
window.CMS_MANUAL_INIT = true;
