package io.tradeflow.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules of the Kubernetes API that fabric8's model does not carry (it marks no field required and checks no
 * format), for the kinds and fields these manifests use: names, container images, selectors against their templates,
 * ports, variable names, the fields of Services, autoscalers, disruption budgets and Ingresses the API requires.
 */
final class KubernetesRules {

    private KubernetesRules() {
    }

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_SUBDOMAIN = DNS_LABEL + "(\\." + DNS_LABEL + ")*";
    /** Kinds whose name must be a DNS-1035 label (it becomes a DNS name in the cluster). */
    private static final Set<String> LABEL_NAMED = Set.of("Service", "Namespace");

    /** What the API server would refuse in {@code document}, each naming the field. */
    static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        String kind = document.path("kind").asText();
        String name = Rendered.name(document);
        if (name.isEmpty()) {
            problems.add("metadata.name: missing");
        } else if (LABEL_NAMED.contains(kind) ? !(name.matches("[a-z]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63)
                : !(name.matches(DNS_SUBDOMAIN) && name.length() <= 253)) {
            problems.add("metadata.name: '" + name + "' is not a valid " + kind + " name");
        }
        switch (kind) {
            case "Deployment", "StatefulSet" -> {
                JsonNode spec = document.path("spec");
                requireField(spec, "selector", "spec", problems);
                JsonNode podSpec = spec.path("template").path("spec");
                requireField(podSpec, "containers", "spec.template.spec", problems);
                JsonNode selected = spec.path("selector").path("matchLabels");
                JsonNode labels = spec.path("template").path("metadata").path("labels");
                selected.fields().forEachRemaining(label -> {
                    if (!label.getValue().equals(labels.path(label.getKey()))) {
                        problems.add("spec.template.metadata.labels: lacks " + label.getKey() + "="
                                + label.getValue().asText()
                                + " of spec.selector (the API server refuses a selector its template does not match)");
                    }
                });
                int i = 0;
                for (JsonNode container : podSpec.path("containers")) {
                    String at = "spec.template.spec.containers[" + i++ + "]";
                    requireField(container, "name", at, problems);
                    requireField(container, "image", at, problems);
                    if (!container.path("name").asText().matches(DNS_LABEL)) {
                        problems.add(at + ".name: '" + container.path("name").asText() + "' is not a DNS label");
                    }
                    for (JsonNode port : container.path("ports")) {
                        requireField(port, "containerPort", at + ".ports", problems);
                        String portName = port.path("name").asText();
                        if (!portName.isEmpty() && !(portName.matches(DNS_LABEL) && portName.length() <= 15)) {
                            problems.add(at + ".ports.name: '" + portName
                                    + "' is not a port name (IANA_SVC_NAME, at most 15 characters)");
                        }
                    }
                    for (JsonNode env : container.path("env")) {
                        if (!env.path("name").asText().matches("[-._a-zA-Z][-._a-zA-Z0-9]*")) {
                            problems.add(at + ".env: '" + env.path("name").asText() + "' is not a valid variable name");
                        }
                        if (env.has("value") && env.has("valueFrom")) {
                            problems.add(at + ".env." + env.path("name").asText() + ": both value and valueFrom");
                        }
                    }
                }
            }
            case "Service" -> {
                if (!"ExternalName".equals(document.path("spec").path("type").asText())) {
                    requireField(document.path("spec"), "selector", "spec", problems);
                } else {
                    requireField(document.path("spec"), "externalName", "spec", problems);
                }
                for (JsonNode port : document.path("spec").path("ports")) {
                    requireField(port, "port", "spec.ports", problems);
                }
            }
            case "HorizontalPodAutoscaler" -> {
                requireField(document.path("spec"), "maxReplicas", "spec", problems);
                requireField(document.path("spec").path("scaleTargetRef"), "kind", "spec.scaleTargetRef", problems);
                requireField(document.path("spec").path("scaleTargetRef"), "name", "spec.scaleTargetRef", problems);
            }
            case "PodDisruptionBudget" -> requireField(document.path("spec"), "selector", "spec", problems);
            case "Ingress" -> document.path("spec").path("rules").forEach(rule ->
                    rule.path("http").path("paths").forEach(path -> {
                        requireField(path, "pathType", "spec.rules.http.paths", problems);
                        requireField(path.path("backend").path("service"), "name",
                                "spec.rules.http.paths.backend.service", problems);
                    }));
            default -> {
            }
        }
        return problems;
    }

    private static void requireField(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            problems.add(at + "." + field + ": required by the Kubernetes API but missing");
        }
    }
}
