package io.tradeflow.benchmarks.candles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain connection speaking Redis' protocol (RESP2), with nothing in the way: {@link #send} only buffers a
 * command, {@link #flush} puts everything buffered on the wire at once, {@link #read} takes the next reply. So one
 * command and its reply is a round trip, and N commands flushed together and N replies read is a pipeline.
 * The benchmark has no Redis client library on its class path, and this keeps the client's own cost out of the
 * comparison.
 */
final class RespConnection implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespConnection(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not connect to Redis at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Sends one command and returns its reply. */
    Object call(String... args) {
        send(List.of(args));
        flush();
        return read();
    }

    /** Buffers one command; nothing is sent before {@link #flush()} (or a full buffer). */
    void send(List<String> args) {
        try {
            header('*', args.size());
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                header('$', bytes.length);
                out.write(bytes);
                out.write(CRLF);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send to Redis: " + e.getMessage(), e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send to Redis: " + e.getMessage(), e);
        }
    }

    /**
     * The next reply: a String (simple or bulk; null for a nil), a Long, or a List of those. An error reply throws,
     * naming Redis' message.
     */
    Object read() {
        try {
            String line = line();
            return switch (line.charAt(0)) {
                case '+' -> line.substring(1);
                case '-' -> throw new IllegalStateException("Redis answered: " + line.substring(1));
                case ':' -> Long.parseLong(line.substring(1));
                case '$' -> bulk(Integer.parseInt(line.substring(1)));
                case '*' -> {
                    int count = Integer.parseInt(line.substring(1));
                    List<Object> items = new ArrayList<>(Math.max(count, 0));
                    for (int i = 0; i < count; i++) {
                        items.add(read());
                    }
                    yield count < 0 ? null : items;
                }
                default -> throw new IllegalStateException("Not a Redis reply: " + line);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read from Redis: " + e.getMessage(), e);
        }
    }

    private void header(char kind, int number) throws IOException {
        out.write(kind);
        out.write(Integer.toString(number).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("Redis closed the connection inside a reply");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new EOFException("Redis closed the connection");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("A Redis reply line did not end with CRLF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a finished benchmark's connection: nothing to do about it
        }
    }
}
