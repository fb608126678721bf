package pai.chat.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import pai.chat.domain.Account;
import pai.chat.service.account.AccountService;

/** The JSON shapes of the accounts API, /api/auth (docs/contract.md). None prints a password or a token. */
public final class AuthDtos {
    private AuthDtos() {
    }

    /** Longer names and passwords than sign-up takes cannot be right: refused as input, not as credentials. */
    public record SignIn(@NotBlank @Size(max = 32) String name, @NotNull @Size(max = 128) String password) {
        @Override
        public String toString() {
            return "SignIn[name=" + name + "]";
        }
    }

    /** The body of refresh and of sign-out. */
    public record RefreshTokenBody(@NotBlank @Size(max = 128) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshTokenBody[]";
        }
    }

    /** A signed-in session; {@code expiresIn} is the access token's, in seconds. */
    public record SessionView(String userId, String name, String displayName, String accessToken, String refreshToken,
            long expiresIn) {
        static SessionView of(AccountService.Session session) {
            return new SessionView(session.account().id, session.account().name, session.account().displayName,
                    session.accessToken(), session.refreshToken(), session.expiresIn().toSeconds());
        }

        @Override
        public String toString() {
            return "SessionView[" + userId + "]";
        }
    }

    public record MeView(String userId, String name, String displayName, String avatarMediaId, List<String> roles) {
        static MeView of(Account account) {
            return new MeView(account.id, account.name, account.displayName, account.avatarMediaId, account.roles());
        }
    }
}
