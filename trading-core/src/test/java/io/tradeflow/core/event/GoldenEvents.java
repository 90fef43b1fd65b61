package io.tradeflow.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.codec.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The golden example of each event type, {@code events/<EventType>.json} on the test classpath. Shipped in the
 * trading-core test-jar so every consumer's tests read the same examples.
 */
public final class GoldenEvents {

    public static final List<Class<? extends Event>> TYPES = List.of(KlineClosed.class, IndicatorsComputed.class,
            SignalGenerated.class, SignalWatermark.class, OrderUpdated.class, PositionChanged.class,
            BotDefinition.class);

    /** Plain Jackson, not the codec's mapper: the files are checked against what any JSON tool sees. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private GoldenEvents() {
    }

    public static String path(Class<? extends Event> type) {
        return "events/" + type.getSimpleName() + ".json";
    }

    public static byte[] bytes(Class<? extends Event> type) {
        return read(path(type));
    }

    /**
     * A further example, {@code events/<name>.json}, for a case the type's golden file does not show:
     * {@code BotDefinition-closePosition} (a bot stopped with its position to be closed).
     */
    public static byte[] bytes(String name) {
        return read("events/" + name + ".json");
    }

    private static byte[] read(String path) {
        try (InputStream in = GoldenEvents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + path + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable tree of the golden file, to derive broken variants from. */
    public static ObjectNode tree(Class<? extends Event> type) {
        try {
            return (ObjectNode) PLAIN.readTree(bytes(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends Event> T event(Class<T> type) {
        return EventCodec.decode(bytes(type), type);
    }
}
