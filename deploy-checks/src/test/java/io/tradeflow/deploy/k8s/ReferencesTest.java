package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing the manifests point at is missing: every ConfigMap is rendered, every Secret is rendered or created by the
 * user as the doc says (with the keys the manifests read), and every address a service is given is a Service of the
 * overlay (or Strimzi's bootstrap Service of the Kafka cluster) on the right port.
 */
class ReferencesTest {

    /** A reference from a manifest to a ConfigMap or Secret, with the key it reads (null for the whole object). */
    record Reference(String kind, String name, String key, boolean optional, String from) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyConfigMapAndSecretReferencedExistsOrIsCreatedByTheUserAsDocumented(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Set<String>> documented = KubernetesDoc.createdSecrets();
        List<String> missing = new ArrayList<>();
        for (Reference ref : references(rendered)) {
            var object = rendered.find(ref.kind(), ref.name());
            if (object.isPresent()) {
                JsonNode data = object.get().path("data");
                JsonNode stringData = object.get().path("stringData");
                if (ref.key() != null && !data.has(ref.key()) && !stringData.has(ref.key())) {
                    missing.add(ref.from() + ": " + ref.kind() + "/" + ref.name() + " has no key " + ref.key());
                }
            } else if (ref.kind().equals("ConfigMap")) {
                missing.add(ref.from() + ": ConfigMap/" + ref.name()
                        + " is not rendered (no ConfigMap is left to the user)");
            } else if (!documented.containsKey(ref.name())) {
                missing.add(ref.from() + ": Secret/" + ref.name() + " is neither rendered nor created by a "
                        + "'kubectl create secret' command of " + KubernetesDoc.source());
            } else if (ref.key() != null && !documented.get(ref.name()).contains(ref.key())) {
                missing.add(ref.from() + ": the documented 'kubectl create secret " + ref.name() + "' gives it no key "
                        + ref.key() + " (it gives " + documented.get(ref.name()) + ")");
            }
        }
        assertThat(missing).as(overlay + ": references to nothing").isEmpty();
    }

    @Test
    void everySecretTheDocCreatesIsUsed() {
        Set<String> referenced = new TreeSet<>();
        Stream.of(Repository.DEV, Repository.PROD).map(Rendered::of)
                .forEach(rendered -> references(rendered).stream().filter(r -> r.kind().equals("Secret"))
                        .forEach(r -> referenced.add(r.name())));
        assertThat(KubernetesDoc.createdSecrets().keySet())
                .as(KubernetesDoc.source() + " creates Secrets no manifest reads").isSubsetOf(referenced)
                .as(KubernetesDoc.source() + " must document the Secrets").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyAddressAServiceIsGivenIsAServiceOfTheOverlay(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        ObjectNode kafka = KafkaTopicsTest.kafka(rendered);
        int kafkaPort = -1;
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean() && listener.path("type").asText().equals("internal")) {
                kafkaPort = listener.path("port").asInt();
            }
        }
        String kafkaAddress = Rendered.name(kafka) + "-kafka-bootstrap:" + kafkaPort;
        List<String> wrong = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            for (ObjectNode configMap : configMapsOf(rendered, service)) {
                configMap.path("data").fields().forEachRemaining(entry -> {
                    String variable = entry.getKey();
                    String value = entry.getValue().asText();
                    String at = service + " " + variable + "=" + value + ": ";
                    if (variable.equals("KAFKA_BOOTSTRAP_SERVERS") && !value.equals(kafkaAddress)) {
                        wrong.add(at + "not the plain internal listener of Strimzi's Kafka " + Rendered.name(kafka)
                                + " (" + kafkaAddress + ")");
                    } else if (variable.equals("QUARKUS_REDIS_HOSTS")
                            || variable.endsWith("_URL") && value.contains("://")) {
                        URI uri = URI.create(value.replaceFirst("^jdbc:", ""));
                        checkService(rendered, uri.getHost(), uri.getPort(), at, wrong);
                    }
                });
            }
        }
        assertThat(wrong).as(overlay + ": addresses that lead nowhere").isEmpty();
    }

    private static void checkService(Rendered rendered, String host, int port, String at, List<String> wrong) {
        var service = rendered.find("Service", host);
        if (service.isEmpty()) {
            wrong.add(at + "no Service " + host + " in the overlay");
        } else if (!service.get().path("spec").path("ports").findValuesAsText("port").contains(String.valueOf(port))) {
            wrong.add(at + "Service " + host + " has no port " + port);
        }
    }

    private static List<ObjectNode> configMapsOf(Rendered rendered, String service) {
        List<ObjectNode> configMaps = new ArrayList<>();
        JsonNode container = WorkloadsTest.container(rendered.get("Deployment", service), service);
        for (JsonNode source : container.path("envFrom")) {
            rendered.find("ConfigMap", source.path("configMapRef").path("name").asText()).ifPresent(configMaps::add);
        }
        return configMaps;
    }

    /** Every ConfigMap and Secret the pod templates and the Ingress point at. */
    static List<Reference> references(Rendered rendered) {
        List<Reference> references = new ArrayList<>();
        for (ObjectNode workload : workloads(rendered)) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            String from = Rendered.id(workload);
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                for (JsonNode source : container.path("envFrom")) {
                    add(references, "ConfigMap", source.path("configMapRef"), null, from);
                    add(references, "Secret", source.path("secretRef"), null, from);
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom");
                    JsonNode configMapKey = ref.path("configMapKeyRef");
                    JsonNode secretKey = ref.path("secretKeyRef");
                    add(references, "ConfigMap", configMapKey, configMapKey.path("key").asText(), from);
                    add(references, "Secret", secretKey, secretKey.path("key").asText(), from);
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                add(references, "ConfigMap", volume.path("configMap"), null, from);
                if (volume.has("secret")) {
                    references.add(new Reference("Secret", volume.path("secret").path("secretName").asText(), null,
                            volume.path("secret").path("optional").asBoolean(), from));
                }
            }
        }
        for (ObjectNode ingress : rendered.ofKind("Ingress")) {
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                references.add(new Reference("Secret", tls.path("secretName").asText(), "tls.crt", false,
                        Rendered.id(ingress)));
            }
        }
        return references;
    }

    /** The Deployments and StatefulSets. */
    static List<ObjectNode> workloads(Rendered rendered) {
        return Stream.concat(rendered.ofKind("Deployment").stream(), rendered.ofKind("StatefulSet").stream()).toList();
    }

    private static void add(List<Reference> references, String kind, JsonNode ref, String key, String from) {
        if (!ref.isMissingNode() && ref.has("name")) {
            references.add(new Reference(kind, ref.path("name").asText(), key, ref.path("optional").asBoolean(), from));
        }
    }
}
