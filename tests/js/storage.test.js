// Storage that never throws and tells a full quota from a disabled storage.
import assert from "node:assert/strict";
import test from "node:test";

import { FULL, SAVED, UNAVAILABLE, isQuotaError, loadText, removeText, saveText } from "../../overrides/assets/js/lib/storage.js";

class MemoryStorage {
  constructor(limit) { this.items = new Map(); this.limit = limit; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) {
    if (this.limit !== undefined && String(value).length > this.limit) {
      const err = new Error("quota");
      err.name = "QuotaExceededError";
      throw err;
    }
    this.items.set(key, String(value));
  }
  removeItem(key) { this.items.delete(key); }
}

const broken = {
  getItem() { throw new Error("SecurityError"); },
  setItem() { throw new Error("SecurityError"); },
  removeItem() { throw new Error("SecurityError"); },
};

test("saves, loads and removes", () => {
  const s = new MemoryStorage();
  assert.equal(saveText(s, "k", "v"), SAVED);
  assert.equal(loadText(s, "k"), "v");
  removeText(s, "k");
  assert.equal(loadText(s, "k"), null);
});

test("a full storage is reported as FULL", () => {
  const s = new MemoryStorage(3);
  assert.equal(saveText(s, "k", "too long"), FULL);
  assert.equal(loadText(s, "k"), null);
});

test("quota errors of every engine are recognized", () => {
  assert.equal(isQuotaError({ name: "QuotaExceededError" }), true);
  assert.equal(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" }), true);
  assert.equal(isQuotaError({ code: 22 }), true);
  assert.equal(isQuotaError({ name: "SecurityError" }), false);
  assert.equal(isQuotaError(null), false);
});

test("disabled storage never throws", () => {
  assert.equal(saveText(broken, "k", "v"), UNAVAILABLE);
  assert.equal(loadText(broken, "k"), null);
  removeText(broken, "k");
  assert.equal(saveText(null, "k", "v"), UNAVAILABLE);
  assert.equal(loadText(null, "k"), null);
});
