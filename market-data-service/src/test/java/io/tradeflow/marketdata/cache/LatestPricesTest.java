package io.tradeflow.marketdata.cache;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatestPricesTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long OPEN = 1700006400000L;
    private static final long MINUTE = 60_000;

    private final LatestPrices prices = new LatestPrices();

    @Test
    void theNewestUpdateByMarketTimeIsWrittenOnceAndALateOneIsIgnored() {
        assertThat(prices.updated(BTC, tick("100", OPEN + 500))).isTrue();
        assertThat(prices.updated(BTC, tick("101", OPEN + 750))).as("already waiting to be written").isFalse();
        assertThat(prices.updated(BTC, tick("99", OPEN + 250))).as("older than what is known").isFalse();

        assertThat(prices.takeUnwritten()).isEqualTo(Map.of(BTC, new BigDecimal("101")));
        assertThat(prices.anyUnwritten()).isFalse();
        assertThat(prices.updated(BTC, tick("98", OPEN + 600))).isFalse();
        assertThat(prices.takeUnwritten()).isEmpty();
    }

    @Test
    void aCloseWrittenAfterANewerUpdateIsOverwrittenWithTheUpdate() {
        prices.updated(BTC, tick("100", OPEN + MINUTE + 100));
        prices.takeUnwritten();

        prices.closesWritten(List.of(CandleWrite.of(closed(OPEN, "90"))));

        assertThat(prices.takeUnwritten()).isEqualTo(Map.of(BTC, new BigDecimal("100")));
    }

    @Test
    void aCloseNewerThanEveryUpdateNeedsNoSecondWriteAndBeatsItsOwnKlinesUpdates() {
        prices.updated(BTC, tick("100", OPEN + 59_999));
        prices.takeUnwritten();

        prices.closesWritten(List.of(CandleWrite.of(closed(OPEN, "101"))));
        assertThat(prices.anyUnwritten()).isFalse();
        assertThat(prices.updated(BTC, tick("99", OPEN + 59_999))).as("an update of a closed kline").isFalse();
    }

    @Test
    void updatesOfSeveralIntervalsCompareByMarketTimeNotByTheirKlinesOpenTimes() {
        long hourOpen = OPEN;
        long minuteOpen = OPEN + 30 * MINUTE;
        prices.updated(BTC, tick("100", minuteOpen + 5_000)); // the 1m kline of 00:30, at 00:30:05
        prices.takeUnwritten();

        // The 1h kline opened at 00:00, but this update of it is the newest price: 00:30:10.
        assertThat(prices.updated(BTC, tick("101", hourOpen + 30 * MINUTE + 10_000))).isTrue();
        assertThat(prices.takeUnwritten()).isEqualTo(Map.of(BTC, new BigDecimal("101")));
    }

    @Test
    void aFailedWriteIsGivenBack() {
        prices.updated(BTC, tick("100", OPEN + 1));
        Map<Symbol, BigDecimal> taken = prices.takeUnwritten();

        prices.giveBack(taken.keySet());

        assertThat(prices.takeUnwritten()).isEqualTo(taken);
    }

    private static LatestPrices.Tick tick(String price, long eventTime) {
        return LatestPrices.Tick.update(new BigDecimal(price), eventTime);
    }

    private static KlineClosed closed(long open, String close) {
        BigDecimal price = new BigDecimal(close);
        return new KlineClosed(KlineSource.BINANCE, Market.USD_M, BTC, Interval.ONE_MINUTE, open, open + MINUTE - 1,
                price, price, price, price, BigDecimal.ONE, price, 1, open + MINUTE, open + MINUTE);
    }
}
