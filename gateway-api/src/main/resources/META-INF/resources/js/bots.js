// The bots table: status (and a tripped kill switch), strategy, series, net PnL, win rate; start, stop (optionally
// closing the position), resume after a halt. A row is selected with a click or Enter/Space.
import { api, call, post, showError } from "./api.js";
import { button, cell, signed } from "./format.js";

const $ = (selector) => document.querySelector(selector);
const path = (botId) => "/bots/" + encodeURIComponent(botId);

/** Loads the bots and redraws the table; returns the list (null when the gateway refused). */
export async function loadBots(selectedId, onSelect, onChange) {
  const list = await api("/bots");
  if (!list) {
    return null;
  }
  const rows = await Promise.all(list.map(async (bot) => {
    const [stats, halt] = await Promise.all([call(path(bot.botId) + "/stats"), call(path(bot.botId) + "/halt")]);
    return row(bot, (stats.ok && stats.body[0]) || {}, halt, selectedId, onSelect, onChange);
  }));
  $("#bots tbody").replaceChildren(...rows);
  $("#bots-empty").hidden = list.length > 0;
  return list;
}

function row(bot, stats, halt, selectedId, onSelect, onChange) {
  const row = document.createElement("tr");
  row.tabIndex = 0;
  row.dataset.botId = bot.botId;
  row.setAttribute("aria-selected", String(bot.botId === selectedId));
  const winRate = stats.winRate == null ? "" : (Number(stats.winRate) * 100).toFixed(1) + " %";
  const status = cell(bot.status + (bot.closePosition ? " (closing)" : "") + (halt.ok ? " · HALTED" : ""), "status");
  if (halt.ok) {
    status.title = halt.body.reason + ": " + halt.body.detail;
    status.classList.add("neg");
  }
  row.append(cell(bot.name), status, cell(bot.strategy), cell(bot.symbol + " " + bot.interval), cell(bot.venue),
    cell(stats.netPnl, signed(stats.netPnl)), cell(winRate, "num"));
  const act = (label, title, suffix) => button(label, title + " " + bot.name, async () => {
    const answer = await post(path(bot.botId) + suffix);
    if (!answer.ok) {
      showError(answer.body?.detail || label + " answered " + answer.status);
    }
    onChange();
  });
  const actions = document.createElement("td");
  actions.className = "actions";
  if (bot.status === "RUNNING") {
    actions.append(act("Stop", "Stop", "/stop"), act("Stop & close", "Stop and close the open position of", "/stop?closePosition=true"));
  } else {
    actions.append(act("Start", "Start", "/start"));
  }
  if (halt.ok) {
    actions.append(act("Resume", "Lift the kill switch of", "/resume"));
  }
  row.append(actions);
  row.addEventListener("click", () => onSelect(bot));
  row.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target === row) {
      event.preventDefault();
      onSelect(bot);
    }
  });
  return row;
}
