package pai.chat.service.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SignInLimiterTest {

    @Test
    void retryAfterIsTheTimeLeftInWholeSecondsRoundedUp() {
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ofMinutes(15))).isEqualTo(900);
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ofMillis(899_001))).isEqualTo(900);
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ofMillis(1_500))).isEqualTo(2);
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ofMillis(1_000))).isEqualTo(1);
    }

    @Test
    void aLockAboutToEndStillSaysOneSecond() {
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(SignInLimiter.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }
}
