package pai.chat.service.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.platform.text.ShownText;

/** A sign-up (the body of POST /api/auth/signup); {@code displayName} defaults to the name. */
public record SignUp(
        @NotNull @Size(min = 3, max = 32) @Pattern(regexp = NAME_CHARACTERS, message = NAME_MESSAGE) String name,
        @NotNull @Size(min = 8, max = 128) String password,
        @Size(min = 1, max = 40) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE)
        @Pattern(regexp = NOT_BLANK, message = NOT_BLANK_MESSAGE) String displayName) {

    /** What names are made of (their length is checked apart, so that each rule has its own message). */
    public static final String NAME_CHARACTERS = "[A-Za-z0-9_.-]*";
    public static final String NAME_MESSAGE = "only letters A-Z and a-z, digits, _ - and .";
    /** Null passes (absent), spaces only do not. */
    public static final String NOT_BLANK = "(?s).*\\S.*";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    /** Never the password: records print every component. */
    @Override
    public String toString() {
        return "SignUp[name=" + name + ", displayName=" + displayName + "]";
    }
}
