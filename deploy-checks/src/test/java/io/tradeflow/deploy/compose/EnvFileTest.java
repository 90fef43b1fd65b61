package io.tradeflow.deploy.compose;

import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** .env.example documents every variable docker-compose.yml reads, and .env (the secrets) never reaches git. */
class EnvFileTest {

    @Test
    void envExampleListsEveryVariableTheComposeFileReads() throws IOException {
        Set<String> listed = Files.readAllLines(Repo.file(".env.example")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && line.contains("="))
                .map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(listed).as("variables in .env.example").containsAll(ComposeFile.read().variables());
        assertThat(ComposeFile.read().variables()).as("variables docker-compose.yml reads").containsAll(listed);
    }

    @Test
    void envIsIgnoredByGit() throws IOException {
        assertThat(Files.readAllLines(Repo.file(".gitignore"))).contains(".env");
    }

    @Test
    void theExampleHoldsNoSecret() throws IOException {
        // Every secret line is empty in the example: whoever copies it must set their own.
        assertThat(Files.readAllLines(Repo.file(".env.example")))
                .filteredOn(line -> line.matches("[A-Z_]*(PASSWORD|_KEY|SECRET[A-Z_]*)=.*"))
                .isNotEmpty()
                .allMatch(line -> line.endsWith("="), "is empty");
    }
}
