package pai.share.service.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ShareCodesTest {
    @Test
    void codesAreTwelveBase62CharactersOfAtLeastSixtyBits() {
        assertThat(ShareCodes.LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(60);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String code = ShareCodes.next();
            assertThat(code).matches("[0-9A-Za-z]{12}");
            codes.add(code);
        }
        assertThat(codes).hasSize(100_000);
    }

    @Test
    void onlyWellFormedCodesNameALink() {
        assertThat(ShareCodes.wellFormed(ShareCodes.next())).isTrue();
        assertThat(ShareCodes.wellFormed(null)).isFalse();
        assertThat(ShareCodes.wellFormed("abc")).isFalse();
        assertThat(ShareCodes.wellFormed("abcdefghijk\0")).isFalse();
        assertThat(ShareCodes.wellFormed("abcdefghijké")).isFalse();
        assertThat(ShareCodes.wellFormed("abcdefghij-_")).isFalse();
        assertThat(ShareCodes.wellFormed("abcdefghijklm")).isFalse();
    }
}
