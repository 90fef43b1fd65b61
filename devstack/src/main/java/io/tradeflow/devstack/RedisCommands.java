package io.tradeflow.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare Redis connection of a test's own, outside the application's client, so a test can make Redis refuse the
 * application (a password it does not know, its connections killed: see {@link #refuseOthers()}) while this
 * connection stays usable to undo it.
 */
public final class RedisCommands implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    public RedisCommands(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one command and returns the first line of the reply; an error reply fails the test. */
    public String call(String... args) throws IOException {
        var command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = in.readLine();
        if (reply == null || reply.startsWith("-")) {
            throw new IOException("Redis answered " + reply + " to " + args[0]);
        }
        return reply;
    }

    /** The string at {@code key}, or null; works while {@link #refuseOthers()} keeps everyone else out. */
    public String get(String key) throws IOException {
        String header = call("GET", key);
        return header.equals("$-1") ? null : in.readLine();
    }

    /**
     * Redis as a service sees it during an outage: every connection but this one is closed and new ones are
     * refused (NOAUTH), until {@link #acceptOthers()}.
     */
    public void refuseOthers() throws IOException {
        call("CONFIG", "SET", "requirepass", "tradeflow-outage-" + System.nanoTime());
        // CLIENT KILL skips the calling connection, which stays authenticated from before the password.
        call("CLIENT", "KILL", "TYPE", "normal");
    }

    public void acceptOthers() throws IOException {
        call("CONFIG", "SET", "requirepass", "");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
