package pai.agent.domain;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
    public Instant createdAt;

    public record Key(String paiId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
