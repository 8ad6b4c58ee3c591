package io.icebroker.security;

import java.util.List;

import io.icebroker.TestSecrets;
import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthConfigurationTests {

	private static final String SHORT_SECRET = "short-S3CRET-41";

	@Test
	void apiKeyModeNeedsAKey() {
		assertThatExceptionOfType(MisconfigurationException.class).isThrownBy(() -> ApiKeys.of(List.of()))
			.withMessageContaining("TURN_API_KEYS is empty");
	}

	@Test
	void shortApiKeysAreRefusedWithoutQuotingThem() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.of(List.of(TestSecrets.TURN_API_KEY, SHORT_SECRET)))
			.withMessageContaining("TURN_API_KEYS key number 2")
			.withMessageNotContaining(SHORT_SECRET)
			.withMessageNotContaining(TestSecrets.TURN_API_KEY);
	}

	@Test
	void apiKeysMatchOnlyExactly() {
		ApiKeys keys = ApiKeys.of(List.of(TestSecrets.TURN_API_KEY, TestSecrets.TURN_API_KEY_ROTATED));

		assertThat(keys.matches(TestSecrets.TURN_API_KEY)).isTrue();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY_ROTATED)).isTrue();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY.toUpperCase())).isFalse();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY + " ")).isFalse();
		assertThat(keys.matches("")).isFalse();
	}

	@Test
	void keysAreTrimmedAndBlankEntriesDropped() {
		AuthProperties properties = new AuthProperties(AuthMode.API_KEY,
				List.of(" " + TestSecrets.TURN_API_KEY + " ", "", "  "), new AuthProperties.Jwt("", "", "", ""),
				List.of(" " + TestSecrets.TURN_ADMIN_KEY + " ", ""));

		assertThat(properties.apiKeys()).containsExactly(TestSecrets.TURN_API_KEY);
		assertThat(properties.adminKeys()).containsExactly(TestSecrets.TURN_ADMIN_KEY);
	}

	@Test
	void anAdminKeyUnder32CharactersIsAMisconfigurationThatNeverShowsIt() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.admin(List.of(TestSecrets.TURN_ADMIN_KEY, TestSecrets.TURN_API_KEY), List.of()))
			.withMessageContaining("TURN_ADMIN_KEYS key number 2 is shorter than 32 characters")
			.withMessageNotContaining(TestSecrets.TURN_API_KEY);
	}

	@Test
	void anAdminKeyThatIsAlsoAClientKeyIsAMisconfiguration() {
		String both = TestSecrets.TURN_ADMIN_KEY;
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.admin(List.of(both), List.of(TestSecrets.TURN_API_KEY, both)))
			.withMessageContaining("TURN_ADMIN_KEYS key number 1 is also in TURN_API_KEYS")
			.withMessageNotContaining(both);
	}

	@Test
	void jwtModeNeedsExactlyOneWayToVerifyTokens() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(new AuthProperties.Jwt("", "", "", "")))
			.withMessageContaining("neither TURN_JWT_JWK_SET_URI nor TURN_JWT_SECRET is set");
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding
				.decoder(new AuthProperties.Jwt("https://idp.example.test/jwks", TestSecrets.TURN_JWT_SECRET, "", "")))
			.withMessageContaining("both TURN_JWT_JWK_SET_URI and TURN_JWT_SECRET are set")
			.withMessageNotContaining(TestSecrets.TURN_JWT_SECRET);
	}

	@Test
	void shortJwtSecretIsRefusedWithoutQuotingIt() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(new AuthProperties.Jwt("", SHORT_SECRET, "", "")))
			.withMessageContaining("TURN_JWT_SECRET is shorter than the 32 bytes")
			.withMessageNotContaining(SHORT_SECRET);
	}

	@Test
	void jwkSetDecoderDoesNotFetchKeysAtStartup() {
		assertThat(JwtDecoding.decoder(new AuthProperties.Jwt("http://127.0.0.1:9/unreachable", "", "", "")))
			.isNotNull();
	}

	@Test
	void toStringNeverShowsASecret() {
		AuthProperties properties = new AuthProperties(AuthMode.JWT, List.of(TestSecrets.TURN_API_KEY),
				new AuthProperties.Jwt("", TestSecrets.TURN_JWT_SECRET, "https://issuer.example.test", "icebroker"),
				List.of(TestSecrets.TURN_ADMIN_KEY));

		assertThat(properties.toString()).doesNotContain(TestSecrets.TURN_API_KEY)
			.doesNotContain(TestSecrets.TURN_JWT_SECRET)
			.doesNotContain(TestSecrets.TURN_ADMIN_KEY)
			.contains("1 key(s)")
			.contains("secret=(set)");
	}

}
