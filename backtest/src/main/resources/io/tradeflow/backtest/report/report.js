// The backtest report's charts: the equity curve with its drawdown in a pane below, and the klines as candles with
// each trade's entry and exit marked at their prices. Data: the JSON in #report-data (see ChartData.java); the chart
// library (TradingView Lightweight Charts, inlined above) is the global LightweightCharts. Each chart element carries
// counts read back from the library's own series (data-candles, data-markers, data-points), for a person in the
// browser's console and for the report's browser test.
(function () {
  "use strict";
  const errors = document.getElementById("errors");
  window.addEventListener("error", (event) => {
    errors.hidden = false;
    errors.textContent += "The page failed: " + event.message + "\n";
  });

  const LC = window.LightweightCharts;
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const WIN = "#1a7f37";
  const LOSS = "#cf222e";
  const ENTRY = "#0969da";
  const EVEN = "#6e7781";
  const REASON = { STOP_LOSS: "SL", TAKE_PROFIT: "TP", SIGNAL_EXIT: "X", REVERSAL: "R", MANUAL: "M", LIQUIDATION: "LIQ" };
  // minBarSpacing far below a pixel: fitContent then shows the whole run (a month of minutes too), to zoom into.
  const options = { autoSize: true, timeScale: { timeVisible: true, secondsVisible: false, minBarSpacing: 0.001 },
    layout: { background: { color: "#ffffff" }, textColor: "#1f2328" } };

  // Equity (pane 0) and drawdown below zero (pane 1) share one time scale.
  const equityElement = document.getElementById("equity");
  const equityChart = LC.createChart(equityElement, options);
  const equity = equityChart.addSeries(LC.LineSeries, { color: ENTRY, lineWidth: 2, title: "equity " + data.marginAsset });
  equity.setData(data.equity.map((p) => ({ time: p[0], value: p[1] })));
  const drawdown = equityChart.addSeries(LC.BaselineSeries, { baseValue: { type: "price", price: 0 }, lineWidth: 1,
    title: "drawdown", bottomLineColor: LOSS, bottomFillColor1: "rgba(207,34,46,0.05)",
    bottomFillColor2: "rgba(207,34,46,0.3)", topLineColor: LOSS, topFillColor1: "transparent",
    topFillColor2: "transparent" }, 1);
  drawdown.setData(data.equity.map((p) => ({ time: p[0], value: -p[2] })));
  equityChart.panes()[0].setStretchFactor(3);
  equityChart.panes()[1].setStretchFactor(1);
  equityChart.timeScale().fitContent();
  equityElement.dataset.points = String(equity.data().length);
  equityElement.dataset.drawdownPoints = String(drawdown.data().length);

  const klineElement = document.getElementById("klines");
  const klineChart = LC.createChart(klineElement, options);
  const precision = data.pricePrecision;
  const candles = klineChart.addSeries(LC.CandlestickSeries, {
    priceFormat: { type: "price", precision, minMove: Math.pow(10, -precision) } });
  candles.setData(data.candles.map((c) => ({ time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] })));
  const times = data.candles.map((c) => c[0]);

  /** The open time (s) of the candle drawn that holds epoch ms {@code ms}, or null before the first one. */
  function candleOf(ms) {
    const s = Math.floor(ms / 1000);
    if (times.length === 0 || s < times[0]) {
      return null;
    }
    let low = 0;
    let high = times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (times[middle] <= s) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return times[low];
  }

  // A long enters with an arrow up under its price and exits with an arrow down above it; a short the other way.
  const markers = [];
  for (const t of data.trades) {
    const long = t.direction === "LONG";
    const opened = candleOf(t.openedAt);
    const closed = candleOf(t.closedAt);
    if (opened != null) {
      markers.push({ time: opened, position: long ? "atPriceBottom" : "atPriceTop", price: t.entryPrice,
        shape: long ? "arrowUp" : "arrowDown", color: ENTRY, text: "#" + t.n + (long ? " L" : " S") });
    }
    if (closed != null) {
      markers.push({ time: closed, position: long ? "atPriceTop" : "atPriceBottom", price: t.exitPrice,
        shape: long ? "arrowDown" : "arrowUp", color: t.netPnl < 0 ? LOSS : t.netPnl > 0 ? WIN : EVEN,
        text: "#" + t.n + " " + (REASON[t.closeReason] || t.closeReason) });
    }
  }
  markers.sort((a, b) => a.time - b.time);
  const markerLayer = LC.createSeriesMarkers(candles, markers);
  klineChart.timeScale().fitContent();
  klineElement.dataset.candles = String(candles.data().length);
  klineElement.dataset.markers = String(markerLayer.markers().length);
  document.body.dataset.ready = "true";
})();
