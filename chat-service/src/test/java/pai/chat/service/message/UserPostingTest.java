package pai.chat.service.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import pai.chat.service.message.UserPosting.NewMessage;
import pai.events.chat.MessageKind;
import pai.platform.error.InvalidFieldException;

class UserPostingTest {
    @Test
    void aTextMessageNeedsOneToFourThousandCharactersCountedInCodePoints() {
        assertThatCode(() -> UserPosting.validate(text("😀".repeat(4000)))).doesNotThrowAnyException();
        assertRefused(text("😀".repeat(4001)), "text");
        assertRefused(text("  "), "text");
        assertRefused(text(null), "text");
    }

    @Test
    void anImageMessageNeedsAMediaId() {
        assertThatCode(() -> UserPosting.validate(new NewMessage("c1", MessageKind.IMAGE, null, "m1", null)))
                .doesNotThrowAnyException();
        assertRefused(new NewMessage("c1", MessageKind.IMAGE, "caption", " ", null), "mediaId");
    }

    @Test
    void usersPostOnlyTextAndImages() {
        for (MessageKind kind : MessageKind.values()) {
            if (kind != MessageKind.TEXT && kind != MessageKind.IMAGE) {
                assertRefused(new NewMessage("c1", kind, "hi", "m1", null), "kind");
            }
        }
    }

    private static NewMessage text(String text) {
        return new NewMessage("c1", MessageKind.TEXT, text, null, null);
    }

    private static void assertRefused(NewMessage request, String field) {
        assertThatThrownBy(() -> UserPosting.validate(request)).isInstanceOfSatisfying(InvalidFieldException.class,
                refused -> assertThat(refused.field()).isEqualTo(field));
    }
}
