package pai.share.service.link;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.redpacket.PoolKind;
import pai.share.domain.CampaignRules;
import pai.share.domain.KnownPool;
import pai.share.domain.ShareLink;

/**
 * What a chat app shows for a shared link: a title, a line of description and a 1200×630 picture with the
 * title on a red packet, from this service's copies of the target. Nothing private goes into a preview: no
 * pai's talk, no amounts won, only what the sharer chose to share.
 */
@ApplicationScoped
public class LinkPreviews {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 630;
    private static final int CACHED_IMAGES = 256;
    private static final String CJK_FAMILY = "WenQuanYi Micro Hei";
    /** Asked once: listing the installed families is slow, and the launcher installs fonts before a service starts. */
    private static final boolean CJK_INSTALLED = Arrays.asList(
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()).contains(CJK_FAMILY);

    private final Map<String, byte[]> images = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_IMAGES;
        }
    });

    public record Preview(String title, String description) {
    }

    public Preview describe(ShareLink link) {
        return QuarkusTransaction.requiringNew().call(() -> switch (link.targetType) {
            case CAMPAIGN -> new Preview(CampaignRules.of(link.campaignId).map(c -> c.name).orElse("Pai 红包"),
                    "抢红包，分享给好友多一次机会 · Grab red packets on Pai");
            case DROP -> {
                String name = CampaignRules.of(link.campaignId).map(c -> c.name).orElse("Pai 红包");
                yield KnownPool.of(link.targetId, PoolKind.DROP)
                        .map(d -> new Preview(name, d.packetCount + " 个红包，共 ¥" + yuan(d.amountCents)
                                + " · " + d.packetCount + " red packets"))
                        .orElse(new Preview(name, "抢红包 · Grab red packets on Pai"));
            }
            case PAI -> new Preview("来 Pai 一起聊", "朋友邀请你加入一个派 · A friend invites you to a pai on Pai");
            case PACKET -> KnownPool.of(link.targetId, PoolKind.GROUP_PACKET)
                    .map(p -> new Preview(p.greeting == null || p.greeting.isBlank() ? "恭喜发财，大吉大利" : p.greeting,
                            p.packetCount + " 个拼手气红包 · a lucky packet for " + p.packetCount))
                    .orElse(new Preview("恭喜发财，大吉大利", "拼手气红包 · a lucky packet on Pai"));
        });
    }

    /** The Open Graph page for link previewers; it also links on for a person who lands here. */
    public String page(ShareLink link, URI base) {
        Preview preview = describe(link);
        String url = base.resolve("/s/" + link.code).toString();
        String image = base.resolve("/s/" + link.code + "/preview.png").toString();
        String target = base.resolve(ShareTargets.webPath(link)).toString();
        return """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <title>%1$s</title>
                <meta property="og:type" content="website">
                <meta property="og:site_name" content="Pai">
                <meta property="og:title" content="%1$s">
                <meta property="og:description" content="%2$s">
                <meta property="og:image" content="%3$s">
                <meta property="og:image:width" content="1200">
                <meta property="og:image:height" content="630">
                <meta property="og:url" content="%4$s">
                <meta name="twitter:card" content="summary_large_image">
                <meta name="description" content="%2$s">
                </head><body><h1>%1$s</h1><p>%2$s</p><p><a href="%5$s">打开 · Open</a></p></body></html>
                """.formatted(html(preview.title()), html(preview.description()), html(image), html(url), html(target));
    }

    public byte[] image(ShareLink link) {
        return images.computeIfAbsent(link.code, code -> draw(describe(link)));
    }

    static byte[] draw(Preview preview) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0xE5, 0x39, 0x35), 0, HEIGHT, new Color(0xB7, 0x1C, 0x1C)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            // The packet's flap and its gold seal
            g.setColor(new Color(0xC6, 0x28, 0x28));
            g.fillArc(-200, -420, WIDTH + 400, 700, 180, 180);
            g.setColor(new Color(0xFF, 0xC1, 0x07));
            g.fillOval(WIDTH / 2 - 70, 210, 140, 140);
            g.setColor(new Color(0xB7, 0x1C, 0x1C));
            drawCentered(g, "福", font("福", Font.BOLD, 88), 312);
            g.setColor(new Color(0xFF, 0xEB, 0x3B));
            drawCentered(g, fit(g, preview.title(), font(preview.title(), Font.BOLD, 64)), font(preview.title(), Font.BOLD, 64), 460);
            g.setColor(new Color(0xFF, 0xF8, 0xE1));
            Font small = font(preview.description(), Font.PLAIN, 34);
            drawCentered(g, fit(g, preview.description(), small), small, 540);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** A face that draws the text: the CJK font the launcher installs when it is there, else the logical SansSerif. */
    private static Font font(String text, int style, int size) {
        Font font = new Font(CJK_INSTALLED ? CJK_FAMILY : Font.SANS_SERIF, style, size);
        return font.canDisplayUpTo(text) == -1 || !CJK_INSTALLED ? font : new Font(Font.SANS_SERIF, style, size);
    }

    private static String fit(Graphics2D g, String text, Font font) {
        var metrics = g.getFontMetrics(font);
        String fitted = text;
        while (metrics.stringWidth(fitted) > WIDTH - 120 && fitted.length() > 1) {
            fitted = fitted.substring(0, fitted.length() - 2) + "…";
        }
        return fitted;
    }

    private static void drawCentered(Graphics2D g, String text, Font font, int baseline) {
        g.setFont(font);
        g.drawString(text, (WIDTH - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    private static String yuan(long cents) {
        return cents % 100 == 0 ? Long.toString(cents / 100) : String.format("%d.%02d", cents / 100, cents % 100);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
