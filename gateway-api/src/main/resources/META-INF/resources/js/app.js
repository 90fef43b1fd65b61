// Tradeflow's dashboard: wires the API key form, the services' readiness, the bots, the chart of the selected bot,
// its equity, the positions and trades, and the live stream together. Every call goes to this gateway's /api/v1.
import { api, apiKey, call, forgetKey, rememberKey, showError, showLogin } from "./api.js";
import { loadBots, markSelected } from "./bots.js";
import { PriceChart, EquityChart } from "./chart.js";
import { prepareForm } from "./create.js";
import { $, botPath } from "./format.js";
import { follow } from "./stream.js";
import { filter, filtered, positions, setBots, trades } from "./tables.js";

/**
 * Live refreshes are gathered, to stay well below the gateway's rate limit (600 requests a minute per key) during a
 * fast replay: the selected bot's indicators, and its orders, equity and tables, at most every 2 s each (5 and 4
 * requests); the bots table at most every 10 s (1 + 2 per bot).
 */
const BOT_REFRESH_MS = 2000;
const TABLE_REFRESH_MS = 10000;
let selected = null;
/** Counts selections: the answers of an earlier selection that arrive late are dropped. */
let selection = 0;
let priceChart = null;
let equityChart = null;

/** Each service's readiness (GET /api/v1/health, public), refreshed every 10 s. */
async function health() {
  const answer = await call("/health");
  $("#health").replaceChildren(...Object.entries(answer.body?.services || {}).map(([name, service]) => {
    const item = document.createElement("li");
    item.className = service.status;
    item.textContent = name.replace("-service", "") + " " + service.status;
    item.title = service.reason || service.status;
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
  setBots(list, filtered());
  const fresh = list.find((bot) => bot.botId === selected?.botId);
  if (fresh) {
    selected = fresh;
  } else if (list.length > 0) {
    await select(list[0]);
  }
}

/** Shows a bot: its chart, equity and, in the tables, its positions and trades. */
async function select(bot) {
  const mine = ++selection;
  selected = bot;
  markSelected(bot.botId);
  $("#chart-section").hidden = false;
  $("#chart-title").textContent = bot.name + " · " + bot.symbol + " " + bot.interval;
  priceChart ??= new PriceChart($("#chart"), $("#tooltip"));
  const openedAt = Date.now();
  const klines = await call("/market/candles/" + bot.symbol + "/" + bot.interval + "?limit=1000");
  if (mine !== selection) {
    return;
  }
  $("#chart-empty").hidden = klines.ok;
  $("#chart-empty").textContent = klines.body?.detail || "";
  priceChart.setCandles(klines.ok ? klines.body : []);
  await Promise.all([drawOverlays(bot, mine), drawEquity(bot, mine), filter(bot.botId)]);
  if (mine !== selection) {
    return;
  }
  priceChart.fit();
  // From a little before the candles were read, so that no kline closing in between is missed.
  follow(bot, openedAt - 5000, (type, event) => live(bot, type, event), (state) => {
    const text = state === "Live" ? "Live: new klines of " + bot.symbol + " " + bot.interval + " and the bot's orders"
      + " appear as they happen" : state;
    if ($("#live").textContent !== text) {
      $("#live").textContent = text;
    }
  }, () => forgetKey("That API key was refused: enter another."));
}

/** What the chart draws over the candles: indicator lines, fills and refused signals, the open position's levels. */
function drawOverlays(bot, mine) {
  return Promise.all([drawIndicators(bot, mine), drawOrders(bot, mine)]);
}

async function drawIndicators(bot, mine) {
  const indicators = await call(botPath(bot.botId) + "/indicators?limit=1000");
  if (mine === selection) {
    priceChart.setIndicators(indicators.ok ? indicators.body : null);
  }
}

async function drawOrders(bot, mine) {
  const first = priceChart.times[0] ?? 0;
  const id = encodeURIComponent(bot.botId);
  const [fills, denied, open, working] = await Promise.all([
    call("/trades?botId=" + id + "&from=" + first + "&size=500"),
    call("/orders?botId=" + id + "&status=DENIED&from=" + first + "&limit=1000"),
    call("/positions?status=open&botId=" + id + "&size=1"),
    call("/orders?botId=" + id + "&status=NEW&limit=100"),
  ]);
  if (mine !== selection) {
    return;
  }
  priceChart.setMarkers(fills.ok ? fills.body.items : [], denied.ok ? denied.body.items : []);
  priceChart.setPositionLines(open.ok ? open.body.items[0] : null, working.ok ? working.body.items : []);
}

async function drawEquity(bot, mine) {
  const points = await api(botPath(bot.botId) + "/equity");
  if (mine !== selection) {
    return;
  }
  $("#equity-section").hidden = !points || points.length === 0;
  if (points && points.length > 0) {
    equityChart ??= new EquityChart($("#equity"));
    equityChart.set(points);
  }
}

/** Runs {@code work} at most once per {@code ms}: calls in between are gathered into the next run. */
function gathered(ms, work) {
  let timer = null;
  return () => {
    timer ??= setTimeout(async () => {
      timer = null;
      await work();
    }, ms);
  };
}

const refreshIndicators = gathered(BOT_REFRESH_MS, () => selected && drawIndicators(selected, selection));
const refreshSelected = gathered(BOT_REFRESH_MS, () => selected && Promise.all([drawOrders(selected, selection),
  drawEquity(selected, selection), trades.load(), positions.load()]));
const refreshTable = gathered(TABLE_REFRESH_MS, refreshBots);

/**
 * A live event of the selected bot: a kline extends the chart (and, gathered, moves its indicator lines); fills and
 * position changes refresh the chart's overlays, the equity, the tables and the bots' figures.
 */
function live(bot, type, event) {
  if (bot.botId !== selected?.botId) {
    return;
  }
  if (type === "KlineClosed" && event.interval === bot.interval) {
    priceChart.addCandle(event);
    refreshIndicators();
  } else if (type === "OrderUpdated" || type === "PositionChanged") {
    refreshSelected();
    refreshTable();
  }
}

$("#login").addEventListener("submit", (event) => {
  event.preventDefault();
  rememberKey($("#key").value.trim());
  $("#key").value = "";
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
