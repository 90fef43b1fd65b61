package io.tradeflow.gateway.botsfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.gateway.bots.FieldError;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a bots file: a top-level {@code bots:} list of {@link FileBot}s. Each entry is checked on its own, with the
 * same rules as a REST bot, so one bad entry does not stop the others.
 */
final class BotsFileParser {
    // Decimals as BigDecimal with their trailing zeros: a YAML 100.50 reaches the bot as "100.50", not a double.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    /** An entry: its id (null when it has none), its definition when valid, otherwise its errors. */
    record Parsed(String botId, BotDefinition definition, String entryHash, List<BotsFileStatus.Problem> errors) {
    }

    /** Thrown when the whole file is unusable, with a message saying where and what. */
    static class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private BotsFileParser() {
    }

    static List<Parsed> parse(byte[] content, long now) throws Unusable {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new Unusable("not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unusable("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("bots").isArray()) {
            throw new Unusable("the file needs a top-level list 'bots:' (use 'bots: []' for none)");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("bots")) {
                throw new Unusable("unknown top-level key '" + name + "': only 'bots' is allowed");
            }
        }
        List<Parsed> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode node : root.get("bots")) {
            Parsed parsed = entry(node, now);
            if (parsed.botId() != null && !seen.add(parsed.botId())) {
                parsed = new Parsed(parsed.botId(), null, null, List.of(new BotsFileStatus.Problem("botId",
                        "bot '" + parsed.botId() + "' appears more than once in the file")));
            }
            entries.add(parsed);
        }
        return entries;
    }

    private static Parsed entry(JsonNode node, long now) {
        String botId = node.path("botId").isTextual() ? node.path("botId").asText() : null;
        try {
            FileBot bot = YAML.treeToValue(node, FileBot.class);
            BotDefinition definition = bot.request().toDefinition(bot.botId(),
                    bot.runs() ? BotStatus.RUNNING : BotStatus.STOPPED, now);
            return new Parsed(botId, definition, hash(definition), List.of());
        } catch (JsonMappingException e) {
            return new Parsed(botId, null, null,
                    List.of(new BotsFileStatus.Problem(FieldError.fieldOf(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            return new Parsed(botId, null, null, List.of(new BotsFileStatus.Problem(null, e.getOriginalMessage())));
        } catch (FieldError e) {
            return new Parsed(botId, null, null, List.of(new BotsFileStatus.Problem(e.field(), e.getMessage())));
        }
    }

    /** The entry's identity: its definition with its times left out (they are the time of reading). */
    private static String hash(BotDefinition d) {
        BotDefinition timeless = new BotDefinition(d.botId(), d.name(), d.market(), d.symbol(), d.interval(),
                d.strategy(), d.risk(), d.venue(), d.status(), false, 1, 1);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.encode(timeless)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String checksum(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
