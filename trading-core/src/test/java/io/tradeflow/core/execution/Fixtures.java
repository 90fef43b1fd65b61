package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.order.SymbolRules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Symbol rules, bots, klines and signals for the execution tests. Times follow the golden events
 * ({@code src/test/resources/events/}): a 1m kline closes 59 999 ms after it opens, its close event (and so the
 * signal computed on it) is 13 ms after the close, the signal is produced 63 ms after that.
 */
final class Fixtures {

    /** 2023-11-15T00:00:00Z: open of the entry kline of every scenario, and the first instant of UTC day 19676. */
    static final long T0 = 1_700_006_400_000L;
    static final long DAY_OF_T0 = 19_676L;
    static final long MINUTE = 60_000L;
    static final long DAY = 86_400_000L;
    /** The wall clock of every test: the {@code producedAt} of every order event. */
    static final long NOW = 1_700_100_000_000L;
    static final LongSupplier CLOCK = () -> NOW;

    static final Symbol BTCUSDT = new Symbol("BTCUSDT");
    static final Symbol BTCUSD_PERP = new Symbol("BTCUSD_PERP");
    static final String BOT = "btc-ema-cross";

    private Fixtures() {
    }

    /**
     * BTCUSDT perpetual as Binance published it: PRICE_FILTER tick 0.10 (min 261.10, max 809484), LOT_SIZE and
     * MARKET_LOT_SIZE step 0.001, min 0.001, max 1000, MIN_NOTIONAL 100. Copied from the captured fapi exchangeInfo
     * in exchange-info/src/main/resources/exchange-info/usdm.json (serverTime 1748597014323).
     */
    static SymbolRules btcusdt() {
        return new SymbolRules(BTCUSDT, Market.USD_M, "BTC", "USDT", "USDT",
                dec("0.10"), dec("261.10"), dec("809484"),
                dec("0.001"), dec("0.001"), dec("1000"),
                dec("0.001"), dec("0.001"), dec("1000"),
                dec("100"), BigDecimal.ONE);
    }

    /**
     * BTCUSD_PERP as Binance published it: tick 0.1, step 1 contract, LOT_SIZE max 1000000, MARKET_LOT_SIZE max 60000,
     * contracts of 100 USD, margin in BTC, no MIN_NOTIONAL. From exchange-info/src/main/resources/exchange-info/
     * coinm.json (serverTime 1750968011440).
     */
    static SymbolRules btcusdPerp() {
        return new SymbolRules(BTCUSD_PERP, Market.COIN_M, "BTC", "USD", "BTC",
                dec("0.1"), dec("1000"), dec("4520958"),
                dec("1"), dec("1"), dec("1000000"),
                dec("1"), dec("1"), dec("60000"),
                null, dec("100"));
    }

    /** The rules of BTCUSDT and BTCUSD_PERP; empty for any other symbol. */
    static Function<Symbol, Optional<SymbolRules>> realRules() {
        Map<Symbol, SymbolRules> rules = Map.of(BTCUSDT, btcusdt(), BTCUSD_PERP, btcusdPerp());
        return symbol -> Optional.ofNullable(rules.get(symbol));
    }

    /** A running paper bot on BTCUSDT 1m: 100 USDT margin per trade at leverage 10, one position. */
    static BotDefinition bot(String botId) {
        return bot(botId, "100.00", 10);
    }

    static BotDefinition bot(String botId, String marginPerTrade, int leverage) {
        return bot(botId, BTCUSDT, Market.USD_M, marginPerTrade, leverage, Venue.PAPER, BotStatus.RUNNING);
    }

    static BotDefinition bot(String botId, Venue venue, BotStatus status) {
        return bot(botId, BTCUSDT, Market.USD_M, "100.00", 10, venue, status);
    }

    static BotDefinition bot(String botId, Symbol symbol, Market market, String marginPerTrade, int leverage,
                             Venue venue, BotStatus status) {
        return new BotDefinition(botId, "bot " + botId, market, symbol, Interval.ONE_MINUTE,
                new StrategySpec("ema-cross", Map.of("fast", "9", "slow", "21")),
                new RiskSpec(dec(marginPerTrade), leverage, MarginType.ISOLATED, 1), venue, status, false, T0 - DAY, T0 - DAY);
    }

    /** The BTCUSDT 1m kline opening at {@code openTime}. */
    static KlineClosed kline(long openTime, String open, String high, String low, String close) {
        return kline(BTCUSDT, Interval.ONE_MINUTE, openTime, open, high, low, close);
    }

    static KlineClosed kline(Symbol symbol, Interval interval, long openTime, String open, String high, String low,
                             String close) {
        long closeTime = interval.closeTimeOf(openTime);
        return new KlineClosed(KlineSource.BINANCE, Market.USD_M, symbol, interval, openTime, closeTime, dec(open),
                dec(high), dec(low), dec(close), dec("100"), dec("3556720"), 1000, closeTime + 13, closeTime + 48);
    }

    static SignalGenerated enterLong(String botId, long klineOpenTime, String reference, String stopLoss,
                                     String takeProfit) {
        return signal(botId, BTCUSDT, klineOpenTime, SignalAction.ENTER_LONG, reference, stopLoss, takeProfit);
    }

    static SignalGenerated enterShort(String botId, long klineOpenTime, String reference, String stopLoss,
                                      String takeProfit) {
        return signal(botId, BTCUSDT, klineOpenTime, SignalAction.ENTER_SHORT, reference, stopLoss, takeProfit);
    }

    static SignalGenerated exitLong(String botId, long klineOpenTime, String reference) {
        return signal(botId, BTCUSDT, klineOpenTime, SignalAction.EXIT_LONG, reference, null, null);
    }

    static SignalGenerated exitShort(String botId, long klineOpenTime, String reference) {
        return signal(botId, BTCUSDT, klineOpenTime, SignalAction.EXIT_SHORT, reference, null, null);
    }

    /** A signal computed at the close of the 1m kline opening at {@code klineOpenTime}. */
    static SignalGenerated signal(String botId, Symbol symbol, long klineOpenTime, SignalAction action,
                                  String reference, String stopLoss, String takeProfit) {
        long eventTime = Interval.ONE_MINUTE.closeTimeOf(klineOpenTime) + 13;
        return new SignalGenerated(botId, "ema-cross", symbol, Interval.ONE_MINUTE, klineOpenTime, action,
                dec(reference), stopLoss == null ? null : dec(stopLoss), takeProfit == null ? null : dec(takeProfit),
                "test", eventTime, eventTime + 63);
    }

    /** When the signal reaches execution in the tests: 100 ms after it was produced, well inside max-signal-delay. */
    static long receivedAt(SignalGenerated signal) {
        return signal.producedAt() + 100;
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
