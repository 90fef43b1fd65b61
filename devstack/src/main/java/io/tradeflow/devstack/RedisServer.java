package io.tradeflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real Redis server, the binary bundled with the embedded-redis artifact. */
final class RedisServer implements AutoCloseable {
    private final NativeProcess process;

    private RedisServer(NativeProcess process) {
        this.process = process;
    }

    /** Starts Redis on {@code port}; a durable one appends every write to a file in {@code dataDir}. */
    static RedisServer start(Path dataDir, int port, boolean durable) {
        Path executable = Binaries.redisServer();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new DevStackException("Could not create the Redis folder " + dataDir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dataDir.toString(), "--daemonize", "no", "--save", ""));
        command.addAll(List.of("--appendonly", durable ? "yes" : "no"));
        NativeProcess process = NativeProcess.start("Redis", command, dataDir.resolveSibling("redis.log"), "TERM", false);
        process.awaitPort(port, 30_000);
        return new RedisServer(process);
    }

    @Override
    public void close() {
        process.stop(10_000);
    }
}
