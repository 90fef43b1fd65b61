package io.tradeflow.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks done before anything starts, so a clash is reported by name instead of as a bind error deep in a server log. */
final class Ports {
    private Ports() {
    }

    static void requireFree(String server, int port, String option) {
        if (!isFree(port)) {
            throw new DevStackException("Port " + port + " (" + server + ") is already in use. "
                    + "Is another devstack running? Stop it, or start this one with " + option + " <port>.");
        }
    }

    /**
     * True when nothing listens on the loopback {@code port}. Binds with address reuse, as the servers themselves do:
     * the closed connections a stopped devstack leaves in TIME_WAIT for up to a minute do not make the port busy.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevStackException("No free local port: " + e.getMessage(), e);
        }
    }
}
