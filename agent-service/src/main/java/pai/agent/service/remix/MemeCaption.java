package pai.agent.service.remix;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

import pai.platform.error.InvalidFieldException;

/**
 * A meme's caption, split into the line across the top and the one across the bottom: "top | bottom"
 * splits where the writer put the bar, a long caption near its middle, a short one sits at the bottom.
 * Each part is wrapped to the image's width (between words, or between any two CJK characters) and
 * shrunk until it fits its band, then drawn as white glyphs in a black outline.
 */
record MemeCaption(String top, String bottom) {
    static final int MAX_LENGTH = 100;
    /** Longer captions go half on top, half at the bottom, so neither band needs tiny letters. */
    static final int LONG_LENGTH = 40;
    private static final int MAX_LINES = 3;

    /** The caption of a meme, refused (naming {@code caption}) when missing, blank or longer than 100 characters. */
    static MemeCaption of(String caption) {
        if (caption == null || caption.isBlank()) {
            throw new InvalidFieldException("caption", "a meme needs a caption");
        }
        if (caption.codePointCount(0, caption.length()) > MAX_LENGTH) {
            throw new InvalidFieldException("caption", "at most " + MAX_LENGTH + " characters");
        }
        String text = caption.strip().replaceAll("\\s+", " ");
        int bar = text.indexOf('|');
        MemeCaption parts;
        if (bar >= 0) {
            parts = new MemeCaption(text.substring(0, bar).strip(), text.substring(bar + 1).replace('|', ' ').strip());
        } else if (text.codePointCount(0, text.length()) > LONG_LENGTH) {
            int middle = middleBreak(text);
            parts = new MemeCaption(text.substring(0, middle).strip(), text.substring(middle).strip());
        } else {
            parts = new MemeCaption("", text);
        }
        if (parts.top.isEmpty() && parts.bottom.isEmpty()) {
            throw new InvalidFieldException("caption", "a meme needs a caption");
        }
        return parts;
    }

    /** The text the font has to display: both parts. */
    String text() {
        return top.isEmpty() ? bottom : bottom.isEmpty() ? top : top + " " + bottom;
    }

    /** Draws the caption over the image that {@code g} paints, {@code width}×{@code height} pixels. */
    void draw(Graphics2D g, Font font, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        float band = height * (top.isEmpty() ? 0.3f : 0.25f);
        if (!top.isEmpty()) {
            drawPart(g, top, font, width, height, band, true);
        }
        if (!bottom.isEmpty()) {
            drawPart(g, bottom, font, width, height, band, false);
        }
    }

    private static void drawPart(Graphics2D g, String text, Font font, int width, int height, float band, boolean atTop) {
        float margin = Math.max(4, Math.min(width, height) * 0.03f);
        float minSize = Math.max(10, height / 40f);
        float size = Math.max(minSize, Math.min(height / 8f, width / 5f));
        List<TextLayout> lines;
        while (true) {
            float outline = outlineWidth(size);
            float lineWidth = Math.max(1, width - 2 * margin - outline);
            lines = wrap(text, font.deriveFont(Font.BOLD, size), g.getFontRenderContext(), lineWidth, size <= minSize);
            if (size <= minSize || lines != null && lines.size() <= MAX_LINES && heightOf(lines) + outline <= band) {
                break;
            }
            size = Math.max(minSize, size * 0.9f);
        }
        float outline = outlineWidth(size);
        float y = atTop ? margin + outline / 2 : height - margin - outline / 2 - heightOf(lines);
        g.setStroke(new BasicStroke(outline, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (TextLayout line : lines) {
            float baseline = y + line.getAscent();
            float x = (width - line.getVisibleAdvance()) / 2;
            Shape glyphs = line.getOutline(AffineTransform.getTranslateInstance(x, baseline));
            g.setColor(Color.BLACK);
            g.draw(glyphs);
            g.setColor(Color.WHITE);
            g.fill(glyphs);
            y += lineHeight(line);
        }
    }

    /**
     * The lines of {@code text} at most {@code width} wide, or null when a word is wider than that and
     * {@code breakWords} is false (then a smaller size should be tried before a word is cut).
     */
    private static List<TextLayout> wrap(String text, Font font, FontRenderContext frc, float width, boolean breakWords) {
        AttributedString styled = new AttributedString(text);
        styled.addAttribute(TextAttribute.FONT, font);
        LineBreakMeasurer measurer = new LineBreakMeasurer(styled.getIterator(), frc);
        List<TextLayout> lines = new ArrayList<>();
        while (measurer.getPosition() < text.length()) {
            TextLayout line = measurer.nextLayout(width, text.length(), !breakWords);
            if (line == null) {
                return null;
            }
            lines.add(line);
        }
        return lines;
    }

    private static float heightOf(List<TextLayout> lines) {
        float sum = 0;
        for (TextLayout line : lines) {
            sum += lineHeight(line);
        }
        return sum;
    }

    private static float lineHeight(TextLayout line) {
        return line.getAscent() + line.getDescent();
    }

    private static float outlineWidth(float size) {
        return Math.max(2, size / 8);
    }

    /** Where to cut a long caption in two: the space nearest its middle, else (CJK) the middle character itself. */
    private static int middleBreak(String text) {
        int middle = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
        for (int distance = 0; distance <= text.length() / 4; distance++) {
            if (middle - distance > 0 && text.charAt(middle - distance) == ' ') {
                return middle - distance;
            }
            if (middle + distance < text.length() && text.charAt(middle + distance) == ' ') {
                return middle + distance;
            }
        }
        return middle;
    }
}
