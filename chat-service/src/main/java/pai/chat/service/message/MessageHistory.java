package pai.chat.service.message;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.chat.domain.Message;
import pai.chat.service.pai.PaiService;
import pai.platform.error.InvalidFieldException;
import pai.platform.paging.Page;

/** A pai's stored messages, a page at a time, by seq. */
@ApplicationScoped
public class MessageHistory {
    private final PaiService pais;

    public MessageHistory(PaiService pais) {
        this.pais = pais;
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
}
