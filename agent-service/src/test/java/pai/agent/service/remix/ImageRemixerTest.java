package pai.agent.service.remix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import pai.platform.error.InvalidFieldException;

class ImageRemixerTest {
    private static final int MID_GREY = 0x808080;
    private static final Color RED = new Color(220, 30, 30);

    private final ImageRemixer remixer = new ImageRemixer();

    // ---------------------------------------------------------------- every style

    @ParameterizedTest
    @EnumSource(RemixStyle.class)
    void everyStyleReturnsADecodablePngOfTheSourceSizeThatDiffersFromTheSource(RemixStyle style) throws IOException {
        for (BufferedImage source : List.of(shapes(), gradient(97, 61), photo(320, 240), hills())) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(remixer.png(remixer.remix(source, style, "OK"))));

            assertThat(decoded).isNotNull();
            assertThat(decoded.getWidth()).isEqualTo(source.getWidth());
            assertThat(decoded.getHeight()).isEqualTo(source.getHeight());
            assertThat(changedPixels(source, decoded)).as("%s changes the image", style).isGreaterThan(0);
        }
    }

    @ParameterizedTest
    @EnumSource(RemixStyle.class)
    void tinyAndNarrowImagesKeepTheirSize(RemixStyle style) {
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {7, 300}, {300, 7}}) {
            BufferedImage out = remixer.remix(photo(size[0], size[1]), style, "周末去爬山 weekend");

            assertThat(out.getWidth()).isEqualTo(size[0]);
            assertThat(out.getHeight()).isEqualTo(size[1]);
        }
    }

    @Test
    void aTransparentSourceIsLaidOnWhitePaper() {
        BufferedImage source = new BufferedImage(96, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(48, 0, 48, 64);
        g.dispose();

        BufferedImage pixel = remixer.remix(source, RemixStyle.PIXEL, null);
        BufferedImage meme = remixer.remix(source, RemixStyle.MEME, "HI");

        assertThat(pixel.getColorModel().hasAlpha()).isFalse();
        assertThat(rgb(pixel, 10, 10)).isEqualTo(0xFFFFFF);
        assertThat(rgb(pixel, 80, 10)).isEqualTo(0x0000FF);
        assertThat(rgb(meme, 5, 5)).isEqualTo(0xFFFFFF);
        assertThat(rgb(meme, 90, 5)).isEqualTo(0x0000FF);
    }

    @Test
    void anImageWiderThanTheMaximumIsRefusedNamingTheMedia() {
        BufferedImage wide = new BufferedImage(ImageRemixer.MAX_SIDE + 1, 1, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> remixer.remix(wide, RemixStyle.PIXEL, null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("mediaId"));
    }

    @Test
    void stylesOtherThanMemeIgnoreTheCaption() {
        BufferedImage source = shapes();
        for (RemixStyle style : List.of(RemixStyle.SKETCH, RemixStyle.CARTOON, RemixStyle.PIXEL)) {
            assertThat(changedPixels(remixer.remix(source, style, null), remixer.remix(source, style, "x".repeat(500))))
                    .as("%s", style).isZero();
        }
    }

    // ---------------------------------------------------------------- SKETCH

    @Test
    void aSketchIsDarkLinesAlongTheShapesOnWhitePaper() {
        BufferedImage source = shapes();
        BufferedImage sketch = remixer.remix(source, RemixStyle.SKETCH, null);
        boolean[][] borders = borders(source);
        boolean[][] flat = farFrom(borders, 6);

        assertThat(grayDeviation(sketch)).as("largest |r-g|, |g-b| of the sketch").isLessThanOrEqualTo(2);
        assertThat(darkShare(sketch, borders)).as("dark share on the input's borders").isGreaterThan(0.8);
        assertThat(darkShare(sketch, flat)).as("dark share on flat areas, the black square's too").isLessThan(0.01);
        assertThat(meanBrightness(sketch, flat)).isGreaterThan(250);
    }

    @Test
    void aSketchOfAPhotoIsGrayAndMostlyPaper() throws IOException {
        for (BufferedImage source : List.of(photo(320, 240), hills())) {
            BufferedImage sketch = remixer.remix(source, RemixStyle.SKETCH, null);

            assertThat(grayDeviation(sketch)).isLessThanOrEqualTo(2);
            assertThat(meanBrightness(sketch, everywhere(sketch))).isGreaterThan(200);
            assertThat(darkShare(sketch, everywhere(sketch))).isLessThan(0.2);
        }
    }

    @Test
    void theHillsSketchDrawsTheSkylineWhereThePhotoHasIt() throws IOException {
        BufferedImage source = hills();
        BufferedImage sketch = remixer.remix(source, RemixStyle.SKETCH, null);
        boolean[][] borders = borders(source);

        assertThat(darkShare(sketch, borders)).isGreaterThan(5 * darkShare(sketch, farFrom(borders, 6)));
    }

    // ---------------------------------------------------------------- CARTOON

    @Test
    void aCartoonOfAPhotoHasAHandfulOfColours() throws IOException {
        for (BufferedImage source : List.of(photo(320, 240), hills())) {
            int before = distinctColours(source);
            int after = distinctColours(remixer.remix(source, RemixStyle.CARTOON, null));

            assertThat(before).isGreaterThan(3000);
            assertThat(after).as("colours after, from %d", before).isLessThanOrEqualTo(32).isLessThan(before / 100);
        }
    }

    @Test
    void aCartoonOutlinesTheShapesInDarkAndKeepsTheirColoursInside() {
        BufferedImage source = shapes();
        BufferedImage cartoon = remixer.remix(source, RemixStyle.CARTOON, null);
        boolean[][] borders = borders(source);
        boolean[][] flat = farFrom(borders, 6);

        assertThat(darkShare(cartoon, borders)).isGreaterThan(0.8);
        int far = 0;
        int near = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                if (flat[y][x]) {
                    far++;
                    near += channelDistance(rgb(source, x, y), rgb(cartoon, x, y)) <= 24 ? 1 : 0;
                }
            }
        }
        assertThat(near).as("flat pixels within 24 levels of the source").isEqualTo(far);
    }

    // ---------------------------------------------------------------- PIXEL

    @Test
    void pixelArtFillsEveryBlockWithItsMeanColour() throws IOException {
        for (BufferedImage source : List.of(randomNoise(256, 192), randomNoise(50, 41), randomNoise(640, 480), hills())) {
            int block = Math.max(4, Math.min(source.getWidth(), source.getHeight()) / 32);
            BufferedImage pixel = remixer.remix(source, RemixStyle.PIXEL, null);

            for (int top = 0; top < source.getHeight(); top += block) {
                for (int left = 0; left < source.getWidth(); left += block) {
                    int right = Math.min(source.getWidth(), left + block);
                    int bottom = Math.min(source.getHeight(), top + block);
                    int colour = rgb(pixel, left, top);
                    assertThat(channelDistance(colour, meanColour(source, left, top, right, bottom)))
                            .as("block at %d,%d against its mean", left, top).isLessThanOrEqualTo(1);
                    for (int y = top; y < bottom; y++) {
                        for (int x = left; x < right; x++) {
                            assertThat(rgb(pixel, x, y)).as("pixel %d,%d of block %d,%d", x, y, left, top).isEqualTo(colour);
                        }
                    }
                }
            }
        }
    }

    @Test
    void pixelBlocksAreAThirtySecondOfTheShorterSideAndNoLarger() {
        BufferedImage source = randomNoise(640, 480);
        BufferedImage pixel = remixer.remix(source, RemixStyle.PIXEL, null);
        int block = 480 / 32;

        // Random noise gives neighbouring blocks different means (but for a rare coincidence), so the
        // colour changes on every block boundary and nowhere else.
        int boundaries = 0;
        int changesOnBoundaries = 0;
        int changesElsewhere = 0;
        for (int y = 0; y < pixel.getHeight(); y++) {
            for (int x = 1; x < pixel.getWidth(); x++) {
                boolean changes = rgb(pixel, x, y) != rgb(pixel, x - 1, y);
                if (x % block == 0) {
                    boundaries++;
                    changesOnBoundaries += changes ? 1 : 0;
                } else {
                    changesElsewhere += changes ? 1 : 0;
                }
            }
        }
        assertThat(changesElsewhere).isZero();
        assertThat(changesOnBoundaries).isGreaterThan(boundaries * 95 / 100);
        assertThat(runLengths(remixer.remix(randomNoise(60, 90), RemixStyle.PIXEL, null), 0)).containsOnly(4);
    }

    // ---------------------------------------------------------------- MEME

    @Test
    void aMemeWritesItsCaptionAtTheBottomInWhiteOutlinedBlackAndLeavesTheRestAlone() {
        BufferedImage source = flat(400, 300, MID_GREY);
        BufferedImage meme = remixer.remix(source, RemixStyle.MEME, "WHEN IT WORKS");

        assertThat(count(meme, 0, 210, 400, 300, ImageRemixerTest::isWhite)).isGreaterThan(500);
        assertThat(count(meme, 0, 210, 400, 300, ImageRemixerTest::isBlack)).isGreaterThan(500);
        assertThat(changedPixels(source, meme, 0, 0, 400, 180)).as("changed pixels above the caption").isZero();
    }

    @Test
    void aCaptionWithABarGoesHalfOnTopHalfAtTheBottom() {
        BufferedImage source = flat(400, 300, MID_GREY);
        BufferedImage meme = remixer.remix(source, RemixStyle.MEME, "ONE DOES NOT SIMPLY | MERGE ON FRIDAY");

        assertThat(count(meme, 0, 0, 400, 75, ImageRemixerTest::isWhite)).isGreaterThan(300);
        assertThat(count(meme, 0, 225, 400, 300, ImageRemixerTest::isWhite)).isGreaterThan(300);
        assertThat(changedPixels(source, meme, 0, 100, 400, 200)).as("changed pixels in the middle").isZero();
    }

    @Test
    void aLongCaptionIsSplitAndWrappedWithinTheImage() {
        BufferedImage source = flat(320, 480, MID_GREY);
        String caption = "when you finally fix the bug at three in the morning and the test suite "
                + "goes green on the first try";
        BufferedImage meme = remixer.remix(source, RemixStyle.MEME, caption);

        assertThat(count(meme, 0, 0, 320, 120, ImageRemixerTest::isWhite)).isGreaterThan(300);
        assertThat(count(meme, 0, 360, 320, 480, ImageRemixerTest::isWhite)).isGreaterThan(300);
        assertThat(changedPixels(source, meme, 0, 200, 320, 280)).as("changed pixels in the middle").isZero();
        assertThat(changedPixels(source, meme, 0, 0, 3, 480) + changedPixels(source, meme, 317, 0, 320, 480))
                .as("changed pixels in the side margins").isZero();
    }

    @Test
    void aChineseCaptionIsDrawnWithAFontThatHasItsGlyphs() {
        String caption = "周末去爬山";
        Font font = new Fonts().forText(caption);
        GlyphVector glyphs = font.createGlyphVector(new FontRenderContext(null, true, true), caption);

        assertThat(font.canDisplayUpTo(caption)).isEqualTo(-1);
        for (int i = 0; i < glyphs.getNumGlyphs(); i++) {
            assertThat(glyphs.getGlyphCode(i)).as("glyph of %s", caption.charAt(i)).isNotEqualTo(font.getMissingGlyphCode());
        }
    }

    @Test
    void eachChineseCharacterDrawsItsOwnShapeNotABox() {
        BufferedImage source = flat(400, 300, MID_GREY);
        List<boolean[][]> inks = new ArrayList<>();
        for (String character : List.of("周", "末", "去", "爬", "山")) {
            inks.add(ink(remixer.remix(source, RemixStyle.MEME, character)));
        }

        for (int i = 0; i < inks.size(); i++) {
            for (int j = i + 1; j < inks.size(); j++) {
                assertThat(differingCells(inks.get(i), inks.get(j))).as("pixels where glyphs %d and %d differ", i, j)
                        .isGreaterThan(200);
            }
        }
        int chinese = count(remixer.remix(source, RemixStyle.MEME, "周末去爬山"), 0, 0, 400, 300, ImageRemixerTest::isWhite);
        int latin = count(remixer.remix(source, RemixStyle.MEME, "HIKES"), 0, 0, 400, 300, ImageRemixerTest::isWhite);
        // Five full-width characters cover about twice what five capitals do; five missing-glyph boxes about as much.
        assertThat(chinese).as("white pixels of 周末去爬山 against HIKES' %d", latin).isGreaterThan(latin * 3 / 2);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " | "})
    void aMemeWithoutACaptionIsRefusedNamingTheCaption(String caption) {
        assertThatThrownBy(() -> remixer.remix(shapes(), RemixStyle.MEME, caption))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("caption"));
    }

    @Test
    void aCaptionOfOneHundredCharactersIsDrawnAndOneMoreIsRefused() {
        BufferedImage source = flat(200, 200, MID_GREY);

        assertThat(changedPixels(source, remixer.remix(source, RemixStyle.MEME, "山".repeat(100)))).isGreaterThan(0);
        assertThatThrownBy(() -> remixer.remix(source, RemixStyle.MEME, "山".repeat(101)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("caption"));
    }

    // ---------------------------------------------------------------- images the tests draw

    /** Mid-grey with a black square and a red disc, hard edges: flat areas and known borders. */
    private static BufferedImage shapes() {
        BufferedImage image = flat(200, 150, MID_GREY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(20, 20, 60, 50);
        g.setColor(RED);
        g.fillOval(105, 55, 70, 70);
        g.dispose();
        return image;
    }

    private static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 200), width, height, new Color(250, 220, 40)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Like a photo: a smooth gradient, soft blobs of colour and sensor noise, so nearly every pixel differs. */
    private static BufferedImage photo(int width, int height) {
        BufferedImage image = gradient(width, height);
        Random random = new Random(42);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 120));
            g.fillOval(random.nextInt(Math.max(1, width)), random.nextInt(Math.max(1, height)), width / 3 + 1, height / 3 + 1);
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = image.getRGB(x, y);
                int noise = (int) Math.round(random.nextGaussian() * 5);
                image.setRGB(x, y, clamp(((p >> 16) & 0xFF) + noise) << 16 | clamp(((p >> 8) & 0xFF) + noise) << 8
                        | clamp((p & 0xFF) + noise));
            }
        }
        return image;
    }

    private static BufferedImage randomNoise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static BufferedImage flat(int width, int height, int colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(colour));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A 192×128 JPEG drawn with Java2D (sky, sun, hills, a house) and saved with a little noise. */
    private static BufferedImage hills() throws IOException {
        try (InputStream in = ImageRemixerTest.class.getResourceAsStream("/images/hills.jpg")) {
            return ImageIO.read(in);
        }
    }

    // ---------------------------------------------------------------- measures

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** Pixels next to a contrast in the input: some channel differs by more than 40 within the 3×3 around. */
    private static boolean[][] borders(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        boolean[][] borders = new boolean[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int dy = -1; dy <= 1 && !borders[y][x]; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height
                                && channelDistance(rgb(image, x, y), rgb(image, nx, ny)) > 40) {
                            borders[y][x] = true;
                            break;
                        }
                    }
                }
            }
        }
        return borders;
    }

    /** Cells at least {@code distance} cells (in x and y) from every marked one. */
    private static boolean[][] farFrom(boolean[][] marked, int distance) {
        int height = marked.length;
        int width = marked[0].length;
        boolean[][] far = new boolean[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean clear = true;
                for (int ny = Math.max(0, y - distance); ny <= Math.min(height - 1, y + distance) && clear; ny++) {
                    for (int nx = Math.max(0, x - distance); nx <= Math.min(width - 1, x + distance); nx++) {
                        if (marked[ny][nx]) {
                            clear = false;
                            break;
                        }
                    }
                }
                far[y][x] = clear;
            }
        }
        return far;
    }

    private static boolean[][] everywhere(BufferedImage image) {
        boolean[][] all = new boolean[image.getHeight()][image.getWidth()];
        for (boolean[] row : all) {
            Arrays.fill(row, true);
        }
        return all;
    }

    private static double darkShare(BufferedImage image, boolean[][] where) {
        int total = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (where[y][x]) {
                    total++;
                    dark += brightness(rgb(image, x, y)) < 128 ? 1 : 0;
                }
            }
        }
        assertThat(total).as("pixels measured").isGreaterThan(0);
        return (double) dark / total;
    }

    private static double meanBrightness(BufferedImage image, boolean[][] where) {
        long sum = 0;
        int total = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (where[y][x]) {
                    sum += brightness(rgb(image, x, y));
                    total++;
                }
            }
        }
        return (double) sum / total;
    }

    private static int grayDeviation(BufferedImage image) {
        int largest = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = rgb(image, x, y);
                int r = p >> 16;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                largest = Math.max(largest, Math.max(Math.abs(r - g), Math.abs(g - b)));
            }
        }
        return largest;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(rgb(image, x, y));
            }
        }
        return colours.size();
    }

    private static int meanColour(BufferedImage image, int left, int top, int right, int bottom) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                int p = rgb(image, x, y);
                r += p >> 16;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
        }
        long n = (long) (right - left) * (bottom - top);
        return (int) Math.round((double) r / n) << 16 | (int) Math.round((double) g / n) << 8 | (int) Math.round((double) b / n);
    }

    private static List<Integer> runLengths(BufferedImage image, int y) {
        List<Integer> runs = new ArrayList<>();
        int start = 0;
        for (int x = 1; x <= image.getWidth(); x++) {
            if (x == image.getWidth() || rgb(image, x, y) != rgb(image, start, y)) {
                runs.add(x - start);
                start = x;
            }
        }
        return runs;
    }

    private static int changedPixels(BufferedImage a, BufferedImage b) {
        return changedPixels(a, b, 0, 0, a.getWidth(), a.getHeight());
    }

    private static int changedPixels(BufferedImage a, BufferedImage b, int left, int top, int right, int bottom) {
        int changed = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                changed += rgb(a, x, y) != rgb(b, x, y) ? 1 : 0;
            }
        }
        return changed;
    }

    private interface PixelTest {
        boolean test(int rgb);
    }

    private static int count(BufferedImage image, int left, int top, int right, int bottom, PixelTest test) {
        int count = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                count += test.test(rgb(image, x, y)) ? 1 : 0;
            }
        }
        return count;
    }

    private static boolean[][] ink(BufferedImage image) {
        boolean[][] ink = new boolean[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                ink[y][x] = isWhite(rgb(image, x, y));
            }
        }
        return ink;
    }

    private static int differingCells(boolean[][] a, boolean[][] b) {
        int differing = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[y].length; x++) {
                differing += a[y][x] != b[y][x] ? 1 : 0;
            }
        }
        return differing;
    }

    private static boolean isWhite(int rgb) {
        return (rgb >> 16) > 230 && ((rgb >> 8) & 0xFF) > 230 && (rgb & 0xFF) > 230;
    }

    private static boolean isBlack(int rgb) {
        return (rgb >> 16) < 25 && ((rgb >> 8) & 0xFF) < 25 && (rgb & 0xFF) < 25;
    }

    private static int brightness(int rgb) {
        return (299 * (rgb >> 16) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
    }

    private static int channelDistance(int a, int b) {
        return Math.max(Math.abs((a >> 16) - (b >> 16)),
                Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
