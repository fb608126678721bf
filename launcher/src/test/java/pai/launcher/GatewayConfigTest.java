package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    private static final GatewayConfig.Ports PORTS = new GatewayConfig.Ports(8080, 8081, 8082, 8083, 8084);

    @TempDir
    Path dir;

    @Test
    void fillsEveryPlaceholderOfTheTemplate() throws IOException {
        Path state = dir.resolve(".pai");
        String rendered = render(GatewayConfig.placeholders(state, state.resolve("logs"), dir.resolve("web"), PORTS,
                false, false));

        assertThat(rendered.replaceAll("(?m)^\\s*#.*$", "")).as("outside comments").doesNotContainPattern("@[A-Z0-9_]+@");
        assertThat(rendered)
                .contains("pid " + state + "/nginx/nginx.pid;")
                .contains("error_log " + state + "/logs/gateway-error.log warn;")
                .contains("client_body_temp_path " + state + "/nginx/tmp/body;")
                .contains("listen 127.0.0.1:8080;")
                .contains("server 127.0.0.1:8081;", "server 127.0.0.1:8082;", "server 127.0.0.1:8083;",
                        "server 127.0.0.1:8084;")
                .contains("root " + dir.resolve("web") + ";")
                // nginx's own named locations are not placeholders
                .contains("location @upstream_unavailable")
                .doesNotContain("listen [::1]", "user root;");
    }

    /** Accounts are chat-service's: /api/auth/... reaches it with its path unchanged, never the catch-all 404 of /api/. */
    @Test
    void routesAccountsToChatService() throws IOException {
        String rendered = render(GatewayConfig.placeholders(dir, dir, dir, PORTS, false, false));

        Matcher upstream = Pattern.compile("upstream\\s+(\\w+)\\s*\\{\\s*server 127\\.0\\.0\\.1:8081;").matcher(rendered);
        assertThat(upstream.find()).as("chat-service's upstream").isTrue();
        Matcher auth = Pattern.compile("location\\s+/api/auth/\\s*\\{([^}]*)}").matcher(rendered);
        assertThat(auth.find()).as("a location for /api/auth/").isTrue();
        assertThat(auth.group(1)).as("proxied to chat-service without rewriting the path")
                .containsPattern("proxy_pass\\s+http://" + upstream.group(1) + "\\s*;");
    }

    @Test
    void listensOnIpv6LoopbackAndKeepsRootsRightsOnlyWhenAsked() throws IOException {
        String rendered = render(GatewayConfig.placeholders(dir, dir, dir, PORTS, true, true));

        assertThat(rendered).contains("listen [::1]:8080;").containsPattern("(?m)^user root;$");
    }

    @Test
    void servesTheWebClientsBuildOutputElseItsFolderElseAPlaceholder() throws IOException {
        Path web = dir.resolve("web");
        Path state = dir.resolve(".pai");

        Path placeholder = GatewayConfig.webRoot(web, state);
        assertThat(placeholder).isEqualTo(state.resolve("nginx/placeholder"));
        assertThat(Files.readString(placeholder.resolve("index.html"))).contains("The web client is not built yet");

        Files.createDirectories(web);
        Files.writeString(web.resolve("index.html"), "<html></html>");
        assertThat(GatewayConfig.webRoot(web, state)).isEqualTo(web);

        Files.createDirectories(web.resolve("dist"));
        Files.writeString(web.resolve("dist/index.html"), "<html></html>");
        assertThat(GatewayConfig.webRoot(web, state)).isEqualTo(web.resolve("dist"));
    }

    @Test
    void writesTheConfigWithItsFolders() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("gateway"));
        Files.copy(template(), repo.resolve("gateway/nginx.conf"));
        Path state = dir.resolve("state");

        GatewayConfig.write(repo, state, state.resolve("logs"), PORTS);

        assertThat(state.resolve("nginx/tmp")).isDirectory();
        assertThat(state.resolve("logs")).isDirectory();
        assertThat(Files.readString(state.resolve("nginx/nginx.conf")))
                .contains("listen 127.0.0.1:8080;")
                .contains("root " + state.resolve("nginx/placeholder") + ";");
    }

    @Test
    void theComposeGatewayIsTheTemplateRenderedForCompose() throws IOException {
        Path repo = Path.of("..");
        String rendered = GatewayConfig.renderCompose(repo);

        assertThat(rendered.replaceAll("(?m)^\\s*#.*$", "")).as("outside comments").doesNotContainPattern("@[A-Z0-9_]+@");
        assertThat(rendered).contains("server chat-service:8081;", "server redpacket-service:8083;", "listen 8080;",
                "root /usr/share/nginx/html;", "access_log /dev/stdout pai").doesNotContain("daemon off;");
        assertThat(Files.readString(repo.resolve(GatewayConfig.COMPOSE_CONFIG), StandardCharsets.UTF_8))
                .as("gateway/nginx.compose.conf is stale: java -cp 'launcher/target/pai-launcher.jar:launcher/target/lib/*' pai.launcher.Main gateway-config --compose .")
                .isEqualTo(rendered);
    }

    private static String render(Map<String, String> placeholders) throws IOException {
        return Templates.render(Files.readString(template(), StandardCharsets.UTF_8), placeholders);
    }

    /** The real template: this module's tests run in launcher/. */
    private static Path template() {
        return Path.of("..", "gateway", "nginx.conf");
    }
}
