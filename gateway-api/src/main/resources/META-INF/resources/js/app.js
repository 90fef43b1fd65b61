// Tradeflow dashboard (first slice, issue 11): bots with start/stop, a bot's candles with its fills as markers, its
// trades, and each service's readiness. Every call goes to this gateway's /api/v1 with the API key kept in this tab.
"use strict";

const KEY = "tradeflow.apiKey";
const $ = (selector) => document.querySelector(selector);

/** A JSON call to the gateway; shows the problem's detail and returns null when it fails. */
async function api(path, options = {}) {
  const response = await fetch("/api/v1" + path, {
    ...options,
    headers: { "X-API-Key": sessionStorage.getItem(KEY) || "", ...(options.headers || {}) },
  });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showLogin("That API key was refused: enter another.");
    return null;
  }
  const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    showError((body && body.detail) || response.status + " " + response.statusText);
    return null;
  }
  $("#error").hidden = true;
  return body;
}

function showError(text) {
  $("#error").textContent = text;
  $("#error").hidden = false;
}

function showLogin(text) {
  $("#login").hidden = false;
  if (text) {
    showError(text);
  }
  $("#key").focus();
}

async function health() {
  const response = await fetch("/api/v1/health");
  const body = await response.json();
  const list = $("#health");
  list.replaceChildren(...Object.entries(body.services || {}).map(([name, service]) => {
    const item = document.createElement("li");
    item.className = service.status;
    item.textContent = name.replace("-service", "") + " " + service.status;
    item.title = service.detail || service.status;
    return item;
  }));
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) {
    td.className = className;
  }
  return td;
}

const signed = (value) => (value == null ? "" : Number(value) > 0 ? "num pos" : Number(value) < 0 ? "num neg" : "num");

let selected = null;

async function bots() {
  const list = await api("/bots");
  if (!list) {
    return;
  }
  $("#bots-section").hidden = false;
  const rows = await Promise.all(list.map(async (bot) => {
    const stats = ((await api("/bots/" + encodeURIComponent(bot.botId) + "/stats")) || [])[0] || {};
    const row = document.createElement("tr");
    row.tabIndex = 0;
    row.dataset.botId = bot.botId;
    row.classList.toggle("selected", bot.botId === selected?.botId);
    const winRate = stats.winRate == null ? "" : (Number(stats.winRate) * 100).toFixed(1) + " %";
    row.append(cell(bot.name), cell(bot.status), cell(bot.strategy), cell(bot.symbol + " " + bot.interval),
      cell(stats.netPnl, signed(stats.netPnl)), cell(winRate, "num"));
    const action = document.createElement("button");
    const running = bot.status === "RUNNING";
    action.textContent = running ? "Stop" : "Start";
    action.addEventListener("click", async (event) => {
      event.stopPropagation();
      if (await api("/bots/" + encodeURIComponent(bot.botId) + (running ? "/stop" : "/start"), { method: "POST" })) {
        bots();
      }
    });
    const actions = document.createElement("td");
    actions.append(action);
    row.append(actions);
    const choose = () => show(bot);
    row.addEventListener("click", choose);
    row.addEventListener("keydown", (event) => event.key === "Enter" && choose());
    return row;
  }));
  $("#bots tbody").replaceChildren(...rows);
  if (!selected && list.length > 0) {
    show(list[0]);
  }
}

let chart = null;
let candles = null;
let markerLayer = null;
let equityChart = null;
let equityLine = null;
let drawdownLine = null;

/** The chart of a bot's series (the candles Redis keeps) with its fills as markers, and its newest trades. */
async function show(bot) {
  selected = bot;
  document.querySelectorAll("#bots tr").forEach((row) => row.classList.toggle("selected", row.dataset.botId === bot.botId));
  const [klines, trades] = await Promise.all([
    api("/market/candles/" + bot.symbol + "/" + bot.interval + "?limit=1000"),
    api("/trades?botId=" + encodeURIComponent(bot.botId) + "&size=500"),
  ]);
  $("#chart-section").hidden = false;
  $("#chart-title").textContent = bot.name + " · " + bot.symbol + " " + bot.interval;
  if (!chart) {
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    chart = LightweightCharts.createChart($("#chart"), {
      autoSize: true,
      layout: { background: { color: "transparent" }, textColor: dark ? "#e6edf3" : "#1b1f24" },
      timeScale: { timeVisible: true },
    });
    candles = chart.addSeries(LightweightCharts.CandlestickSeries);
  }
  candles.setData((klines || []).map((k) => ({
    time: k.openTime / 1000, open: Number(k.open), high: Number(k.high), low: Number(k.low), close: Number(k.close),
  })));
  const items = trades ? trades.items : [];
  const first = klines && klines.length ? klines[0].openTime : Infinity;
  const markers = items.filter((t) => t.time >= first).map((t) => ({
    // A fill's marker sits on the kline it happened in (the chart's times are the klines' open times, in seconds).
    time: Math.floor(t.time / 1000 / intervalSeconds(bot.interval)) * intervalSeconds(bot.interval),
    position: t.side === "BUY" ? "belowBar" : "aboveBar",
    shape: t.side === "BUY" ? "arrowUp" : "arrowDown",
    color: t.role === "STOP_LOSS" ? "#cf222e" : t.role === "TAKE_PROFIT" ? "#1a7f37" : "#0969da",
    // Short labels keep a busy chart readable; the trades table below has the full fill.
    text: { ENTRY: "E", STOP_LOSS: "SL", TAKE_PROFIT: "TP", EXIT: "X" }[t.role] || t.role,
  })).sort((a, b) => a.time - b.time);
  if (markerLayer) {
    markerLayer.setMarkers(markers);
  } else {
    markerLayer = LightweightCharts.createSeriesMarkers(candles, markers);
  }
  chart.timeScale().fitContent();
  equity(bot);
  follow(bot);
  $("#trades-section").hidden = false;
  $("#trades tbody").replaceChildren(...items.slice(0, 50).map((t) => {
    const row = document.createElement("tr");
    row.append(cell(new Date(t.time).toISOString().replace("T", " ").slice(0, 19)), cell(t.role), cell(t.side),
      cell(t.quantity, "num"), cell(t.price, "num"), cell(t.fee + " " + t.feeAsset, "num"),
      cell(t.realizedPnl, signed(t.realizedPnl)));
    return row;
  }));
}

/** The bot's equity curve (position-service's equity points) and its drawdown below it. */
async function equity(bot) {
  const points = await api("/bots/" + encodeURIComponent(bot.botId) + "/equity");
  $("#equity-section").hidden = !points || points.length === 0;
  if (!points || points.length === 0) {
    return;
  }
  if (!equityChart) {
    equityChart = LightweightCharts.createChart($("#equity"), { autoSize: true,
      layout: { background: { color: "transparent" }, textColor: getComputedStyle(document.body).color } });
    equityLine = equityChart.addSeries(LightweightCharts.LineSeries, { color: "#0969da", lineWidth: 2 });
    drawdownLine = equityChart.addSeries(LightweightCharts.LineSeries, { color: "#cf222e", lineWidth: 1 });
  }
  // Several positions may close in one second: the chart wants one point per time, the last one wins.
  const byTime = (field, sign) => [...new Map(points.map((p) => [Math.floor(p.time / 1000),
    { time: Math.floor(p.time / 1000), value: sign * Number(p[field]) }])).values()];
  equityLine.setData(byTime("equity", 1));
  drawdownLine.setData(byTime("drawdown", -1));
  equityChart.timeScale().fitContent();
}

let stream = null;

/**
 * Live updates of the selected bot from /api/v1/stream (SSE read with fetch, since EventSource cannot send the API
 * key): each closed kline of its series extends the chart; each fill reloads the bot's trades, markers and stats.
 * Reconnects after a drop, continuing after the last event seen (Last-Event-ID).
 */
async function follow(bot) {
  if (stream && stream.botId === bot.botId) {
    return;
  }
  if (stream) {
    stream.controller.abort();
  }
  const controller = new AbortController();
  stream = { botId: bot.botId, controller };
  let lastEventId = null;
  while (!controller.signal.aborted) {
    try {
      const headers = { "X-API-Key": sessionStorage.getItem(KEY) || "", Accept: "text/event-stream" };
      if (lastEventId) {
        headers["Last-Event-ID"] = lastEventId;
      }
      const response = await fetch("/api/v1/stream?types=kline,order&symbol=" + bot.symbol + "&botId="
        + encodeURIComponent(bot.botId), { headers, signal: controller.signal });
      if (!response.ok) {
        throw new Error("the stream answered " + response.status);
      }
      $("#live").textContent = "Live";
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = {};
          buffer.slice(0, end).split("\n").forEach((line) => {
            const colon = line.indexOf(":");
            if (colon > 0) {
              event[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
          });
          buffer = buffer.slice(end + 2);
          if (event.id) {
            lastEventId = event.id;
          }
          if (event.data) {
            live(bot, event.event, JSON.parse(event.data));
          }
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      $("#live").textContent = "Live updates interrupted (" + error.message + "); reconnecting ...";
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

let reload = null;

/** One live event of the selected bot; fills are gathered into one reload a second later. */
function live(bot, type, event) {
  if (type === "KlineClosed" && event.interval === bot.interval) {
    candles.update({ time: event.openTime / 1000, open: Number(event.open), high: Number(event.high),
      low: Number(event.low), close: Number(event.close) });
  } else if (type === "OrderUpdated" && event.lastFillQuantity && !reload) {
    reload = setTimeout(() => {
      reload = null;
      show(bot);
      bots();
    }, 1000);
  }
}

function intervalSeconds(interval) {
  const units = { m: 60, h: 3600, d: 86400, w: 604800 };
  return Number(interval.slice(0, -1)) * (units[interval.slice(-1)] || 60);
}

$("#login").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("#key").value.trim());
  $("#login").hidden = true;
  $("#error").hidden = true;
  bots();
});

health();
setInterval(health, 10000);
if (sessionStorage.getItem(KEY)) {
  bots();
} else {
  showLogin();
}
