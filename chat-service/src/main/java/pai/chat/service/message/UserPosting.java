package pai.chat.service.message;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.chat.config.ChatConfig;
import pai.chat.domain.Membership;
import pai.chat.domain.Message;
import pai.chat.domain.Pai;
import pai.chat.service.ChatRefusals;
import pai.chat.service.FixedWindowLimiter;
import pai.chat.service.media.MediaService;
import pai.chat.service.pai.PaiService;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.error.InvalidFieldException;

/** A user posts a TEXT or IMAGE message: checked, limited per sender, stored once per clientMsgId. */
@ApplicationScoped
public class UserPosting {
    private static final String UNIQUE_VIOLATION = "23505";

    private final PaiService pais;
    private final MediaService media;
    private final FixedWindowLimiter limiter;
    private final FixedWindowLimiter.Limit sendLimit;
    private final String whenLimited;
    private final MessageStore store;

    public UserPosting(PaiService pais, MediaService media, FixedWindowLimiter limiter, ChatConfig config,
            MessageStore store) {
        this.pais = pais;
        this.media = media;
        this.limiter = limiter;
        this.sendLimit = new FixedWindowLimiter.Limit("pai:chat:sends", config.sendsPerWindow(), config.sendWindow(), null);
        this.whenLimited = "at most " + config.sendsPerWindow() + " messages per " + config.sendWindow().toSeconds() + " s";
        this.store = store;
    }

    /** What a user asks to post. */
    public record NewMessage(String clientMsgId, MessageKind kind, String text, String mediaId, Long replyToSeq) {
    }

    /** The stored message, and whether this call stored it (false: a retry of the same clientMsgId). */
    public record Posted(Message message, boolean created) {
    }

    /**
     * Stores a user's message. The checks read outside a transaction and the send limit (a Redis call)
     * holds no database connection; the write is one short transaction: take the seq (which locks the
     * pai row until the commit), insert the message and its outbox row, move the sender's read cursor.
     * Of two copies of one clientMsgId sent at once, the second fails on the unique (pai, sender,
     * clientMsgId), gives its seq back by rolling back, and answers with the first.
     */
    public Posted post(String userId, String paiId, NewMessage request) {
        validate(request);
        pais.requireMember(paiId, userId);
        if (request.kind() == MessageKind.IMAGE) {
            media.requirePostable(userId, paiId, request.mediaId());
        }
        var earlier = Message.findByClientMsgId(paiId, userId, request.clientMsgId());
        if (earlier.isPresent()) {
            return new Posted(earlier.get(), false);
        }
        limiter.acquire(sendLimit, userId, whenLimited);
        try {
            return new Posted(QuarkusTransaction.requiringNew().call(() -> storeUserMessage(userId, paiId, request)), true);
        } catch (RuntimeException e) {
            if (!clientMsgIdTaken(e)) {
                throw e;
            }
            return new Posted(Message.findByClientMsgId(paiId, userId, request.clientMsgId()).orElseThrow(() -> e), false);
        }
    }

    private Message storeUserMessage(String userId, String paiId, NewMessage request) {
        long seq = Pai.takeNextSeq(paiId).orElseThrow(() -> new ChatRefusals.PaiNotFound(paiId));
        if (request.replyToSeq() != null && request.replyToSeq() >= seq) {
            throw new InvalidFieldException("replyToSeq", "no message with seq " + request.replyToSeq());
        }
        Message message = MessageStore.newMessage(paiId, userId, SenderKind.USER, request.kind(), request.clientMsgId());
        message.text = request.text();
        message.mediaId = request.mediaId();
        message.mentions = String.join(" ", MessageTexts.mentionsIn(request.text()));
        message.replyToSeq = request.replyToSeq();
        store.store(message, seq);
        // Your own message is read: it never counts as unread.
        Membership.advanceReadSeq(paiId, userId, seq);
        return message;
    }

    /** Whether the write failed because this sender's clientMsgId is already stored in the pai. */
    private static boolean clientMsgIdTaken(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("client_msg_id")) {
                return true;
            }
        }
        return false;
    }

    static void validate(NewMessage request) {
        switch (request.kind()) {
            case TEXT -> {
                if (request.text() == null || request.text().isBlank()) {
                    throw new InvalidFieldException("text", "a TEXT message needs 1.." + MessageTexts.MAX_TEXT + " characters");
                }
                if (request.text().codePointCount(0, request.text().length()) > MessageTexts.MAX_TEXT) {
                    throw new InvalidFieldException("text", "at most " + MessageTexts.MAX_TEXT + " characters");
                }
            }
            case IMAGE -> {
                if (request.mediaId() == null || request.mediaId().isBlank()) {
                    throw new InvalidFieldException("mediaId", "an IMAGE message needs the mediaId of an upload");
                }
            }
            default -> throw new InvalidFieldException("kind", "users post TEXT or IMAGE");
        }
    }
}
