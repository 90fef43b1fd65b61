package io.tradeflow.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys one Tradeflow service knows, so that a deployment (docker-compose.yml, Kubernetes manifests)
 * can be checked to set nothing else: an environment variable that maps to none of them is a typo or a setting of
 * another service, and the service would ignore it silently.
 *
 * <p>The keys, read from the service's folder without building it:
 * <ul>
 *   <li>every key its {@code src/main/resources/application.properties} sets without a profile, or for {@code %prod}
 *       (framework keys such as {@code quarkus.datasource.jdbc.url} or {@code mp.messaging.incoming.*} count only
 *       this way: the service sets them, so it reads them);</li>
 *   <li>every key of its {@code @ConfigMapping} interfaces in {@code src/main/java} (a {@code Map}'s key as the
 *       wildcard segment {@code *}), see {@link ConfigMappingKeys};</li>
 *   <li>every {@code @ConfigProperty(name = ...)} and every {@code ${key}} or {@code ${key:default}} expression in
 *       its Java sources and in application.properties (such as {@code ${TRADEFLOW_GATEWAY_JWT_ISSUER:tradeflow}});</li>
 *   <li>the documented framework keys a caller adds with {@link #withDocumentedKeys}, each with its reason.</li>
 * </ul>
 * An environment variable maps to a key under MicroProfile Config's rule: the key upper-cased, every character
 * other than a letter or digit an underscore ({@code tradeflow.market-data.source}: {@code TRADEFLOW_MARKET_DATA_SOURCE});
 * a wildcard segment stands for any non-empty run of letters, digits and underscores. A variable named exactly like
 * a key is also that key.
 *
 * <pre>{@code
 * ServiceConfigKeys keys = ServiceConfigKeys.of(Repo.service("execution-service"));
 * keys.keyOf("TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAY");   // Optional[tradeflow.execution.risk.max-signal-delay]
 * keys.keyOf("QUARKUS_REDIS_HOSTS");                         // Optional.empty: execution-service has no Redis
 * keys.closest("TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAYS", 3); // the keys to suggest in the failure message
 * }</pre>
 */
public final class ServiceConfigKeys {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^${}:]+)(?::[^}]*)?}");

    private final String service;
    private final SortedSet<String> keys;
    private final List<Map.Entry<String, Pattern>> environmentForms;

    private ServiceConfigKeys(String service, SortedSet<String> keys) {
        this.service = service;
        this.keys = keys;
        this.environmentForms = keys.stream().map(key -> Map.entry(key, environmentPattern(key))).toList();
    }

    /** The keys of the service in this folder (for example the repository's {@code execution-service}). */
    public static ServiceConfigKeys of(Path serviceDir) {
        Path properties = serviceDir.resolve("src/main/resources/application.properties");
        Path sources = serviceDir.resolve("src/main/java");
        if (!Files.isRegularFile(properties) || !Files.isDirectory(sources)) {
            throw new IllegalArgumentException(serviceDir + " is not a service folder: it needs "
                    + "src/main/resources/application.properties and src/main/java");
        }
        SortedSet<String> keys = new TreeSet<>(propertiesKeys(properties));
        List<Path> javaFiles = javaFiles(sources);
        keys.addAll(ConfigMappingKeys.of(javaFiles));
        for (Path file : javaFiles) {
            String text = read(file);
            find(CONFIG_PROPERTY, text, keys);
            find(EXPRESSION, text, keys);
        }
        return new ServiceConfigKeys(serviceDir.getFileName().toString(), keys);
    }

    /**
     * These keys as well: framework keys the service does not set itself but that are documented (Quarkus' guides,
     * docs/configuration.md). The caller lists each with a comment saying where it is documented.
     */
    public ServiceConfigKeys withDocumentedKeys(Collection<String> documented) {
        SortedSet<String> all = new TreeSet<>(keys);
        all.addAll(documented);
        return new ServiceConfigKeys(service, all);
    }

    /** The service's folder name, e.g. {@code execution-service}. */
    public String service() {
        return service;
    }

    /** Every known key, a map's key as {@code *} (e.g. {@code tradeflow.gateway.services.*.url}). */
    public SortedSet<String> keys() {
        return keys;
    }

    /** The key an environment variable sets, or empty when it sets none of this service's keys. */
    public Optional<String> keyOf(String environmentVariable) {
        if (keys.contains(environmentVariable)) {
            return Optional.of(environmentVariable);
        }
        return environmentForms.stream()
                .filter(form -> form.getValue().matcher(environmentVariable).matches())
                .map(Map.Entry::getKey)
                // a literal key before a wildcard one that also matches (services.position-service.url before *)
                .min(Comparator.comparing((String key) -> key.contains("*")).thenComparing(Comparator.naturalOrder()));
    }

    /** True when the environment variable sets one of this service's keys. */
    public boolean accepts(String environmentVariable) {
        return keyOf(environmentVariable).isPresent();
    }

    /** The {@code count} keys whose environment form is nearest to this variable: suggestions for a typo. */
    public List<String> closest(String environmentVariable, int count) {
        return keys.stream()
                .sorted(Comparator.comparingInt((String key) -> distance(environmentName(key), environmentVariable))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count)
                .toList();
    }

    /** MicroProfile Config's environment-variable form of a key: upper case, every non-alphanumeric an underscore. */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Pattern environmentPattern(String key) {
        List<String> parts = new ArrayList<>();
        for (String segment : key.split("\\.", -1)) {
            parts.add(segment.equals("*") ? "[A-Z0-9_]+" : Pattern.quote(environmentName(segment)));
        }
        return Pattern.compile(String.join("_", parts));
    }

    private static Set<String> propertiesKeys(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%")) {
                // %prod applies in a deployment; %test and %dev never do
                int dot = key.indexOf('.');
                List<String> profiles = List.of(key.substring(1, dot).split(","));
                if (profiles.contains("prod")) {
                    keys.add(key.substring(dot + 1));
                }
            } else {
                keys.add(key);
            }
            find(EXPRESSION, properties.getProperty(key), keys);
        }
        return keys;
    }

    private static void find(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1).trim());
        }
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + sources, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Levenshtein distance: how many characters to change, add or remove to turn one into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
