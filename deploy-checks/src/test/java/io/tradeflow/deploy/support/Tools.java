package io.tradeflow.deploy.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line tools some checks run (docker-compose, promtool): found on the PATH, run with a time limit.
 * A missing tool skips the check on a developer's machine but fails it in CI (environment variable CI set, as
 * .ci/run does), where a skip would hide that the check never ran.
 */
public final class Tools {

    private static final long TIMEOUT_SECONDS = 120;

    /** What a tool printed (standard output and error together) and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Tools() {
    }

    /** The tool's path; skips (or in CI fails) the calling test when it is not installed. */
    public static Path require(String command, String debianPackage) {
        Optional<Path> found = onPath(command);
        if (found.isPresent()) {
            return found.get();
        }
        String missing = command + " is not installed: apt-get install -y --no-install-recommends " + debianPackage;
        if (System.getenv("CI") != null) {
            fail(missing + " (CI is set: this check must run here, not be skipped)");
        }
        assumeTrue(false, missing + "; skipped");
        throw new AssertionError("unreachable");
    }

    /** Runs the command in {@code directory} and waits for it (two minutes at most). */
    public static Result run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            // Read while it runs, so a long output cannot fill the pipe and stall it.
            CompletableFuture<String> output = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.complete("(output unreadable: " + e.getMessage() + ")");
                }
            });
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            reader.join();
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
