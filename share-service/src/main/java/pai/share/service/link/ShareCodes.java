package pai.share.service.link;

import java.security.SecureRandom;

/**
 * Share codes: 12 characters of base62 from a SecureRandom, about 71 bits, so that guessing a live code
 * is hopeless. Anything else is no code and names no link.
 */
public final class ShareCodes {
    public static final int LENGTH = 12;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareCodes() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** Exactly {@link #LENGTH} characters of the alphabet: no NUL, no non-ASCII, nothing a database would choke on. */
    public static boolean wellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
