package io.tradeflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How to start the devstack.
 *
 * @param dataDir    the one folder that holds all three servers' data
 * @param durable    keep the data (a local run) or throw it away on stop (tests)
 * @param partitions partitions of every topic the devstack creates
 */
public record DevStackOptions(Path dataDir, boolean durable, int kafkaPort, int kafkaControllerPort,
                              int redisPort, int postgresPort, int partitions) {
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int REDIS_PORT = 6379;
    public static final int POSTGRES_PORT = 5432;
    public static final int PARTITIONS = 6;

    public DevStackOptions {
        if (partitions < 1) {
            throw new DevStackException("--partitions must be at least 1, got " + partitions);
        }
    }

    /** The documented fixed ports, data kept in {@code dataDir}. */
    public static DevStackOptions local(Path dataDir) {
        return new DevStackOptions(dataDir, true, KAFKA_PORT, KAFKA_CONTROLLER_PORT, REDIS_PORT, POSTGRES_PORT, PARTITIONS);
    }

    /**
     * Free ports and a new throwaway folder in the system's temporary folder, readable by others (as root,
     * PostgreSQL runs as nobody and must enter it): a devstack of a test's own.
     *
     * @throws DevStackException when the folder cannot be created
     */
    public static DevStackOptions throwaway(int partitions) {
        try {
            return ephemeral(Files.createTempDirectory("tradeflow-devstack-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))), partitions);
        } catch (IOException e) {
            throw new DevStackException("Could not create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Free ports and a throwaway folder, as tests want. */
    public static DevStackOptions ephemeral(Path dataDir, int partitions) {
        return new DevStackOptions(dataDir, false, Ports.pickFree(), Ports.pickFree(), Ports.pickFree(), Ports.pickFree(), partitions);
    }
}
