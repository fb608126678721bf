package pai.agent.service.remix;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A few colours standing for an image's many: k-means over a sample of its pixels, started from the
 * sample's brightness quantiles (deterministic, and spread from shadows to highlights). Mapping a
 * colour goes through a 32×32×32 table of nearest entries, so a 16-megapixel image costs one array
 * read per pixel rather than a search of the palette.
 */
final class Palette {
    private static final int SAMPLES = 8192;
    private static final int ROUNDS = 8;

    private final int[] nearest = new int[32 * 32 * 32];

    private Palette(int[] colours) {
        for (int cell = 0; cell < nearest.length; cell++) {
            int red = (cell >> 10) << 3 | 4;
            int green = ((cell >> 5) & 31) << 3 | 4;
            int blue = (cell & 31) << 3 | 4;
            int best = colours[0];
            int bestDistance = Integer.MAX_VALUE;
            for (int colour : colours) {
                int distance = distance(colour, red, green, blue);
                if (distance < bestDistance) {
                    best = colour;
                    bestDistance = distance;
                }
            }
            nearest[cell] = best;
        }
    }

    /** The palette of at most {@code size} colours that k-means finds for these 0xRRGGBB pixels. */
    static Palette of(int[] rgb, int size) {
        int count = Math.min(SAMPLES, rgb.length);
        Integer[] sample = new Integer[count];
        for (int i = 0; i < count; i++) {
            sample[i] = rgb[(int) ((long) i * rgb.length / count)] & 0xFFFFFF;
        }
        Arrays.sort(sample, Comparator.comparingInt(Palette::brightness));
        int[] centres = new int[size];
        for (int k = 0; k < size; k++) {
            centres[k] = sample[(int) ((k + 0.5) * count / size)];
        }
        long[][] sums = new long[size][4];
        for (int round = 0; round < ROUNDS; round++) {
            for (long[] sum : sums) {
                Arrays.fill(sum, 0);
            }
            for (int pixel : sample) {
                long[] sum = sums[nearestIndex(centres, pixel)];
                sum[0] += (pixel >> 16) & 0xFF;
                sum[1] += (pixel >> 8) & 0xFF;
                sum[2] += pixel & 0xFF;
                sum[3]++;
            }
            for (int k = 0; k < size; k++) {
                long n = sums[k][3];
                if (n > 0) {
                    centres[k] = (int) ((sums[k][0] + n / 2) / n) << 16 | (int) ((sums[k][1] + n / 2) / n) << 8
                            | (int) ((sums[k][2] + n / 2) / n);
                }
            }
        }
        return new Palette(centres);
    }

    /** The palette's colour nearest to this 0xRRGGBB pixel (to within the table's 8-level cells). */
    int map(int pixel) {
        return nearest[((pixel >> 19) & 31) << 10 | ((pixel >> 11) & 31) << 5 | ((pixel >> 3) & 31)];
    }

    private static int nearestIndex(int[] centres, int pixel) {
        int red = (pixel >> 16) & 0xFF;
        int green = (pixel >> 8) & 0xFF;
        int blue = pixel & 0xFF;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < centres.length; k++) {
            int distance = distance(centres[k], red, green, blue);
            if (distance < bestDistance) {
                best = k;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int distance(int colour, int red, int green, int blue) {
        int dr = ((colour >> 16) & 0xFF) - red;
        int dg = ((colour >> 8) & 0xFF) - green;
        int db = (colour & 0xFF) - blue;
        return dr * dr + dg * dg + db * db;
    }

    private static int brightness(int pixel) {
        return ((pixel >> 16) & 0xFF) * 299 + ((pixel >> 8) & 0xFF) * 587 + (pixel & 0xFF) * 114;
    }
}
