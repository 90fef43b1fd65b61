package io.tradeflow.backtest.exchange;

import io.tradeflow.backtest.input.InputException;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeInfoFileTest {
    /** The shipped USD-M snapshot's digest, as exchange-info's {@code SOURCES.md} gives it. */
    private static final String SNAPSHOT_SHA256 = "5c9af39057721e6f1416b8b90a865538a5539cd838e74857938d521340f62638";

    @TempDir
    Path dir;

    @Test
    void theBuiltInRulesAreTheShippedBtcusdtSnapshot() throws Exception {
        try (InputStream in = ExchangeInfoFile.class.getResourceAsStream(ExchangeInfoFile.BUILT_IN)) {
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
                    .isEqualTo(SNAPSHOT_SHA256);
        }

        ExchangeInfoFile info = ExchangeInfoFile.builtIn();

        assertThat(info.rejected()).isEmpty();
        assertThat(info.rules()).containsOnlyKeys(Symbol.of("BTCUSDT"));
        // The very rules execution-service starts from (the values are checked in exchange-info's own test).
        assertThat(info.rules()).isEqualTo(BinanceExchangeInfo.snapshot(Market.USD_M).rules());
        assertThat(info.rules().get(Symbol.of("BTCUSDT")).tickSize().toPlainString()).isEqualTo("0.10");
    }

    @Test
    void aSymbolMissingAFilterIsLeftOutAndNamedAndOneNotTradingIsListed() throws IOException {
        Path file = Files.writeString(dir.resolve("exchange-info.json"), """
                {"serverTime": 1, "symbols": [
                  {"symbol": "ETHUSDT", "status": "TRADING", "baseAsset": "ETH", "quoteAsset": "USDT", "marginAsset": "USDT",
                   "filters": [{"filterType": "PRICE_FILTER", "tickSize": "0.01", "minPrice": "39.86", "maxPrice": "306177"},
                               {"filterType": "LOT_SIZE", "stepSize": "0.001", "minQty": "0.001", "maxQty": "10000"},
                               {"filterType": "MARKET_LOT_SIZE", "stepSize": "0.001", "minQty": "0.001", "maxQty": "2000"},
                               {"filterType": "MIN_NOTIONAL", "notional": 20}]},
                  {"symbol": "XRPUSDT", "status": "TRADING", "baseAsset": "XRP", "quoteAsset": "USDT", "marginAsset": "USDT",
                   "filters": [{"filterType": "PRICE_FILTER", "tickSize": "0.0001", "minPrice": "0.0143", "maxPrice": "100000"}]},
                  {"symbol": "LUNAUSDT", "status": "SETTLING"}]}
                """);

        ExchangeInfoFile info = ExchangeInfoFile.read(file);

        assertThat(info.rules()).containsOnlyKeys(Symbol.of("ETHUSDT"));
        assertThat(info.rules().get(Symbol.of("ETHUSDT")).minNotional().toPlainString()).isEqualTo("20");
        assertThat(info.rejected()).containsExactly("XRPUSDT: no LOT_SIZE filter");
        assertThat(info.notTrading()).containsExactly("LUNAUSDT");
    }

    @Test
    void aFileThatIsNotAnExchangeInfoAnswerIsRefusedSayingHowToGetOne() throws IOException {
        Path html = Files.writeString(dir.resolve("exchange-info.json"), "<html>429 Too Many Requests</html>");

        assertThatThrownBy(() -> ExchangeInfoFile.read(html))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("The symbol rules file " + html + " is not a USD-M exchangeInfo answer (not JSON")
                .hasMessageContaining("curl -s https://fapi.binance.com/fapi/v1/exchangeInfo > exchange-info.json");
        assertThatThrownBy(() -> ExchangeInfoFile.read(dir.resolve("missing.json")))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("Cannot read the symbol rules file " + dir.resolve("missing.json")
                        + ": no such file. Give a saved USD-M exchangeInfo answer");
        Path restricted = Files.writeString(dir.resolve("restricted.json"),
                "{\"code\":0,\"msg\":\"Service unavailable from a restricted location according to 'b. Eligibility'\"}");
        assertThatThrownBy(() -> ExchangeInfoFile.read(restricted))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("(Binance's error 0: Service unavailable from a restricted location");
    }
}
