package io.icebroker.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_AUTH_MODE=jwt", "TURN_JWT_SECRET=" + TestSecrets.TURN_JWT_SECRET,
				"TURN_JWT_ISSUER=" + TestTokens.ISSUER, "TURN_JWT_AUDIENCE=" + TestTokens.AUDIENCE,
				"TURN_API_KEYS=" + TestSecrets.TURN_API_KEY,
				"TURN_PROVIDER_ORDER=" + UserIdEcho.ID + ",free-public-turn", "TURN_RATE_LIMIT_PER_MINUTE=1000" })
@Import(UserIdEcho.class)
@ExtendWith(OutputCaptureExtension.class)
class JwtAuthenticationIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String OTHER_SECRET = "another-issuers-secret-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Test
	void requestWithoutTokenIsUnauthorized() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=alice");

		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"icebroker\"");
	}

	@Test
	void malformedTokenIsUnauthorizedAsInvalidToken() {
		assertInvalidToken("not-a-jwt");
		assertInvalidToken("a.b.c");
	}

	@Test
	void tokenSignedWithAnotherSecretIsUnauthorized() {
		assertInvalidToken(TestTokens.hs256(OTHER_SECRET, TestTokens.valid("alice")));
	}

	@Test
	void expiredTokenIsUnauthorized() {
		Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice")
					.issueTime(Date.from(hourAgo.minus(Duration.ofMinutes(5))))
					.expirationTime(Date.from(hourAgo))));
	}

	@Test
	void tokenWithoutExpiryIsUnauthorized() {
		assertInvalidToken(
				TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice").expirationTime(null)));
	}

	@Test
	void tokenLivingLongerThanTheDefaultMaximumOfADayIsUnauthorized() {
		Instant now = Instant.now();
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice")
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plus(Duration.ofHours(25))))));
	}

	@Test
	void tokenLivingADayIsAccepted() {
		Instant now = Instant.now();
		String token = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice")
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plus(Duration.ofHours(24)))));

		assertThat(LocalHttp.get(this.port, "/turn/credentials", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(200);
	}

	@Test
	void tokenNotYetValidIsUnauthorized() {
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice").notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1))))));
	}

	@Test
	void tokenForAnotherAudienceIsUnauthorized() {
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice").audience(List.of("some-other-service"))));
	}

	@Test
	void tokenWithoutAudienceIsUnauthorized() {
		assertInvalidToken(
				TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice").audience((String) null)));
	}

	@Test
	void tokenFromAnotherIssuerIsUnauthorized() {
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET,
				TestTokens.valid("alice").issuer("https://elsewhere.example.test")));
	}

	@Test
	void tokenWithoutSubjectIsUnauthorized() {
		assertInvalidToken(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice").subject(null)));
	}

	@Test
	void unsignedTokenIsUnauthorized() {
		assertInvalidToken(new PlainJWT(TestTokens.valid("alice").build()).serialize());
	}

	@Test
	void apiKeyIsNotAcceptedInJwtMode() {
		ApiKeyAuthenticationIntegrationTests
			.assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", TestSecrets.TURN_API_KEY));
		assertInvalidToken(TestSecrets.TURN_API_KEY);
	}

	@Test
	void validTokenIsAcceptedAndItsSubjectWinsOverUserId(CapturedOutput output) {
		String token = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice@example.test"));

		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=mallory", "Authorization",
				"Bearer " + token, "X-User-Id", "eve");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("iceServers").get(0).get("username").asString()).isEqualTo("alice@example.test");
		assertThat(output).contains("issued for user alice@example.test").doesNotContain(token);
	}

	@Test
	void tokenTypedAsAccessTokenIsAccepted() throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
				TestTokens.valid("bob").build());
		jwt.sign(new MACSigner(TestSecrets.TURN_JWT_SECRET.getBytes(StandardCharsets.UTF_8)));

		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + jwt.serialize());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void subjectThatBreaksTheUserIdRulesIsABadRequestProblem() {
		String token = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice smith\n[TURN] forged"));

		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + token);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("Invalid user id");
		assertThat(response.body()).doesNotContain("forged");
	}

	@Test
	void turnOperationsEndpointsRequireAToken() {
		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(LocalHttp.get(this.port, "/actuator/turn"));
		String token = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("operator"));
		assertThat(LocalHttp.get(this.port, "/actuator/turn", "Authorization", "Bearer " + token).statusCode())
			.isNotIn(401, 403);
		assertThat(LocalHttp.get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
	}

	private void assertInvalidToken(String token) {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=alice", "Authorization",
				"Bearer " + token);
		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"icebroker\", error=\"invalid_token\"");
		assertThat(response.body()).doesNotContain(token);
	}

}
