package io.tradeflow.backtest.input;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gateway-api's bots file, read for a backtest. */
class BotsFileTest {
    /** The entry of config/demo-bots.yaml, as written there. */
    static final String DEMO = """
            bots:
              - botId: demo-btc-sma            # [a-z0-9-]; the key on bots.v1
                name: BTC SMA 5/20 (paper demo)
                market: USD_M                  # USD_M (USDT-margined) or COIN_M
                symbol: BTCUSDT
                interval: 1m
                strategy:
                  type: sma-crossover
                  params: {fast: 5, slow: 20, confirmationCandles: 1, minSignalIntervalMinutes: 15, pivotLookback: 10}
                risk: {marginPerTrade: "100", leverage: 10, marginType: ISOLATED, maxOpenPositions: 1}
                venue: PAPER                   # fills simulated from the klines; never an order to Binance
                running: true                  # a bot in this file runs unless this says false
            """;

    @TempDir
    Path dir;

    @Test
    void theDemoBotReadsAsTheGatewayDefinesIt() throws IOException {
        List<BotsFile.Entry> entries = BotsFile.read(write(DEMO), 1);

        assertThat(entries).hasSize(1);
        BotDefinition bot = entries.getFirst().bot();
        assertThat(entries.getFirst().running()).isTrue();
        assertThat(bot.botId()).isEqualTo("demo-btc-sma");
        assertThat(bot.name()).isEqualTo("BTC SMA 5/20 (paper demo)");
        assertThat(bot.market()).isEqualTo(Market.USD_M);
        assertThat(bot.symbol()).isEqualTo(Symbol.of("BTCUSDT"));
        assertThat(bot.interval()).isEqualTo(Interval.ONE_MINUTE);
        assertThat(bot.strategy().type()).isEqualTo("sma-crossover");
        assertThat(bot.strategy().params()).isEqualTo(Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
                "minSignalIntervalMinutes", "15", "pivotLookback", "10"));
        assertThat(bot.risk().marginPerTrade()).isEqualByComparingTo("100");
        assertThat(bot.risk().leverage()).isEqualTo(10);
        assertThat(bot.risk().marginType()).isEqualTo(MarginType.ISOLATED);
        assertThat(bot.venue()).isEqualTo(Venue.PAPER);
        assertThat(bot.status()).isEqualTo(BotStatus.RUNNING);
    }

    @Test
    void leftOutFieldsTakeTheGatewaysDefaultsAndDecimalsKeepTheirText() throws IOException {
        List<BotsFile.Entry> entries = BotsFile.read(write("""
                bots:
                  - botId: rsi-eth
                    symbol: ETHUSDT
                    interval: 5m
                    strategy: {type: rsi-reversion, params: {stopAtr: 1.50}}
                    risk: {marginPerTrade: 50.00, leverage: 3}
                    running: false
                """), 1);

        BotDefinition bot = entries.getFirst().bot();
        assertThat(entries.getFirst().running()).isFalse();
        assertThat(bot.name()).isEqualTo("rsi-eth");
        assertThat(bot.market()).isEqualTo(Market.USD_M);
        assertThat(bot.venue()).isEqualTo(Venue.PAPER);
        assertThat(bot.risk().marginType()).isEqualTo(MarginType.ISOLATED);
        assertThat(bot.risk().maxOpenPositions()).isEqualTo(1);
        assertThat(bot.strategy().params()).containsEntry("stopAtr", "1.50");
        assertThat(bot.risk().marginPerTrade().toPlainString()).isEqualTo("50.00");
    }

    @Test
    void anUnknownParameterIsRefusedNamingTheFileTheBotAndTheKnownParameters() throws IOException {
        Path file = write(DEMO.replace("fast: 5", "fats: 5"));

        assertThatThrownBy(() -> BotsFile.read(file, 1))
                .isInstanceOf(BotsFileException.class)
                .hasMessageStartingWith("The bots file " + file + " — bot 'demo-btc-sma', field 'strategy.params.fats': "
                        + "unknown parameter 'fats' for strategy sma-crossover; known: fast, slow, ")
                .satisfies(e -> assertThat(((BotsFileException) e).strategyType()).contains("sma-crossover"));
    }

    @Test
    void eachKindOfMistakeNamesWhereItIs() throws IOException {
        assertThatThrownBy(() -> BotsFile.read(write(DEMO.replace("leverage: 10", "leverage: 300")), 1))
                .hasMessageContaining("bot 'demo-btc-sma', field 'risk.leverage': field 'risk.leverage' must be between 1 and 125");
        assertThatThrownBy(() -> BotsFile.read(write(DEMO.replace("interval: 1m", "interval: 7m")), 1))
                .hasMessageContaining("bot 'demo-btc-sma', field 'interval': ");
        assertThatThrownBy(() -> BotsFile.read(write(DEMO.replace("venue: PAPER", "venu: PAPER")), 1))
                .hasMessageContaining("bot 'demo-btc-sma', field 'venu': ");
        assertThatThrownBy(() -> BotsFile.read(write(DEMO.replace("type: sma-crossover", "type: macd")), 1))
                .hasMessageContaining("field 'strategy.type': unknown strategy 'macd'; known: sma-crossover, rsi-reversion")
                .satisfies(e -> assertThat(((BotsFileException) e).strategyType()).isEmpty());
        assertThatThrownBy(() -> BotsFile.read(write(DEMO + "other: 1\n"), 1))
                .hasMessageContaining("has an unknown top-level key 'other': only 'bots' is allowed");
        assertThatThrownBy(() -> BotsFile.read(write("bots: [\n  - botId: x\n"), 1))
                .isInstanceOf(BotsFileException.class).hasMessageContaining("is not valid YAML at line ");
        assertThatThrownBy(() -> BotsFile.read(write(DEMO + DEMO.replace("bots:\n", "")), 1))
                .hasMessageContaining("has bot 'demo-btc-sma' more than once");
        assertThatThrownBy(() -> BotsFile.read(dir.resolve("none.yaml"), 1))
                .isInstanceOf(InputException.class)
                .hasMessage("Cannot read the bots file " + dir.resolve("none.yaml") + ": no such file");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "bots", ".yaml"), yaml);
    }
}
