// Tradeflow's dashboard: wires the API key form, the services' readiness, the bots, the chart of the selected bot,
// its equity, the positions and trades, and the live stream together. Every call goes to this gateway's /api/v1.
import { api, apiKey, call, rememberKey, showError, showLogin } from "./api.js";
import { loadBots } from "./bots.js";
import { PriceChart, EquityChart } from "./chart.js";
import { prepareForm } from "./create.js";
import { follow } from "./stream.js";
import { filter, positions, setBots, trades } from "./tables.js";

const $ = (selector) => document.querySelector(selector);
const path = (botId) => "/bots/" + encodeURIComponent(botId);
let selected = null;
let priceChart = null;
let equityChart = null;

/** Each service's readiness (GET /api/v1/health, public), refreshed every 10 s. */
async function health() {
  const answer = await call("/health");
  $("#health").replaceChildren(...Object.entries(answer.body?.services || {}).map(([name, service]) => {
    const item = document.createElement("li");
    item.className = service.status;
    item.textContent = name.replace("-service", "") + " " + service.status;
    item.title = service.detail || service.status;
    return item;
  }));
}

async function refreshBots() {
  const list = await loadBots(selected?.botId, select, refreshBots);
  if (!list) {
    return;
  }
  $("#bots-section").hidden = false;
  $("#tables").hidden = false;
  setBots(list, $("#filter-bot").value || selected?.botId || "");
  const fresh = list.find((bot) => bot.botId === selected?.botId);
  if (fresh) {
    selected = fresh;
  } else if (list.length > 0) {
    select(list[0]);
  }
}

/** Shows a bot: its chart, equity and, in the tables, its positions and trades. */
async function select(bot) {
  selected = bot;
  document.querySelectorAll("#bots tbody tr").forEach((row) =>
    row.setAttribute("aria-selected", String(row.dataset.botId === bot.botId)));
  $("#chart-section").hidden = false;
  $("#chart-title").textContent = bot.name + " · " + bot.symbol + " " + bot.interval;
  priceChart ??= new PriceChart($("#chart"), $("#tooltip"));
  const klines = await call("/market/candles/" + bot.symbol + "/" + bot.interval + "?limit=1000");
  $("#chart-empty").hidden = klines.ok;
  $("#chart-empty").textContent = klines.body?.detail || "";
  priceChart.setCandles(klines.ok ? klines.body : []);
  await Promise.all([drawOverlays(bot), drawEquity(bot), filter(bot.botId)]);
  priceChart.fit();
  follow(bot, (type, event) => live(bot, type, event), (text) => ($("#live").textContent = text));
}

/** What the chart draws over the candles: indicator lines, fills and refused signals, the open position's levels. */
async function drawOverlays(bot) {
  const first = priceChart.times[0] ?? 0;
  const [indicators, fills, denied, open, working] = await Promise.all([
    call(path(bot.botId) + "/indicators?limit=1000"),
    call("/trades?botId=" + encodeURIComponent(bot.botId) + "&from=" + first + "&size=500"),
    call("/orders?botId=" + encodeURIComponent(bot.botId) + "&status=DENIED&from=" + first + "&limit=1000"),
    call("/positions?status=open&botId=" + encodeURIComponent(bot.botId) + "&size=1"),
    call("/orders?botId=" + encodeURIComponent(bot.botId) + "&status=NEW&limit=100"),
  ]);
  priceChart.setIndicators(indicators.ok ? indicators.body : null);
  priceChart.setMarkers(fills.ok ? fills.body.items : [], denied.ok ? denied.body.items : []);
  priceChart.setPositionLines(open.ok ? open.body.items[0] : null, working.ok ? working.body.items : []);
}

async function drawEquity(bot) {
  const points = await api(path(bot.botId) + "/equity");
  $("#equity-section").hidden = !points || points.length === 0;
  if (points && points.length > 0) {
    equityChart ??= new EquityChart($("#equity"));
    equityChart.set(points);
  }
}

let pending = null;

/** A live event of the selected bot: a kline extends the chart; fills and positions refresh the rest once a second. */
function live(bot, type, event) {
  if (bot !== selected && bot.botId !== selected?.botId) {
    return;
  }
  if (type === "KlineClosed" && event.interval === bot.interval) {
    priceChart.addCandle(event);
  } else if ((type === "OrderUpdated" || type === "PositionChanged") && !pending) {
    pending = setTimeout(async () => {
      pending = null;
      await Promise.all([drawOverlays(selected), drawEquity(selected), trades.load(), positions.load(), refreshBots()]);
    }, 1000);
  }
}

$("#login").addEventListener("submit", (event) => {
  event.preventDefault();
  rememberKey($("#key").value.trim());
  $("#login").hidden = true;
  showError("");
  start();
});

async function start() {
  await prepareForm((bot) => refreshBots().then(() => select(bot)));
  await refreshBots();
}

health();
setInterval(health, 10000);
if (apiKey()) {
  start();
} else {
  showLogin();
}
