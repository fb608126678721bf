package pai.chat.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An uploaded image, decoded and checked; its file and thumbnail are on disk under its id. */
@Entity
@Table(name = "media")
public class Media extends PanacheEntityBase {
    @Id
    public String id;
    public String ownerId;
    public String contentType;
    public int width;
    public int height;
    public long sizeBytes;
    public String thumbnailType;
    public Instant createdAt;

    /** Whether an IMAGE message in this pai shows the media, so that its members may see it. */
    public static boolean shownIn(String mediaId, String paiId) {
        return Message.count("mediaId = ?1 and paiId = ?2", mediaId, paiId) > 0;
    }

    /** Whether a message of a pai that {@code userId} is a member of shows the media. */
    public static boolean shownToMember(String mediaId, String userId) {
        return Message.count("mediaId = ?1 and paiId in (select m.paiId from Membership m where m.userId = ?2)",
                mediaId, userId) > 0;
    }
}
