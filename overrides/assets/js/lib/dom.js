// Element builders: text goes in with textContent only, never as HTML.

import { parseJson } from "./text.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** An HTML element with attributes and (optionally) text. */
export function make(tag, attrs, text) {
  const el = document.createElement(tag);
  Object.keys(attrs || {}).forEach((name) => el.setAttribute(name, attrs[name]));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** An SVG element with attributes. */
export function makeSvg(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach((name) => el.setAttribute(name, String(attrs[name])));
  return el;
}

/** The parsed JSON of the data block ``<script type="application/json" id=...>``, or null. */
export function readJsonBlock(id) {
  const el = document.getElementById(id);
  return el ? parseJson(el.textContent) : null;
}
