package pai.chat.service.message;

import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import pai.chat.domain.Message;
import pai.chat.domain.Pai;
import pai.chat.domain.Playback;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.chat.MessageKind;
import pai.events.chat.PacketCard;
import pai.events.chat.PlaybackCard;
import pai.events.chat.SenderKind;
import pai.events.redpacket.RedPacketLifecycle;

/**
 * The messages the services make: an agent's reply, the card of a lucky packet, the card of a
 * watch/listen session. Each is stored once, under the pai row lock, in its caller's transaction.
 */
@ApplicationScoped
public class ServiceMessages {
    private static final Logger LOG = Logger.getLogger(ServiceMessages.class);

    private final MessageStore store;

    public ServiceMessages(MessageStore store) {
        this.store = store;
    }

    /**
     * Stores what an agent asked to post, as an AGENT message; the replyId is its clientMsgId, so a
     * reply re-sent under another event id is stored once. Replies to unknown pais are dropped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Message> storeAgentReply(AgentReplyRequested reply) {
        return storeForService(reply.paiId(), reply.agentId(), SenderKind.AGENT, agentKind(reply.kind()), reply.replyId(),
                (pai, message) -> {
                    message.text = MessageTexts.clip(reply.text());
                    message.mediaId = reply.mediaId();
                    message.mentions = String.join(" ", MessageTexts.mentionsIn(message.text));
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
                    message.text = MessageTexts.clip(created.greeting());
                    message.attach(new PacketCard(created.poolId(), created.senderId(), created.amountCents(),
                            created.packetCount(), created.greeting()));
                });
    }

    /** A watch/listen session started: a PLAYBACK card in the chat, once per session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Message> storePlaybackCard(Playback started) {
        return storeForService(started.paiId(), started.hostId(), SenderKind.SYSTEM, MessageKind.PLAYBACK,
                "session:" + started.sessionId(), (pai, message) -> {
                    message.text = MessageTexts.clip(started.title());
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
        Message message = MessageStore.newMessage(paiId, senderId, senderKind, kind, clientMsgId);
        fill.accept(locked.get(), message);
        store.store(message, ++locked.get().lastSeq);
        return Optional.of(message);
    }

    private static MessageKind agentKind(AgentReplyKind kind) {
        return switch (kind) {
            case TEXT -> MessageKind.TEXT;
            case SUMMARY -> MessageKind.SUMMARY;
            case CHECKIN -> MessageKind.CHECKIN;
            case IMAGE -> MessageKind.IMAGE;
        };
    }
}
