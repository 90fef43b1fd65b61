package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.position.Position;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A paper venue and a trader wired as execution-service wires them (the venue is also the exposure across bots; only
 * PAPER can take orders), on the fixed clock of {@link Fixtures}.
 */
final class Desk {
    final PaperVenue venue;
    final Trader trader;

    Desk() {
        this(PaperSettings.DEFAULTS, RiskLimits.DEFAULTS);
    }

    Desk(PaperSettings settings, RiskLimits limits) {
        this(settings, limits, Fixtures.realRules());
    }

    Desk(PaperSettings settings, RiskLimits limits, Function<Symbol, Optional<SymbolRules>> rules) {
        venue = new PaperVenue(settings, rules, Fixtures.CLOCK);
        trader = new Trader(kind -> kind == Venue.PAPER ? Optional.of(venue) : Optional.empty(), rules, limits, venue,
                Fixtures.CLOCK);
    }

    /** The signal, received 100 ms after it was produced. */
    Trader.Decision signal(SignalGenerated signal, BotDefinition bot) {
        return trader.onSignal(signal, bot, Fixtures.receivedAt(signal));
    }

    List<OrderUpdated> kline(KlineClosed kline) {
        return venue.onKline(kline);
    }

    PaperAccount account(String botId) {
        return venue.account(botId).orElseThrow(() -> new AssertionError("no paper account for " + botId));
    }

    Position position(String botId) {
        return venue.position(botId).orElseThrow(() -> new AssertionError(botId + " holds no position"));
    }
}
