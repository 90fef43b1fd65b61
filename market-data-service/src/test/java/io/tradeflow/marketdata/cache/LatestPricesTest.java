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
        assertThat(prices.updated(BTC, tick("100", OPEN, OPEN + 500))).isTrue();
        assertThat(prices.updated(BTC, tick("101", OPEN, OPEN + 750))).as("already waiting to be written").isFalse();
        assertThat(prices.updated(BTC, tick("99", OPEN, OPEN + 250))).as("older than what is known").isFalse();

        assertThat(prices.takeUnwritten()).isEqualTo(Map.of(BTC, new BigDecimal("101")));
        assertThat(prices.anyUnwritten()).isFalse();
        assertThat(prices.updated(BTC, tick("98", OPEN, OPEN + 600))).isFalse();
        assertThat(prices.takeUnwritten()).isEmpty();
    }

    @Test
    void aCloseWrittenAfterANewerUpdateIsOverwrittenWithTheUpdate() {
        prices.updated(BTC, tick("100", OPEN + MINUTE, OPEN + MINUTE + 100));
        prices.takeUnwritten();

        prices.closesWritten(List.of(closed(OPEN, "90")));

        assertThat(prices.takeUnwritten()).isEqualTo(Map.of(BTC, new BigDecimal("100")));
    }

    @Test
    void aCloseNewerThanEveryUpdateNeedsNoSecondWriteAndBeatsItsOwnKlinesUpdates() {
        prices.updated(BTC, tick("100", OPEN, OPEN + 59_999));
        prices.takeUnwritten();

        prices.closesWritten(List.of(closed(OPEN, "101")));
        assertThat(prices.anyUnwritten()).isFalse();
        assertThat(prices.updated(BTC, tick("99", OPEN, OPEN + 59_999))).as("an update of a closed kline").isFalse();
    }

    @Test
    void aFailedWriteIsGivenBack() {
        prices.updated(BTC, tick("100", OPEN, OPEN + 1));
        Map<Symbol, BigDecimal> taken = prices.takeUnwritten();

        prices.giveBack(taken.keySet());

        assertThat(prices.takeUnwritten()).isEqualTo(taken);
    }

    private static LatestPrices.Tick tick(String price, long openTime, long eventTime) {
        return new LatestPrices.Tick(new BigDecimal(price), openTime, eventTime);
    }

    private static KlineClosed closed(long open, String close) {
        BigDecimal price = new BigDecimal(close);
        return new KlineClosed(KlineSource.BINANCE, Market.USD_M, BTC, Interval.ONE_MINUTE, open, open + MINUTE - 1,
                price, price, price, price, BigDecimal.ONE, price, 1, open + MINUTE, open + MINUTE);
    }
}
