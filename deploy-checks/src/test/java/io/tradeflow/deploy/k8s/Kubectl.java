package io.tradeflow.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kubectl kustomize}, which renders a kustomization without a cluster. kubectl is taken from the
 * environment variable KUBECTL (a path) or else from the PATH. Without it a check is skipped on a developer's machine
 * and fails in CI (environment variable CI set), where a skip would hide that nothing was checked.
 */
final class Kubectl {

    private Kubectl() {
    }

    /** The rendered YAML of the kustomization at {@code dir} (relative to the repository's root). */
    static String kustomize(String dir) {
        Path kubectl = require();
        List<String> command = List.of(kubectl.toString(), "kustomize", Repository.path(dir).toString());
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                // kustomize needs no cluster: an empty kubeconfig makes sure nothing is ever dialled.
                builder.environment().put("KUBECONFIG", err.getParent().resolve("tradeflow-no-cluster.kubeconfig").toString());
                Process process = builder.start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** kubectl's path; skips the calling test without it, or fails it in CI. */
    static Path require() {
        Path found = find();
        if (found == null) {
            String missing = "kubectl not found (neither $KUBECTL nor on the PATH): it renders deploy/k8s "
                    + "(kubectl kustomize). Install kubectl 1.27 or newer (kustomize v5), or set KUBECTL to its path.";
            if (System.getenv("CI") != null) {
                fail(missing + " In CI this fails rather than skips, so that the Kubernetes checks cannot silently not run.");
            }
            assumeTrue(false, missing);
        }
        return found;
    }

    private static Path find() {
        String explicit = System.getenv("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                fail("KUBECTL is set to " + explicit + ", which is not an executable file");
            }
            return path;
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl");
            }
        }
        return null;
    }
}
