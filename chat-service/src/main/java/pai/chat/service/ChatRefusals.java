package pai.chat.service;

import pai.platform.error.ApiException;

/** The refusals of chat-service, each with its code (docs/contract.md, error codes). */
public final class ChatRefusals {
    private ChatRefusals() {
    }

    public static class PaiNotFound extends ApiException {
        public PaiNotFound(String paiId) {
            super(404, "PAI_NOT_FOUND", "no pai " + paiId);
        }
    }

    public static class InviteNotFound extends ApiException {
        public InviteNotFound() {
            super(404, "INVITE_NOT_FOUND", "no pai has this invite code");
        }
    }

    public static class MemberNotFound extends ApiException {
        public MemberNotFound(String paiId, String userId) {
            super(404, "MEMBER_NOT_FOUND", userId + " is not a member of pai " + paiId);
        }
    }

    /** A member whose role does not allow the action (e.g. a MEMBER removing someone, an ADMIN removing an ADMIN). */
    public static class InsufficientRole extends ApiException {
        public InsufficientRole(String detail) {
            super(403, "INSUFFICIENT_ROLE", detail);
        }
    }

    public static class OwnerRoleFixed extends ApiException {
        public OwnerRoleFixed() {
            super(409, "OWNER_ROLE_FIXED", "the owner's role changes only when the owner leaves");
        }
    }

    public static class MessageNotFound extends ApiException {
        public MessageNotFound(String paiId, long seq) {
            super(404, "MESSAGE_NOT_FOUND", "no message " + seq + " in pai " + paiId);
        }
    }

    public static class RecallWindowPassed extends ApiException {
        public RecallWindowPassed(java.time.Duration window) {
            super(409, "RECALL_WINDOW_PASSED", "senders recall their messages within " + window.toMinutes()
                    + " minutes; after that only admins can");
        }
    }

    /** A red-packet card stays: it stands for money that members may still grab. */
    public static class NotRecallable extends ApiException {
        public NotRecallable(String kind) {
            super(409, "NOT_RECALLABLE", "a " + kind + " message cannot be recalled");
        }
    }

    public static class MediaNotFound extends ApiException {
        public MediaNotFound(String mediaId) {
            super(404, "MEDIA_NOT_FOUND", "no media " + mediaId);
        }
    }

    public static class MediaTooLarge extends ApiException {
        public MediaTooLarge(long maxBytes) {
            super(413, "MEDIA_TOO_LARGE", "file", "images are at most " + maxBytes + " bytes");
        }
    }

    /** A media URL whose signature does not match or whose time is up. */
    public static class BadMediaUrl extends ApiException {
        public BadMediaUrl() {
            super(403, "MEDIA_URL_INVALID", "this media URL is not valid or has expired; ask for a fresh one");
        }
    }

    public static class NoSession extends ApiException {
        public NoSession(String paiId) {
            super(404, "NO_SESSION", "pai " + paiId + " has no watch or listen session now");
        }
    }

    public static class SessionNotFound extends ApiException {
        public SessionNotFound(String sessionId) {
            super(404, "SESSION_NOT_FOUND", "session " + sessionId + " is not this pai's current session");
        }
    }

    public static class SessionActive extends ApiException {
        public SessionActive() {
            super(409, "SESSION_ACTIVE", "this pai already has a session; end it first");
        }
    }

    public static class NotController extends ApiException {
        public NotController(String controllerId) {
            super(403, "NOT_CONTROLLER", controllerId + " controls this session");
        }
    }

    public static class NameTaken extends ApiException {
        public NameTaken(String name) {
            super(409, "NAME_TAKEN", "name", "the name " + name + " is taken (names are the same whatever their case)");
        }
    }

    /** One answer for an unknown name and a wrong password, so that it does not tell which names exist. */
    public static class BadCredentials extends ApiException {
        public BadCredentials() {
            super(401, "BAD_CREDENTIALS", "wrong name or password");
        }
    }

    /** Unknown, expired, spent or revoked: the client signs in again. */
    public static class RefreshTokenInvalid extends ApiException {
        public RefreshTokenInvalid() {
            super(401, "REFRESH_TOKEN_INVALID", "this refresh token is not valid (any more); sign in again");
        }
    }

    /** A token whose user has no account (a dev token of ./pai token, a service). */
    public static class AccountNotFound extends ApiException {
        public AccountNotFound(String userId) {
            super(404, "ACCOUNT_NOT_FOUND", "user " + userId + " has no account");
        }
    }

    public static class Busy extends ApiException {
        public Busy(String detail) {
            super(503, "BUSY", detail);
        }
    }
}
