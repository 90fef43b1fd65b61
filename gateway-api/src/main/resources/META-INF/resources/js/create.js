// The form that creates a bot: its strategy's parameters come from GET /api/v1/strategies; nothing is checked here,
// the API is the one judge, and its field error (problem+json "field") is shown at that field.
import { api, post, showError } from "./api.js";
import { $, botPath } from "./format.js";

const form = $("#create");
let strategies = [];
let created = () => {};

$("#create-strategy").addEventListener("change", parameters);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const send = form.querySelector("button[type=submit]");
  send.disabled = true;
  try {
    await submit();
  } finally {
    send.disabled = false;
  }
});
$("#create-cancel").addEventListener("click", () => close());
$("#new-bot").addEventListener("click", () => {
  $("#create-section").hidden = false;
  $("#new-bot").setAttribute("aria-expanded", "true");
  form.elements.botId.focus();
});

/**
 * Loads the strategies (until that worked once) and builds the parameter inputs of the chosen one;
 * {@code onCreated(bot)} runs after each bot the form created.
 */
export async function prepareForm(onCreated) {
  created = onCreated;
  if (strategies.length > 0) {
    return;
  }
  strategies = (await api("/strategies")) || [];
  $("#create-strategy").replaceChildren(...strategies.map((s) => new Option(s.type, s.type)));
  parameters();
}

function close() {
  $("#create-section").hidden = true;
  $("#new-bot").setAttribute("aria-expanded", "false");
  $("#new-bot").focus();
}

/** One labelled input per parameter of the chosen strategy, with its default filled in and its range as a hint. */
function parameters() {
  const strategy = strategies.find((s) => s.type === $("#create-strategy").value);
  $("#create-params").replaceChildren(...(strategy?.parameters || []).map((p) => {
    const name = "strategy.params." + p.name;
    const range = p.min != null || p.max != null ? ` (${p.min ?? "…"} to ${p.max ?? "…"})` : "";
    // "minSignalIntervalMinutes" shown as "min signal interval minutes"; the API's name stays the input's name.
    const label = p.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return field(name, label, p.defaultValue ?? "", p.description + range, p.type === "BOOLEAN");
  }));
}

/** A label, an input (a true/false choice for a yes-or-no parameter) and the place for its error. */
function field(name, label, value, hint, yesOrNo) {
  const wrapper = document.createElement("div");
  wrapper.className = "field";
  const id = idOf(name);
  const labelElement = document.createElement("label");
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const input = document.createElement(yesOrNo ? "select" : "input");
  if (yesOrNo) {
    input.append(new Option("true"), new Option("false"));
  }
  input.id = id;
  input.name = name;
  input.value = value;
  input.setAttribute("aria-describedby", id + "-hint " + id + "-error");
  const hintElement = document.createElement("small");
  hintElement.id = id + "-hint";
  hintElement.className = "hint";
  hintElement.textContent = hint;
  const error = document.createElement("small");
  error.id = id + "-error";
  error.className = "field-error";
  error.dataset.field = name;
  wrapper.append(labelElement, input, hintElement, error);
  return wrapper;
}

const idOf = (field) => "f-" + field.replace(/[^A-Za-z0-9]+/g, "-");

/** The POST /api/v1/bots body: decimals and parameters as strings, whole numbers as numbers when they are. */
function body() {
  const value = (name) => form.elements[name].value.trim();
  const whole = (name) => (/^-?\d+$/.test(value(name)) ? Number(value(name)) : value(name));
  const params = {};
  form.querySelectorAll("#create-params input, #create-params select").forEach((input) => {
    if (input.value.trim() !== "") {
      params[input.name.slice("strategy.params.".length)] = input.value.trim();
    }
  });
  return {
    botId: value("botId"), name: value("name"), market: value("market"), symbol: value("symbol"),
    interval: value("interval"), strategy: { type: value("strategy.type"), params },
    risk: { marginPerTrade: value("risk.marginPerTrade"), leverage: whole("risk.leverage"),
      marginType: value("risk.marginType"), maxOpenPositions: whole("risk.maxOpenPositions") },
    venue: value("venue"),
  };
}

async function submit() {
  form.querySelectorAll(".field-error").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  $("#create-error").textContent = "";
  const request = body();
  const made = await post("/bots", request);
  if (!made.ok) {
    return showProblem(made);
  }
  if (form.elements.start.checked) {
    const started = await post(botPath(made.body.botId) + "/start");
    if (!started.ok) {
      // The bot exists (stopped): shown in the table, the reason above the form.
      created(made.body);
      return showProblem(started);
    }
  }
  showError("");
  close();
  form.reset();
  parameters();
  created(made.body);
}

/** The API's problem: at its field when the form has one (the nearest enclosing field otherwise), else above the form. */
function showProblem(answer) {
  const problem = answer.body || { detail: "The gateway answered " + answer.status };
  let name = problem.field || "";
  let error = null;
  while (name && !(error = form.querySelector(`.field-error[data-field="${CSS.escape(name)}"]`))) {
    name = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "";
  }
  if (!error) {
    $("#create-error").textContent = problem.detail + (problem.field ? " (" + problem.field + ")" : "");
    return;
  }
  error.textContent = problem.detail;
  const input = form.elements[name];
  // A group's error (strategy.params) has no input of its own.
  input?.setAttribute?.("aria-invalid", "true");
  input?.focus?.();
}
