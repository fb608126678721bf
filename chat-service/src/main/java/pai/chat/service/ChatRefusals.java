package pai.chat.service;

import pai.platform.error.ApiException;

/** The refusals of chat-service, each with its SPEC.md code. */
public final class ChatRefusals {
    private ChatRefusals() {
    }

    public static class PaiNotFound extends ApiException {
        public PaiNotFound(String paiId) {
            super(404, "PAI_NOT_FOUND", "no pai " + paiId);
        }
    }

    public static class NotAMember extends ApiException {
        public NotAMember(String paiId) {
            super(403, "NOT_A_MEMBER", "you are not a member of pai " + paiId);
        }
    }

    public static class InviteNotFound extends ApiException {
        public InviteNotFound() {
            super(404, "INVITE_NOT_FOUND", "no pai has this invite code");
        }
    }
}
