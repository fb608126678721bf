package pai.agent.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

/** A chat message as agents read it: the input of summaries, supervisors and triggers. */
@Entity
@Table(name = "chat_line")
@IdClass(ChatLine.Key.class)
public class ChatLine extends PanacheEntityBase {
    @Id
    public String paiId;
    @Id
    public long seq;
    public String messageId;
    public String senderId;
    @Enumerated(EnumType.STRING)
    public SenderKind senderKind;
    @Enumerated(EnumType.STRING)
    public MessageKind kind;
    public String text;
    public String mentions;
    public String mediaId;
    public Long replyToSeq;
    public Instant createdAt;

    public Utterance utterance() {
        List<String> mentioned = mentions == null || mentions.isBlank() ? List.of() : Arrays.asList(mentions.split(" "));
        return new Utterance(seq, senderId, senderKind, kind, text, mediaId, mentioned, replyToSeq, createdAt);
    }

    /** The last {@code limit} messages of a pai up to {@code toSeq}, oldest first. */
    public static List<Utterance> recent(String paiId, long toSeq, int limit) {
        List<ChatLine> newestFirst = find("paiId = ?1 and seq <= ?2", Sort.by("seq").descending(), paiId, toSeq)
                .page(0, limit).list();
        List<Utterance> lines = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            lines.add(newestFirst.get(i).utterance());
        }
        return lines;
    }

    /** The messages of a pai from {@code fromSeq} to {@code toSeq}, oldest first, at most {@code limit}. */
    public static List<Utterance> range(String paiId, long fromSeq, long toSeq, int limit) {
        return find("paiId = ?1 and seq >= ?2 and seq <= ?3", Sort.by("seq"), paiId, fromSeq, toSeq)
                .page(0, limit).<ChatLine>list().stream().map(ChatLine::utterance).toList();
    }

    public static long lastSeq(String paiId) {
        Long last = find("select max(seq) from ChatLine where paiId = ?1", paiId).project(Long.class).firstResult();
        return last == null ? 0 : last;
    }

    public record Key(String paiId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
