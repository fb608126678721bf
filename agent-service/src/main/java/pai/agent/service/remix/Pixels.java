package pai.agent.service.remix;

import java.util.Arrays;

/**
 * The filters the styles are made of, on row-major arrays: colour pixels packed as {@code 0xRRGGBB},
 * gray as one 0..255 value per pixel. Plain loops over int arrays, each O(pixels) whatever the radius,
 * so a 4096×4096 photo stays within a second or so per filter on one core.
 */
final class Pixels {
    static final int[] RGB_CHANNELS = {16, 8, 0};
    static final int[] GRAY_CHANNEL = {0};

    private Pixels() {
    }

    /** Rec. 601 luma, the brightness the eye sees in a colour. */
    static int[] luminance(int[] rgb) {
        int[] gray = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            gray[i] = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
        }
        return gray;
    }

    /**
     * The mean over a (2·radius+1)² square around each pixel, the edges extended, for the 8-bit channels
     * at the given bit shifts ({@link #RGB_CHANNELS} or {@link #GRAY_CHANNEL}). Running sums make the cost
     * independent of the radius; the vertical pass walks rows too, which keeps it cache-friendly.
     */
    static int[] boxBlur(int[] pixels, int width, int height, int radius, int[] channels) {
        int window = 2 * radius + 1;
        int[] across = new int[pixels.length];
        for (int shift : channels) {
            for (int y = 0; y < height; y++) {
                int row = y * width;
                int sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += channel(pixels[row + clamp(k, width)], shift);
                }
                for (int x = 0; x < width; x++) {
                    across[row + x] |= ((sum + window / 2) / window) << shift;
                    sum += channel(pixels[row + clamp(x + radius + 1, width)], shift)
                            - channel(pixels[row + clamp(x - radius, width)], shift);
                }
            }
        }
        int[] blurred = new int[pixels.length];
        int[] sums = new int[width];
        for (int shift : channels) {
            Arrays.fill(sums, 0);
            for (int k = -radius; k <= radius; k++) {
                int row = clamp(k, height) * width;
                for (int x = 0; x < width; x++) {
                    sums[x] += channel(across[row + x], shift);
                }
            }
            for (int y = 0; y < height; y++) {
                int row = y * width;
                int entering = clamp(y + radius + 1, height) * width;
                int leaving = clamp(y - radius, height) * width;
                for (int x = 0; x < width; x++) {
                    blurred[row + x] |= ((sums[x] + window / 2) / window) << shift;
                    sums[x] += channel(across[entering + x], shift) - channel(across[leaving + x], shift);
                }
            }
        }
        return blurred;
    }

    /**
     * The Sobel gradient's magnitude, the largest over the given channels (so that red against green
     * of the same brightness is still an edge): 0 on flat areas, about 1442 across a black-white step.
     * The neighbours are {@code spacing} pixels away, which matches a blur of that radius: the step it
     * spreads over 2·spacing pixels still reads at full contrast, as a line that much wider.
     */
    static int[] sobel(int[] pixels, int width, int height, int spacing, int[] channels) {
        int[] magnitude = new int[pixels.length];
        for (int y = 0; y < height; y++) {
            int up = clamp(y - spacing, height) * width;
            int row = y * width;
            int down = clamp(y + spacing, height) * width;
            for (int x = 0; x < width; x++) {
                int left = clamp(x - spacing, width);
                int right = clamp(x + spacing, width);
                int strongest = 0;
                for (int shift : channels) {
                    int upLeft = channel(pixels[up + left], shift);
                    int upRight = channel(pixels[up + right], shift);
                    int downLeft = channel(pixels[down + left], shift);
                    int downRight = channel(pixels[down + right], shift);
                    int gx = upRight + 2 * channel(pixels[row + right], shift) + downRight
                            - upLeft - 2 * channel(pixels[row + left], shift) - downLeft;
                    int gy = downLeft + 2 * channel(pixels[down + x], shift) + downRight
                            - upLeft - 2 * channel(pixels[up + x], shift) - upRight;
                    strongest = Math.max(strongest, gx * gx + gy * gy);
                }
                magnitude[row + x] = (int) Math.sqrt(strongest);
            }
        }
        return magnitude;
    }

    static int gray(int value) {
        return value << 16 | value << 8 | value;
    }

    private static int channel(int pixel, int shift) {
        return (pixel >> shift) & 0xFF;
    }

    private static int clamp(int index, int size) {
        return index < 0 ? 0 : index >= size ? size - 1 : index;
    }
}
