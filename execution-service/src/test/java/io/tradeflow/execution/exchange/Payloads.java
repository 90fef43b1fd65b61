package io.tradeflow.execution.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads read from the classpath (src/test/resources/binance and the shipped exchange-info snapshots). */
final class Payloads {

    private Payloads() {
    }

    static String read(String resource) {
        try (InputStream in = Payloads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String officialDocsSample() {
        return read("binance/usdm_rest_exchangeInfo.official_docs.json");
    }

    static String tooManyRequests() {
        return read("binance/usdm_error_-1003.official_docs.json");
    }

    static String usdMSnapshot() {
        return read("exchange-info/usdm.json");
    }

    static String coinMSnapshot() {
        return read("exchange-info/coinm.json");
    }

    /**
     * A USD-M answer with values that differ from the snapshot, built from the snapshot's BTCUSDT entry: MIN_NOTIONAL
     * 50 and MARKET_LOT_SIZE maxQty 120 (both seen on the live exchange), a later serverTime, and a second symbol.
     */
    static String freshUsdM() {
        return """
                {"timezone":"UTC","serverTime":1789478303560,"futuresType":"U_MARGINED","rateLimits":[],"exchangeFilters":[],
                 "symbols":[
                  {"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",
                   "baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT",
                   "filters":[{"filterType":"PRICE_FILTER","minPrice":"556.80","maxPrice":"4529764","tickSize":"0.10"},
                              {"filterType":"LOT_SIZE","minQty":"0.001","stepSize":"0.001","maxQty":"1000"},
                              {"stepSize":"0.001","filterType":"MARKET_LOT_SIZE","minQty":"0.001","maxQty":"120"},
                              {"filterType":"MIN_NOTIONAL","notional":"50"}]},
                  {"symbol":"ETHUSDT","pair":"ETHUSDT","contractType":"PERPETUAL","status":"TRADING",
                   "baseAsset":"ETH","quoteAsset":"USDT","marginAsset":"USDT",
                   "filters":[{"filterType":"PRICE_FILTER","minPrice":"39.86","maxPrice":"306177","tickSize":"0.01"},
                              {"filterType":"LOT_SIZE","minQty":"0.001","stepSize":"0.001","maxQty":"10000"},
                              {"filterType":"MARKET_LOT_SIZE","minQty":"0.001","stepSize":"0.001","maxQty":"2000"},
                              {"filterType":"MIN_NOTIONAL","notional":"20"}]}]}
                """;
    }
}
