package pai.events.chat;

public enum MemberRole {
    OWNER, ADMIN, MEMBER
}
