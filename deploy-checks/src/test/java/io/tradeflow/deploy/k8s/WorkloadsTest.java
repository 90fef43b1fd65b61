package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's Deployment as Kubernetes needs it: its port, the three probes on /q/health, requests and limits, no
 * root, Prometheus' annotations, a Service and a PodDisruptionBudget; autoscaling exactly for the stages that scale
 * by partitions, never past the partition count; one replica, replaced not rolled, for the two that must stay alone.
 */
class WorkloadsTest {

    /** The stages that scale by partitions (a consumer group each): they get a HorizontalPodAutoscaler. */
    static final Set<String> SCALED = Set.of("indicator-service", "signal-service", "position-service");
    /** One replica, never two at once (their deployment.yaml says why). */
    static final Set<String> SINGLE = Set.of("market-data-service", "execution-service");

    static Stream<Arguments> servicesOfEachOverlay() {
        return Stream.of(Repository.DEV, Repository.PROD)
                .flatMap(overlay -> Repository.SERVICES.stream().map(service -> Arguments.of(overlay, service)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servicesOfEachOverlay")
    void deploymentHasItsPortProbesResourcesAndNoRoot(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        ObjectNode deployment = rendered.get("Deployment", service);
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = container(deployment, service);
        int port = httpPort(service);
        String at = overlay + " " + service + ": ";

        assertThat(container.path("image").asText()).as(at + "image").matches("(.+/)?tradeflow/" + service + "(:[\\w.-]+)?");
        JsonNode http = namedPort(container, "http");
        assertThat(http.path("containerPort").asInt()).as(at + "container port 'http' against quarkus.http.port").isEqualTo(port);

        assertProbe(container, "readinessProbe", "/q/health/ready", at);
        assertProbe(container, "livenessProbe", "/q/health/live", at);
        assertProbe(container, "startupProbe", "/q/health/started", at);
        JsonNode startup = container.path("startupProbe");
        int startupBudget = startup.path("initialDelaySeconds").asInt() + startup.path("periodSeconds").asInt(10)
                * startup.path("failureThreshold").asInt(3);
        assertThat(startupBudget).as(at + "seconds the startup probe allows a JVM that waits for Kafka and PostgreSQL")
                .isGreaterThanOrEqualTo(60);

        assertResources(container, at);

        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).as(at + "runAsNonRoot").isTrue();
        assertThat(pod.path("spec").path("securityContext").path("runAsUser").asInt(0)).as(at + "runAsUser").isPositive();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                .as(at + "allowPrivilegeEscalation").isFalse();

        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).as(at + "prometheus.io/scrape").isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).as(at + "prometheus.io/port").isEqualTo(String.valueOf(port));
        assertThat(annotations.path("prometheus.io/path").asText()).as(at + "prometheus.io/path").isEqualTo("/q/metrics");

        ObjectNode svc = rendered.get("Service", service);
        assertThat(selects(svc.path("spec").path("selector"), pod)).as(at + "the Service selects the pods").isTrue();
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).as(at + "the Service's port").isEqualTo(port);
        ObjectNode pdb = rendered.get("PodDisruptionBudget", service);
        assertThat(selects(pdb.path("spec").path("selector").path("matchLabels"), pod))
                .as(at + "the PDB selects the pods").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servicesOfEachOverlay")
    void onlyTheStagesThatScaleByPartitionsAutoscaleAndNeverPastThePartitions(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        ObjectNode deployment = rendered.get("Deployment", service);
        var hpa = rendered.find("HorizontalPodAutoscaler", service);
        String at = overlay + " " + service + ": ";
        if (SCALED.contains(service)) {
            assertThat(hpa).as(at + "a stage that scales by partitions needs its HorizontalPodAutoscaler").isPresent();
            JsonNode spec = hpa.get().path("spec");
            assertThat(spec.path("scaleTargetRef").path("kind").asText() + "/" + spec.path("scaleTargetRef").path("name").asText())
                    .as(at + "HPA target").isEqualTo("Deployment/" + service);
            assertThat(spec.path("maxReplicas").asInt())
                    .as(at + "maxReplicas: a consumer group cannot use more pods than the topic has partitions")
                    .isBetween(spec.path("minReplicas").asInt(1), KafkaTopicsTest.partitions(rendered));
            assertThat(deployment.path("spec").has("replicas"))
                    .as(at + "replicas belong to the HPA; set in the Deployment, every apply would reset them").isFalse();
        } else {
            assertThat(hpa).as(at + "not a stage that scales by partitions: no HPA").isEmpty();
        }
        if (SINGLE.contains(service)) {
            assertThat(deployment.path("spec").path("replicas").asInt()).as(at + "replicas").isEqualTo(1);
            assertThat(deployment.path("spec").path("strategy").path("type").asText())
                    .as(at + "Recreate: a rolling update would run two instances at once").isEqualTo("Recreate");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyWorkloadHasProbesAndResources(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<ObjectNode> workloads = ReferencesTest.workloads(rendered);
        assertThat(workloads).isNotEmpty();
        for (ObjectNode workload : workloads) {
            for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                String at = overlay + " " + Rendered.id(workload) + " container " + container.path("name").asText() + ": ";
                assertThat(container.has("readinessProbe")).as(at + "readinessProbe").isTrue();
                assertThat(container.has("livenessProbe")).as(at + "livenessProbe").isTrue();
                assertResources(container, at);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void theIngressLeadsToTheGateway(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        assertThat(rendered.ofKind("Ingress")).as(overlay + ": one Ingress, the gateway's").hasSize(1);
        JsonNode ingress = rendered.ofKind("Ingress").getFirst();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                assertThat(backend.path("name").asText()).as(overlay + ": Ingress backend").isEqualTo("gateway-api");
                String port = backend.path("port").path("name").asText(backend.path("port").path("number").asText());
                JsonNode servicePorts = rendered.get("Service", "gateway-api").path("spec").path("ports");
                assertThat(servicePorts.findValuesAsText("name").contains(port)
                        || servicePorts.findValuesAsText("port").contains(port))
                        .as(overlay + ": the Ingress's backend port " + port + " is a port of the gateway-api Service").isTrue();
            }
        }
        if (overlay.equals(Repository.PROD)) {
            assertThat(ingress.path("spec").path("tls").path(0).path("secretName").asText()).as("prod: TLS").isNotEmpty();
            assertThat(ingress.path("spec").path("rules").path(0).path("host").asText()).as("prod: a host").isNotEmpty();
        }
    }

    // --- helpers

    static JsonNode container(JsonNode deployment, String name) {
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError(Rendered.id(deployment) + " has no container named " + name);
    }

    private static JsonNode namedPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + name);
    }

    /** The service's quarkus.http.port, from its application.properties. */
    static int httpPort(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(service + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    private static void assertProbe(JsonNode container, String probe, String path, String at) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(get.path("path").asText()).as(at + probe + " path").isEqualTo(path);
        String port = get.path("port").asText();
        assertThat(port.equals("http") || port.equals(String.valueOf(namedPort(container, "http").path("containerPort").asInt())))
                .as(at + probe + " port " + port + " is the service's HTTP port").isTrue();
    }

    private static void assertResources(JsonNode container, String at) {
        JsonNode resources = container.path("resources");
        for (String resource : List.of("cpu", "memory")) {
            JsonNode request = resources.path("requests").path(resource);
            JsonNode limit = resources.path("limits").path(resource);
            assertThat(request.isMissingNode()).as(at + "requests." + resource).isFalse();
            assertThat(limit.isMissingNode()).as(at + "limits." + resource).isFalse();
            assertThat(Quantity.getAmountInBytes(new Quantity(request.asText())))
                    .as(at + resource + " request " + request.asText() + " within its limit " + limit.asText())
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(new Quantity(limit.asText())));
        }
    }

    /** Whether every label of the selector is on the pod template. */
    static boolean selects(JsonNode selector, JsonNode podTemplate) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        JsonNode labels = podTemplate.path("metadata").path("labels");
        var it = selector.fields();
        while (it.hasNext()) {
            var label = it.next();
            if (!label.getValue().equals(labels.path(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
