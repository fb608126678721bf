package pai.chat;

import static pai.platform.testing.TestUsers.as;

/** Small helpers the chat tests share: a fresh user, a request as that user, a pai made by them. */
final class ChatApi {
    private ChatApi() {
    }

    static String createPai(String ownerId) {
        return as(ownerId).body("{\"name\":\"测试群\",\"description\":\"d\"}")
                .post("/api/chat/pais").then().statusCode(201).extract().path("id");
    }

    static String inviteCodeOf(String ownerId, String paiId) {
        return as(ownerId).get("/api/chat/pais/" + paiId).then().statusCode(200).extract().path("inviteCode");
    }

    static void join(String userId, String inviteCode) {
        as(userId).body("{\"inviteCode\":\"" + inviteCode + "\"}").post("/api/chat/pais/join").then().statusCode(200);
    }

    /** A pai made by {@code ownerId} that {@code members} joined, in this order. */
    static String paiWith(String ownerId, String... members) {
        String paiId = createPai(ownerId);
        String code = inviteCodeOf(ownerId, paiId);
        for (String member : members) {
            join(member, code);
        }
        return paiId;
    }
}
