package pai.chat.service.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import pai.chat.config.ChatConfig;
import pai.chat.domain.Media;
import pai.chat.service.ChatRefusals;
import pai.chat.service.pai.PaiService;
import pai.platform.error.InvalidFieldException;
import pai.platform.persistence.Ids;

/**
 * Image uploads: each is decoded before it is kept, its size read from the header first so that a
 * small file that decodes to gigabytes is refused unread. Files and thumbnails live on disk; the
 * URLs that serve them are signed and expire.
 */
@ApplicationScoped
public class MediaService {
    private static final Map<String, String> CONTENT_TYPES = Map.of("png", "image/png", "jpeg", "image/jpeg", "gif", "image/gif");

    private final PaiService pais;
    private final UrlSigner signer;
    private final ChatConfig.Media config;
    private final Path folder;

    public MediaService(PaiService pais, UrlSigner signer, ChatConfig config, @ConfigProperty(name = "pai.data-dir") String dataDir) {
        this.pais = pais;
        this.signer = signer;
        this.config = config.media();
        this.folder = Path.of(dataDir, "media");
    }

    public enum Variant {
        ORIGINAL, THUMBNAIL
    }

    public record Urls(Media media, String url, String thumbnailUrl) {
    }

    public record Served(Path file, String contentType, Instant expires) {
    }

    @Transactional
    public Urls upload(String ownerId, Path upload, long size) {
        if (size > config.maxBytes()) {
            throw new ChatRefusals.MediaTooLarge(config.maxBytes());
        }
        Media media = new Media();
        media.id = UUID.randomUUID().toString();
        media.ownerId = ownerId;
        media.sizeBytes = size;
        media.createdAt = Instant.now();
        BufferedImage image = decode(upload, media);
        BufferedImage thumbnail = thumbnail(image);
        boolean alpha = thumbnail.getColorModel().hasAlpha();
        media.thumbnailType = alpha ? "image/png" : "image/jpeg";
        try {
            Files.createDirectories(folder);
            Files.copy(upload, file(media.id, Variant.ORIGINAL), StandardCopyOption.REPLACE_EXISTING);
            ImageIO.write(thumbnail, alpha ? "png" : "jpeg", file(media.id, Variant.THUMBNAIL).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media " + media.id, e);
        }
        media.persist();
        return urls(media);
    }

    /** Fresh URLs for a member of a pai where the media is shown, or for its owner. */
    public Urls forPai(String userId, String paiId, String mediaId) {
        pais.requireMember(paiId, userId);
        Media media = stored(mediaId);
        if (!media.ownerId.equals(userId) && !Media.shownIn(mediaId, paiId)) {
            throw new ChatRefusals.MediaNotFound(mediaId);
        }
        return urls(media);
    }

    /** Fresh URLs for its owner or a member of any pai where it is shown; to anyone else it does not exist. */
    public Urls forViewer(String userId, String mediaId) {
        Media media = stored(mediaId);
        if (!media.ownerId.equals(userId) && !Media.shownToMember(mediaId, userId)) {
            throw new ChatRefusals.MediaNotFound(mediaId);
        }
        return urls(media);
    }

    /** Fresh URLs for another Pai service (the remixer reading the image it was asked to remix). */
    public Urls forService(String mediaId) {
        return urls(stored(mediaId));
    }

    /** A fresh thumbnail URL for a member's avatar, which co-members see beside the member's name. */
    public String avatarThumbnailUrl(String mediaId) {
        return signer.sign(path(mediaId, Variant.THUMBNAIL), Instant.now().plus(config.urlTtl()));
    }

    /** Whether {@code userId} may post the media in a pai: their own upload, or one already shown there. */
    public void requirePostable(String userId, String paiId, String mediaId) {
        Media media = find(mediaId).orElseThrow(() -> new InvalidFieldException("mediaId", "no upload " + mediaId));
        if (!media.ownerId.equals(userId) && !Media.shownIn(mediaId, paiId)) {
            throw new InvalidFieldException("mediaId", "not your upload");
        }
    }

    /** Whether the media is one that {@code userId} uploaded, as their avatar must be; else a 400 naming {@code field}. */
    public void requireOwnUpload(String userId, String mediaId, String field) {
        boolean own = find(mediaId).filter(media -> media.ownerId.equals(userId)).isPresent();
        if (!own) {
            throw new InvalidFieldException(field, "not an image you uploaded");
        }
    }

    /** The file behind a signed URL; 403 when the signature is wrong or expired. */
    public Served open(String mediaId, Variant variant, long expires, String signature) {
        if (!signer.verify(path(mediaId, variant), expires, signature)) {
            throw new ChatRefusals.BadMediaUrl();
        }
        Media media = stored(mediaId);
        return new Served(file(mediaId, variant), variant == Variant.ORIGINAL ? media.contentType : media.thumbnailType,
                Instant.ofEpochSecond(expires));
    }

    private static Media stored(String mediaId) {
        return find(mediaId).orElseThrow(() -> new ChatRefusals.MediaNotFound(mediaId));
    }

    /** The media of this id; none for an id PostgreSQL cannot store (docs/contract.md, ids), without asking it. */
    private static Optional<Media> find(String mediaId) {
        return Ids.storable(mediaId) ? Media.findByIdOptional(mediaId) : Optional.empty();
    }

    private Urls urls(Media media) {
        Instant expires = Instant.now().plus(config.urlTtl());
        return new Urls(media, signer.sign(path(media.id, Variant.ORIGINAL), expires),
                signer.sign(path(media.id, Variant.THUMBNAIL), expires));
    }

    private static String path(String mediaId, Variant variant) {
        return "/api/chat/media/" + mediaId + (variant == Variant.THUMBNAIL ? "/thumbnail" : "");
    }

    private Path file(String mediaId, Variant variant) {
        return folder.resolve(variant == Variant.THUMBNAIL ? mediaId + ".thumb" : mediaId);
    }

    private BufferedImage decode(Path upload, Media media) {
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidFieldException("file", "not an image; PNG, JPEG or GIF");
            }
            ImageReader reader = readers.next();
            try {
                String type = CONTENT_TYPES.get(reader.getFormatName().toLowerCase());
                if (type == null) {
                    throw new InvalidFieldException("file", reader.getFormatName() + " is not accepted; PNG, JPEG or GIF");
                }
                reader.setInput(in, true, true);
                media.contentType = type;
                media.width = reader.getWidth(0);
                media.height = reader.getHeight(0);
                if (media.width > config.maxSide() || media.height > config.maxSide()
                        || (long) media.width * media.height > config.maxPixels()) {
                    throw new InvalidFieldException("file", media.width + "x" + media.height + " is too large; at most "
                            + config.maxSide() + " per side and " + config.maxPixels() + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidFieldException invalid) {
                throw invalid;
            }
            throw new InvalidFieldException("file", "the image cannot be decoded");
        }
    }

    private BufferedImage thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, (double) config.thumbnailSide() / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage thumbnail = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = thumbnail.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return thumbnail;
    }
}
