package io.tradeflow.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void codesAreBinances() {
        assertThat(Arrays.stream(Interval.values()).map(Interval::code))
                .containsExactly("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w",
                        "1M");
        for (Interval interval : Interval.values()) {
            assertThat(Interval.fromCode(interval.code())).isSameAs(interval);
        }
    }

    @Test
    void minuteAndMonthDifferOnlyByCase() {
        assertThat(Interval.fromCode("1m")).isEqualTo(Interval.ONE_MINUTE);
        assertThat(Interval.fromCode("1M")).isEqualTo(Interval.ONE_MONTH);
    }

    @Test
    void unknownCodeListsTheValidOnes() {
        assertThatThrownBy(() -> Interval.fromCode("1H"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown interval '1H' (expected one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d,"
                        + " 3d, 1w, 1M)");
        assertThatThrownBy(() -> Interval.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeTimeIsOneMillisecondBeforeTheNextOpen() {
        // The real BTCUSDT kline of 2023-11-15 00:00 UTC: 1700006400000 .. 1700006459999.
        assertThat(Interval.ONE_MINUTE.closeTimeOf(1_700_006_400_000L)).isEqualTo(1_700_006_459_999L);
        assertThat(Interval.ONE_MINUTE.nextOpenTime(1_700_006_400_000L)).isEqualTo(1_700_006_460_000L);
        assertThat(Interval.FOUR_HOURS.closeTimeOf(ms("2023-11-15T00:00:00Z"))).isEqualTo(ms("2023-11-15T03:59:59.999Z"));
        assertThat(Interval.ONE_WEEK.closeTimeOf(ms("2023-11-13T00:00:00Z"))).isEqualTo(ms("2023-11-19T23:59:59.999Z"));
    }

    @Test
    void monthlyKlinesFollowTheCalendar() {
        assertThat(Interval.ONE_MONTH.closeTimeOf(ms("2024-01-01T00:00:00Z"))).isEqualTo(ms("2024-01-31T23:59:59.999Z"));
        assertThat(Interval.ONE_MONTH.closeTimeOf(ms("2024-02-01T00:00:00Z"))).isEqualTo(ms("2024-02-29T23:59:59.999Z"));
        assertThat(Interval.ONE_MONTH.closeTimeOf(ms("2023-02-01T00:00:00Z"))).isEqualTo(ms("2023-02-28T23:59:59.999Z"));
        assertThat(Interval.ONE_MONTH.nextOpenTime(ms("2023-12-01T00:00:00Z"))).isEqualTo(ms("2024-01-01T00:00:00Z"));
    }

    @Test
    void monthlyKlinesOpenAtTheStartOfAMonth() {
        assertThatThrownBy(() -> Interval.ONE_MONTH.closeTimeOf(ms("2024-01-31T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start of a UTC month");
    }

    @Test
    void durationIsExactExceptForTheNominalMonth() {
        assertThat(Interval.FIFTEEN_MINUTES.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(Interval.THREE_DAYS.duration()).isEqualTo(Duration.ofDays(3));
        assertThat(Interval.ONE_MONTH.duration()).isEqualTo(Duration.ofDays(30));
        assertThat(Interval.ONE_MONTH.isFixedLength()).isFalse();
        assertThat(Interval.ONE_WEEK.isFixedLength()).isTrue();
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
