package io.tradeflow.devstack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Unpacks server binaries shipped inside Maven artifacts into a shared cache under the temp directory, once per
 * version. Test JVMs may race for the same version, so each unpacks into its own folder and moves it into place.
 */
final class Binaries {
    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private Binaries() {
    }

    /** The PostgreSQL installation (bin/, lib/, share/) from Zonky's binaries jar on the classpath. */
    static Path postgres() {
        return unpack("postgres-linux-x86_64.txz", "postgres", Binaries::untarXz);
    }

    /** The redis-server executable bundled in the embedded-redis jar on the classpath. */
    static Path redisServer() {
        String resource = "redis-server-6.2.6-v5-linux-amd64";
        return unpack(resource, "redis", (in, dir) -> {
            Path exe = dir.resolve("redis-server");
            Files.copy(in, exe);
            Files.setPosixFilePermissions(exe, WORLD_READABLE_DIR);
        }).resolve("redis-server");
    }

    private interface Unpacker {
        void unpack(InputStream in, Path dir) throws IOException;
    }

    private static Path unpack(String resource, String name, Unpacker unpacker) {
        URL url = Binaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new DevStackException("Resource " + resource + " is not on the classpath; the devstack jar's dependencies are missing.");
        }
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "tradeflow-devstack-bin");
        Path target = cache.resolve(name + "-" + Integer.toHexString(url.toString().hashCode()));
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Files.setPosixFilePermissions(cache, WORLD_READABLE_DIR);
            Path staging = Files.createTempDirectory(cache, name + "-staging-");
            try (InputStream in = new BufferedInputStream(url.openStream())) {
                unpacker.unpack(in, staging);
            }
            Files.setPosixFilePermissions(staging, WORLD_READABLE_DIR);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                deleteTree(staging);
            } catch (IOException raced) {
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new DevStackException("Could not unpack " + resource + " into " + cache + ": " + e.getMessage(), e);
        }
    }

    private static void untarXz(InputStream in, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = dir.resolve(entry.getName()).normalize();
                if (!path.startsWith(dir)) {
                    throw new IOException("Archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(path, WORLD_READABLE_DIR);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("devstack: could not delete " + root + ": " + e.getMessage());
        }
    }
}
