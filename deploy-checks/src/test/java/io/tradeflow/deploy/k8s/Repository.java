package io.tradeflow.deploy.k8s;

import io.tradeflow.deploy.support.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the Kubernetes checks read of the repository (its root: {@link Repo}). */
final class Repository {

    /** The kustomizations, from the root: the base and the two overlays users apply. */
    static final String BASE = "deploy/k8s/base";
    static final String DEV = "deploy/k8s/overlays/dev";
    static final String PROD = "deploy/k8s/overlays/prod";

    /** The six services: each a module, and a Deployment, Service and ConfigMap {@code <service>-config}. */
    static final List<String> SERVICES = Repo.SERVICES;

    private Repository() {
    }

    static Path path(String relative) {
        return Repo.file(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative) + ": " + e.getMessage(), e);
        }
    }
}
