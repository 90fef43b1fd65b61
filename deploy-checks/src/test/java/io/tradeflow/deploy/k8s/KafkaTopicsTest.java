package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Strimzi resources hold the topics of the event contract, as many partitions everywhere, compacted where it says. */
class KafkaTopicsTest {

    @Test
    void topicsJavaAndEventsDocAgree() {
        Map<String, String> code = TopicContract.fromTopicsClass();
        Map<String, String> docs = TopicContract.fromEventsDoc();
        Map<String, String> codeWithoutDlq = new LinkedHashMap<>(code);
        codeWithoutDlq.keySet().removeIf(t -> t.endsWith(".dlq"));
        assertThat(docs).as("the topic table of " + TopicContract.EVENTS_MD + " against " + TopicContract.TOPICS_JAVA)
                .isEqualTo(codeWithoutDlq);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyTopicHasAKafkaTopicWithItsCleanupPolicyAndTheCommonPartitionCount(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> policies = new TreeMap<>();
        Map<String, Integer> partitions = new TreeMap<>();
        for (ObjectNode topic : rendered.ofKind("KafkaTopic")) {
            String name = topicName(topic);
            assertThat(policies.put(name, topic.path("spec").path("config").path("cleanup.policy").asText("(unset)")))
                    .as(overlay + ": two KafkaTopics for " + name).isNull();
            partitions.put(name, topic.path("spec").path("partitions").asInt());
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as(overlay + ": KafkaTopic " + name + " must name its cluster, or the topic operator ignores it")
                    .isEqualTo(Rendered.name(kafka(rendered)));
        }
        assertThat(policies).as(overlay + ": KafkaTopics and their cleanup.policy against " + TopicContract.TOPICS_JAVA)
                .isEqualTo(new TreeMap<>(TopicContract.fromTopicsClass()));
        assertThat(new HashSet<>(partitions.values()))
                .as(overlay + ": every topic must have the same partition count (a symbol on the same partition number "
                        + "everywhere, docs/events.md); found " + partitions)
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void replicationFitsTheNodes(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        int nodes = brokers(rendered);
        JsonNode config = kafka(rendered).path("spec").path("kafka").path("config");
        int minInSync = config.path("min.insync.replicas").asInt(1);
        assertThat(config.path("default.replication.factor").asInt()).as(overlay + ": default.replication.factor")
                .isLessThanOrEqualTo(nodes);
        assertThat(config.path("offsets.topic.replication.factor").asInt()).as(overlay + ": offsets.topic.replication.factor")
                .isEqualTo(config.path("default.replication.factor").asInt());
        assertThat(config.path("auto.create.topics.enable").asBoolean(true))
                .as(overlay + ": topics come from the KafkaTopics; auto-creation would make them with 1 partition").isFalse();
        for (ObjectNode topic : rendered.ofKind("KafkaTopic")) {
            int replicas = topic.path("spec").path("replicas").asInt();
            int topicMinInSync = topic.path("spec").path("config").path("min.insync.replicas").asInt(minInSync);
            assertThat(replicas).as(overlay + ": replicas of " + topicName(topic) + " (" + nodes + " Kafka nodes)")
                    .isBetween(1, nodes);
            assertThat(topicMinInSync).as(overlay + ": min.insync.replicas of " + topicName(topic)
                    + " must be below its replicas unless there is one, or acks=all writes stop when a node is down")
                    .isLessThanOrEqualTo(replicas == 1 ? 1 : replicas - 1);
        }
    }

    @Test
    void devRunsOneKafkaNodeAndProdThreeWithReplicationThreeAndMinInSyncTwo() {
        assertThat(brokers(Rendered.of(Repository.DEV))).isEqualTo(1);
        Rendered prod = Rendered.of(Repository.PROD);
        assertThat(brokers(prod)).isEqualTo(3);
        JsonNode config = kafka(prod).path("spec").path("kafka").path("config");
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        for (ObjectNode topic : prod.ofKind("KafkaTopic")) {
            assertThat(topic.path("spec").path("replicas").asInt()).as("prod replicas of " + topicName(topic)).isEqualTo(3);
            int minInSync = topic.path("spec").path("config").path("min.insync.replicas")
                    .asInt(config.path("min.insync.replicas").asInt());
            assertThat(minInSync).as("prod min.insync.replicas of " + topicName(topic)).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void theKafkaClusterIsKraftWithNodePoolsThatAreControllerAndBroker(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        ObjectNode kafka = kafka(rendered);
        assertThat(kafka.path("spec").has("zookeeper")).as(overlay + ": KRaft, no ZooKeeper").isFalse();
        Set<String> roles = new HashSet<>();
        for (ObjectNode pool : rendered.ofKind("KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as(overlay + ": KafkaNodePool " + Rendered.name(pool) + " must name its cluster")
                    .isEqualTo(Rendered.name(kafka));
            pool.path("spec").path("roles").forEach(role -> roles.add(role.asText()));
        }
        assertThat(roles).as(overlay + ": node pools must hold KRaft controllers and brokers").contains("controller", "broker");
    }

    /** The Kafka cluster (there is one). */
    static ObjectNode kafka(Rendered rendered) {
        assertThat(rendered.ofKind("Kafka")).as(rendered.dir() + ": one Kafka cluster").hasSize(1);
        return rendered.ofKind("Kafka").getFirst();
    }

    /** How many nodes have the broker role. */
    static int brokers(Rendered rendered) {
        return rendered.ofKind("KafkaNodePool").stream()
                .filter(pool -> pool.path("spec").path("roles").toString().contains("\"broker\""))
                .mapToInt(pool -> pool.path("spec").path("replicas").asInt())
                .sum();
    }

    /** The topic a KafkaTopic makes: spec.topicName, else its name. */
    static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(Rendered.name(topic));
    }

    /** The partition count all topics share (checked equal above). */
    static int partitions(Rendered rendered) {
        return rendered.ofKind("KafkaTopic").stream().mapToInt(t -> t.path("spec").path("partitions").asInt()).min().orElse(0);
    }
}
