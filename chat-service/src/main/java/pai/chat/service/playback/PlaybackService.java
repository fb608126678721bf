package pai.chat.service.playback;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.runtime.StartupEvent;
import pai.chat.domain.Playback;
import pai.chat.service.ChatRefusals;
import pai.chat.service.live.PlaybackFanOut;
import pai.chat.service.message.ServiceMessages;
import pai.chat.service.pai.PaiService;
import pai.events.chat.PlaybackKind;
import pai.platform.error.InvalidFieldException;
import pai.platform.redis.RedisScripts;

/**
 * Watch- and listen-together sessions. A pai's current session lives in Redis and changes only by
 * compare-and-set (redis/playback-compare-and-set.lua); every change is published on a Redis
 * channel that every instance pushes to its WebSocket connections, with the server time.
 */
@ApplicationScoped
public class PlaybackService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TTL_SECONDS = Duration.ofHours(24).toSeconds();
    private static final String COMPARE_AND_SET = "redis/playback-compare-and-set.lua";

    private final PaiService pais;
    private final ServiceMessages serviceMessages;
    private final PlaybackFanOut fanOut;
    private final RedisScripts scripts;
    private final ValueCommands<String, String> values;
    private final PubSubCommands<String> pubsub;
    private final String prefix;

    public PlaybackService(PaiService pais, ServiceMessages serviceMessages, PlaybackFanOut fanOut, RedisDataSource redis,
            RedisScripts scripts, @ConfigProperty(name = "pai.deployment") String deployment) {
        this.pais = pais;
        this.serviceMessages = serviceMessages;
        this.fanOut = fanOut;
        this.scripts = scripts;
        this.values = redis.value(String.class);
        this.pubsub = redis.pubsub(String.class);
        // Pub/sub channels are not per Redis database: the deployment keeps tests and ./pai up apart.
        this.prefix = "pai:chat:playback:" + deployment;
    }

    void subscribe(@Observes StartupEvent start) {
        pubsub.subscribe(prefix, json -> fanOut.push(read(json), System.currentTimeMillis()));
    }

    /** Starts a session with the caller as host and controller; a pai has one at a time. */
    @Transactional
    public Playback start(String userId, String paiId, PlaybackKind kind, String mediaUrl, String title) {
        pais.requireMember(paiId, userId);
        requireWebUrl(mediaUrl);
        while (true) {
            Playback current = current(paiId);
            if (current != null && !current.ended()) {
                throw new ChatRefusals.SessionActive();
            }
            Playback started = Playback.start(UUID.randomUUID().toString(), paiId, kind, mediaUrl.strip(), title.strip(),
                    userId, System.currentTimeMillis(), current == null ? 0 : current.version());
            if (compareAndSet(current, started)) {
                serviceMessages.storePlaybackCard(started);
                pubsub.publish(prefix, write(started));
                return started;
            }
        }
    }

    public Playback current(String userId, String paiId) {
        pais.requireMember(paiId, userId);
        Playback current = current(paiId);
        if (current == null || current.ended()) {
            throw new ChatRefusals.NoSession(paiId);
        }
        return current;
    }

    /** The controller plays, pauses, seeks, ends or hands control to another member. */
    public Playback control(String userId, String paiId, String sessionId, Playback.Action action, Long positionMs, String to) {
        pais.requireMember(paiId, userId);
        if (action == Playback.Action.SEEK && positionMs == null) {
            throw new InvalidFieldException("positionMs", "SEEK needs the position to go to");
        }
        if (action == Playback.Action.HAND_OVER && (to == null || !pais.isMember(paiId, to))) {
            throw new InvalidFieldException("to", "HAND_OVER needs a member of this pai to hand control to");
        }
        while (true) {
            Playback current = current(paiId);
            if (current == null || current.ended() || !current.sessionId().equals(sessionId)) {
                throw new ChatRefusals.SessionNotFound(sessionId);
            }
            if (!current.controllerId().equals(userId)) {
                throw new ChatRefusals.NotController(current.controllerId());
            }
            Playback next = current.after(action, positionMs, to, System.currentTimeMillis());
            if (compareAndSet(current, next)) {
                pubsub.publish(prefix, write(next));
                return next;
            }
        }
    }

    private Playback current(String paiId) {
        String json = values.get(key(paiId));
        return json == null ? null : read(json);
    }

    private boolean compareAndSet(Playback expected, Playback next) {
        return scripts.run(COMPARE_AND_SET, List.of(key(next.paiId())),
                Long.toString(expected == null ? 0 : expected.version()), write(next), Long.toString(TTL_SECONDS))
                .toInteger() == 1;
    }

    private String key(String paiId) {
        return prefix + ":" + paiId;
    }

    private static void requireWebUrl(String mediaUrl) {
        try {
            URI uri = new URI(mediaUrl.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InvalidFieldException("mediaUrl", "an http or https URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("mediaUrl", "not a URL");
        }
    }

    private static String write(Playback playback) {
        try {
            return JSON.writeValueAsString(playback);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Playback read(String json) {
        try {
            return JSON.readValue(json, Playback.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable playback state " + json, e);
        }
    }
}
