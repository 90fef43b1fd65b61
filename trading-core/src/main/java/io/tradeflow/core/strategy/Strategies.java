package io.tradeflow.core.strategy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every strategy a bot can run, by type, and the parsing of a bot's text parameters into {@link Parameters}. */
public final class Strategies {

    /** Prefix of a parameter's field in a bot definition, as {@link InvalidParameterException#parameter()} names it. */
    public static final String PARAMS_FIELD = "strategy.params.";

    private static final List<Strategy> ALL = List.of(new SmaCrossover(), new RsiReversion());

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");
    /** Plain decimals only: no exponent, so a short text can never stand for a huge number. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]{1,30}(\\.[0-9]{0,30})?|\\.[0-9]{1,30})");

    private Strategies() {
    }

    public static List<Strategy> all() {
        return ALL;
    }

    /** @throws InvalidParameterException for {@code strategy.type} when no strategy has that type */
    public static Strategy find(String type) {
        return ALL.stream().filter(strategy -> strategy.type().equals(type)).findFirst()
                .orElseThrow(() -> new InvalidParameterException("strategy.type",
                        "unknown strategy '" + type + "'; known: " + types()));
    }

    /**
     * Checks and types a bot's parameters: every key must be one of the strategy's, every value of its type and in
     * its range; left-out parameters get their defaults; then the strategy's own cross-parameter rules run.
     *
     * @throws InvalidParameterException naming the first offending parameter, its value and what is allowed
     */
    public static Parameters parse(Strategy strategy, Map<String, String> raw) {
        Map<String, String> given = raw == null ? Map.of() : raw;
        Map<String, Parameter> known = strategy.parameters().stream()
                .collect(Collectors.toMap(Parameter::name, parameter -> parameter));
        for (String name : given.keySet()) {
            if (!known.containsKey(name)) {
                throw new InvalidParameterException(PARAMS_FIELD + name, "unknown parameter '" + name
                        + "' for strategy " + strategy.type() + "; known: " + names(strategy));
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Parameter parameter : strategy.parameters()) {
            String text = given.getOrDefault(parameter.name(), parameter.defaultValue());
            values.put(parameter.name(), value(parameter, text));
        }
        Parameters params = new Parameters(values);
        strategy.validate(params);
        return params;
    }

    private static Object value(Parameter parameter, String text) {
        String trimmed = text.strip();
        return switch (parameter.type()) {
            case BOOLEAN -> switch (trimmed) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid(parameter, text, "must be true or false");
            };
            case INTEGER -> {
                if (!INTEGER.matcher(trimmed).matches()) {
                    throw invalid(parameter, text, "must be a whole number " + range(parameter));
                }
                BigDecimal value = inRange(parameter, text, new BigDecimal(trimmed));
                if (value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                    throw invalid(parameter, text, "must be a whole number " + range(parameter));
                }
                yield value.intValueExact();
            }
            case DECIMAL -> {
                if (!DECIMAL.matcher(trimmed).matches()) {
                    throw invalid(parameter, text, "must be a decimal number " + range(parameter));
                }
                yield inRange(parameter, text, new BigDecimal(trimmed));
            }
        };
    }

    private static BigDecimal inRange(Parameter parameter, String text, BigDecimal value) {
        boolean tooLow = parameter.min() != null && value.compareTo(parameter.min()) < 0;
        boolean tooHigh = parameter.max() != null && value.compareTo(parameter.max()) > 0;
        if (tooLow || tooHigh) {
            throw invalid(parameter, text, "must be " + range(parameter));
        }
        return value;
    }

    private static String range(Parameter parameter) {
        if (parameter.min() != null && parameter.max() != null) {
            return "from " + parameter.min().toPlainString() + " to " + parameter.max().toPlainString();
        }
        if (parameter.min() != null) {
            return "of at least " + parameter.min().toPlainString();
        }
        return parameter.max() == null ? "" : "of at most " + parameter.max().toPlainString();
    }

    private static InvalidParameterException invalid(Parameter parameter, String text, String rule) {
        return new InvalidParameterException(PARAMS_FIELD + parameter.name(),
                "parameter '" + parameter.name() + "' " + rule.strip() + ", not '" + text + "'");
    }

    private static String types() {
        return ALL.stream().map(Strategy::type).collect(Collectors.joining(", "));
    }

    private static String names(Strategy strategy) {
        return strategy.parameters().stream().map(Parameter::name).collect(Collectors.joining(", "));
    }
}
