package io.tradeflow.deploy.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository the checks read: its root, its files, and the six services' folders. */
public final class Repo {

    /** The Tradeflow services, each a folder at the root and a service in docker-compose.yml of the same name. */
    public static final List<String> SERVICES = List.of("market-data-service", "indicator-service", "signal-service",
            "execution-service", "position-service", "gateway-api");

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    /** The repository's root folder (the one holding mvnw and deploy-checks). */
    public static Path root() {
        return ROOT;
    }

    /** A path relative to the root, e.g. {@code deploy/prometheus/alerts.yml}. */
    public static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /** The folder of one service, e.g. {@code execution-service}. */
    public static Path service(String name) {
        return ROOT.resolve(name);
    }

    private static Path findRoot() {
        // Maven runs the tests in deploy-checks/; an IDE may run them from the root.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy-checks"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run the deploy checks inside the Tradeflow repository: no folder above "
                + Path.of("").toAbsolutePath() + " holds mvnw and deploy-checks/");
    }
}
