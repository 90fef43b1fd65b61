package io.tradeflow.gateway.stream;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a stream stands: for each of its topics, the next offset to read of every partition. Written as the SSE id
 * of each event, e.g. {@code orders.v1:1234/0/77,positions.v1:99/0/5} (topics in stream order; the offsets of
 * partition 0, 1, 2, ...), so that a client that reconnects with it as {@code Last-Event-ID} continues exactly after
 * the event that carried it. Offsets, not times: Kafka's order within a partition is the only one that neither
 * repeats nor skips. Grouped by topic to keep the id short (four topics of six partitions: about 170 characters).
 */
final class StreamPosition {
    /** Longer ids are refused before parsing: ample for four topics of a few hundred partitions each. */
    static final int MAX_LENGTH = 8192;
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]+):([0-9]{1,18}(?:/[0-9]{1,18})*)");

    private final Map<String, long[]> next;

    /** @param next per topic, the next offset to read by partition number; kept (and updated) as given */
    StreamPosition(Map<String, long[]> next) {
        this.next = next;
    }

    /**
     * Reads an id this stream wrote.
     *
     * @return per topic, the offsets by partition number it names, in its order
     * @throws IllegalArgumentException saying what is wrong, for anything else
     */
    static Map<String, long[]> parse(String id) {
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        Map<String, long[]> parsed = new LinkedHashMap<>();
        for (String entry : id.split(",", -1)) {
            Matcher matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + abbreviate(entry)
                        + "' is not topic:offset/offset/... (offsets of partition 0, 1, ...)");
            }
            String topic = matcher.group(1);
            if (StreamType.ofTopic(topic).isEmpty()) {
                throw new IllegalArgumentException("names topic '" + abbreviate(topic) + "', which the stream does not read");
            }
            long[] offsets = Arrays.stream(matcher.group(2).split("/")).mapToLong(Long::parseLong).toArray();
            if (parsed.put(topic, offsets) != null) {
                throw new IllegalArgumentException("names topic " + topic + " twice");
            }
        }
        return parsed;
    }

    /** The record at {@code offset} of {@code topic}'s {@code partition} has been dealt with (sent or left out). */
    void passed(String topic, int partition, long offset) {
        next.get(topic)[partition] = offset + 1;
    }

    long next(String topic, int partition) {
        return next.get(topic)[partition];
    }

    /** The id of the position as it is now. */
    String encode() {
        StringBuilder id = new StringBuilder(32 * next.size());
        next.forEach((topic, offsets) -> {
            id.append(id.isEmpty() ? "" : ",").append(topic).append(':');
            for (int partition = 0; partition < offsets.length; partition++) {
                id.append(partition == 0 ? "" : "/").append(offsets[partition]);
            }
        });
        return id.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
