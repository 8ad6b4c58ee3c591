package io.icebroker.provider.coturn;

import java.time.Instant;

import io.icebroker.TestSecrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnRestCredentialsTests {

	// 2026-01-01T00:00:00Z
	private static final Instant EXPIRY = Instant.ofEpochSecond(1767225600L);

	@Test
	void credentialIsTheBase64HmacSha1OfTheUsernameKeyedWithTheSecret() {
		// Computed independently:
		// $ printf '%s' '1767225600:alice' | openssl dgst -sha1 -hmac
		// 'coturn-S3CRET-5e0c7b'
		// SHA1(stdin)= cd079f92ec56323b0d9f725835064a1a1c773b27
		// $ printf '%s' '1767225600:alice' | openssl dgst -sha1 -hmac
		// 'coturn-S3CRET-5e0c7b' -binary | openssl base64
		// zQefkuxWMjsNn3JYNQZKGhx3Oyc=
		assertThat(TurnRestCredentials.sign(TestSecrets.COTURN_SECRET, "1767225600:alice"))
			.isEqualTo("zQefkuxWMjsNn3JYNQZKGhx3Oyc=");
	}

	@Test
	void usernameIsTheExpiryInUnixSecondsThenTheUserId() {
		TurnRestCredentials.Credentials credentials = TurnRestCredentials.issue(TestSecrets.COTURN_SECRET, "alice",
				EXPIRY);

		assertThat(credentials.username()).isEqualTo("1767225600:alice");
		assertThat(credentials.credential()).isEqualTo("zQefkuxWMjsNn3JYNQZKGhx3Oyc=");
	}

	@Test
	void userIdMayContainColonsAndAtSigns() {
		// $ printf '%s' '1767225600:bob@example.com:desk-2' | openssl dgst -sha1 -hmac
		// 'coturn-S3CRET-5e0c7b' -binary | openssl base64
		// EYoTGlx+8qESveWJE++yyyMo184=
		TurnRestCredentials.Credentials credentials = TurnRestCredentials.issue(TestSecrets.COTURN_SECRET,
				"bob@example.com:desk-2", EXPIRY);

		assertThat(credentials.username()).isEqualTo("1767225600:bob@example.com:desk-2");
		assertThat(credentials.credential()).isEqualTo("EYoTGlx+8qESveWJE++yyyMo184=");
	}

	@Test
	void expiryIsTruncatedToWholeSeconds() {
		assertThat(TurnRestCredentials.issue(TestSecrets.COTURN_SECRET, "alice", EXPIRY.plusMillis(999)).username())
			.isEqualTo("1767225600:alice");
	}

	@Test
	void toStringHidesTheCredential() {
		TurnRestCredentials.Credentials credentials = TurnRestCredentials.issue(TestSecrets.COTURN_SECRET, "alice",
				EXPIRY);

		assertThat(credentials.toString()).contains("1767225600:alice").doesNotContain(credentials.credential());
	}

}
