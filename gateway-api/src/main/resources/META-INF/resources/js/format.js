// Small shared helpers: element lookup, API paths, table cells, signs, times, buttons, chart colours.

/** The first element matching a CSS selector. */
export const $ = (selector) => document.querySelector(selector);

/** The API path of a bot ("/bots/{botId}", the id encoded). */
export const botPath = (botId) => "/bots/" + encodeURIComponent(botId);

/** Whether the system asks for dark colours. */
export const darkScheme = matchMedia("(prefers-color-scheme: dark)");

/** Chart options for the current light or dark scheme. */
export function chartTheme() {
  const dark = darkScheme.matches;
  return {
    layout: { background: { color: "transparent" }, textColor: dark ? "#e6edf3" : "#1b1f24" },
    grid: { vertLines: { visible: false }, horzLines: { color: dark ? "#30363d" : "#eaeef2" } },
  };
}

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

/**
 * A button with a label and an accessible name; disabled while {@code onClick}'s promise runs, so a second click
 * cannot send the request twice.
 */
export function button(label, title, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.title = title;
  element.setAttribute("aria-label", title);
  element.addEventListener("click", async (event) => {
    event.stopPropagation();
    element.disabled = true;
    try {
      await onClick(event);
    } finally {
      element.disabled = false;
    }
  });
  return element;
}
