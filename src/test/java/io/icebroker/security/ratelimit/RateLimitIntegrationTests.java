package io.icebroker.security.ratelimit;

import java.net.http.HttpResponse;

import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five requests a minute, behind a trusted proxy on loopback, so that each test can play
 * clients at different addresses. Every test uses its own users and addresses: buckets
 * outlive a test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "TURN_RATE_LIMIT_PER_MINUTE=5",
		"TURN_TRUSTED_PROXIES=127.0.0.1", "management.endpoints.web.exposure.include=health,prometheus" })
class RateLimitIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void aStatedUserIdCannotBeLockedOutFromAnotherAddress() {
		for (int request = 1; request <= 5; request++) {
			assertThat(credentials("victim-42", "198.51.100.1").statusCode()).as("request %d", request).isEqualTo(200);
		}
		assertTooManyRequests(credentials("victim-42", "198.51.100.1"), "client address");

		assertThat(credentials("victim-42", "198.51.100.2").statusCode())
			.as("the same user id from another address: without a verified token it has no bucket of its own")
			.isEqualTo(200);
	}

	@Test
	void sixthRequestFromAnAddressInAMinuteIsTooManyRequests() {
		for (int request = 1; request <= 5; request++) {
			assertThat(credentials("carol-" + request, "203.0.113.50").statusCode()).isEqualTo(200);
		}

		assertTooManyRequests(credentials("carol-6", "203.0.113.50"), "client address");
		assertThat(credentials("carol-6", "203.0.113.51").statusCode()).as("another address").isEqualTo(200);
	}

	@Test
	void clientCannotEscapeTheAddressLimitByForgingForwardedFor() {
		for (int request = 1; request <= 5; request++) {
			assertThat(credentials("dave-" + request, "6.6.6.6, 203.0.113.60").statusCode()).isEqualTo(200);
		}

		assertTooManyRequests(credentials("dave-6", "6.6.6." + 7 + ", 203.0.113.60"), "client address");
	}

	@Test
	void credentialsAndTheProbeShareOneBudgetPerAddress() {
		for (int request = 1; request <= 5; request++) {
			assertThat(credentials("frank-" + request, "203.0.113.70").statusCode()).isEqualTo(200);
		}

		assertTooManyRequests(LocalHttp.get(this.port, "/actuator/turnprobe", "X-Forwarded-For", "203.0.113.70"),
				"client address");
	}

	@Test
	void anonymousRequestsAreLimitedByAddressOnly() {
		for (int request = 1; request <= 6; request++) {
			assertThat(
					LocalHttp.get(this.port, "/turn/credentials", "X-Forwarded-For", "192.0.2." + request).statusCode())
				.as("anonymous request %d", request)
				.isEqualTo(200);
		}
	}

	@Test
	void rejectionsAreCountedByScope() {
		for (int request = 1; request <= 6; request++) {
			credentials("erin-" + request, "198.51.100.100");
		}

		String metrics = LocalHttp.get(this.port, "/actuator/prometheus").body();

		assertThat(metrics).containsPattern("turn_rate_limited_total\\{[^}]*scope=\"address\"[^}]*\\} [1-9]");
	}

	@Test
	void healthIsNeverRateLimited() {
		for (int request = 1; request <= 12; request++) {
			assertThat(LocalHttp.get(this.port, "/actuator/health", "X-Forwarded-For", "203.0.113.99").statusCode())
				.isEqualTo(200);
		}
	}

	private HttpResponse<String> credentials(String userId, String forwardedFor) {
		return LocalHttp.get(this.port, "/turn/credentials?userId=" + userId, "X-Forwarded-For", forwardedFor);
	}

	private static void assertTooManyRequests(HttpResponse<String> response, String scope) {
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((retryAfter) -> assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60));
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("title").asString()).isEqualTo("Too Many Requests");
		assertThat(problem.get("detail").asString()).contains("5 requests per minute for this " + scope);
	}

}
