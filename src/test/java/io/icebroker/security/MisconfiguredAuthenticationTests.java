package io.icebroker.security;

import io.icebroker.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.icebroker.testsupport.ServiceStart.startOnAFreePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misconfigured service refuses to start with one readable block naming the variable
 * and the fix, no stack trace, and never the secret it was given.
 */
@ExtendWith(OutputCaptureExtension.class)
class MisconfiguredAuthenticationTests {

	private static final String SHORT_SECRET = "too-short-S3CRET";

	private static final String SHORT_KEY = "short-S3CRET";

	@Test
	void apiKeyModeWithoutKeysStopsStartupWithOneReadableBlock(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=api-key"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_API_KEYS is empty but TURN_AUTH_MODE is api-key",
				"Set TURN_API_KEYS to one or more comma-separated keys of at least 16 characters");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@Test
	void aShortApiKeyStopsStartupWithoutPrintingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=api-key",
				"TURN_API_KEYS=" + TestSecrets.TURN_API_KEY + "," + SHORT_KEY));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_API_KEYS key number 2 is shorter than 16 characters",
				"Replace it with a long random key, for example from `openssl rand -hex 32`.");
		assertThat(output).doesNotContain("\tat ", "Exception", SHORT_KEY, TestSecrets.TURN_API_KEY);
	}

	@Test
	void jwtModeWithoutAKeySourceStopsStartupNamingBothVariables(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=jwt"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_AUTH_MODE is jwt but neither TURN_JWT_JWK_SET_URI nor TURN_JWT_SECRET is set",
				"Set exactly one of them: TURN_JWT_JWK_SET_URI to your identity provider's JWK set URL");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@Test
	void jwtModeWithAShortSecretStopsStartupWithoutPrintingIt(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=jwt", "TURN_JWT_SECRET=" + SHORT_SECRET));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_JWT_SECRET is shorter than the 32 bytes HS256 needs");
		assertThat(output).doesNotContain("\tat ", "Exception", SHORT_SECRET);
	}

	@Test
	void jwtModeWithAJwkSetButNoAudienceStopsStartupNamingTheAudience(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=jwt",
				"TURN_JWT_JWK_SET_URI=https://idp.example.test/.well-known/jwks.json"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_JWT_AUDIENCE is not set but TURN_JWT_JWK_SET_URI is",
				"Set TURN_JWT_AUDIENCE to the audience your identity provider puts in tokens for this service");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@Test
	void jwtModeWithAJwkSetOverPlainHttpStopsStartupWithoutPrintingTheUrl(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=jwt",
				"TURN_JWT_JWK_SET_URI=http://idp.example.test/jwks-path", "TURN_JWT_AUDIENCE=icebroker"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_JWT_JWK_SET_URI has scheme 'http', which is not https",
				"Set TURN_JWT_JWK_SET_URI to your identity provider's JWK set URL");
		assertThat(output).doesNotContain("\tat ", "Exception", "jwks-path");
	}

	@Test
	void aMaxLifetimeThatIsNotPositiveStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=jwt",
				"TURN_JWT_SECRET=" + TestSecrets.TURN_JWT_SECRET, "TURN_JWT_MAX_LIFETIME=0"));

		assertThat(output).contains("APPLICATION FAILED TO START", "TURN_JWT_MAX_LIFETIME is not positive",
				"Set TURN_JWT_MAX_LIFETIME to the longest a token may live from issue to expiry");
		assertThat(output).doesNotContain("\tat ", "Exception", "icebroker.auth", TestSecrets.TURN_JWT_SECRET);
	}

	@Test
	void aMistypedModeListsTheModesAsDocumentedAndSuggestsTheNearest(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=apikeys"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_AUTH_MODE is 'apikeys', which is not one of none, api-key, jwt",
				"Set TURN_AUTH_MODE to one of none, api-key, jwt. Did you mean 'api-key'?");
		assertThat(output).doesNotContain("\tat ", "Exception", "API_KEY", "icebroker.auth");
	}

	@Test
	void anUnknownModeFarFromAnyListsTheModesWithoutAGuess(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> startOnAFreePort("TURN_AUTH_MODE=password", "TURN_API_KEYS=" + TestSecrets.TURN_API_KEY));

		assertThat(output).contains("TURN_AUTH_MODE is 'password', which is not one of none, api-key, jwt")
			.doesNotContain("Did you mean");
		assertThat(output).doesNotContain("\tat ", "Exception", TestSecrets.TURN_API_KEY);
	}

}
