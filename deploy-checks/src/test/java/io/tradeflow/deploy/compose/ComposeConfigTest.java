package io.tradeflow.deploy.compose;

import io.tradeflow.deploy.support.Repo;
import io.tradeflow.deploy.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's docker-compose (1.29) accepts docker-compose.yml: {@code docker-compose config -q} parses, validates and
 * interpolates it without a Docker daemon. It runs with .env.example as the env file, the required secrets filled
 * with placeholders, as a user's .env would be.
 */
class ComposeConfigTest {

    @TempDir
    Path temp;

    @Test
    void dockerComposeAcceptsTheFileWithEnvExampleAsItsEnvFile() throws IOException {
        Path dockerCompose = Tools.require("docker-compose", "docker-compose");
        Path envFile = envFileFromExample(Set.copyOf(ComposeFile.read().requiredVariables()));

        Tools.Result result = Tools.run(Repo.root(), List.of(dockerCompose.toString(), "--env-file", envFile.toString(),
                "-f", ComposeFile.PATH.toString(), "config", "-q"));

        assertThat(result.succeeded()).as("docker-compose config -q refused docker-compose.yml:%n%s", result.output()).isTrue();
        // a variable neither in .env.example nor given a default would be interpolated as "" with this warning
        assertThat(result.output()).as("docker-compose's warnings").doesNotContain("variable is not set");
    }

    @Test
    void withoutTheSecretsComposeRefusesToStartAndSaysWhatToSet() throws IOException {
        Path dockerCompose = Tools.require("docker-compose", "docker-compose");
        Path envFile = envFileFromExample(Set.of());

        Tools.Result result = Tools.run(Repo.root(), List.of(dockerCompose.toString(), "--env-file", envFile.toString(),
                "-f", ComposeFile.PATH.toString(), "config", "-q"));

        assertThat(result.succeeded()).as("docker-compose config with empty secrets").isFalse();
        assertThat(result.output()).contains(".env");
    }

    @Test
    void everySecretIsRequired() {
        assertThat(ComposeFile.read().requiredVariables())
                .contains("POSTGRES_PASSWORD", "TRADEFLOW_GATEWAY_AUTH_BOOTSTRAP_KEY", "GRAFANA_ADMIN_PASSWORD");
    }

    /** .env.example with each of {@code fill}'s empty lines given a placeholder value. */
    private Path envFileFromExample(Set<String> fill) throws IOException {
        List<String> lines = Files.readAllLines(Repo.file(".env.example")).stream()
                .map(line -> fill.stream().anyMatch(name -> line.equals(name + "=")) ? line + "placeholder-for-the-check" : line)
                .collect(Collectors.toList());
        Path envFile = temp.resolve("compose.env");
        Files.write(envFile, lines);
        return envFile;
    }
}
