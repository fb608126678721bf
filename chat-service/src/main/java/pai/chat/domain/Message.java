package pai.chat.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

/** A stored message; {@code seq} is gap-free per pai, {@code clientMsgId} unique per sender and pai. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {
    @Id
    public String id;
    public String paiId;
    public long seq;
    public String senderId;
    @Enumerated(EnumType.STRING)
    public SenderKind senderKind;
    @Enumerated(EnumType.STRING)
    public MessageKind kind;
    public String text;
    public String mediaId;
    /** Mentioned user and agent ids, space separated. */
    public String mentions;
    public Long replyToSeq;
    public String clientMsgId;
    public Instant createdAt;

    public List<String> mentionList() {
        return mentions == null || mentions.isBlank() ? List.of() : Arrays.asList(mentions.split(" "));
    }

    public static Optional<Message> findByClientMsgId(String paiId, String senderId, String clientMsgId) {
        return find("paiId = ?1 and senderId = ?2 and clientMsgId = ?3", paiId, senderId, clientMsgId)
                .firstResultOptional();
    }

    public static List<Message> before(String paiId, long beforeSeq, int limit) {
        return find("paiId = ?1 and seq < ?2", Sort.by("seq").descending(), paiId, beforeSeq).page(0, limit).list();
    }

    public static List<Message> after(String paiId, long afterSeq, int limit) {
        return find("paiId = ?1 and seq > ?2", Sort.by("seq"), paiId, afterSeq).page(0, limit).list();
    }
}
