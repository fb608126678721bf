package pai.agent.service.remix;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Finds a font that can draw a given text, so that a Chinese caption shows its characters rather than
 * empty boxes. Java's logical fonts reach CJK glyphs only where fontconfig happens to map them, so the
 * known CJK font files come first: a configured file, then Debian's {@code fonts-wqy-microhei} (which the
 * launcher installs) and {@code fonts-noto-cjk}, then any installed face that covers the text, and
 * last the logical SansSerif.
 */
@ApplicationScoped
public class Fonts {
    private static final Logger LOG = Logger.getLogger(Fonts.class);

    static final List<Path> CJK_FONT_FILES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));

    private final Optional<Font> configured;
    private final ConcurrentMap<Path, Optional<Font>> cjkFonts = new ConcurrentHashMap<>();
    private volatile List<Font> installed;

    public Fonts() {
        this(Optional.empty());
    }

    /** {@code fontFile}: a TrueType/OpenType file (or collection, whose first face is used) tried before all others. */
    @Inject
    public Fonts(@ConfigProperty(name = "pai.agent.remix.font-file") Optional<String> fontFile) {
        // A configured font that does not load is a deployment error: fail at start, not at the first meme.
        this.configured = fontFile.map(file -> {
            try {
                return load(Path.of(file));
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("pai.agent.remix.font-file " + file + " is not a readable font", e);
            }
        });
    }

    /** A font (at size 1; derive the size to draw with) that can display every character of {@code text}. */
    public Font forText(String text) {
        if (configured.isPresent() && displays(configured.get(), text)) {
            return configured.get();
        }
        for (Path file : CJK_FONT_FILES) {
            Optional<Font> font = cjkFonts.computeIfAbsent(file, Fonts::loadIfPresent);
            if (font.isPresent() && displays(font.get(), text)) {
                return font.get();
            }
        }
        for (Font font : installed()) {
            if (displays(font, text)) {
                return font;
            }
        }
        return new Font(Font.SANS_SERIF, Font.PLAIN, 1);
    }

    private static boolean displays(Font font, String text) {
        return font.canDisplayUpTo(text) == -1;
    }

    private List<Font> installed() {
        List<Font> fonts = installed;
        if (fonts == null) {
            fonts = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts());
            installed = fonts;
        }
        return fonts;
    }

    private static Optional<Font> loadIfPresent(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(file));
        } catch (IOException | FontFormatException e) {
            // A broken system font only costs its place in the order; the next candidate serves.
            LOG.warnf(e, "skipping font %s: it does not load", file);
            return Optional.empty();
        }
    }

    private static Font load(Path file) throws IOException, FontFormatException {
        return Font.createFonts(file.toFile())[0];
    }
}
