package io.tradeflow.gateway.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.gateway.config.ServicesConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Asks every service of {@code tradeflow.gateway.services} for its readiness ({@code /q/health/ready}, SmallRye
 * Health), all at once, each within {@code tradeflow.gateway.health.timeout}: a service is UP when it answers 200,
 * DOWN with the reason otherwise (unreachable, no answer in time, or its own DOWN checks).
 */
@ApplicationScoped
public class ServiceReadiness {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service's readiness; {@code reason} says why it is DOWN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String status, String reason) {
        static final Status UP = new Status("UP", null);

        static Status down(String reason) {
            return new Status("DOWN", reason);
        }

        boolean up() {
            return "UP".equals(status);
        }
    }

    private final Map<String, URI> services = new TreeMap<>();
    private final Duration timeout;
    private final HttpClient http;

    public ServiceReadiness(ServicesConfig config, HealthConfig health) {
        config.services().forEach((name, service) -> services.put(name, service.url()));
        this.timeout = health.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Every service's readiness, by name (sorted). */
    public Map<String, Status> check() {
        Map<String, CompletableFuture<Status>> asked = new TreeMap<>();
        services.forEach((name, url) -> asked.put(name, ask(url)));
        Map<String, Status> answers = new TreeMap<>();
        asked.forEach((name, answer) -> answers.put(name, answer.join()));
        return answers;
    }

    private CompletableFuture<Status> ask(URI base) {
        URI ready = URI.create(base.toString().replaceAll("/+$", "") + "/q/health/ready");
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error != null ? Status.down(unreachable(base, error)) : status(response));
    }

    private Status status(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return Status.UP;
        }
        List<String> down = new ArrayList<>();
        try {
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText());
                }
            }
        } catch (IOException notHealthJson) {
            // Not SmallRye Health's answer (a wrong URL?): the status code says enough.
        }
        return Status.down(down.isEmpty() ? "its readiness answered HTTP " + response.statusCode()
                : "its readiness is DOWN: " + String.join(", ", down));
    }

    private String unreachable(URI base, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "unreachable at " + base + ": connection refused; is it running?";
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer from " + base + " within " + timeout.toMillis() + " ms";
            }
        }
        return "unreachable at " + base + ": " + error;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
