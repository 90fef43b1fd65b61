package io.tradeflow.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The documents {@code kubectl kustomize} renders for one kustomization, rendered once per test run. */
record Rendered(String dir, List<ObjectNode> documents) {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** The kustomization at {@code dir} (relative to the repository's root), rendered. */
    static Rendered of(String dir) {
        Rendered cached = CACHE.get(dir);
        if (cached != null) {
            return cached;
        }
        Rendered rendered = new Rendered(dir, parse(dir, Kubectl.kustomize(dir)));
        CACHE.put(dir, rendered);
        return rendered;
    }

    static List<ObjectNode> parse(String source, String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalStateException(source + " rendered a document that is not a mapping: " + document);
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + " rendered YAML that does not parse: " + e.getMessage(), e);
        }
        return documents;
    }

    /** Every document of this kind. */
    List<ObjectNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** The document of this kind and name, if rendered. */
    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    /** The document of this kind and name; fails naming both when it is missing. */
    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(dir + " renders no " + kind + " named " + name));
    }

    static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    /** "Kind/name", as messages name a document. */
    static String id(JsonNode document) {
        return document.path("kind").asText() + "/" + name(document);
    }
}
