package pai.chat.service.account;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.platform.text.ShownText;

/** What PUT /api/auth/me changes; an absent field stays as it is. */
public record ProfileChange(
        @Size(min = 1, max = 40) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE)
        @Pattern(regexp = SignUp.NOT_BLANK, message = SignUp.NOT_BLANK_MESSAGE) String displayName,
        @Size(max = 64) String avatarMediaId) {
}
