package pai.launcher;

import java.util.Map;

/**
 * The launcher's config templates (the gateway's {@code gateway/nginx.conf}, Prometheus's
 * {@code deploy/prometheus/prometheus.template.yml}): text with {@code @NAME@} placeholders, rendered once
 * for ./pai's processes and once into the committed file docker-compose.yml mounts.
 */
final class Templates {
    private Templates() {
    }

    /** Fills the placeholders; a line that holds only a placeholder filled with nothing goes. */
    static String render(String template, Map<String, String> placeholders) {
        StringBuilder rendered = new StringBuilder(template.length());
        for (String line : template.split("\n", -1)) {
            String filled = line;
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                filled = filled.replace("@" + placeholder.getKey() + "@", placeholder.getValue());
            }
            if (filled.isBlank() && !line.isBlank()) {
                continue;
            }
            rendered.append(filled).append('\n');
        }
        return rendered.substring(0, rendered.length() - 1);
    }
}
