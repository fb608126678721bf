package pai.platform.membership;

import pai.platform.error.ApiException;

/** 403: the caller is not a member of the pai (in chat-service's memberships, or another service's copy of them). */
public class NotAMember extends ApiException {
    public NotAMember(String paiId) {
        super(403, "NOT_A_MEMBER", "you are not a member of pai " + paiId);
    }
}
