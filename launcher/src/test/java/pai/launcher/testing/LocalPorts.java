package pai.launcher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for the processes a test starts (nginx, redis-server, a service): a free one, and waiting for one. */
public final class LocalPorts {
    private LocalPorts() {
    }

    /** A port nothing listens on now; the process the test starts takes it a moment later. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code process} accepts connections on {@code port}, failing at once should it exit first. */
    public static void awaitListening(int port, Process process, String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before listening on " + port);
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + " is not listening on " + port + " after " + timeout.toSeconds() + " s");
    }
}
