package pai.chat;

import static io.restassured.RestAssured.given;
import static pai.platform.testing.TestUsers.as;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.restassured.response.ValidatableResponse;
import pai.platform.testing.TestTokens;

/** Small helpers the chat tests share: a fresh user, a request as that user, a pai made by them, an upload. */
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

    /** Uploads the bytes as {@code userId}'s image (multipart field file). */
    static ValidatableResponse upload(String userId, byte[] content, String name) {
        return given().header("Authorization", TestTokens.bearer(userId))
                .multiPart("file", name, content, "application/octet-stream")
                .post("/api/chat/media").then();
    }

    /** An image of that size in that format (png, jpeg, gif, bmp). */
    static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width / 2 + 1, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
