package io.icebroker.security;

import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In jwt mode: a verified user, a JWT's subject, has a bucket of its own that follows it
 * across addresses; a user's token is no operator's key.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_AUTH_MODE=jwt", "TURN_JWT_SECRET=" + TestSecrets.TURN_JWT_SECRET,
				"TURN_RATE_LIMIT_PER_MINUTE=5", "TURN_TRUSTED_PROXIES=127.0.0.1",
				"TURN_ADMIN_KEYS=" + TestSecrets.TURN_ADMIN_KEY,
				"management.endpoints.web.exposure.include=health,prometheus,turn" })
class JwtOperatorsAndRateLimitIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void sixthRequestOfAVerifiedUserInAMinuteIsTooManyRequestsFromAnyAddress() {
		String alice = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("alice"));
		for (int request = 1; request <= 5; request++) {
			assertThat(credentials(alice, "198.51.100." + request).statusCode()).as("request %d", request)
				.isEqualTo(200);
		}

		HttpResponse<String> sixth = credentials(alice, "198.51.100.6");

		assertThat(sixth.statusCode()).isEqualTo(429);
		assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
		assertThat(LocalHttp.json(sixth).get("detail").asString()).contains("5 requests per minute for this user");
		String bob = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("bob"));
		assertThat(credentials(bob, "198.51.100.7").statusCode()).as("another user").isEqualTo(200);
		assertThat(LocalHttp
			.get(this.port, "/actuator/prometheus", "Authorization", "Bearer " + TestSecrets.TURN_ADMIN_KEY)
			.body()).containsPattern("turn_rate_limited_total\\{[^}]*scope=\"user\"[^}]*\\} [1-9]");
	}

	@Test
	void aUsersTokenCannotForceARefreshOrReadPrometheusAndAnAdminKeyCan() {
		String carol = "Bearer " + TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, TestTokens.valid("carol"));
		assertThat(LocalHttp.get(this.port, "/actuator/turn", "Authorization", carol).statusCode())
			.as("reads keep the client rule")
			.isEqualTo(200);

		HttpResponse<String> refresh = LocalHttp.send("POST", this.port, "/actuator/turn/free-public-turn",
				"Authorization", carol);

		assertThat(refresh.statusCode()).isEqualTo(403);
		assertThat(LocalHttp.json(refresh).get("detail").asString()).contains("TURN_ADMIN_KEYS");
		assertThat(LocalHttp.get(this.port, "/actuator/prometheus", "Authorization", carol).statusCode())
			.isEqualTo(403);
		assertThat(LocalHttp.get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(LocalHttp
			.send("POST", this.port, "/actuator/turn/free-public-turn", "Authorization",
					"Bearer " + TestSecrets.TURN_ADMIN_KEY)
			.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> credentials(String token, String forwardedFor) {
		return LocalHttp.get(this.port, "/turn/credentials", "Authorization", "Bearer " + token, "X-Forwarded-For",
				forwardedFor);
	}

}
