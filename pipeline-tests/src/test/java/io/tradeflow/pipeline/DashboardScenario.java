package io.tradeflow.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a trader does with the dashboard of a running platform, in a real browser ({@link Dashboard}), each step checked
 * against the gateway's REST ({@link GatewayRest}) with the same key: the page opens with the key typed in; the chart
 * holds the cached candles, the strategy's indicator lines ending at the API's values and one marker per fill of the
 * bot on that fill's candle, and hovering a fill's candle shows it; a bot row is selected with the keyboard; the
 * trades table equals the API's pages; Stop then Start change the bot as the API shows it; a bad strategy parameter in
 * the new-bot form shows the API's own error at that field and creates nothing. Then, at a phone's width in dark
 * mode, the page fits the screen. Screenshots go to {@code screenshots} (dashboard.png, dashboard-phone-dark.png).
 */
final class DashboardScenario {
    static final String URL = "http://127.0.0.1:8080/";
    /** The indicators the page draws over the price (the others are not prices): as js/chart.js's ON_PRICE. */
    private static final Pattern ON_PRICE = Pattern.compile("^(sma|ema|bb|highest|lowest)\\(.*");
    private static final Pattern EXPECTED_IN_CONSOLE = Pattern.compile("/api/v1/bots - Failed to load resource: the "
            + "server responded with a status of 400");
    private static final int PRICE = 5;
    private static final int QUANTITY = 4;
    private static final int REALIZED = 7;

    private DashboardScenario() {
    }

    static void run(GatewayRest gateway, String apiKey, String botId, Path screenshots) {
        JsonNode bot = gateway.ok("/bots/" + botId);
        String series = bot.get("symbol").asText() + "/" + bot.get("interval").asText();
        try (Dashboard page = new Dashboard(URL, 1400, 1000)) {
            page.logIn(apiKey);
            page.botRow(botId);

            JsonNode klines = gateway.ok("/market/candles/" + series + "?limit=1000");
            long first = klines.get(0).get("openTime").asLong();
            int fills = gateway.allPages("/trades?botId=" + botId + "&from=" + first, 500).size();
            long lines = names(gateway.ok("/bots/" + botId + "/indicators?limit=1")).stream()
                    .filter(name -> ON_PRICE.matcher(name).matches()).count();
            page.until(d -> page.chart("candles") == klines.size() && page.chart("fillMarkers") == fills
                    && page.chart("lines") == lines);
            assertThat(fills).as("fills of %s within the chart's %d candles", botId, klines.size()).isPositive();
            assertThat(lines).as("indicator lines of %s's strategy", botId).isGreaterThanOrEqualTo(2);
            page.selectWithKeyboard(botId);
            assertThat(page.selected(botId)).as("the row of %s selected with the keyboard", botId).isTrue();
            page.screenshot(screenshots.resolve("dashboard.png"));

            chartIsTheApis(page, gateway, botId, klines, lines);

            tradesTableIsTheApis(page, gateway, botId, 0);
            page.nextPage("trades");
            tradesTableIsTheApis(page, gateway, botId, 1);

            page.click(botId, "Stop");
            page.until(d -> gateway.ok("/bots/" + botId).get("status").asText().equals("STOPPED")
                    && page.status(botId).startsWith("STOPPED"));
            page.click(botId, "Start");
            page.until(d -> gateway.ok("/bots/" + botId).get("status").asText().equals("RUNNING")
                    && page.status(botId).startsWith("RUNNING"));

            badParameterShowsTheApisErrorAtTheField(page, gateway);
            // Chromium logs every 4xx as a failed load; the bad form's POST is 400 on purpose. Anything else is a fault.
            assertThat(page.console().stream().filter(line -> !EXPECTED_IN_CONSOLE.matcher(line).find()))
                    .as("script errors, failed loads or policy violations in the browser console").isEmpty();
        }
        try (Dashboard phone = new Dashboard(URL, 390, 844)) {
            phone.darkMode();
            phone.logIn(apiKey);
            phone.botRow(botId);
            phone.until(d -> phone.chart("candles") > 0);
            JavascriptExecutor js = phone.script();
            assertThat(js.executeScript("return getComputedStyle(document.body).backgroundColor"))
                    .as("the page's background in dark mode").isEqualTo("rgb(13, 17, 23)");
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue())
                    .as("the page's width on a 390 px wide phone (wide tables scroll inside their section)")
                    .isLessThanOrEqualTo(((Number) js.executeScript("return window.innerWidth")).intValue());
            phone.screenshot(screenshots.resolve("dashboard-phone-dark.png"));
        }
    }

    /**
     * What the chart drew is the API's: each fill marker sits on the candle its fill happened in (the kline with the
     * latest open time at or before the fill), each indicator line ends at the API's newest value, and hovering the
     * newest fill's candle shows that fill.
     */
    @SuppressWarnings("unchecked")
    private static void chartIsTheApis(Dashboard page, GatewayRest gateway, String botId, JsonNode klines, long lines) {
        List<Long> opens = new ArrayList<>();
        klines.forEach(k -> opens.add(k.get("openTime").asLong()));
        List<JsonNode> fills = gateway.allPages("/trades?botId=" + botId + "&from=" + opens.get(0), 500);
        List<Long> expected = fills.stream().map(t -> candleOf(opens, t.get("time").asLong()) / 1000).sorted().toList();
        List<Long> drawn = ((List<Number>) page.inChart("return chart.markerLayer.markers()"
                + ".filter(m => m.shape !== 'circle').map(m => m.time)")).stream().map(Number::longValue).sorted().toList();
        assertThat(drawn).as("the candles (open time, s) of the chart's fill markers").isEqualTo(expected);

        JsonNode newest = gateway.ok("/bots/" + botId + "/indicators?limit=1").get("points").get(0);
        Map<String, Number> ends = (Map<String, Number>) page.inChart("return Object.fromEntries([...chart.lines]"
                + ".map(([name, series]) => [name, series.data().at(-1).value]))");
        assertThat(ends).as("the indicator lines drawn").hasSize((int) lines);
        ends.forEach((name, value) -> assertThat(value.doubleValue()).as("the end of the %s line", name)
                .isEqualTo(Double.parseDouble(newest.get("values").get(name).asText())));

        long open = gateway.ok("/positions?status=open&botId=" + botId).get("total").asLong();
        long brackets = 0;
        for (JsonNode order : gateway.ok("/orders?botId=" + botId + "&status=NEW").get("items")) {
            brackets += order.get("role").asText().matches("STOP_LOSS|TAKE_PROFIT") ? 1 : 0;
        }
        assertThat(page.chart("priceLines")).as("price lines: the open position's entry (%d open) and its working stop"
                + " and target (%d)", open, brackets).isEqualTo((int) (Math.min(open, 1) + brackets));

        JsonNode last = fills.get(0);
        long time = candleOf(opens, last.get("time").asLong()) / 1000;
        List<Number> point = (List<Number>) page.inChart("const x = chart.chart.timeScale().timeToCoordinate(arguments[0]);"
                + " const y = chart.candles.priceToCoordinate(Number(arguments[1]));"
                + " const box = document.getElementById('chart').getBoundingClientRect();"
                + " return [Math.round(x - box.width / 2), Math.round(y - box.height / 2)];", time, last.get("price").asText());
        page.hoverChart(point.get(0).intValue(), point.get(1).intValue());
        assertThat(page.tooltip()).as("the hover box of the newest fill's candle")
                .contains(last.get("role").asText() + " " + last.get("side").asText() + " " + last.get("quantity").asText()
                        + " @ " + last.get("price").asText());
    }

    /** The open time of the kline holding epoch ms {@code time}: the latest at or before it. */
    private static long candleOf(List<Long> opens, long time) {
        return opens.stream().filter(open -> open <= time).reduce((a, b) -> b).orElseThrow();
    }

    /** Page {@code page} of the trades table, row by row, is page {@code page} of GET /trades (25 a page). */
    private static void tradesTableIsTheApis(Dashboard page, GatewayRest gateway, String botId, int index) {
        JsonNode api = gateway.ok("/trades?botId=" + botId + "&page=" + index + "&size=25");
        List<String> keys = new ArrayList<>();
        api.get("items").forEach(t -> keys.add(t.get("venue").asText() + "|" + t.get("clientOrderId").asText() + "|"
                + t.get("tradeId").asText()));
        page.until(d -> page.rows("trades").stream().map(Dashboard.Row::key).toList().equals(keys));
        List<Dashboard.Row> rows = page.rows("trades");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode trade = api.get("items").get(i);
            assertThat(List.of(rows.get(i).cells().get(QUANTITY), rows.get(i).cells().get(PRICE),
                    rows.get(i).cells().get(REALIZED)))
                    .as("quantity, price and realized PnL of row %d on page %d of the trades table", i, index)
                    .containsExactly(shown(trade, "quantity"), shown(trade, "price"), shown(trade, "realizedPnl"));
        }
        assertThat(page.page("trades")).as("the trades table's pager")
                .isEqualTo("page " + (index + 1) + " of " + (api.get("total").asLong() + 24) / 25 + " ("
                        + api.get("total").asLong() + ")");
    }

    /**
     * The form sends sma-crossover with its defaults and a fast period of 0; the page must show, at that field, the
     * very detail the API gives for that body, mark the input invalid, and no bot may be created.
     */
    private static void badParameterShowsTheApisErrorAtTheField(Dashboard page, GatewayRest gateway) {
        String botId = "dashboard-bad-fast";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("strategy.type", "sma-crossover");
        fields.put("botId", botId);
        fields.put("name", "Bad fast period");
        fields.put("strategy.params.fast", "0");
        page.createBot(fields);
        String shown = page.fieldError("strategy.params.fast");

        Map<String, Object> params = new LinkedHashMap<>();
        for (JsonNode strategy : gateway.ok("/strategies")) {
            if (strategy.get("type").asText().equals("sma-crossover")) {
                strategy.get("parameters").forEach(p -> params.put(p.get("name").asText(), p.get("defaultValue").asText()));
            }
        }
        params.put("fast", "0");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("botId", botId);
        body.put("name", "Bad fast period");
        body.put("market", "USD_M");
        body.put("symbol", "BTCUSDT");
        body.put("interval", "1m");
        body.put("strategy", Map.of("type", "sma-crossover", "params", params));
        body.put("risk", Map.of("marginPerTrade", "100", "leverage", 10, "marginType", "ISOLATED", "maxOpenPositions", 1));
        body.put("venue", "PAPER");
        GatewayRest.Answer api = unchecked(() -> gateway.post("/bots", body));
        assertThat(api.status()).as("POST /api/v1/bots with fast 0: %s", api.body()).isEqualTo(400);
        assertThat(api.json().get("field").asText()).isEqualTo("strategy.params.fast");
        assertThat(shown).as("the error the form shows at the fast period").isEqualTo(api.json().get("detail").asText());
        assertThat(page.invalid("strategy.params.fast")).as("the fast period input marked aria-invalid").isTrue();
        assertThat(unchecked(() -> gateway.get("/bots/" + botId)).status()).as("GET /api/v1/bots/%s after the refused form", botId)
                .isEqualTo(404);
    }

    /** A field as a table cell shows it: the text, empty for null (an entry's realized PnL). */
    private static String shown(JsonNode item, String field) {
        return item.get(field).isNull() ? "" : item.get(field).asText();
    }

    private interface Call {
        GatewayRest.Answer send() throws IOException;
    }

    private static GatewayRest.Answer unchecked(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonNode indicators) {
        List<String> names = new ArrayList<>();
        indicators.get("indicators").forEach(n -> names.add(n.asText()));
        return names;
    }
}
