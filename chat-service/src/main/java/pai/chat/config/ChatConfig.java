package pai.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pai.chat")
public interface ChatConfig {

    /** How many messages one user may send in one {@link #sendWindow()} before 429 RATE_LIMITED. */
    @WithDefault("60")
    int sendsPerWindow();

    @WithDefault("1M")
    Duration sendWindow();

    /** How long senders may recall their own messages; admins and the owner may at any time. */
    @WithDefault("2M")
    Duration recallWindow();

    Media media();

    interface Media {
        /** Largest upload accepted. */
        @WithDefault("10485760")
        long maxBytes();

        /** Decoded size limits, checked from the header before decoding (decompression bombs). */
        @WithDefault("40000000")
        long maxPixels();

        @WithDefault("12000")
        int maxSide();

        @WithDefault("320")
        int thumbnailSide();

        /** How long a signed media URL works. */
        @WithDefault("1H")
        Duration urlTtl();
    }
}
