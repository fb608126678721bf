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

    /**
     * Frames one WebSocket may send in one {@link #clientFrameWindow()} before it is closed with 4429: a client
     * resumes each pai it shows once per connect, so a few hundred; a flood costs a history read per frame.
     */
    @WithDefault("300")
    int clientFramesPerWindow();

    @WithDefault("10S")
    Duration clientFrameWindow();

    Media media();

    Auth auth();

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

    /** Accounts and sign-in (docs/contract.md, accounts; docs/decisions.md on the choices). */
    interface Auth {
        /** How long an access token works; a client refreshes it with its refresh token. */
        @WithDefault("15M")
        Duration accessTokenTtl();

        /** How long a refresh token works; each refresh gives a new one with a new term. */
        @WithDefault("720H")
        Duration refreshTokenTtl();

        /** Failed sign-ins for one account name within {@link #failureWindow()} before it is locked (429). */
        @WithDefault("5")
        int failuresPerName();

        /** Failed sign-ins from one client address within {@link #failureWindow()} before it is locked (429). */
        @WithDefault("30")
        int failuresPerAddress();

        /** The window starts at the first failure counted; the lock ends with it. */
        @WithDefault("15M")
        Duration failureWindow();

        /** Sign-ups from one client address in one {@link #signUpWindow()} before 429 (a bot making accounts). */
        @WithDefault("20")
        int signUpsPerAddress();

        @WithDefault("1H")
        Duration signUpWindow();

        Argon2 argon2();

        /**
         * Argon2id's cost for new hashes (a stored hash keeps the parameters it was made with, and is made
         * anew with these at its next sign-in). The defaults are OWASP's first choice: 19 MiB, 2 passes, 1 lane.
         */
        interface Argon2 {
            @WithDefault("19456")
            int memoryKib();

            @WithDefault("2")
            int iterations();

            @WithDefault("1")
            int parallelism();

            /** Hashes computed at once; each holds memoryKib of heap, so a burst of sign-ins queues rather than exhausting it. */
            @WithDefault("4")
            int concurrentHashes();

            /** How long a sign-in waits for a turn before it is answered 503 BUSY. */
            @WithDefault("5S")
            Duration queueTimeout();
        }
    }
}
