// Small shared helpers: table cells, signs, times, buttons.

/** A table cell with text (empty for null) and an optional class. */
export function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) {
    td.className = className;
  }
  return td;
}

/** The classes of a number cell, green above zero and red below. */
export const signed = (value) => (value == null ? "num" : Number(value) > 0 ? "num pos" : Number(value) < 0 ? "num neg" : "num");

/** Epoch ms as "2023-11-15 08:03:00" (UTC). */
export const utc = (ms) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

/** A button with a label and an accessible name. */
export function button(label, title, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.title = title;
  element.setAttribute("aria-label", title);
  element.addEventListener("click", (event) => {
    event.stopPropagation();
    onClick(event);
  });
  return element;
}
