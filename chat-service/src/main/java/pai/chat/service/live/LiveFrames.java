package pai.chat.service.live;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import pai.chat.domain.Message;
import pai.chat.domain.Playback;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MessageKind;
import pai.events.chat.PlaybackKind;
import pai.events.chat.SenderKind;

/** The JSON frames the WebSocket pushes: every one has {@code type} and, where it concerns a pai, {@code paiId}. */
public final class LiveFrames {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LiveFrames() {
    }

    /** A stored message, with the fields of the REST message view. */
    public record MessageFrame(String type, String id, String paiId, long seq, String senderId, SenderKind senderKind,
            MessageKind kind, String text, String mediaId, List<String> mentions, Long replyToSeq, Object attachment,
            Instant createdAt) {

        static MessageFrame of(ChatMessagePosted posted) {
            return new MessageFrame("message", posted.messageId(), posted.paiId(), posted.seq(), posted.senderId(),
                    posted.senderKind(), posted.kind(), posted.text(), posted.mediaId(), posted.mentions(),
                    posted.replyToSeq(), attachmentOf(posted), posted.createdAt());
        }

        static MessageFrame of(Message message) {
            return new MessageFrame("message", message.id, message.paiId, message.seq, message.senderId,
                    message.senderKind, message.kind, message.text, message.mediaId, message.mentionList(),
                    message.replyToSeq, attachmentOf(message), message.createdAt);
        }
    }

    public record RecallFrame(String type, String paiId, long seq, String messageId) {
        static RecallFrame of(ChatMessagePosted recalled) {
            return new RecallFrame("recall", recalled.paiId(), recalled.seq(), recalled.messageId());
        }
    }

    public record MemberFrame(String type, String paiId, String userId, MemberRole role, MembershipChange change) {
    }

    /** Sent once the connection is registered: from here on, nothing for these pais is missed. */
    public record ReadyFrame(String type, String userId, List<String> pais) {
    }

    /** Ends a replay; {@code hasMore}: more than the replay limit was missed, page the history for the rest. */
    public record ResumedFrame(String type, String paiId, long afterSeq, long lastSeq, boolean hasMore) {
    }

    /** A session's state with the server time, so that every client computes the same position. */
    public record PlaybackFrame(String type, String paiId, String sessionId, PlaybackKind kind, String mediaUrl,
            String title, String hostId, String controllerId, boolean playing, long positionMs, long serverTimeMs,
            boolean ended) {

        public static PlaybackFrame of(Playback playback, long nowMs) {
            return new PlaybackFrame("playback", playback.paiId(), playback.sessionId(), playback.kind(),
                    playback.mediaUrl(), playback.title(), playback.hostId(), playback.controllerId(), playback.playing(),
                    playback.positionAt(nowMs), nowMs, playback.ended());
        }
    }

    public record ErrorFrame(String type, String code, String paiId, String detail) {
    }

    public static String json(Object frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write frame " + frame, e);
        }
    }

    /** The card the event carries for its kind, as the stored message's attachment shows it. */
    private static Object attachmentOf(ChatMessagePosted posted) {
        if (posted.packet() != null) {
            return posted.packet();
        }
        return posted.playback() != null ? posted.playback() : posted.agent();
    }

    private static JsonNode attachmentOf(Message message) {
        try {
            return message.attachment == null ? null : JSON.readTree(message.attachment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message " + message.id + " has an unreadable attachment", e);
        }
    }
}
