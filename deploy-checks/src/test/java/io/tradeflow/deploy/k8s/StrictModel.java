package io.tradeflow.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema validation without a network: each rendered document is read into its Java model, fabric8's for the
 * built-in kinds and Strimzi's own ({@code io.strimzi:api}) for Kafka, KafkaNodePool and KafkaTopic, strictly:
 * <ul>
 *   <li>a field the model does not know fails. Both models keep unknown fields in an "additionalProperties" map instead
 *   of refusing them (Jackson's FAIL_ON_UNKNOWN_PROPERTIES never fires for them), so the whole object tree is walked
 *   and every non-empty such map is reported with its path;</li>
 *   <li>a scalar of the wrong type fails: no "8080" for a port, no 8080 or true where the API wants a string
 *   (Kubernetes refuses those too: an unquoted {@code true} annotation is the classic);</li>
 *   <li>the fields Strimzi's model marks required ({@code @JsonProperty(required = true)}) must be present.</li>
 * </ul>
 * fabric8's model marks no field required, so {@link KubernetesRules} checks by hand the ones the API server would
 * refuse us for (names, images, selectors, ports). An apiVersion/kind outside {@link #TYPES} fails: add its model.
 */
final class StrictModel {

    /** apiVersion/kind to the model class it is checked against. */
    static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictModel() {
    }

    /** What is wrong with {@code document}, each naming the field; empty when it passes. */
    static List<String> problems(JsonNode document) {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<?> model = TYPES.get(type);
        if (model == null) {
            return List.of(type + " is not a kind these checks know: add its model class to StrictModel.TYPES");
        }
        List<String> problems = new ArrayList<>();
        Object value;
        try {
            value = MAPPER.treeToValue(document, model);
        } catch (JsonProcessingException e) {
            return List.of("does not fit " + model.getName() + ": " + e.getOriginalMessage() + " at " + path(e));
        }
        walk(value, "", problems, new IdentityHashMap<>());
        problems.addAll(KubernetesRules.problems(document));
        return problems;
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (var reference : mapping.getPath()) {
                path.append(reference.getFieldName() != null
                        ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]");
            }
            return path.length() == 0 ? "(the document)" : path.substring(path.charAt(0) == '.' ? 1 : 0);
        }
        return "(unknown place)";
    }

    /** Walks the model object: unknown fields kept aside, and Strimzi's required fields left out. */
    private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, problems, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!isModel(type)) {
            return;
        }
        for (Method getter : getters(type)) {
            Object property;
            try {
                property = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // a computed getter of the model class, not a field
            }
            String name = propertyName(getter);
            if (name.equals("additionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where(path) + ": unknown field" + (extra.size() > 1 ? "s " : " ") + extra.keySet()
                            + " (not in " + type.getName() + ")");
                }
                continue;
            }
            JsonProperty json = getter.getAnnotation(JsonProperty.class);
            if (property == null && json != null && json.required() && type.getName().startsWith("io.strimzi.")) {
                problems.add(where(path + "." + name) + ": required by Strimzi's model (" + type.getSimpleName()
                        + ") but missing");
            }
            walk(property, path + "." + name, problems, seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
    }

    private static List<Method> getters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method method : type.getMethods()) {
            String name = method.getName();
            boolean getter = name.startsWith("get") && name.length() > 3 || name.startsWith("is") && name.length() > 2;
            if (getter && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && !method.getReturnType().isPrimitive() && method.getDeclaringClass() != Object.class) {
                getters.add(method);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        return getters;
    }

    private static String propertyName(Method getter) {
        JsonProperty json = getter.getAnnotation(JsonProperty.class);
        if (json != null && !json.value().isEmpty()) {
            return json.value();
        }
        String bare = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static String where(String path) {
        return path.isEmpty() ? "(the document)" : path.substring(1);
    }
}
