package pai.launcher;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders the gateway template {@code gateway/nginx.conf} into {@code .pai/nginx/nginx.conf}: fills its
 * {@code @NAME@} placeholders ({@link Templates}) with ./pai's folders and ports and with what this machine needs.
 */
final class GatewayConfig {
    private static final String PLACEHOLDER_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Pai</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto">
            <h1>Pai</h1>
            <p>The gateway is up. The web client is not built yet (no <code>web/index.html</code>).</p>
            <p>APIs: <code>/api/chat/</code>, <code>/api/agents/</code>, <code>/api/redpackets/</code>, <code>/api/shares/</code>;
            tokens from <code>./pai token &lt;user&gt; [--operator]</code>.</p>
            </body></html>
            """;

    static final String TEMPLATE = "gateway/nginx.conf";
    static final String COMPOSE_CONFIG = "gateway/nginx.compose.conf";
    /** The ports docker-compose.yml gives the gateway and the services inside its network. */
    static final Ports COMPOSE_PORTS = new Ports(8080, 8081, 8082, 8083, 8084);
    private static final String COMPOSE_HEADER = """
            # GENERATED from gateway/nginx.conf for docker-compose.yml; do not edit: edit the template, then
            # java -cp 'launcher/target/pai-launcher.jar:launcher/target/lib/*' pai.launcher.Main gateway-config --compose .

            """;

    private GatewayConfig() {
    }

    /** The ports of the gateway and of the four services behind it. */
    record Ports(int gateway, int chat, int agent, int redpacket, int share) {
    }

    /**
     * What the template's placeholders are filled with for ./pai's processes on one machine. {@code loopbackIpv6}:
     * listen on [::1] too, so that {@code curl localhost:8080} does not depend on resolution order.
     * {@code workersAsRoot}: nginx's workers keep root's rights, for a web folder closed to nobody (a clone under /root).
     */
    static Map<String, String> placeholders(Path stateDir, Path logDir, Path webRoot, Ports ports,
            boolean loopbackIpv6, boolean workersAsRoot) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DAEMON_DIRECTIVE", "daemon off;");
        values.put("USER_DIRECTIVE", workersAsRoot ? "user root;" : "");
        values.put("WORKER_PROCESSES", "1");
        values.put("PID_FILE", stateDir.resolve("nginx/nginx.pid").toString());
        values.put("ERROR_LOG", logDir.resolve("gateway-error.log").toString());
        values.put("ACCESS_LOG", logDir.resolve("gateway-access.log").toString());
        values.put("TEMP_DIR", stateDir.resolve("nginx/tmp").toString());
        values.put("WEB_ROOT", webRoot.toString());
        values.put("LISTEN", "127.0.0.1:" + ports.gateway());
        values.put("LISTEN_IPV6", loopbackIpv6 ? "listen [::1]:" + ports.gateway() + ";" : "");
        values.put("CHAT_SERVICE", "127.0.0.1:" + ports.chat());
        values.put("AGENT_SERVICE", "127.0.0.1:" + ports.agent());
        values.put("REDPACKET_SERVICE", "127.0.0.1:" + ports.redpacket());
        values.put("SHARE_SERVICE", "127.0.0.1:" + ports.share());
        return values;
    }

    /**
     * The same gateway in docker-compose.yml's nginx container: the services by their compose names,
     * logs to the container's output, the image's own folders, the web client mounted at nginx's html folder.
     */
    static Map<String, String> composePlaceholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DAEMON_DIRECTIVE", "");  // the image starts nginx with -g 'daemon off;'
        values.put("USER_DIRECTIVE", "");
        values.put("WORKER_PROCESSES", "auto");
        values.put("PID_FILE", "/var/run/nginx.pid");
        values.put("ERROR_LOG", "/dev/stderr");
        values.put("ACCESS_LOG", "/dev/stdout");
        values.put("TEMP_DIR", "/var/cache/nginx");
        values.put("WEB_ROOT", "/usr/share/nginx/html");
        values.put("LISTEN", String.valueOf(COMPOSE_PORTS.gateway()));
        values.put("LISTEN_IPV6", "");
        values.put("CHAT_SERVICE", "chat-service:" + COMPOSE_PORTS.chat());
        values.put("AGENT_SERVICE", "agent-service:" + COMPOSE_PORTS.agent());
        values.put("REDPACKET_SERVICE", "redpacket-service:" + COMPOSE_PORTS.redpacket());
        values.put("SHARE_SERVICE", "share-service:" + COMPOSE_PORTS.share());
        return values;
    }

    /** {@code <repo>/gateway/nginx.compose.conf} as the template renders it for docker-compose.yml. */
    static String renderCompose(Path repo) throws IOException {
        String template = Files.readString(repo.resolve(TEMPLATE), StandardCharsets.UTF_8);
        return COMPOSE_HEADER + Templates.render(template, composePlaceholders());
    }

    static void writeCompose(Path repo) throws IOException {
        Files.writeString(repo.resolve(COMPOSE_CONFIG), renderCompose(repo), StandardCharsets.UTF_8);
    }

    /**
     * The folder the gateway serves at {@code /}: the web client's build output when it has a build
     * step, else its folder, else a page of {@code stateDir} that says it is not built yet.
     */
    static Path webRoot(Path web, Path stateDir) throws IOException {
        if (Files.isRegularFile(web.resolve("dist/index.html"))) {
            return web.resolve("dist");
        }
        if (Files.isRegularFile(web.resolve("index.html"))) {
            return web;
        }
        Path placeholder = stateDir.resolve("nginx/placeholder");
        Files.createDirectories(placeholder);
        Files.writeString(placeholder.resolve("index.html"), PLACEHOLDER_PAGE, StandardCharsets.UTF_8);
        return placeholder;
    }

    /** Writes {@code <stateDir>/nginx/nginx.conf} from {@code <repo>/gateway/nginx.conf}, for the web client of {@code <repo>/web}. */
    static void write(Path repo, Path stateDir, Path logDir, Ports ports) throws IOException, InterruptedException {
        Path webRoot = webRoot(repo.resolve("web"), stateDir);
        boolean workersAsRoot = new UnixSystem().getUid() == 0 && !nobodyCanRead(webRoot.resolve("index.html"));
        Files.createDirectories(stateDir.resolve("nginx/tmp"));
        Files.createDirectories(logDir);
        String template = Files.readString(repo.resolve(TEMPLATE), StandardCharsets.UTF_8);
        String rendered = Templates.render(template, placeholders(stateDir, logDir, webRoot, ports, loopbackHasIpv6(), workersAsRoot));
        Files.writeString(stateDir.resolve("nginx/nginx.conf"), rendered, StandardCharsets.UTF_8);
    }

    private static boolean loopbackHasIpv6() throws IOException {
        Path interfaces = Path.of("/proc/net/if_inet6");
        return Files.isReadable(interfaces)
                && Files.readAllLines(interfaces, StandardCharsets.US_ASCII).stream().anyMatch(line -> line.endsWith(" lo"));
    }

    /** Asks the OS itself (permissions of every folder on the way, ACLs): nobody reads it, or cannot. */
    private static boolean nobodyCanRead(Path file) throws IOException, InterruptedException {
        String group = nobodysGroup();
        if (group == null) {
            return false;
        }
        Process test;
        try {
            test = new ProcessBuilder(List.of("setpriv", "--reuid=nobody", "--regid=" + group, "--clear-groups", "--",
                    "test", "-r", file.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException noSetpriv) {
            return false;
        }
        if (!test.waitFor(10, TimeUnit.SECONDS)) {
            test.destroyForcibly();
            return false;
        }
        return test.exitValue() == 0;
    }

    private static String nobodysGroup() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(":");
            if (fields.length > 3 && fields[0].equals("nobody")) {
                return fields[3];
            }
        }
        return null;
    }
}
