package io.tradeflow.marketdata.exchange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceSubscriptionSyncTest {

    @Test
    void aFreshConnectionIsInSyncWithItsUrl() {
        var sync = new BinanceSubscriptionSync(List.of("a@kline_1m"));

        assertThat(sync.inSync()).isTrue();
        assertThat(sync.millisUntilNext(0)).isEqualTo(-1);
        assertThat(sync.next(0)).isEmpty();
    }

    @Test
    void changesMadeBetweenSendsGoOutAsOneBatchedCommand() {
        var sync = new BinanceSubscriptionSync(List.of("a@kline_1m"));
        sync.want(Set.of("a@kline_1m", "b@kline_1m"));
        sync.want(Set.of("a@kline_1m", "b@kline_1m", "c@kline_5m"));

        BinanceCommand command = sync.next(1_000).orElseThrow();

        assertThat(command.method()).isEqualTo(BinanceCommand.Method.SUBSCRIBE);
        assertThat(command.params()).containsExactlyInAnyOrder("b@kline_1m", "c@kline_5m");
        assertThat(command.toJson()).startsWith("{\"method\":\"SUBSCRIBE\",\"params\":[").endsWith(",\"id\":" + command.id() + "}");
        assertThat(sync.inSync()).isTrue();
    }

    @Test
    void commandsAreSpacedToStayUnderTenMessagesASecond() {
        var sync = new BinanceSubscriptionSync(List.of("a"));
        sync.want(Set.of("a", "b"));
        assertThat(sync.next(1_000)).isPresent();

        sync.want(Set.of("a", "b", "c"));
        assertThat(sync.millisUntilNext(1_050)).isEqualTo(75);
        assertThat(sync.next(1_050)).isEmpty();
        assertThat(sync.next(1_000 + BinanceSubscriptionSync.MIN_SPACING_MILLIS)).isPresent();
        assertThat(1000 / BinanceSubscriptionSync.MIN_SPACING_MILLIS).isLessThan(10);
    }

    @Test
    void unsubscribingGoesFirstAndAStreamWantedAgainBeforeItWentIsNotSent() {
        var sync = new BinanceSubscriptionSync(List.of("a", "b"));
        sync.want(Set.of("b", "c"));

        BinanceCommand first = sync.next(0).orElseThrow();
        BinanceCommand second = sync.next(BinanceSubscriptionSync.MIN_SPACING_MILLIS).orElseThrow();

        assertThat(first.method()).isEqualTo(BinanceCommand.Method.UNSUBSCRIBE);
        assertThat(first.params()).containsExactly("a");
        assertThat(second.method()).isEqualTo(BinanceCommand.Method.SUBSCRIBE);
        assertThat(second.params()).containsExactly("c");
        assertThat(second.id()).isGreaterThan(first.id());

        sync.want(Set.of("b", "c", "d"));
        sync.want(Set.of("b", "c"));
        assertThat(sync.next(10_000)).isEmpty();
    }

    @Test
    void aResubscribedStreamGoesOutAsAnUnsubscribeThenASubscribeWhileTheOthersStay() {
        var sync = new BinanceSubscriptionSync(List.of("quiet", "fine", "gone"));
        sync.want(Set.of("quiet", "fine"));

        sync.resubscribe(List.of("quiet", "gone", "never-subscribed"));

        assertThat(sync.inSync()).isFalse();
        BinanceCommand first = sync.next(0).orElseThrow();
        BinanceCommand second = sync.next(BinanceSubscriptionSync.MIN_SPACING_MILLIS).orElseThrow();
        assertThat(first.method()).isEqualTo(BinanceCommand.Method.UNSUBSCRIBE);
        assertThat(first.params()).containsExactlyInAnyOrder("gone", "quiet");
        assertThat(second.method()).isEqualTo(BinanceCommand.Method.SUBSCRIBE);
        assertThat(second.params()).containsExactly("quiet");
        assertThat(sync.inSync()).isTrue();
        assertThat(sync.next(10_000)).isEmpty();
    }
}
