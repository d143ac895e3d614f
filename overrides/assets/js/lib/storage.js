// localStorage that never throws, and says why a save failed. Unit-tested in tests/js/.

export const SAVED = "saved";
export const FULL = "full";
export const UNAVAILABLE = "unavailable";

/** The browser's localStorage, or null where it is disabled (reading it can throw). */
export function browserStorage() {
  try {
    return window.localStorage || null;
  } catch (err) {
    return null;
  }
}

/** True if ``err`` is a browser's "storage quota exceeded" error (names and codes differ by engine). */
export function isQuotaError(err) {
  if (!err) return false;
  return err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    err.code === 22 || err.code === 1014;
}

/** Store ``text`` under ``key``: returns SAVED, FULL (quota exceeded) or UNAVAILABLE. */
export function saveText(storage, key, text) {
  if (!storage) return UNAVAILABLE;
  try {
    storage.setItem(key, text);
    return SAVED;
  } catch (err) {
    return isQuotaError(err) ? FULL : UNAVAILABLE;
  }
}

/** The text stored under ``key``, or null (missing, or storage unavailable). */
export function loadText(storage, key) {
  if (!storage) return null;
  try {
    return storage.getItem(key);
  } catch (err) {
    return null;
  }
}

/** Remove ``key``; quietly does nothing where storage is unavailable. */
export function removeText(storage, key) {
  if (!storage) return;
  try {
    storage.removeItem(key);
  } catch (err) {
    /* storage unavailable: nothing to clear */
  }
}
