package pai.chat.service.message;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.chat.domain.Message;
import pai.events.agent.AgentReplyRequested;
import pai.events.chat.MessageKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.rest.Page;

/**
 * The message feature as the resources and the consumers call it; each call goes to the class that
 * does it: {@link UserPosting}, {@link MessageHistory}, {@link MessageRecall}, {@link ServiceMessages}.
 */
@ApplicationScoped
public class MessageService {
    private final UserPosting posting;
    private final MessageHistory history;
    private final MessageRecall recall;
    private final ServiceMessages serviceMessages;

    public MessageService(UserPosting posting, MessageHistory history, MessageRecall recall,
            ServiceMessages serviceMessages) {
        this.posting = posting;
        this.history = history;
        this.recall = recall;
        this.serviceMessages = serviceMessages;
    }

    public record NewMessage(String clientMsgId, MessageKind kind, String text, String mediaId, Long replyToSeq) {
    }

    /** The stored message, and whether this call stored it (false: a retry of the same clientMsgId). */
    public record Posted(Message message, boolean created) {
    }

    public Posted post(String userId, String paiId, NewMessage request) {
        return posting.post(userId, paiId, request);
    }

    public Page<Message> history(String userId, String paiId, Long beforeSeq, Long afterSeq, int limit) {
        return history.history(userId, paiId, beforeSeq, afterSeq, limit);
    }

    public Message recall(String userId, String paiId, long seq) {
        return recall.recall(userId, paiId, seq);
    }

    public Optional<Message> storeAgentReply(AgentReplyRequested reply) {
        return serviceMessages.storeAgentReply(reply);
    }

    public Optional<Message> storePacketCard(RedPacketLifecycle created) {
        return serviceMessages.storePacketCard(created);
    }
}
