package pai.agent.service.remix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FontsTest {
    @Test
    void chineseAndLatinTextGetAFontThatDisplaysThem() {
        Fonts fonts = new Fonts();

        for (String text : new String[] {"周末去爬山", "Weekend hike", "周末 hike 去爬山!"}) {
            assertThat(fonts.forText(text).canDisplayUpTo(text)).as(text).isEqualTo(-1);
        }
    }

    @Test
    void theWenQuanYiFontTheLauncherInstallsServesChinese() {
        assumeTrue(Files.isReadable(Fonts.CJK_FONT_FILES.get(0)), "fonts-wqy-microhei is installed");

        assertThat(new Fonts().forText("周末去爬山").getFamily()).isEqualTo("WenQuanYi Micro Hei");
    }

    @Test
    void aConfiguredFontFileComesFirstForTheTextItCanDisplay() {
        Path dejaVu = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
        assumeTrue(Files.isReadable(dejaVu), "fonts-dejavu-core is installed");
        Fonts fonts = new Fonts(Optional.of(dejaVu.toString()));

        assertThat(fonts.forText("Weekend hike").getFontName()).isEqualTo("DejaVu Sans Bold");
        Font chinese = fonts.forText("周末去爬山");
        assertThat(chinese.getFontName()).isNotEqualTo("DejaVu Sans Bold");
        assertThat(chinese.canDisplayUpTo("周末去爬山")).isEqualTo(-1);
    }

    @Test
    void aConfiguredFileThatIsNoFontFailsAtStart(@TempDir Path dir) throws Exception {
        Path notAFont = Files.writeString(dir.resolve("font.ttf"), "not a font");

        assertThatThrownBy(() -> new Fonts(Optional.of(notAFont.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pai.agent.remix.font-file");
        assertThatThrownBy(() -> new Fonts(Optional.of(dir.resolve("missing.ttf").toString())))
                .isInstanceOf(IllegalStateException.class);
    }
}
