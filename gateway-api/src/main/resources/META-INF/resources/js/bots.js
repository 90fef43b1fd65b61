// The bots table: status (and a tripped kill switch), strategy, series, net PnL, win rate; start, stop (optionally
// closing the position, after a confirmation), resume after a halt. A row is selected with a click or Enter/Space.
import { api, call, post, showError } from "./api.js";
import { $, botPath, button, cell, signed } from "./format.js";

/** Loads the bots and redraws the table (keeping the keyboard focus on its row); the list, or null when refused. */
export async function loadBots(selectedId, onSelect, onChange) {
  const [list, halts] = await Promise.all([api("/bots"), call("/halts")]);
  if (!list) {
    return null;
  }
  const halted = new Map((halts.ok ? halts.body : []).map((halt) => [halt.botId, halt]));
  const rows = await Promise.all(list.map(async (bot) => {
    const stats = await call(botPath(bot.botId) + "/stats");
    return row(bot, (stats.ok && stats.body[0]) || {}, halted.get(bot.botId), selectedId, onSelect, onChange);
  }));
  const focused = document.activeElement?.closest?.("#bots tbody tr")?.dataset.botId;
  $("#bots tbody").replaceChildren(...rows);
  if (focused) {
    rows.find((r) => r.dataset.botId === focused)?.focus();
  }
  $("#bots-empty").hidden = list.length > 0;
  return list;
}

/** Marks the selected bot's row (aria-current, which screen readers announce on table rows). */
export function markSelected(botId) {
  document.querySelectorAll("#bots tbody tr").forEach((r) => {
    if (r.dataset.botId === botId) {
      r.setAttribute("aria-current", "true");
    } else {
      r.removeAttribute("aria-current");
    }
  });
}

/** The row's buttons, second column so that a phone shows them without scrolling sideways. */
function actionsOf(bot, halt, onChange) {
  const act = (label, title, suffix, question) => button(label, title + " " + bot.name, async () => {
    if (question && !confirm(question)) {
      return;
    }
    const answer = await post(botPath(bot.botId) + suffix);
    showError(answer.ok ? "" : answer.body?.detail || label + " answered " + answer.status);
    await onChange();
  });
  const actions = document.createElement("td");
  actions.className = "actions";
  if (bot.status === "RUNNING") {
    actions.append(act("Stop", "Stop", "/stop"), act("Stop & close", "Stop and close the open position of",
      "/stop?closePosition=true", `Stop ${bot.name} and close its open position at market (${bot.venue})?`));
  } else {
    actions.append(act("Start", "Start", "/start"));
  }
  if (halt) {
    actions.append(act("Resume", "Lift the kill switch of", "/resume",
      `Lift the kill switch of ${bot.name}? It tripped: ${halt.reason}.`));
  }
  return actions;
}

function row(bot, stats, halt, selectedId, onSelect, onChange) {
  const row = document.createElement("tr");
  row.tabIndex = 0;
  row.dataset.botId = bot.botId;
  if (bot.botId === selectedId) {
    row.setAttribute("aria-current", "true");
  }
  // "—" until the bot closed a position (position-service has no statistics of it yet).
  const winRate = stats.winRate == null ? "—" : (Number(stats.winRate) * 100).toFixed(1) + " %";
  const status = cell(bot.status + (bot.closePosition ? " (closing)" : "") + (halt ? " · HALTED" : ""), "status");
  if (halt) {
    status.title = halt.reason + ": " + halt.detail;
    status.classList.add("neg");
  }
  row.append(cell(bot.name), actionsOf(bot, halt, onChange), status, cell(bot.strategy),
    cell(bot.symbol + " " + bot.interval), cell(bot.venue), cell(stats.netPnl ?? "—", signed(stats.netPnl)),
    cell(winRate, "num"));
  row.addEventListener("click", () => onSelect(bot));
  row.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target === row) {
      event.preventDefault();
      onSelect(bot);
    }
  });
  return row;
}
