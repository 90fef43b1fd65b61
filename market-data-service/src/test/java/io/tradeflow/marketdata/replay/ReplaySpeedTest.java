package io.tradeflow.marketdata.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplaySpeedTest {

    @Test
    void maxOrAPositiveFactor() {
        assertThat(ReplaySpeed.parse("max").isMax()).isTrue();
        assertThat(ReplaySpeed.parse(" MAX ").isMax()).isTrue();
        assertThat(ReplaySpeed.parse("60").factor()).isEqualTo(60.0);
        assertThat(ReplaySpeed.parse("0.5").factor()).isEqualTo(0.5);
        assertThat(ReplaySpeed.parse("60")).hasToString("60x");
        assertThat(ReplaySpeed.parse("max")).hasToString("max");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-60", "fast", "", "60x", "Infinity", "NaN"})
    void anythingElseFailsWithWhatIsExpected(String speed) {
        assertThatThrownBy(() -> ReplaySpeed.parse(speed))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("tradeflow.market-data.replay.speed: '" + speed + "'")
                .hasMessageContaining("neither max nor a positive factor");
    }

    @Test
    void atSixtyEachRecordedMinuteTakesOneSecondCountedFromTheStart() throws InterruptedException {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        List<Long> sleeps = new ArrayList<>();
        Pacer pacer = new Pacer(ReplaySpeed.parse("60"), now::get, nanos -> {
            sleeps.add(nanos);
            now.addAndGet(nanos);
        });
        long open = 1700006400000L;

        pacer.awaitTurn(open);
        pacer.awaitTurn(open + 60_000);
        now.addAndGet(300_000_000); // publishing took 0.3 s: the next wait is that much shorter
        pacer.awaitTurn(open + 120_000);
        now.addAndGet(2_000_000_000L); // behind schedule: no wait
        pacer.awaitTurn(open + 180_000);
        pacer.awaitTurn(open + 300_000); // a gap of two minutes in the recording is two seconds

        assertThat(sleeps).containsExactly(1_000_000_000L, 700_000_000L, 1_000_000_000L);
    }

    @Test
    void atMaxNothingWaits() throws InterruptedException {
        List<Long> sleeps = new ArrayList<>();
        Pacer pacer = new Pacer(ReplaySpeed.MAX, System::nanoTime, sleeps::add);

        pacer.awaitTurn(0);
        pacer.awaitTurn(86_400_000);

        assertThat(sleeps).isEmpty();
    }
}
