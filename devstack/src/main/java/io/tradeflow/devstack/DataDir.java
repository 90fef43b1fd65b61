package io.tradeflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Where {@code bin/devstack} keeps its data when no {@code --data-dir} is given: {@code .devstack} in the current
 * folder, except as root when PostgreSQL (which then runs as {@code nobody}) could not reach it, as in a clone under
 * a mode-700 {@code /root}. Then {@code /var/tmp/tradeflow-devstack-<8 hex of the repository path's SHA-256>}: the
 * same folder for the same clone every time, so data survives restarts, and one per clone.
 */
final class DataDir {
    static final Path SHARED_TMP = Path.of("/var/tmp");

    private DataDir() {
    }

    /**
     * The default data folder for a devstack started in {@code workingDir}.
     *
     * @param root      whether this process runs as root
     * @param reachable whether {@code nobody} can walk down to a folder
     */
    static Path defaultFor(Path workingDir, boolean root, Predicate<Path> reachable) {
        Path local = workingDir.toAbsolutePath().normalize().resolve(".devstack");
        if (!root || reachable.test(local)) {
            return local;
        }
        return SHARED_TMP.resolve("tradeflow-devstack-" + shortHash(workingDir.toAbsolutePath().normalize()));
    }

    /** True when every folder above {@code dir} lets others through (execute), so {@code nobody} can reach it. */
    static boolean reachableByNobody(Path dir) {
        try {
            for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
                if (Files.exists(up) && !Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String shortHash(Path path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
