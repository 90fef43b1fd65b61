package io.tradeflow.deploy.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics the platform uses and which are compacted, as the code and the docs say: trading-core's
 * {@code io.tradeflow.core.event.Topics} (read as text: deploy-checks depends on no service module) and the topic
 * table of docs/events.md. Each topic has a dead-letter topic {@code <topic>.dlq}, never compacted.
 */
final class TopicContract {

    static final String TOPICS_JAVA = "trading-core/src/main/java/io/tradeflow/core/event/Topics.java";
    static final String EVENTS_MD = "docs/events.md";

    private TopicContract() {
    }

    /** Every topic with its cleanup.policy ("delete" or "compact"), from Topics.java, dead-letter topics included. */
    static Map<String, String> fromTopicsClass() {
        String source = Repository.read(TOPICS_JAVA);
        Map<String, String> constants = new HashMap<>();
        Matcher constant = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";").matcher(source);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        List<String> all = names(source, "List<String> ALL = List.of(", constants);
        Set<String> compacted = new LinkedHashSet<>(names(source, "Set<String> COMPACTED = Set.of(", constants));
        if (!source.contains("return topic + \".dlq\";")) {
            throw new IllegalStateException(TOPICS_JAVA + ": Topics.dlq(topic) is no longer topic + \".dlq\"; "
                    + "update TopicContract");
        }
        Map<String, String> topics = new LinkedHashMap<>();
        for (String topic : all) {
            topics.put(topic, compacted.contains(topic) ? "compact" : "delete");
            topics.put(topic + ".dlq", "delete");
        }
        return topics;
    }

    /** The topics of the table in docs/events.md (without the "{@code <topic>.dlq}" row) and their cleanup.policy. */
    static Map<String, String> fromEventsDoc() {
        Map<String, String> topics = new LinkedHashMap<>();
        String doc = Repository.read(EVENTS_MD);
        int start = doc.indexOf("\n## Topics\n");
        if (start < 0) {
            throw new IllegalStateException(EVENTS_MD + " has no '## Topics' section any more; update TopicContract");
        }
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9.]+)` \\|.*\\| ([^|]+) \\|$").matcher(section);
        while (row.find()) {
            String compaction = row.group(2).trim();
            topics.put(row.group(1), compaction.startsWith("**yes**") ? "compact" : "delete");
        }
        return topics;
    }

    private static List<String> names(String source, String declaration, Map<String, String> constants) {
        int start = source.indexOf(declaration);
        if (start < 0) {
            throw new IllegalStateException(TOPICS_JAVA + " no longer declares '" + declaration + "'; update TopicContract");
        }
        String list = source.substring(start + declaration.length(), source.indexOf(')', start));
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            String value = constants.get(name.trim());
            if (value == null) {
                throw new IllegalStateException(TOPICS_JAVA + ": '" + name.trim() + "' is not a topic constant");
            }
            names.add(value);
        }
        return names;
    }
}
