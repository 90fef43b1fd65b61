package io.tradeflow.deploy.compose;

import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's src/main/docker/Dockerfile.jvm: Quarkus' JVM layout from target/quarkus-app, a user that is not
 * root, the service's own port exposed, and a health check on its readiness. (Building it needs Docker, which
 * {@code ./mvnw verify} never does: this reads the file.)
 */
class DockerfileTest {

    static List<String> services() {
        return Repo.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void theImageRunsTheQuarkusAppAsANonRootUserOnItsPortWithAReadinessHealthCheck(String service) throws IOException {
        Path dockerfile = Repo.service(service).resolve("src/main/docker/Dockerfile.jvm");
        List<String> lines = Files.readAllLines(dockerfile).stream().filter(line -> !line.startsWith("#")).toList();
        String port = httpPort(service);

        assertThat(lines).as(dockerfile.toString())
                .anyMatch(line -> line.startsWith("FROM "))
                .anyMatch(line -> line.equals("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"))
                .anyMatch(line -> line.equals("COPY --chown=185 target/quarkus-app/app/ /deployments/app/"))
                .anyMatch(line -> line.equals("EXPOSE " + port))
                .anyMatch(line -> line.contains("/q/health/ready") && line.contains(":-" + port + "}"))
                .anyMatch(line -> line.startsWith("HEALTHCHECK "))
                .anyMatch(line -> line.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
        List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).as("USER lines of %s", dockerfile).isNotEmpty();
        assertThat(users.getLast()).as("the user the service runs as").isNotIn("USER root", "USER 0");
    }

    private static String httpPort(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Repo.service(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.getProperty("quarkus.http.port");
    }
}
