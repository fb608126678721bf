package pai.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The one password of the demo accounts, made once per checkout in a git-ignored file only its owner
 * reads ({@code .pai/demo-password}, 0600), so that no password is committed and every {@code ./pai up}
 * of the checkout signs the same accounts in.
 */
final class DemoPassword {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** About 93 bits from an alphabet without look-alikes (0 O, 1 l I), easy to copy by hand. */
    private static final int LENGTH = 16;

    private DemoPassword() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, generate() + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException madeByAnotherRun) {
                // read below
            }
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.length() < 8) {
            throw new IOException(file + " holds no password of 8 or more characters: delete it to make a new one");
        }
        return password;
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
