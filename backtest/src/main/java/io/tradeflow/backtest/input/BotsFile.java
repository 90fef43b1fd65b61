package io.tradeflow.backtest.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import io.tradeflow.core.strategy.Strategy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * gateway-api's bots file ({@code config/demo-bots.yaml}; {@code TRADEFLOW_GATEWAY_BOTS_FILE}): a top-level
 * {@code bots:} list whose entries have the fields of a REST bot and {@code running}. Read here with the same defaults
 * and rules as the gateway ({@code BotsFileParser}, {@code BotRequest}): market USD_M, venue PAPER, margin type
 * ISOLATED, one open position, the name the id; the strategy's parameters checked by trading-core. Unlike the
 * gateway, which keeps the good entries of a file and reports the others, a backtest refuses the file at its first
 * bad entry: a run without one of the bots would answer another question.
 */
public final class BotsFile {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    // Decimals keep their text: a YAML 100.50 reaches the bot as "100.50", as in the gateway.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** One entry: the bot as defined (status RUNNING), and whether the file has it running. */
    public record Entry(BotDefinition bot, boolean running) {
    }

    /** An entry as written. */
    record FileBot(String botId, String name, String market, String symbol, String interval, FileStrategy strategy,
                   FileRisk risk, String venue, Boolean running) {
    }

    record FileStrategy(String type, Map<String, String> params) {
    }

    record FileRisk(String marginPerTrade, Integer leverage, String marginType, Integer maxOpenPositions) {
    }

    private BotsFile() {
    }

    /**
     * Reads every entry of the file.
     *
     * @param time the definitions' event time, epoch ms
     * @throws BotsFileException naming the file, the entry and the field at the first problem
     * @throws InputException    when the file cannot be read
     */
    public static List<Entry> read(Path file, long time) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw InputException.cannotRead("bots file", file, e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw problem(file, "is not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw InputException.cannotRead("bots file", file, e);
        }
        if (root == null || !root.isObject() || !root.path("bots").isArray()) {
            throw problem(file, "needs a top-level list 'bots:' (as config/demo-bots.yaml)", null, null);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("bots")) {
                throw problem(file, "has an unknown top-level key '" + name + "': only 'bots' is allowed", null, null);
            }
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("bots")) {
            index++;
            Entry entry = entry(file, index, node, time);
            if (!ids.add(entry.bot().botId())) {
                throw problem(file, "has bot '" + entry.bot().botId() + "' more than once", null, null);
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            throw problem(file, "lists no bot", null, null);
        }
        return entries;
    }

    private static Entry entry(Path file, int index, JsonNode node, long time) {
        String label = node.path("botId").isTextual() ? "bot '" + node.path("botId").asText() + "'" : "bot #" + index;
        String type = node.path("strategy").path("type").asText(null);
        try {
            FileBot bot = YAML.treeToValue(node, FileBot.class);
            return new Entry(definition(bot, time), bot.running() == null || bot.running());
        } catch (JsonMappingException e) {
            throw problem(file, label + ", field '" + fieldOf(e) + "': " + e.getOriginalMessage(), null, e);
        } catch (JsonProcessingException e) {
            throw problem(file, label + ": " + e.getOriginalMessage(), null, e);
        } catch (InvalidParameterException e) {
            boolean known = Strategies.all().stream().anyMatch(s -> s.type().equals(type));
            throw problem(file, label + ", field '" + e.parameter() + "': " + e.getMessage(), known ? type : null, e);
        } catch (FieldProblem e) {
            throw problem(file, label + ", field '" + e.field + "': " + e.getMessage(), null, e);
        } catch (InvalidEventException e) {
            throw problem(file, label + ", field '" + e.field() + "': "
                    + e.getMessage().replaceFirst("^BotDefinition: ", ""), null, e);
        }
    }

    private static BotDefinition definition(FileBot bot, long time) {
        String botId = required("botId", bot.botId());
        if (!ID.matcher(botId).matches()) {
            throw new FieldProblem("botId", "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        FileStrategy s = required("strategy", bot.strategy());
        Strategy strategy = Strategies.find(required("strategy.type", s.type()));
        Map<String, String> params = s.params() == null ? Map.of() : s.params();
        Strategies.parse(strategy, params);
        FileRisk r = required("risk", bot.risk());
        RiskSpec risk = new RiskSpec(decimal("risk.marginPerTrade", r.marginPerTrade()),
                required("risk.leverage", r.leverage()),
                enumValue("risk.marginType", MarginType.class, r.marginType() == null ? "ISOLATED" : r.marginType()),
                r.maxOpenPositions() == null ? 1 : r.maxOpenPositions());
        return new BotDefinition(botId, bot.name() == null ? botId : bot.name(),
                enumValue("market", Market.class, bot.market() == null ? "USD_M" : bot.market()),
                symbol(required("symbol", bot.symbol())), interval(required("interval", bot.interval())),
                new StrategySpec(strategy.type(), params), risk,
                enumValue("venue", Venue.class, bot.venue() == null ? "PAPER" : bot.venue()), BotStatus.RUNNING,
                false, time, time);
    }

    /** The dotted path of the field a mapping error is about ({@code risk.leverage}). */
    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static BotsFileException problem(Path file, String what, String strategyType, Throwable cause) {
        return new BotsFileException("The bots file " + file + " " + (what.startsWith("bot") ? "— " : "") + what,
                strategyType, cause);
    }

    /** A field of an entry that breaks a rule the types do not carry. */
    private static final class FieldProblem extends RuntimeException {
        final String field;

        FieldProblem(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new FieldProblem(field, "is required");
        }
        return value;
    }

    private static BigDecimal decimal(String field, String text) {
        try {
            return new BigDecimal(required(field, text).trim());
        } catch (NumberFormatException e) {
            throw new FieldProblem(field, "'" + text + "' is not a decimal number");
        }
    }

    private static Symbol symbol(String text) {
        try {
            return new Symbol(text);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("symbol", e.getMessage());
        }
    }

    private static Interval interval(String code) {
        try {
            return Interval.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("interval", e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(field, "has unknown value '" + text + "' (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }
}
