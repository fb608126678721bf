package pai.agent.service.remix;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import pai.platform.error.InvalidFieldException;

/**
 * The remixer's offline engine: real image filters, no model. Every style returns an opaque image of
 * the source's size (a transparent source is laid on white paper first). The filters scale with the
 * image (blur radii, line widths, pixel blocks, letters), so a thumbnail and a 4096×4096 photo look alike.
 * Stateless and thread-safe.
 */
@ApplicationScoped
public class ImageRemixer {
    /** The largest side accepted: beyond it a remix would hold hundreds of megabytes of pixels. */
    public static final int MAX_SIDE = 4096;

    /** Sobel magnitudes where a sketch's line starts to show and where it is fully dark. */
    private static final int LINE_FROM = 40;
    private static final int LINE_FULL = 240;
    /** Sobel magnitude above which a cartoon draws an outline. */
    private static final int CARTOON_EDGE = 150;
    private static final int CARTOON_INK = 0x141414;
    private static final int CARTOON_COLOURS = 16;

    private final Fonts fonts;

    public ImageRemixer() {
        this(new Fonts());
    }

    @Inject
    public ImageRemixer(Fonts fonts) {
        this.fonts = fonts;
    }

    /**
     * The source re-created in {@code style}. The caption is drawn by {@link RemixStyle#MEME}, which
     * requires it (at most 100 characters, "top | bottom" to split it); the other styles ignore it.
     *
     * @throws InvalidFieldException naming {@code caption} for a meme without a usable caption, naming
     *         {@code mediaId} for a source wider or taller than {@link #MAX_SIDE}
     */
    /** Refuses a caption the style cannot take before any image is fetched (a meme needs one, at most 100 characters). */
    public void checkCaption(RemixStyle style, String caption) {
        if (style == RemixStyle.MEME) {
            MemeCaption.of(caption);
        }
    }

    public BufferedImage remix(BufferedImage source, RemixStyle style, String caption) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(style, "style");
        if (source.getWidth() > MAX_SIDE || source.getHeight() > MAX_SIDE) {
            throw new InvalidFieldException("mediaId", "the image is larger than " + MAX_SIDE + "×" + MAX_SIDE + " pixels");
        }
        MemeCaption meme = style == RemixStyle.MEME ? MemeCaption.of(caption) : null;
        BufferedImage paper = onWhite(source);
        int width = paper.getWidth();
        int height = paper.getHeight();
        int[] rgb = pixelsOf(paper);
        return switch (style) {
            case SKETCH -> image(sketch(rgb, width, height), width, height);
            case CARTOON -> image(cartoon(rgb, width, height), width, height);
            case PIXEL -> image(pixelate(rgb, width, height, pixelBlock(width, height)), width, height);
            case MEME -> {
                Graphics2D g = paper.createGraphics();
                try {
                    meme.draw(g, fonts.forText(meme.text()), width, height);
                } finally {
                    g.dispose();
                }
                yield paper;
            }
        };
    }

    /** The image as PNG bytes. */
    public byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The side of a pixel-art block: a 32nd of the shorter side, at least 4 pixels. */
    static int pixelBlock(int width, int height) {
        return Math.max(4, Math.min(width, height) / 32);
    }

    /**
     * Pencil on paper: a colour dodge of the gray image by its blur (flat areas, light or dark, turn
     * white; the dark side of every contrast turns to shading) darkened further by Sobel outlines.
     */
    private static int[] sketch(int[] rgb, int width, int height) {
        int[] gray = Pixels.luminance(rgb);
        int[] edges = edges(rgb, width, height);
        int shading = Math.max(2, Math.min(width, height) / 64);
        int[] blurred = Pixels.boxBlur(Pixels.boxBlur(gray, width, height, shading, Pixels.GRAY_CHANNEL),
                width, height, shading, Pixels.GRAY_CHANNEL);
        int[] out = new int[rgb.length];
        for (int i = 0; i < out.length; i++) {
            // gray / blur, each plus one so that a flat black area turns white like any other flat area
            int dodge = Math.min(255, (gray[i] + 1) * 256 / (blurred[i] + 1));
            int line = 255 - Math.min(255, Math.max(0, edges[i] - LINE_FROM) * 255 / (LINE_FULL - LINE_FROM));
            out[i] = Pixels.gray(Math.min(dodge, line));
        }
        return out;
    }

    /** Flat colours (a smoothed image mapped to a small palette) inside dark outlines. */
    private static int[] cartoon(int[] rgb, int width, int height) {
        int smoothing = Math.max(1, Math.min(width, height) / 256);
        int[] smooth = Pixels.boxBlur(Pixels.boxBlur(rgb, width, height, smoothing, Pixels.RGB_CHANNELS),
                width, height, smoothing, Pixels.RGB_CHANNELS);
        Palette palette = Palette.of(smooth, CARTOON_COLOURS);
        int[] edges = edges(rgb, width, height);
        int[] out = new int[rgb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = edges[i] > CARTOON_EDGE ? CARTOON_INK : palette.map(smooth[i]);
        }
        return out;
    }

    /** Sobel over the colour channels after a blur that keeps noise and JPEG artefacts from drawing lines. */
    private static int[] edges(int[] rgb, int width, int height) {
        int detail = Math.max(1, Math.min(width, height) / 512);
        return Pixels.sobel(Pixels.boxBlur(rgb, width, height, detail, Pixels.RGB_CHANNELS), width, height, detail,
                Pixels.RGB_CHANNELS);
    }

    /** Each block×block square (clipped at the right and bottom) filled with its mean colour. */
    private static int[] pixelate(int[] rgb, int width, int height, int block) {
        int[] out = new int[rgb.length];
        for (int top = 0; top < height; top += block) {
            int bottom = Math.min(height, top + block);
            for (int left = 0; left < width; left += block) {
                int right = Math.min(width, left + block);
                long red = 0, green = 0, blue = 0;
                for (int y = top; y < bottom; y++) {
                    for (int x = left; x < right; x++) {
                        int p = rgb[y * width + x];
                        red += (p >> 16) & 0xFF;
                        green += (p >> 8) & 0xFF;
                        blue += p & 0xFF;
                    }
                }
                long count = (long) (bottom - top) * (right - left);
                int mean = (int) ((red + count / 2) / count) << 16 | (int) ((green + count / 2) / count) << 8
                        | (int) ((blue + count / 2) / count);
                for (int y = top; y < bottom; y++) {
                    Arrays.fill(out, y * width + left, y * width + right, mean);
                }
            }
        }
        return out;
    }

    /** An opaque copy of the source, its transparent parts white, in the packed-int layout the filters read. */
    private static BufferedImage onWhite(BufferedImage source) {
        BufferedImage paper = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = paper.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, paper.getWidth(), paper.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return paper;
    }

    private static int[] pixelsOf(BufferedImage rgbImage) {
        return ((DataBufferInt) rgbImage.getRaster().getDataBuffer()).getData();
    }

    private static BufferedImage image(int[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(rgb, 0, pixelsOf(image), 0, rgb.length);
        return image;
    }
}
