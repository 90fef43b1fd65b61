package io.tradeflow.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The YAML and JSON files of deploy/, read as trees. */
final class Yaml {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static JsonNode read(Path file) {
        try {
            return (file.toString().endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every rule of a Prometheus rules file (groups[].rules[]). */
    static List<JsonNode> rules(Path rulesFile) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : read(rulesFile).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }
}
