package io.icebroker.security;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens signed by an identity provider, verified with the keys it publishes (served here
 * by WireMock).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_AUTH_MODE=jwt", "TURN_JWT_AUDIENCE=" + TestTokens.AUDIENCE,
				"TURN_PROVIDER_ORDER=" + UserIdEcho.ID + ",free-public-turn", "TURN_RATE_LIMIT_PER_MINUTE=1000" })
@Import(UserIdEcho.class)
class JwkSetAuthenticationIntegrationTests {

	private static final RSAKey issuerKey = generate("issuer-key");

	private static final RSAKey strangerKey = generate("issuer-key");

	private static final WireMockServer identityProvider = new WireMockServer(
			WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		identityProvider.start();
		identityProvider.stubFor(WireMock.get("/.well-known/jwks.json")
			.willReturn(WireMock.okJson(new JWKSet(issuerKey.toPublicJWK()).toString())));
		registry.add("TURN_JWT_JWK_SET_URI", () -> identityProvider.baseUrl() + "/.well-known/jwks.json");
	}

	@AfterAll
	static void stopIdentityProvider() {
		identityProvider.stop();
	}

	@Test
	void tokenSignedWithThePublishedKeyIsAccepted() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + rs256(issuerKey, "carol"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"username\":\"carol\"");
	}

	@Test
	void tokenSignedWithAnUnpublishedKeyIsUnauthorized() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + rs256(strangerKey, "carol"));

		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(response);
	}

	@Test
	void hmacTokenIsUnauthorizedWhenKeysComeFromAJwkSet() {
		String token = TestTokens.hs256(issuerKey.getModulus().toString(), TestTokens.valid("carol"));

		ApiKeyAuthenticationIntegrationTests
			.assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "Authorization", "Bearer " + token));
	}

	private static String rs256(RSAKey key, String subject) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					TestTokens.valid(subject).build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
