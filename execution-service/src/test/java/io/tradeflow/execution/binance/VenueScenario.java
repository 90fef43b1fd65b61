package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** What the venue tests share: the signals they send, how they read the events, a user stream feeding a venue. */
final class VenueScenario {
    /** Keep-alive 30 minutes, silence limit 2 minutes, retry after 200 ms. */
    static final UserStream.Timing TIMING = new UserStream.Timing(Duration.ofMinutes(30), Duration.ofMinutes(2),
            Duration.ofMillis(200));

    private VenueScenario() {
    }

    /** An ENTER_LONG of {@code bot} on the last closed minute, with its reference price, stop and target. */
    static SignalGenerated entry(BotDefinition bot, String reference, String stop, String target) {
        long now = System.currentTimeMillis();
        long open = now - now % 60_000 - 60_000;
        return new SignalGenerated(bot.botId(), "sma-crossover", bot.symbol(), bot.interval(), open,
                SignalAction.ENTER_LONG, new BigDecimal(reference), new BigDecimal(stop), new BigDecimal(target),
                "test", open + 59_999, now);
    }

    /** "ROLE TYPE STATUS filled" of each event, e.g. {@code STOP_LOSS STOP_MARKET FILLED 0.028}. */
    static List<String> describe(List<OrderUpdated> orders) {
        return orders.stream().map(o -> o.role() + " " + o.type() + " " + o.status() + " "
                + o.filledQuantity().stripTrailingZeros().toPlainString()).toList();
    }

    /**
     * A started user stream of {@code binance}'s account whose events go to {@code venue}, and the events the venue
     * reports outside a placing call into {@code heard}. The caller closes it.
     */
    static UserStream stream(BinanceFuturesFake binance, BinanceRest rest, Vertx vertx, BinanceVenue venue,
                             List<OrderUpdated> heard) {
        UserStream stream = new UserStream("test", rest, URI.create(binance.userStreamUrl()), vertx, TIMING,
                new UserStream.Listener() {
                    @Override
                    public void event(UserEvent event) {
                        venue.onEvent(event);
                        heard.addAll(venue.drainEvents());
                    }

                    @Override
                    public void connected(boolean afterGap) {
                    }

                    @Override
                    public void disconnected(String why) {
                    }
                });
        stream.start();
        return stream;
    }
}
