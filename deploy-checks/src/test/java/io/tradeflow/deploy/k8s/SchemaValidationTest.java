package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every document each overlay renders passes schema validation offline ({@link StrictModel}: fabric8's Kubernetes
 * model and Strimzi's own, strictly). kubeconform needs Go to install and {@code kubectl apply --dry-run=client}
 * needs a cluster to download the schema from, so neither runs here.
 */
class SchemaValidationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyRenderedDocumentFitsItsModel(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode document : Rendered.of(overlay).documents()) {
            StrictModel.problems(document).forEach(p -> problems.add(Rendered.id(document) + ": " + p));
        }
        assertThat(problems).as(overlay + " renders documents the Kubernetes or Strimzi model refuses").isEmpty();
    }

    // --- The validator itself: it must catch what a real schema check catches, or a green run proves nothing.

    @Test
    void aMisspeltFieldFails() {
        assertThat(problems("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - {name: x, image: x, resource: {limits: {memory: 1Gi}}}
                """)).containsExactlyInAnyOrder(
                "spec: unknown field [replica] (not in io.fabric8.kubernetes.api.model.apps.DeploymentSpec)",
                "spec.template.spec.containers[0]: unknown field [resource] (not in io.fabric8.kubernetes.api.model.Container)");
    }

    @Test
    void aMisspeltStrimziFieldOrAMissingRequiredOneFails() {
        assertThat(problems("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: orders.v1}
                spec: {partition: 6, replicas: 1}
                """)).containsExactly(
                "spec: unknown field [partition] (not in io.strimzi.api.kafka.model.topic.KafkaTopicSpec)");
        assertThat(problems("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka: {config: {}}
                """)).contains("spec.kafka.listeners: required by Strimzi's model (KafkaClusterSpec) but missing");
    }

    @Test
    void aScalarOfTheWrongTypeFails() {
        assertThat(problems("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: x
                  annotations: {prometheus.io/scrape: true}
                spec:
                  selector: {app: x}
                  ports: [{port: 8080}]
                """)).singleElement().asString().contains("does not fit", "metadata.annotations");
        assertThat(problems("""
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  selector: {app: x}
                  ports: [{port: "8080"}]
                """)).singleElement().asString().contains("does not fit", "spec.ports[0].port");
    }

    @Test
    void anUnknownKindOrAnInvalidNameFails() {
        assertThat(problems("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: x}
                """)).containsExactly("batch/v1/CronJob is not a kind these checks know: add its model class to StrictModel.TYPES");
        assertThat(problems("""
                apiVersion: v1
                kind: Service
                metadata: {name: orders.v1}
                spec: {selector: {app: x}, ports: [{port: 1}]}
                """)).containsExactly("metadata.name: 'orders.v1' is not a valid Service name");
    }

    @Test
    void aTemplateThatDoesNotMatchItsSelectorOrAContainerWithoutImageFails() {
        assertThat(problems("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: y}}
                    spec:
                      containers: [{name: x}]
                """)).containsExactlyInAnyOrder(
                "spec.template.metadata.labels: lacks app=x of spec.selector "
                        + "(the API server refuses a selector its template does not match)",
                "spec.template.spec.containers[0].image: required by the Kubernetes API but missing");
    }

    private static List<String> problems(String yaml) {
        JsonNode document = Rendered.parse("test", yaml).getFirst();
        return StrictModel.problems(document);
    }
}
