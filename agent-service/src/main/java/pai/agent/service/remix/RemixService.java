package pai.agent.service.remix;

import java.awt.image.BufferedImage;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import pai.agent.client.ChatMediaClient;
import pai.agent.client.ChatMediaClient.StoredImage;

/**
 * A remix end to end: the image read from chat-service's media store, re-created in a style, stored
 * there as new media. {@code bearer} decides what may be read and who owns the result.
 */
@ApplicationScoped
public class RemixService {
    private final ImageRemixer remixer;
    private final ChatMediaClient chat;
    private final MeterRegistry registry;

    public RemixService(ImageRemixer remixer, ChatMediaClient chat, MeterRegistry registry) {
        this.remixer = remixer;
        this.chat = chat;
        this.registry = registry;
    }

    public StoredImage remix(String mediaId, RemixStyle style, String caption, String bearer) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            remixer.checkCaption(style, caption);
            BufferedImage source = chat.read(mediaId, bearer);
            StoredImage stored = chat.store(remixer.png(remixer.remix(source, style, caption)), bearer);
            outcome = "ok";
            return stored;
        } finally {
            sample.stop(registry.timer("pai.agent.remix.time", "style", style.name(), "outcome", outcome));
        }
    }
}
