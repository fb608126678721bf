package pai.events.chat;

public enum MembershipChange {
    CREATED, JOINED, ROLE_CHANGED, LEFT, REMOVED;

    /** Whether the user is still a member after this change. */
    public boolean member() {
        return this != LEFT && this != REMOVED;
    }
}
