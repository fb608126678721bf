package pai.agent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.agent.domain.ChatLine;
import pai.agent.domain.Utterance;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChanged;
import pai.events.chat.MessageKind;
import pai.platform.membership.Memberships;

/** Keeps agent-service's copy of the chat: members and messages, each applied once. */
@ApplicationScoped
public class ChatProjection {
    private final Memberships memberships;

    public ChatProjection(Memberships memberships) {
        this.memberships = memberships;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ChatMessagePosted posted) {
        ChatLine known = ChatLine.findById(new ChatLine.Key(posted.paiId(), posted.seq()));
        if (known != null) {
            // A recall arrives under the seq it recalls: its words leave the agents' memory too.
            if (posted.kind() == MessageKind.RECALLED) {
                known.kind = MessageKind.RECALLED;
                known.text = null;
                known.mediaId = null;
            }
            return;
        }
        ChatLine line = new ChatLine();
        line.paiId = posted.paiId();
        line.seq = posted.seq();
        line.messageId = posted.messageId();
        line.senderId = posted.senderId();
        line.senderKind = posted.senderKind();
        line.kind = posted.kind();
        line.text = posted.text();
        line.mentions = String.join(" ", posted.mentions());
        line.mediaId = posted.mediaId();
        line.replyToSeq = posted.replyToSeq();
        line.createdAt = posted.createdAt();
        line.persist();
    }

    public static Utterance utterance(ChatMessagePosted posted) {
        return new Utterance(posted.seq(), posted.senderId(), posted.senderKind(), posted.kind(), posted.text(),
                posted.mediaId(), posted.mentions(), posted.replyToSeq(), posted.createdAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(MembershipChanged changed) {
        memberships.apply(changed);
    }
}
