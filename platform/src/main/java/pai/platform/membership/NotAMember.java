package pai.platform.membership;

import pai.platform.error.ApiException;

/** 403: the caller is not a member of the pai, as chat-service last announced its members. */
public class NotAMember extends ApiException {
    public NotAMember(String paiId) {
        super(403, "NOT_A_MEMBER", "you are not a member of pai " + paiId);
    }
}
