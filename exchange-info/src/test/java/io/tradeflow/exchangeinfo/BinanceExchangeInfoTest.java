package io.tradeflow.exchangeinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.Sizing;
import io.tradeflow.core.order.SymbolRules;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BinanceExchangeInfoTest {

    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");

    @Test
    void shippedUsdMSnapshot() throws Exception {
        BinanceExchangeInfo info = BinanceExchangeInfo.snapshot(Market.USD_M);

        assertThat(info.serverTime()).isEqualTo(Instant.parse("2025-05-30T09:23:34.323Z"));
        assertThat(info.rejected()).isEmpty();
        SymbolRules btc = info.rules().get(BTCUSDT);
        assertThat(btc.tickSize().toPlainString()).isEqualTo("0.10");
        assertThat(btc.minPrice().toPlainString()).isEqualTo("261.10");
        assertThat(btc.maxPrice().toPlainString()).isEqualTo("809484");
        assertThat(btc.stepSize().toPlainString()).isEqualTo("0.001");
        assertThat(btc.minQuantity().toPlainString()).isEqualTo("0.001");
        assertThat(btc.maxQuantity().toPlainString()).isEqualTo("1000");
        assertThat(btc.marketMaxQuantity().toPlainString()).isEqualTo("1000");
        assertThat(btc.minNotional().toPlainString()).isEqualTo("100");
    }

    @Test
    void snapshotRulesSizeAndRoundAsBinanceWould() throws Exception {
        SymbolRules btc = BinanceExchangeInfo.snapshot(Market.USD_M).rules()
                .get(BTCUSDT);
        BigDecimal price = new BigDecimal("35567.2");

        BigDecimal quantity = Sizing.quantity(btc, new BigDecimal("100"), 10, price);
        assertThat(quantity.toPlainString()).isEqualTo("0.028");
        assertThat(btc.checkMarketOrder(quantity, price, false)).isEmpty();
        assertThat(btc.roundStopLoss(Direction.LONG, new BigDecimal("34856.85600000")).toPlainString())
                .isEqualTo("34856.80");
        assertThat(btc.checkMarketOrder(new BigDecimal("0.002"), price, false)).map(Denial::reason)
                .contains(DenyReason.NOTIONAL_BELOW_MIN);
    }

    @Test
    void shippedCoinMSnapshot() throws Exception {
        BinanceExchangeInfo info = BinanceExchangeInfo.snapshot(Market.COIN_M);

        assertThat(info.serverTime()).isEqualTo(Instant.parse("2025-06-26T20:00:11.440Z"));
        SymbolRules perp = info.rules().get(Symbol.of("BTCUSD_PERP"));
        assertThat(perp.market()).isEqualTo(Market.COIN_M);
        assertThat(perp.marginAsset()).isEqualTo("BTC");
        assertThat(perp.quoteAsset()).isEqualTo("USD");
        assertThat(perp.contractSize().toPlainString()).isEqualTo("100");
        assertThat(perp.tickSize().toPlainString()).isEqualTo("0.1");
        assertThat(perp.stepSize().toPlainString()).isEqualTo("1");
        assertThat(perp.marketMaxQuantity().toPlainString()).isEqualTo("60000");
        assertThat(perp.minNotional()).isNull();
        assertThat(Sizing.quantity(perp, new BigDecimal("0.01"), 10, new BigDecimal("35567.2")).toPlainString())
                .isEqualTo("35");
    }

    @Test
    void numbersAreExactWhetherStringsOrJsonNumbers() throws Exception {
        String json = usdM(entry("BTCUSDT", "TRADING",
                "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":556.80,\"maxPrice\":4529764,\"tickSize\":0.10}",
                "{\"filterType\":\"LOT_SIZE\",\"minQty\":0.001,\"maxQty\":1000,\"stepSize\":0.30000000000000004}",
                "{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"120\",\"stepSize\":\"0.001\"}",
                "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":100}"));

        SymbolRules btc = BinanceExchangeInfo.parse(json, Market.USD_M, "test").rules().get(BTCUSDT);

        assertThat(btc.tickSize().toPlainString()).isEqualTo("0.10");
        assertThat(btc.minPrice().toPlainString()).isEqualTo("556.80");
        // A double would have been 0.3000000000000000444...: the digits sent are the digits kept.
        assertThat(btc.stepSize().toPlainString()).isEqualTo("0.30000000000000004");
        assertThat(btc.minNotional().toPlainString()).isEqualTo("100");
    }

    @Test
    void onlyTradingSymbolsGetRules() throws Exception {
        String json = usdM(entry("BTCUSDT", "TRADING", FILTERS), entry("BTCUSDT_240329", "SETTLING", FILTERS),
                entry("OLDUSDT", "PENDING_TRADING", FILTERS));

        BinanceExchangeInfo info = BinanceExchangeInfo.parse(json, Market.USD_M, "test");

        assertThat(info.rules()).containsOnlyKeys(BTCUSDT);
        assertThat(info.notTrading()).containsExactly("BTCUSDT_240329", "OLDUSDT");
        assertThat(info.rejected()).isEmpty();
    }

    @Test
    void coinMStatusIsContractStatus() throws Exception {
        String json = coinM(
                "{\"symbol\":\"BTCUSD_PERP\",\"contractStatus\":\"TRADING\",\"contractSize\":100," + ASSETS_COIN
                        + ",\"filters\":[" + FILTERS_COIN + "]}",
                "{\"symbol\":\"BTCUSD_240329\",\"contractStatus\":\"DELIVERED\",\"contractSize\":100," + ASSETS_COIN
                        + ",\"filters\":[" + FILTERS_COIN + "]}");

        BinanceExchangeInfo info = BinanceExchangeInfo.parse(json, Market.COIN_M, "test");

        assertThat(info.rules()).containsOnlyKeys(Symbol.of("BTCUSD_PERP"));
        assertThat(info.notTrading()).containsExactly("BTCUSD_240329");
    }

    @Test
    void aSymbolMissingARequiredFilterIsRejectedByNameAndTheOthersStay() throws Exception {
        String withoutMarketLot = entry("ETHUSDT", "TRADING",
                "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"39.86\",\"maxPrice\":\"306177\",\"tickSize\":\"0.01\"}",
                "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"10000\",\"stepSize\":\"0.001\"}",
                "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"20\"}");
        String withoutMinNotional = entry("LTCUSDT", "TRADING",
                "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"3.61\",\"maxPrice\":\"100000\",\"tickSize\":\"0.01\"}",
                "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"10000\",\"stepSize\":\"0.001\"}",
                "{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"5000\",\"stepSize\":\"0.001\"}");

        BinanceExchangeInfo info = BinanceExchangeInfo.parse(
                usdM(entry("BTCUSDT", "TRADING", FILTERS), withoutMarketLot, withoutMinNotional), Market.USD_M, "test");

        assertThat(info.rules()).containsOnlyKeys(BTCUSDT);
        assertThat(info.rejected()).containsExactly("ETHUSDT: no MARKET_LOT_SIZE filter",
                "LTCUSDT: no MIN_NOTIONAL filter");
    }

    @Test
    void badValuesAreRejectedNamingTheField() throws Exception {
        String notANumber = entry("ETHUSDT", "TRADING", FILTERS.replace("\"tickSize\":\"0.10\"", "\"tickSize\":\"ten\""));
        String minOverMax = entry("LTCUSDT", "TRADING", FILTERS.replace("\"minQty\":\"0.001\",\"maxQty\":\"1000\"",
                "\"minQty\":\"2000\",\"maxQty\":\"1000\""));
        String missingField = entry("XRPUSDT", "TRADING", FILTERS.replace("\"notional\":\"100\"", "\"limit\":5"));
        String zeroStep = entry("ADAUSDT", "TRADING", FILTERS.replace("\"maxQty\":\"120\",\"stepSize\":\"0.001\"",
                "\"maxQty\":\"120\",\"stepSize\":\"0\""));
        String lowerCase = entry("btcusdt", "TRADING", FILTERS);

        BinanceExchangeInfo info = BinanceExchangeInfo.parse(
                usdM(notANumber, minOverMax, missingField, zeroStep, lowerCase), Market.USD_M, "test");

        assertThat(info.rules()).isEmpty();
        assertThat(info.rejected()).containsExactly(
                "ETHUSDT: PRICE_FILTER.tickSize 'ten' is not a number",
                "LTCUSDT: minQuantity 2000 is above maxQuantity 1000",
                "XRPUSDT: MIN_NOTIONAL has no notional",
                "ADAUSDT: marketStepSize must be positive, was 0",
                "btcusdt: invalid symbol 'btcusdt' (expected 1 to 32 of A-Z, 0-9, _ such as BTCUSDT or BTCUSD_PERP)");
    }

    @Test
    void unknownFiltersAreIgnored() throws Exception {
        String json = usdM(entry("BTCUSDT", "TRADING", FILTERS,
                "{\"filterType\":\"POSITION_RISK_CONTROL\",\"positionControlSide\":\"NONE\"}",
                "{\"filterType\":\"SOME_FILTER_FROM_2030\",\"x\":[1,2]}"));

        assertThat(BinanceExchangeInfo.parse(json, Market.USD_M, "test").rules()).containsOnlyKeys(BTCUSDT);
    }

    @Test
    void aCoinMSymbolNeedsItsContractSize() throws Exception {
        String json = coinM("{\"symbol\":\"BTCUSD_PERP\",\"contractStatus\":\"TRADING\"," + ASSETS_COIN
                + ",\"filters\":[" + FILTERS_COIN + "]}");

        assertThat(BinanceExchangeInfo.parse(json, Market.COIN_M, "test").rejected())
                .containsExactly("BTCUSD_PERP: symbol has no contractSize");
    }

    @Test
    void documentsThatAreNotExchangeInfoAreMalformed() {
        assertMalformed("<html><body>502 Bad Gateway</body></html>", "not JSON");
        assertMalformed("[]", "not a JSON object");
        assertMalformed("{\"code\":-1003,\"msg\":\"Too many requests\"}", "Binance's error -1003: Too many requests");
        assertMalformed("{\"code\":0,\"msg\":\"Service unavailable from a restricted location\"}",
                "Binance's error 0: Service unavailable from a restricted location");
        assertMalformed("{\"timezone\":\"UTC\",\"symbols\":[]}", "no serverTime");
        assertMalformed("{\"serverTime\":1565613908500}", "no symbols array");
    }

    private static void assertMalformed(String body, String problem) {
        assertThatThrownBy(() -> BinanceExchangeInfo.parse(body, Market.USD_M, "GET http://binance/fapi/v1/exchangeInfo"))
                .isInstanceOfSatisfying(ExchangeInfoFormatException.class, e -> {
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage()).startsWith(
                            "GET http://binance/fapi/v1/exchangeInfo: not an exchangeInfo document (" + problem);
                });
    }

    private static final String FILTERS = String.join(",",
            "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"556.80\",\"maxPrice\":\"4529764\",\"tickSize\":\"0.10\"}",
            "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"1000\",\"stepSize\":\"0.001\"}",
            "{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"120\",\"stepSize\":\"0.001\"}",
            "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"100\"}");

    private static final String FILTERS_COIN = String.join(",",
            "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"1000\",\"maxPrice\":\"4520958\",\"tickSize\":\"0.1\"}",
            "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"1\",\"maxQty\":\"1000000\",\"stepSize\":\"1\"}",
            "{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"1\",\"maxQty\":\"60000\",\"stepSize\":\"1\"}");

    private static final String ASSETS_COIN = "\"baseAsset\":\"BTC\",\"quoteAsset\":\"USD\",\"marginAsset\":\"BTC\"";

    private static String entry(String symbol, String status, String... filters) {
        return "{\"symbol\":\"" + symbol + "\",\"status\":\"" + status + "\",\"baseAsset\":\"BTC\","
                + "\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\",\"filters\":[" + String.join(",", filters) + "]}";
    }

    private static String usdM(String... entries) {
        return "{\"timezone\":\"UTC\",\"serverTime\":1715054406944,\"symbols\":[" + String.join(",", entries) + "]}";
    }

    private static String coinM(String... entries) {
        return "{\"timezone\":\"UTC\",\"serverTime\":1750968011440,\"symbols\":[" + String.join(",", entries) + "]}";
    }
}
