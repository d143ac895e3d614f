// Offer generated text as a file download (no server round trip, nothing leaves the browser).

/** Download ``text`` as a file called ``name`` of MIME ``type``. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
}
