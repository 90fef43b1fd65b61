// The price chart of one bot: its series' candles, its strategy's indicator lines, its fills and refused signals as
// markers (details on hover), the open position's entry, stop and target as price lines. TradingView lightweight-charts
// (vendor/, global LightweightCharts).
import { chartTheme, darkScheme, utc } from "./format.js";

const LC = window.LightweightCharts;
/** Indicators drawn over the price (same scale); the others (rsi, atr, macd, pivots) are not prices. */
const ON_PRICE = /^(sma|ema|bb|highest|lowest)\(/;
const LINE_COLORS = ["#bf8700", "#8250df", "#1f883d", "#d1242f", "#0969da", "#6e7781"];
const ROLE_LABEL = { ENTRY: "E", STOP_LOSS: "SL", TAKE_PROFIT: "TP", EXIT: "X" };
const ROLE_COLOR = { STOP_LOSS: "#cf222e", TAKE_PROFIT: "#1a7f37" };

const seconds = (ms) => Math.floor(ms / 1000);

export class PriceChart {
  constructor(container, tooltip) {
    this.container = container;
    this.tooltip = tooltip;
    this.chart = LC.createChart(container, { autoSize: true, timeScale: { timeVisible: true }, ...chartTheme() });
    darkScheme.addEventListener("change", () => this.chart.applyOptions(chartTheme()));
    // The element keeps its chart: a handle for the browser's console and the dashboard's browser test.
    container.priceChart = this;
    this.candles = this.chart.addSeries(LC.CandlestickSeries);
    this.markerLayer = LC.createSeriesMarkers(this.candles, []);
    this.lines = new Map();
    this.priceLines = [];
    /** Per candle time (s): what its markers stand for, for the hover box. */
    this.details = new Map();
    this.chart.subscribeCrosshairMove((param) => this.hover(param));
  }

  /** Klines of GET /market/candles, oldest first. */
  setCandles(klines) {
    this.candles.setData(klines.map(candle));
    this.times = klines.map((k) => k.openTime);
    this.container.dataset.candles = String(this.candles.data().length);
  }

  /** A closed kline from the stream: extends the chart (or corrects its last candle). */
  addCandle(kline) {
    const last = this.times?.at(-1);
    if (last != null && kline.openTime < last) {
      return;
    }
    this.candles.update(candle(kline));
    if (kline.openTime !== last) {
      this.times.push(kline.openTime);
    }
    this.container.dataset.candles = String(this.candles.data().length);
  }

  /** The answer of GET /bots/{id}/indicators: one line per output drawn on the price scale. */
  setIndicators(answer) {
    const names = (answer?.indicators || []).filter((name) => ON_PRICE.test(name));
    for (const [name, series] of this.lines) {
      if (!names.includes(name)) {
        this.chart.removeSeries(series);
        this.lines.delete(name);
      }
    }
    names.forEach((name, i) => {
      if (!this.lines.has(name)) {
        this.lines.set(name, this.chart.addSeries(LC.LineSeries, { color: LINE_COLORS[i % LINE_COLORS.length],
          lineWidth: 1, title: name, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }));
      }
      this.lines.get(name).setData(answer.points.filter((p) => p.values[name] != null)
        .map((p) => ({ time: seconds(p.openTime), value: Number(p.values[name]) })));
    });
    this.container.dataset.lines = String(this.lines.size);
  }

  /**
   * Markers for fills (trades of GET /trades) and for signals the risk checks refused (DENIED orders of GET /orders),
   * each on the candle it happened in; a candle's markers are explained on hover.
   */
  setMarkers(trades, denied) {
    this.details = new Map();
    const markers = [];
    for (const t of trades) {
      const time = this.candleOf(t.time);
      if (time == null) {
        continue;
      }
      markers.push({ time, position: t.side === "BUY" ? "belowBar" : "aboveBar",
        shape: t.side === "BUY" ? "arrowUp" : "arrowDown", color: ROLE_COLOR[t.role] || "#0969da",
        // Short labels keep a busy chart readable; the hover box and the trades table have the whole fill.
        text: ROLE_LABEL[t.role] || t.role });
      this.explain(time, `${t.role} ${t.side} ${t.quantity} @ ${t.price}` + (t.realizedPnl && Number(t.realizedPnl) !== 0
        ? `, realized ${t.realizedPnl}` : "") + ` (${utc(t.time)})`);
    }
    for (const o of denied) {
      const time = this.candleOf(o.eventTime);
      if (time == null) {
        continue;
      }
      markers.push({ time, position: "aboveBar", shape: "circle", color: "#6e7781", text: "!" });
      this.explain(time, `signal refused: ${o.role} ${o.side}, ${o.denyReason}`);
    }
    markers.sort((a, b) => a.time - b.time);
    this.markerLayer.setMarkers(markers);
    this.container.dataset.markers = String(this.markerLayer.markers().length);
    this.container.dataset.fillMarkers = String(markers.filter((m) => m.shape !== "circle").length);
  }

  /** The open position's entry and its working stop-loss and take-profit orders as horizontal lines. */
  setPositionLines(position, workingOrders) {
    this.priceLines.forEach((line) => this.candles.removePriceLine(line));
    this.priceLines = [];
    const add = (price, color, title) => this.priceLines.push(this.candles.createPriceLine({ price: Number(price), color,
      lineWidth: 1, lineStyle: LC.LineStyle.Dashed, axisLabelVisible: true, title }));
    if (position) {
      add(position.entryPrice, "#0969da", position.direction + " entry");
    }
    for (const o of workingOrders) {
      if (o.triggerPrice && (o.role === "STOP_LOSS" || o.role === "TAKE_PROFIT")) {
        add(o.triggerPrice, ROLE_COLOR[o.role], o.role === "STOP_LOSS" ? "stop" : "target");
      }
    }
    this.container.dataset.priceLines = String(this.priceLines.length);
  }

  fit() {
    this.chart.timeScale().fitContent();
  }

  /** The open time (s) of the candle holding epoch ms {@code ms}, or null when it is outside the chart. */
  candleOf(ms) {
    const times = this.times || [];
    if (times.length === 0 || ms < times[0]) {
      return null;
    }
    let low = 0;
    let high = times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (times[middle] <= ms) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return seconds(times[low]);
  }

  explain(time, text) {
    this.details.set(time, [...(this.details.get(time) || []), text]);
  }

  hover(param) {
    const lines = param.time != null && param.point ? this.details.get(param.time) : null;
    this.tooltip.hidden = !lines;
    if (lines) {
      this.tooltip.textContent = lines.join("\n");
      const x = Math.min(param.point.x + 12, this.container.clientWidth - this.tooltip.offsetWidth - 4);
      this.tooltip.style.left = Math.max(0, x) + "px";
      this.tooltip.style.top = (param.point.y + 12) + "px";
    }
  }
}

function candle(k) {
  return { time: seconds(k.openTime), open: Number(k.open), high: Number(k.high), low: Number(k.low), close: Number(k.close) };
}

/** The equity curve (net realized PnL after each closed position) with the drawdown below zero. */
export class EquityChart {
  constructor(container) {
    this.chart = LC.createChart(container, { autoSize: true, timeScale: { timeVisible: true }, ...chartTheme() });
    darkScheme.addEventListener("change", () => this.chart.applyOptions(chartTheme()));
    this.equity = this.chart.addSeries(LC.LineSeries, { color: "#0969da", lineWidth: 2, title: "equity" });
    // Drawdown as a negative number, shaded between it and zero.
    this.drawdown = this.chart.addSeries(LC.BaselineSeries, { baseValue: { type: "price", price: 0 }, lineWidth: 1,
      title: "drawdown", bottomLineColor: "#cf222e", bottomFillColor1: "rgba(207,34,46,0.05)",
      bottomFillColor2: "rgba(207,34,46,0.3)", topLineColor: "#cf222e", topFillColor1: "transparent",
      topFillColor2: "transparent" });
  }

  /** Points of GET /bots/{id}/equity, oldest first. */
  set(points) {
    // Several positions may close in one second: the chart takes one point per time, the last one wins.
    const byTime = (field, sign) => [...new Map(points.map((p) => [seconds(p.time),
      { time: seconds(p.time), value: sign * Number(p[field]) }])).values()];
    this.equity.setData(byTime("equity", 1));
    this.drawdown.setData(byTime("drawdown", -1));
    this.chart.timeScale().fitContent();
  }
}
