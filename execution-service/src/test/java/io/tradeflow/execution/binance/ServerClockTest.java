package io.tradeflow.execution.binance;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerClockTest {

    private final AtomicLong local = new AtomicLong(1_000_000);

    @Test
    void offsetIsServerTimeMinusTheMidpointOfTheRoundTrip() throws Exception {
        // The request leaves at 1 000 000, the server reads 1 004 000, the answer arrives at 1 000 300:
        // the server read its clock around 1 000 150 local, so it is 3 850 ms ahead.
        ServerClock clock = new ServerClock(() -> {
            local.addAndGet(300);
            return 1_004_000;
        }, local::get);
        assertThat(clock.now()).isEqualTo(1_000_000); // before any resync: this host's clock
        assertThat(clock.synced()).isFalse();

        assertThat(clock.resync()).isEqualTo(3_850);

        assertThat(clock.offsetMillis()).isEqualTo(3_850);
        assertThat(clock.lastRoundTripMillis()).isEqualTo(300);
        assertThat(clock.synced()).isTrue();
        local.set(2_000_000);
        assertThat(clock.now()).isEqualTo(2_003_850);
    }

    @Test
    void aHostAheadOfTheServerGetsANegativeOffset() throws Exception {
        ServerClock clock = new ServerClock(() -> 999_000, local::get);
        clock.resync();
        assertThat(clock.offsetMillis()).isEqualTo(-1_000);
        assertThat(clock.now()).isEqualTo(999_000);
    }

    @Test
    void aFailedResyncKeepsTheOffset() throws Exception {
        AtomicLong server = new AtomicLong(1_002_000);
        ServerClock clock = new ServerClock(() -> {
            if (server.get() < 0) {
                throw new BinanceException("GET /fapi/v1/time", 503, null, "down", Handling.RETRY, false, "down", null);
            }
            return server.get();
        }, local::get);
        clock.resync();
        server.set(-1);
        assertThatThrownBy(clock::resync).isInstanceOf(BinanceException.class);
        assertThat(clock.offsetMillis()).isEqualTo(2_000);
    }
}
