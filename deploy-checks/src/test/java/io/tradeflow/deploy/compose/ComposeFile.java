package io.tradeflow.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tradeflow.deploy.support.Repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml at the repository root, read as YAML (nothing interpolated: the text as committed). */
final class ComposeFile {

    static final Path PATH = Repo.file("docker-compose.yml");

    /** ${NAME}, ${NAME:-default}, ${NAME:?message}; $${...} is a literal dollar for the container's shell. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?");

    private final String text;
    private final JsonNode root;

    private ComposeFile(String text, JsonNode root) {
        this.text = text;
        this.root = root;
    }

    static ComposeFile read() {
        try {
            String text = Files.readString(PATH);
            return new ComposeFile(text, new ObjectMapper(new YAMLFactory()).readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + PATH, e);
        }
    }

    /** Every service, by name. */
    Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        root.path("services").properties().forEach(entry -> services.put(entry.getKey(), entry.getValue()));
        return services;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The environment a service sets, in either of Compose's forms (a map, or a list of NAME=value). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String line = item.asText();
                int equals = line.indexOf('=');
                environment.put(equals < 0 ? line : line.substring(0, equals), equals < 0 ? "" : line.substring(equals + 1));
            }
        }
        return environment;
    }

    /** The build context of a service built from source, as written (e.g. ./execution-service). */
    static Optional<String> buildContext(JsonNode service) {
        JsonNode build = service.path("build");
        if (build.isTextual()) {
            return Optional.of(build.asText());
        }
        return Optional.ofNullable(build.path("context").textValue());
    }

    /** Every variable the file interpolates from the environment or .env. */
    Set<String> variables() {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    /** The variables written ${NAME:?message} or ${NAME?message}: Compose refuses to run without them. */
    Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2) != null && matcher.group(2).endsWith("?")) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }
}
