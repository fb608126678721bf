package pai.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.image;
import static pai.chat.ChatApi.paiWith;
import static pai.chat.ChatApi.upload;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class MediaApiTest {
    @Inject
    EntityManager entityManager;

    @Test
    void anUploadedImageAndItsThumbnailAreServedBySignedUrlsWithoutAHeader() throws IOException {
        String alice = newUser("alice");
        byte[] png = image(800, 600, "png");
        var created = upload(alice, png, "photo.png").statusCode(201)
                .body("contentType", equalTo("image/png"))
                .body("width", equalTo(800)).body("height", equalTo(600))
                .body("url", startsWith("/api/chat/media/"))
                .extract();
        String mediaId = created.path("mediaId");

        byte[] served = given().get(created.<String>path("url")).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(served).isEqualTo(png);
        byte[] thumbnail = given().get(created.<String>path("thumbnailUrl")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(240);
        Number rows = (Number) entityManager.createNativeQuery("select count(*) from media where id = ?1 and owner_id = ?2")
                .setParameter(1, mediaId).setParameter(2, alice).getSingleResult();
        assertThat(rows.intValue()).isOne();
    }

    @Test
    void aMediaIdPostgreSQLCannotStoreNamesNoMedia() {
        // docs/contract.md, ids: one holding a NUL names nothing (it failed in the query as a 500)
        as(newUser("alice")).urlEncodingEnabled(false).get("/api/chat/media/a%00b/urls")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("MEDIA_NOT_FOUND"));
    }

    @Test
    void aTamperedOrExpiredUrlIsRefused() throws IOException {
        String url = upload(newUser("alice"), image(10, 10, "jpeg"), "a.jpg").statusCode(201).extract().path("url");
        assertThat(url).matches(".*&sig=[A-Za-z0-9_-]+$");
        given().get(url + "x").then().statusCode(403).body("code", equalTo("MEDIA_URL_INVALID"));
        given().get(url.replaceFirst("exp=\\d+", "exp=1")).then().statusCode(403).body("code", equalTo("MEDIA_URL_INVALID"));
        given().get(url.substring(0, url.indexOf('?'))).then().statusCode(403);
    }

    @Test
    void notAnImageADecompressionBombOrAnOversizedFileIsRefusedNamingTheFile() throws IOException {
        String alice = newUser("alice");
        upload(alice, "just text, not an image".getBytes(), "a.png").statusCode(400).body("field", equalTo("file"));
        upload(alice, image(10, 10, "bmp"), "a.bmp").statusCode(400).body("field", equalTo("file"));
        upload(alice, withPngSize(image(1, 1, "png"), 50_000, 50_000), "bomb.png").statusCode(400)
                .body("field", equalTo("file")).body("detail", org.hamcrest.Matchers.containsString("50000x50000"));
        upload(alice, new byte[10 * 1024 * 1024 + 1], "big.png").statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("MEDIA_TOO_LARGE"));
        as(alice).contentType("multipart/form-data").multiPart("other", "x").post("/api/chat/media")
                .then().statusCode(400).body("field", equalTo("file"));
        Number rows = (Number) entityManager.createNativeQuery("select count(*) from media where owner_id = ?1")
                .setParameter(1, alice).getSingleResult();
        assertThat(rows.intValue()).isZero();
    }

    @Test
    void membersOfAPaiWhereTheImageIsShownGetFreshUrlsAndOthersGet403() throws IOException {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);
        String mediaId = upload(alice, image(40, 30, "png"), "p.png").statusCode(201).extract().path("mediaId");
        as(alice).body("{\"clientMsgId\":\"img\",\"kind\":\"IMAGE\",\"mediaId\":\"" + mediaId + "\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201).body("mediaId", equalTo(mediaId));

        String url = as(bob).get("/api/chat/pais/" + paiId + "/media/" + mediaId).then().statusCode(200)
                .body("width", equalTo(40)).extract().path("url");
        given().get(url).then().statusCode(200);
        as(newUser("stranger")).get("/api/chat/pais/" + paiId + "/media/" + mediaId)
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));

        String bobsPai = createPai(bob);
        as(bob).get("/api/chat/pais/" + bobsPai + "/media/" + mediaId).then().statusCode(404);
        as(bob).body("{\"clientMsgId\":\"steal\",\"kind\":\"IMAGE\",\"mediaId\":\"" + mediaId + "\"}")
                .post("/api/chat/pais/" + bobsPai + "/messages").then().statusCode(400).body("field", equalTo("mediaId"));
        as(bob).body("{\"clientMsgId\":\"fwd\",\"kind\":\"IMAGE\",\"mediaId\":\"" + mediaId + "\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
        as(bob).body("{\"clientMsgId\":\"none\",\"kind\":\"IMAGE\",\"mediaId\":\"no-such-media\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(400).body("field", equalTo("mediaId"));
        given().contentType("multipart/form-data").multiPart("file", "x.png", image(2, 2, "png"), "image/png")
                .post("/api/chat/media").then().statusCode(401);
    }

    @Test
    void anImagesUrlsByIdAreForItsOwnerMembersWhereItIsShownAndServicesOnly() throws IOException {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);
        String shown = upload(alice, image(40, 30, "png"), "p.png").statusCode(201).extract().path("mediaId");
        String unshown = upload(alice, image(20, 10, "png"), "q.png").statusCode(201).extract().path("mediaId");
        as(alice).body("{\"clientMsgId\":\"img\",\"kind\":\"IMAGE\",\"mediaId\":\"" + shown + "\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);

        as(alice).get("/api/chat/media/" + unshown + "/urls").then().statusCode(200).body("width", equalTo(20));
        String url = as(bob).get("/api/chat/media/" + shown + "/urls").then().statusCode(200)
                .body("mediaId", equalTo(shown)).body("height", equalTo(30)).extract().path("url");
        given().get(url).then().statusCode(200);
        as(bob).get("/api/chat/media/" + unshown + "/urls").then().statusCode(404).body("code", equalTo("MEDIA_NOT_FOUND"));
        as(newUser("stranger")).get("/api/chat/media/" + shown + "/urls").then().statusCode(404);
        given().header("Authorization", "Bearer " + TestTokens.service("agent-service"))
                .get("/api/chat/media/" + unshown + "/urls").then().statusCode(200).body("width", equalTo(20));
    }

    @Test
    void aServiceStoresAnImageItMadeAndOwnsIt() throws IOException {
        String mediaId = given().header("Authorization", "Bearer " + TestTokens.service("agent-service"))
                .multiPart("file", "remix.png", image(64, 48, "png"), "image/png")
                .post("/api/chat/media").then().statusCode(201).body("width", equalTo(64)).extract().path("mediaId");
        Number rows = (Number) entityManager.createNativeQuery("select count(*) from media where id = ?1 and owner_id = ?2")
                .setParameter(1, mediaId).setParameter(2, "agent-service").getSingleResult();
        assertThat(rows.longValue()).isEqualTo(1);
        // A service token is no person's: it cannot post into a pai.
        given().header("Authorization", "Bearer " + TestTokens.service("agent-service")).get("/api/chat/pais")
                .then().statusCode(403);
    }

    /** A valid PNG whose header claims another size: a few bytes that would decode to gigabytes. */
    private static byte[] withPngSize(byte[] png, int width, int height) {
        ByteBuffer buffer = ByteBuffer.wrap(png.clone());
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return buffer.array();
    }
}
