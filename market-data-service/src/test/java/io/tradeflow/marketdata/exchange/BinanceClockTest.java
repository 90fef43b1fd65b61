package io.tradeflow.marketdata.exchange;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceClockTest {
    private final AtomicLong local = new AtomicLong(1_000_000);
    private final BinanceClock clock = new BinanceClock(local::get);

    @Test
    void beforeBinanceSaysAnythingTheLocalClockIsTheEstimate() {
        assertThat(clock.now()).isEqualTo(1_000_000);
        assertThat(clock.millisSinceTold()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void binancesAnswerSetsTheOffsetAndTheEstimateRunsOnFromIt() {
        // The test server's clock is in 2023 while this host's is not: Binance's word wins, in either direction.
        clock.told(1_700_024_405_000L, 1_000_000);
        local.addAndGet(1_500);

        assertThat(clock.now()).isEqualTo(1_700_024_406_500L);
        assertThat(clock.millisSinceTold()).isEqualTo(1_500);

        clock.told(1_700_024_405_000L, local.get());
        assertThat(clock.now()).isEqualTo(1_700_024_405_000L);
        assertThat(clock.millisSinceTold()).isZero();
    }
}
