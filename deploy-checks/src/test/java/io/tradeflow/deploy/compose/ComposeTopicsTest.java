package io.tradeflow.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kafka-topics container makes every topic of docs/events.md, as trading-core's {@code Topics} names them, with
 * its cleanup policy (bots.v1 compacted, everything else deleted by age, every .dlq too) and one partition count for
 * all.
 */
class ComposeTopicsTest {

    private static final Pattern TOPIC_CONSTANT = Pattern.compile("static final String (\\w+) = \"([a-z.]+\\.v\\d+)\";");
    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create (\\S+) (delete|compact)\\s*$");

    @Test
    void everyTopicAndItsDeadLetterTopicIsCreatedWithItsCleanupPolicy() throws IOException {
        String topicsSource = Files.readString(Repo.file("trading-core/src/main/java/io/tradeflow/core/event/Topics.java"));
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher constant = TOPIC_CONSTANT.matcher(topicsSource);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        assertThat(constants).as("topic names in Topics.java").hasSize(6);
        Matcher compactedSet = Pattern.compile("COMPACTED = Set\\.of\\(([^)]*)\\)").matcher(topicsSource);
        assertThat(compactedSet.find()).as("Topics.COMPACTED").isTrue();

        Map<String, String> expected = new TreeMap<>();
        constants.forEach((name, topic) -> {
            expected.put(topic, compactedSet.group(1).contains(name) ? "compact" : "delete");
            expected.put(topic + ".dlq", "delete");
        });

        JsonNode topicsService = ComposeFile.read().service("kafka-topics");
        String script = topicsService.path("command").get(0).asText();
        Map<String, String> created = new TreeMap<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            created.put(create.group(1), create.group(2));
        }
        assertThat(created).isEqualTo(expected);
        assertThat(expected).containsEntry("bots.v1", "compact");
    }

    @Test
    void everyTopicGetsTheSamePartitionCount() {
        JsonNode topicsService = ComposeFile.read().service("kafka-topics");
        String script = topicsService.path("command").get(0).asText();

        assertThat(script).contains("--partitions \"$$PARTITIONS\"").doesNotContain("--partitions 1 ");
        assertThat(ComposeFile.environment(topicsService)).containsEntry("PARTITIONS", "${KAFKA_TOPIC_PARTITIONS:-6}");
        // a topic created by accident (auto-creation) gets the same count
        assertThat(ComposeFile.environment(ComposeFile.read().service("kafka")))
                .containsEntry("KAFKA_NUM_PARTITIONS", "${KAFKA_TOPIC_PARTITIONS:-6}");
    }
}
