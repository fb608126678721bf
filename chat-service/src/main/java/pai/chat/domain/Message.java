package pai.chat.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import pai.events.agent.AgentCard;
import pai.events.chat.MessageKind;
import pai.events.chat.PacketCard;
import pai.events.chat.PlaybackCard;
import pai.events.chat.SenderKind;

/** A stored message; {@code seq} is gap-free per pai, {@code clientMsgId} unique per sender and pai. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
    /** JSON data of service-made kinds, e.g. the red-packet card of a PACKET message. */
    public String attachment;
    public String recalledBy;
    public Instant recalledAt;

    public PacketCard packetCard() {
        return attachmentOf(MessageKind.PACKET, PacketCard.class);
    }

    public PlaybackCard playbackCard() {
        return attachmentOf(MessageKind.PLAYBACK, PlaybackCard.class);
    }

    /** An agent's card (summary, check-in, plan), whatever the kind of the agent's message. */
    public AgentCard agentCard() {
        if (senderKind != SenderKind.AGENT || kind == MessageKind.RECALLED || attachment == null) {
            return null;
        }
        try {
            return JSON.readValue(attachment, AgentCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message " + id + " has an unreadable attachment", e);
        }
    }

    private <T> T attachmentOf(MessageKind cardKind, Class<T> type) {
        if (kind != cardKind || attachment == null) {
            return null;
        }
        try {
            return JSON.readValue(attachment, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message " + id + " has an unreadable attachment", e);
        }
    }

    public void attach(Object data) {
        try {
            attachment = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write attachment " + data, e);
        }
    }

    public List<String> mentionList() {
        return mentions == null || mentions.isBlank() ? List.of() : Arrays.asList(mentions.split(" "));
    }

    public static Optional<Message> findByClientMsgId(String paiId, String senderId, String clientMsgId) {
        return find("paiId = ?1 and senderId = ?2 and clientMsgId = ?3", paiId, senderId, clientMsgId)
                .firstResultOptional();
    }

    /** The message at {@code seq}, row-locked so that two recalls of it do not both publish. */
    public static Optional<Message> lockBySeq(String paiId, long seq) {
        return find("paiId = ?1 and seq = ?2", paiId, seq).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Removes the content for everyone; the seq stays, so history keeps no gap. */
    public void recall(String byUserId, Instant at) {
        kind = MessageKind.RECALLED;
        text = null;
        mediaId = null;
        mentions = null;
        attachment = null;
        recalledBy = byUserId;
        recalledAt = at;
    }

    public static List<Message> before(String paiId, long beforeSeq, int limit) {
        return find("paiId = ?1 and seq < ?2", Sort.by("seq").descending(), paiId, beforeSeq).page(0, limit).list();
    }

    public static List<Message> after(String paiId, long afterSeq, int limit) {
        return find("paiId = ?1 and seq > ?2", Sort.by("seq"), paiId, afterSeq).page(0, limit).list();
    }
}
