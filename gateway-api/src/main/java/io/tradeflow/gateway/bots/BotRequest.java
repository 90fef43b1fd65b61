package io.tradeflow.gateway.bots;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.InvalidEventException;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.core.strategy.Strategies;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bot as a user writes it (POST and PUT body): everything of a {@link BotDefinition} but its status and times.
 * Checked with the domain's own rules (symbol, interval, the strategy's parameters, risk); each failure is a
 * {@link FieldError} naming the field.
 */
public record BotRequest(String botId, String name, String market, String symbol, String interval,
        Strategy strategy, Risk risk, String venue) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** {@code type} and its parameters as text, as on bots.v1. */
    public record Strategy(String type, Map<String, String> params) {
    }

    /** Margin per trade in the margin asset (a decimal string), leverage, margin type, positions at once. */
    public record Risk(String marginPerTrade, Integer leverage, String marginType, Integer maxOpenPositions) {
    }

    /** The definition this request makes, with {@code status} and times {@code now}. */
    public BotDefinition toDefinition(String id, BotStatus status, long now) {
        String botId = required("botId", id);
        if (!ID.matcher(botId).matches()) {
            throw new FieldError("botId", "field 'botId' must be 1 to 64 letters, digits, '-' or '_', starting with a "
                    + "letter or digit (it is part of URLs and order ids)");
        }
        try {
            Strategy s = required("strategy", strategy);
            Strategies.parse(Strategies.find(required("strategy.type", s.type())), s.params());
            Risk r = required("risk", risk);
            RiskSpec riskSpec = new RiskSpec(decimal("risk.marginPerTrade", r.marginPerTrade()),
                    required("risk.leverage", r.leverage()),
                    enumValue("risk.marginType", MarginType.class, r.marginType() == null ? "ISOLATED" : r.marginType()),
                    r.maxOpenPositions() == null ? 1 : r.maxOpenPositions());
            return new BotDefinition(botId, name == null ? botId : name,
                    enumValue("market", Market.class, market == null ? "USD_M" : market),
                    symbol(required("symbol", symbol)), interval(required("interval", interval)),
                    new StrategySpec(s.type(), s.params() == null ? Map.of() : s.params()), riskSpec,
                    enumValue("venue", Venue.class, venue == null ? "PAPER" : venue), status, false, now, now);
        } catch (InvalidParameterException e) {
            throw new FieldError(e.parameter(), e.getMessage());
        } catch (InvalidEventException e) {
            // The event's own rule, said without the event's class name (an API user never sees BotDefinition).
            throw new FieldError(e.field(), e.getMessage().replaceFirst("^BotDefinition: ", ""));
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new FieldError(field, "field '" + field + "' is required");
        }
        return value;
    }

    private static BigDecimal decimal(String field, String text) {
        try {
            return new BigDecimal(required(field, text));
        } catch (NumberFormatException e) {
            throw new FieldError(field, "field '" + field + "' is not a decimal: '" + text + "'");
        }
    }

    private static Symbol symbol(String text) {
        try {
            return new Symbol(text);
        } catch (IllegalArgumentException e) {
            throw new FieldError("symbol", e.getMessage());
        }
    }

    private static Interval interval(String code) {
        try {
            return Interval.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new FieldError("interval", e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, "field '" + field + "' has unknown value '" + text + "' (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }
}
