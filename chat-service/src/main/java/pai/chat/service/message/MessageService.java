package pai.chat.service.message;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.chat.config.ChatConfig;
import pai.chat.domain.Membership;
import pai.chat.domain.Message;
import pai.chat.domain.Pai;
import pai.chat.domain.Playback;
import pai.chat.messaging.ChatEvents;
import pai.chat.service.ChatRefusals;
import pai.chat.service.SendRateLimiter;
import pai.chat.service.live.LiveDelivery;
import pai.chat.service.media.MediaService;
import pai.chat.service.pai.PaiService;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.PacketCard;
import pai.events.chat.PlaybackCard;
import pai.events.chat.SenderKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.error.InvalidFieldException;
import pai.platform.messaging.Outbox;
import pai.platform.rest.Page;

/** Stores messages with gap-free per-pai seqs and hands each one to the outbox in the same transaction. */
@ApplicationScoped
public class MessageService {
    public static final int MAX_TEXT = 4000;
    private static final Logger LOG = Logger.getLogger(MessageService.class);
    private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_.-]{1,64})");
    private static final String UNIQUE_VIOLATION = "23505";

    private final PaiService pais;
    private final MediaService media;
    private final SendRateLimiter rateLimiter;
    private final Outbox outbox;
    private final Event<Stored> stored;
    private final MeterRegistry registry;
    private final ChatConfig config;

    public MessageService(PaiService pais, MediaService media, SendRateLimiter rateLimiter, Outbox outbox,
            Event<Stored> stored, MeterRegistry registry, ChatConfig config) {
        this.pais = pais;
        this.media = media;
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.stored = stored;
        this.registry = registry;
    }

    public record NewMessage(String clientMsgId, MessageKind kind, String text, String mediaId, Long replyToSeq) {
    }

    /** The stored message, and whether this call stored it (false: a retry of the same clientMsgId). */
    public record Posted(Message message, boolean created) {
    }

    /** Fired in the transaction that stores a message; {@link LiveDelivery} pushes it once that commits. */
    public record Stored(ChatMessagePosted posted) {
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
        rateLimiter.acquire(userId);
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
        Message message = newMessage(paiId, userId, SenderKind.USER, request.kind(), request.clientMsgId());
        message.text = request.text();
        message.mediaId = request.mediaId();
        message.mentions = String.join(" ", mentionsIn(request.text()));
        message.replyToSeq = request.replyToSeq();
        store(message, seq);
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

    /**
     * Stores what an agent asked to post, as an AGENT message; the replyId is its clientMsgId, so a
     * reply re-sent under another event id is stored once. Replies to unknown pais are dropped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Message> storeAgentReply(AgentReplyRequested reply) {
        return storeForService(reply.paiId(), reply.agentId(), SenderKind.AGENT, agentKind(reply.kind()), reply.replyId(),
                (pai, message) -> {
                    message.text = clip(reply.text());
                    message.mediaId = reply.mediaId();
                    message.mentions = String.join(" ", mentionsIn(message.text));
                    message.replyToSeq = reply.replyToSeq() != null && reply.replyToSeq() <= pai.lastSeq
                            ? reply.replyToSeq() : null;
                    if (reply.card() != null) {
                        message.attach(reply.card());
                    }
                });
    }

    /** A lucky packet sent into a pai shows as a PACKET card from the system, once per packet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Message> storePacketCard(RedPacketLifecycle created) {
        return storeForService(created.paiId(), created.senderId(), SenderKind.SYSTEM, MessageKind.PACKET,
                "packet:" + created.poolId(), (pai, message) -> {
                    message.text = clip(created.greeting());
                    message.attach(new PacketCard(created.poolId(), created.senderId(), created.amountCents(),
                            created.packetCount(), created.greeting()));
                });
    }

    /** A watch/listen session started: a PLAYBACK card in the chat, once per session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Message> storePlaybackCard(Playback started) {
        return storeForService(started.paiId(), started.hostId(), SenderKind.SYSTEM, MessageKind.PLAYBACK,
                "session:" + started.sessionId(), (pai, message) -> {
                    message.text = clip(started.title());
                    message.attach(new PlaybackCard(started.sessionId(), started.kind(), started.mediaUrl(),
                            started.title(), started.hostId()));
                });
    }

    private Optional<Message> storeForService(String paiId, String senderId, SenderKind senderKind, MessageKind kind,
            String clientMsgId, BiConsumer<Pai, Message> fill) {
        Optional<Pai> locked = paiId == null ? Optional.empty() : Pai.lock(paiId);
        if (locked.isEmpty()) {
            LOG.warnf("dropping a %s message for unknown pai %s", kind, paiId);
            return Optional.empty();
        }
        if (Message.findByClientMsgId(paiId, senderId, clientMsgId).isPresent()) {
            return Optional.empty();
        }
        Message message = newMessage(paiId, senderId, senderKind, kind, clientMsgId);
        fill.accept(locked.get(), message);
        store(message, ++locked.get().lastSeq);
        return Optional.of(message);
    }

    private static Message newMessage(String paiId, String senderId, SenderKind senderKind, MessageKind kind,
            String clientMsgId) {
        Message message = new Message();
        message.id = UUID.randomUUID().toString();
        message.paiId = paiId;
        message.senderId = senderId;
        message.senderKind = senderKind;
        message.kind = kind;
        message.clientMsgId = clientMsgId;
        message.createdAt = Instant.now();
        return message;
    }

    /** Stores the message under the seq the caller took with the pai row locked, and hands it to the outbox. */
    private void store(Message message, long seq) {
        message.seq = seq;
        message.persist();
        var posted = ChatEvents.messagePosted(message);
        outbox.append(posted);
        stored.fire(new Stored(posted.data()));
        registry.counter("pai.chat.messages", "kind", message.kind.name(), "sender", message.senderKind.name())
                .increment();
    }

    private static MessageKind agentKind(AgentReplyKind kind) {
        return switch (kind) {
            case TEXT -> MessageKind.TEXT;
            case SUMMARY -> MessageKind.SUMMARY;
            case CHECKIN -> MessageKind.CHECKIN;
            case IMAGE -> MessageKind.IMAGE;
        };
    }

    /** Service texts are not validated like a user's: an overlong one is cut rather than lost. */
    private static String clip(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    }

    /**
     * The sender recalls within the recall window, an admin or the owner at any time. Recalling a
     * recalled message again changes nothing and publishes nothing.
     */
    @Transactional
    public Message recall(String userId, String paiId, long seq) {
        Membership member = pais.requireMember(paiId, userId);
        Message message = Message.lockBySeq(paiId, seq).orElseThrow(() -> new ChatRefusals.MessageNotFound(paiId, seq));
        if (message.kind == MessageKind.RECALLED) {
            return message;
        }
        if (message.kind == MessageKind.PACKET) {
            throw new ChatRefusals.NotRecallable(message.kind.name());
        }
        Instant now = Instant.now();
        boolean admin = member.role != MemberRole.MEMBER;
        boolean sender = message.senderKind == SenderKind.USER && message.senderId.equals(userId);
        if (!admin) {
            if (!sender) {
                throw new ChatRefusals.InsufficientRole("only the sender or an admin may recall a message");
            }
            if (message.createdAt.plus(config.recallWindow()).isBefore(now)) {
                throw new ChatRefusals.RecallWindowPassed(config.recallWindow());
            }
        }
        message.recall(userId, now);
        outbox.append(ChatEvents.messageRecalled(message));
        registry.counter("pai.chat.recalls", "by", sender ? "sender" : "admin").increment();
        return message;
    }

    /** Newest first before {@code beforeSeq}, or oldest first after {@code afterSeq}. */
    public Page<Message> history(String userId, String paiId, Long beforeSeq, Long afterSeq, int limit) {
        pais.requireMember(paiId, userId);
        if (beforeSeq != null && afterSeq != null) {
            throw new InvalidFieldException("afterSeq", "give beforeSeq or afterSeq, not both");
        }
        List<Message> fetched = afterSeq != null
                ? Message.after(paiId, afterSeq, limit + 1)
                : Message.before(paiId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit + 1);
        return Page.ofOneExtra(fetched, limit);
    }

    /** What came after {@code afterSeq}, oldest first, for a caller that has checked membership. */
    public Page<Message> replay(String paiId, long afterSeq, int limit) {
        return Page.ofOneExtra(Message.after(paiId, afterSeq, limit + 1), limit);
    }

    static List<String> mentionsIn(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> mentions = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            mentions.add(matcher.group(1));
        }
        return List.copyOf(mentions);
    }

    private static void validate(NewMessage request) {
        switch (request.kind()) {
            case TEXT -> {
                if (request.text() == null || request.text().isBlank()) {
                    throw new InvalidFieldException("text", "a TEXT message needs 1.." + MAX_TEXT + " characters");
                }
                if (request.text().codePointCount(0, request.text().length()) > MAX_TEXT) {
                    throw new InvalidFieldException("text", "at most " + MAX_TEXT + " characters");
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
