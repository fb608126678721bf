package pai.chat.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonRawValue;

import pai.chat.domain.Membership;
import pai.chat.domain.Message;
import pai.chat.domain.Pai;
import pai.chat.domain.Playback;
import pai.chat.service.media.MediaService;
import pai.chat.service.pai.MemberDirectory;
import pai.chat.service.pai.PaiService;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.PlaybackKind;
import pai.events.chat.SenderKind;

/** The JSON shapes of chat-service's API (docs/contract.md). */
public final class ChatDtos {
    private ChatDtos() {
    }

    public record CreatePai(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description) {
    }

    public record JoinPai(@NotBlank @Size(max = 16) String inviteCode) {
    }

    public record Joined(String paiId, MemberRole role) {
        static Joined of(Membership membership) {
            return new Joined(membership.paiId, membership.role);
        }
    }

    public record PaiView(String id, String name, String description, String ownerId, String inviteCode,
            long lastSeq, Instant createdAt) {
        static PaiView of(Pai pai) {
            return new PaiView(pai.id, pai.name, pai.description, pai.ownerId, pai.inviteCode, pai.lastSeq,
                    pai.createdAt);
        }
    }

    public record MyPai(String id, String name, String description, MemberRole role, long lastSeq, long readSeq,
            long unread) {
        static MyPai of(PaiService.PaiSummary summary) {
            return new MyPai(summary.pai().id, summary.pai().name, summary.pai().description, summary.role(),
                    summary.pai().lastSeq, summary.readSeq(), summary.unread());
        }
    }

    public record InviteView(String paiId, String inviteCode) {
        static InviteView of(Pai pai) {
            return new InviteView(pai.id, pai.inviteCode);
        }
    }

    /** The roles an owner can give; OWNER passes only when the owner leaves. */
    public enum AssignableRole {
        ADMIN, MEMBER
    }

    public record SetRole(@NotNull AssignableRole role) {
    }

    public record MarkRead(@NotNull @PositiveOrZero Long seq) {
    }

    public record ReadState(String paiId, long readSeq, long lastSeq, long unread) {
        static ReadState of(PaiService.PaiSummary summary) {
            return new ReadState(summary.pai().id, summary.readSeq(), summary.pai().lastSeq, summary.unread());
        }
    }

    /** {@code name}, {@code displayName} and {@code avatarUrl} are null for a member without an account. */
    public record MemberView(String userId, String name, String displayName, String avatarUrl, MemberRole role,
            Instant joinedAt) {
        static MemberView of(MemberDirectory.Member member) {
            return new MemberView(member.membership().userId, member.name(), member.displayName(), member.avatarUrl(),
                    member.membership().role, member.membership().joinedAt);
        }
    }

    public record MediaView(String mediaId, String contentType, int width, int height, String url, String thumbnailUrl) {
        static MediaView of(MediaService.Urls urls) {
            return new MediaView(urls.media().id, urls.media().contentType, urls.media().width, urls.media().height,
                    urls.url(), urls.thumbnailUrl());
        }
    }

    public record StartSession(@NotNull PlaybackKind kind, @NotBlank @Size(max = 2000) String mediaUrl,
            @NotBlank @Size(max = 200) String title) {
    }

    public record ControlSession(@NotNull Playback.Action action, @PositiveOrZero Long positionMs, @Size(max = 64) String to) {
    }

    /** {@code positionMs} is the position at {@code serverTimeMs}; while playing it moves on with the clock. */
    public record SessionView(String sessionId, String paiId, PlaybackKind kind, String mediaUrl, String title,
            String hostId, String controllerId, boolean playing, long positionMs, long serverTimeMs, boolean ended) {
        /** As of the change that made this state. */
        static SessionView of(Playback playback) {
            return at(playback, playback.updatedAtMs());
        }

        static SessionView at(Playback playback, long now) {
            return new SessionView(playback.sessionId(), playback.paiId(), playback.kind(), playback.mediaUrl(),
                    playback.title(), playback.hostId(), playback.controllerId(), playback.playing(),
                    playback.positionAt(now), now, playback.ended());
        }
    }

    /** What users may post; the other kinds are made by the services. */
    public enum UserMessageKind {
        TEXT, IMAGE
    }

    public record PostMessage(
            @NotBlank @Size(max = 64) String clientMsgId,
            @NotNull UserMessageKind kind,
            String text,
            @Size(max = 64) String mediaId,
            @Positive Long replyToSeq) {
    }

    /** {@code attachment} is the JSON data of service-made kinds (a PACKET's card), else null. */
    public record MessageView(String id, String paiId, long seq, String senderId, SenderKind senderKind,
            MessageKind kind, String text, String mediaId, List<String> mentions, Long replyToSeq,
            @JsonRawValue String attachment, Instant createdAt) {
        public static MessageView of(Message message) {
            return new MessageView(message.id, message.paiId, message.seq, message.senderId, message.senderKind,
                    message.kind, message.text, message.mediaId, message.mentionList(), message.replyToSeq,
                    message.attachment, message.createdAt);
        }
    }
}
