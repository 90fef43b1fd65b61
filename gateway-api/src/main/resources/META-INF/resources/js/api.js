// The gateway's /api/v1, called with the API key this tab keeps (sessionStorage: gone when the tab closes).
import { $ } from "./format.js";

const KEY = "tradeflow.apiKey";

/** The key entered in this tab, or "" before one is. */
export const apiKey = () => sessionStorage.getItem(KEY) || "";

export function rememberKey(key) {
  sessionStorage.setItem(KEY, key);
}

/**
 * One call to the gateway: {ok, status, body}, body the parsed JSON (a problem+json on errors) or null. A 401 forgets
 * the key and asks for another; network failures come back as status 0 with a problem saying so.
 */
export async function call(path, options = {}) {
  let response;
  try {
    response = await fetch("/api/v1" + path, {
      ...options,
      headers: { "X-API-Key": apiKey(), Accept: "application/json", ...(options.headers || {}) },
    });
  } catch (error) {
    return { ok: false, status: 0, body: { detail: "The gateway cannot be reached (" + error.message + ")" } };
  }
  if (response.status === 401) {
    forgetKey("That API key was refused: enter another.");
  }
  const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  return { ok: response.ok, status: response.status, body };
}

/** A call whose failure is shown in the page's error line; its JSON body, or null when it failed. */
export async function api(path, options = {}) {
  const answer = await call(path, options);
  if (!answer.ok) {
    if (answer.status !== 401) {
      showError((answer.body && answer.body.detail) || "The gateway answered " + answer.status);
    }
    return null;
  }
  return answer.body;
}

/** POST of a JSON body (or none). */
export const post = (path, body) => call(path, body === undefined ? { method: "POST" }
  : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** Shows {@code text} in the page's error line; an empty text hides it. */
export function showError(text) {
  $("#error").textContent = text;
  $("#error").hidden = !text;
}

/** Forgets the key (the gateway refused it) and asks for another. */
export function forgetKey(text) {
  sessionStorage.removeItem(KEY);
  showLogin(text);
}

export function showLogin(text) {
  $("#login").hidden = false;
  if (text) {
    showError(text);
  }
  $("#key").focus();
}
