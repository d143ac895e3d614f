// Facet filters of the good-practice listing, an ES module (issue 26): facets/model.js (the rules,
// unit-tested in Node against vectors of build_tools/generate/facets.py) and facets/ui.js (the form).
import { setup } from "./facets/ui.js";

const root = document.getElementById("ssa-facets");
const groups = document.querySelector("[data-case-groups]");
if (root && groups) setup(root, groups);
