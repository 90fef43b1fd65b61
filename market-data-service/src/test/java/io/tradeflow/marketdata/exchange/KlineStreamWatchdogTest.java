package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The silent-stream rules on explicit Binance times: no clock, no timer. */
class KlineStreamWatchdogTest {
    private static final Subscription BTC_1M = new Subscription(new Symbol("BTCUSDT"), Interval.ONE_MINUTE);
    private static final Subscription ETH_5M = new Subscription(new Symbol("ETHUSDT"), Interval.FIVE_MINUTES);
    private static final Subscription BTC_1MONTH = new Subscription(new Symbol("BTCUSDT"), Interval.ONE_MONTH);
    private static final long GRACE = 10_000;
    /** 2023-11-15T05:00:00Z, a 1m and 5m boundary. */
    private static final long T0 = Instant.parse("2023-11-15T05:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final KlineStreamWatchdog watchdog = new KlineStreamWatchdog(Duration.ofMillis(GRACE));

    @Test
    void theKlineAfterTheNewestKnownIsDueAtItsCloseTimePlusTheGrace() {
        caughtUpTo(BTC_1M, T0);
        long nextClose = T0 + 2 * MINUTE - 1;

        assertThat(watchdog.check(nextClose + GRACE)).isEmpty();
        assertThat(watchdog.check(nextClose + GRACE + 1))
                .containsExactly(new KlineStreamWatchdog.Overdue(BTC_1M, nextClose, true));
        assertThat(watchdog.silent()).containsExactly(BTC_1M);
    }

    @Test
    void aSilenceIsReportedOnceAndEndsOnlyWhenTheStreamItselfDelivers() {
        caughtUpTo(BTC_1M, T0);
        long overdueAt = T0 + 2 * MINUTE + GRACE;
        assertThat(watchdog.check(overdueAt)).hasSize(1);

        assertThat(watchdog.anyOverdue(overdueAt + 1_000)).isFalse();
        assertThat(watchdog.check(overdueAt + 1_000)).as("the same missed kline, a second later").isEmpty();

        // The REST catch-up that follows the resubscribe fills the kline in: the stream is still silent.
        caughtUpTo(BTC_1M, T0 + MINUTE);
        assertThat(watchdog.silent()).containsExactly(BTC_1M);
        // One more kline missed: acted on again, but it is the same silence.
        assertThat(watchdog.check(overdueAt + MINUTE))
                .containsExactly(new KlineStreamWatchdog.Overdue(BTC_1M, T0 + 3 * MINUTE - 1, false));

        assertThat(watchdog.delivered(BTC_1M, T0 + 2 * MINUTE)).isTrue();
        assertThat(watchdog.silent()).isEmpty();
        assertThat(watchdog.delivered(BTC_1M, T0 + 3 * MINUTE)).isFalse();
    }

    @Test
    void aCatchUpThatBroughtNothingNewIsFollowedByAnotherOneIntervalLater() {
        caughtUpTo(BTC_1M, T0);
        long overdueAt = T0 + 2 * MINUTE + GRACE;
        assertThat(watchdog.check(overdueAt)).hasSize(1);

        watchdog.started(BTC_1M);
        watchdog.caughtUp(BTC_1M, OptionalLong.of(T0));

        assertThat(watchdog.check(overdueAt + MINUTE - 1)).isEmpty();
        assertThat(watchdog.check(overdueAt + MINUTE)).extracting(KlineStreamWatchdog.Overdue::pair).containsExactly(BTC_1M);
    }

    @Test
    void aStreamIsNotJudgedWhileItsConnectionIsDownOrItsCatchUpRuns() {
        caughtUpTo(BTC_1M, T0);
        long longAfter = T0 + 60 * MINUTE;

        watchdog.stopped(BTC_1M);
        assertThat(watchdog.check(longAfter)).as("connection down: a reconnect, not a silence").isEmpty();

        watchdog.started(BTC_1M);
        assertThat(watchdog.check(longAfter)).as("catching up: the newest kline is about to move").isEmpty();

        watchdog.caughtUp(BTC_1M, OptionalLong.of(T0 + 58 * MINUTE));
        assertThat(watchdog.check(longAfter)).isEmpty();
        assertThat(watchdog.check(T0 + 60 * MINUTE - 1 + GRACE + 1)).hasSize(1);
    }

    @Test
    void aStreamWithNothingPublishedYetIsNotJudged() {
        watchdog.watchOnly(Set.of(BTC_1M));
        watchdog.started(BTC_1M);
        watchdog.caughtUp(BTC_1M, OptionalLong.empty());

        assertThat(watchdog.check(T0 + 60 * MINUTE)).isEmpty();
    }

    @Test
    void eachStreamKeepsItsOwnIntervalsSchedule() {
        watchdog.watchOnly(Set.of(BTC_1M, ETH_5M));
        start(BTC_1M, T0);
        start(ETH_5M, T0);

        // 3 minutes on: the 1m stream missed two klines, the 5m one's next kline is not due yet.
        assertThat(watchdog.check(T0 + 3 * MINUTE + GRACE)).extracting(KlineStreamWatchdog.Overdue::pair).containsExactly(BTC_1M);
        // 10 minutes on: the 5m stream missed its kline; the 1m one, still silent, is acted on again.
        assertThat(watchdog.check(T0 + 10 * MINUTE - 1 + GRACE + 1)).containsExactly(
                new KlineStreamWatchdog.Overdue(BTC_1M, T0 + 2 * MINUTE - 1, false),
                new KlineStreamWatchdog.Overdue(ETH_5M, T0 + 10 * MINUTE - 1, true));
        assertThat(watchdog.silent()).containsExactly(BTC_1M, ETH_5M);
    }

    @Test
    void aMonthStreamIsDueAtTheEndOfTheCalendarMonthNotAfterThirtyDays() {
        long january = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        long februaryClose = Instant.parse("2023-03-01T00:00:00Z").toEpochMilli() - 1;
        caughtUpTo(BTC_1MONTH, january);

        assertThat(watchdog.check(februaryClose + GRACE)).isEmpty();
        assertThat(watchdog.check(februaryClose + GRACE + 1))
                .containsExactly(new KlineStreamWatchdog.Overdue(BTC_1MONTH, februaryClose, true));
    }

    @Test
    void aPairNoLongerStreamedIsForgottenAndItsStartsIgnored() {
        caughtUpTo(BTC_1M, T0);
        assertThat(watchdog.check(T0 + 2 * MINUTE + GRACE)).hasSize(1);

        watchdog.watchOnly(Set.of(ETH_5M));
        watchdog.started(BTC_1M);

        assertThat(watchdog.silent()).isEmpty();
        assertThat(watchdog.check(T0 + 60 * MINUTE)).isEmpty();
    }

    private void caughtUpTo(Subscription pair, long newestOpenTime) {
        watchdog.watchOnly(Set.of(pair));
        start(pair, newestOpenTime);
    }

    private void start(Subscription pair, long newestOpenTime) {
        watchdog.started(pair);
        watchdog.caughtUp(pair, OptionalLong.of(newestOpenTime));
    }
}
