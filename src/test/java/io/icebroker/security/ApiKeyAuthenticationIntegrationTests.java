package io.icebroker.security;

import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_AUTH_MODE=api-key",
				"TURN_API_KEYS=" + TestSecrets.TURN_API_KEY + " , " + TestSecrets.TURN_API_KEY_ROTATED,
				"TURN_PROVIDER_ORDER=" + UserIdEcho.ID + ",free-public-turn", "TURN_RATE_LIMIT_PER_MINUTE=1000",
				"TURN_ALLOWED_ORIGINS=https://app.example.test",
				"management.endpoints.web.exposure.include=health,prometheus,turn",
				"TURN_ADMIN_KEYS=" + TestSecrets.TURN_ADMIN_KEY })
@Import(UserIdEcho.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void requestWithoutKeyIsUnauthorizedWithChallengeAndProblem() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=alice");

		assertUnauthorized(response);
		assertThat(json.readTree(response.body()).get("detail").asString()).contains("X-API-Key");
	}

	@Test
	void wrongKeyIsUnauthorizedWhereverItIsSent() {
		String almost = TestSecrets.TURN_API_KEY.substring(0, TestSecrets.TURN_API_KEY.length() - 1);
		assertUnauthorized(
				LocalHttp.get(this.port, "/turn/credentials", "Authorization", "Bearer wrong-key-0123456789"));
		assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", "wrong-key-0123456789"));
		assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", almost));
		assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", TestSecrets.TURN_API_KEY + "x"));
		assertUnauthorized(
				LocalHttp.get(this.port, "/turn/credentials", "Authorization", "Basic " + TestSecrets.TURN_API_KEY));
	}

	@Test
	void requestsAreTimedOnceByTheServerNotAgainBySpringSecurity(@Autowired MeterRegistry meters) {
		assertThat(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", TestSecrets.TURN_API_KEY).statusCode())
			.isEqualTo(200);

		assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("http.server.requests")
			.noneMatch((name) -> name.startsWith("spring.security."));
	}

	@Test
	void keyIsAcceptedAsBearerToken() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + TestSecrets.TURN_API_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void keyIsAcceptedInXApiKeyHeader() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "X-API-Key",
				TestSecrets.TURN_API_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void everyKeyOfTheListIsAcceptedSoThatKeysCanBeRotated() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials", "X-API-Key",
				TestSecrets.TURN_API_KEY_ROTATED);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void twoDifferentKeysInOneRequestAreRefused() {
		assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials", "Authorization",
				"Bearer " + TestSecrets.TURN_API_KEY, "X-API-Key", TestSecrets.TURN_API_KEY_ROTATED));
	}

	@Test
	void userIdComesFromTheRequestNotFromTheKey(CapturedOutput output) {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=alice", "X-API-Key",
				TestSecrets.TURN_API_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echoedUserId(response)).isEqualTo("alice");
		assertThat(output).contains("issued for user alice").doesNotContain(TestSecrets.TURN_API_KEY);
	}

	@Test
	void turnOperationsEndpointsRequireTheKey() {
		for (String path : new String[] { "/actuator/turn", "/actuator/turnprobe", "/actuator" }) {
			assertUnauthorized(LocalHttp.get(this.port, path));
			// With the key the request reaches the endpoint (404 until it is exposed).
			assertThat(LocalHttp.get(this.port, path, "X-API-Key", TestSecrets.TURN_API_KEY).statusCode()).as(path)
				.isNotIn(401, 403);
		}
	}

	@Test
	void corsPreflightNeedsNoKeyBecauseBrowsersSendNone() {
		HttpResponse<String> response = LocalHttp.send("OPTIONS", this.port, "/turn/credentials", "Origin",
				"https://app.example.test", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers",
				"x-api-key");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.test");
	}

	@Test
	void healthStaysOpenOnTheApplicationPort() {
		assertThat(LocalHttp.get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(LocalHttp.get(this.port, "/actuator/health/liveness").statusCode()).isNotIn(401, 403);
	}

	@Test
	void prometheusOnTheApplicationPortNeedsAnAdminKeyNotAClientKey() {
		assertUnauthorized(LocalHttp.get(this.port, "/actuator/prometheus"));
		assertUnauthorized(LocalHttp.get(this.port, "/actuator/prometheus", "X-API-Key", TestSecrets.TURN_API_KEY));

		HttpResponse<String> prometheus = LocalHttp.get(this.port, "/actuator/prometheus", "Authorization",
				"Bearer " + TestSecrets.TURN_ADMIN_KEY);

		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("turn_rate_limited_total");
	}

	@Test
	void aClientKeyCannotForceARefreshAndAnAdminKeyCan() {
		assertUnauthorized(LocalHttp.send("POST", this.port, "/actuator/turn/free-public-turn", "X-API-Key",
				TestSecrets.TURN_API_KEY));
		assertUnauthorized(LocalHttp.send("POST", this.port, "/actuator/turn/free-public-turn", "Authorization",
				"Bearer " + TestSecrets.TURN_API_KEY));

		assertThat(LocalHttp
			.send("POST", this.port, "/actuator/turn/free-public-turn", "X-API-Key", TestSecrets.TURN_ADMIN_KEY)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminKeyIsNoClientKey() {
		assertUnauthorized(
				LocalHttp.get(this.port, "/turn/credentials?userId=alice", "X-API-Key", TestSecrets.TURN_ADMIN_KEY));
	}

	@Test
	void staticPagesStayOpen() {
		assertThat(LocalHttp.get(this.port, "/security-check.html").statusCode()).isEqualTo(200);
		HttpResponse<String> root = LocalHttp.get(this.port, "/");
		assertThat(root.statusCode()).isNotIn(401, 403);
	}

	private static String echoedUserId(HttpResponse<String> response) {
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("provider").asString()).isEqualTo(UserIdEcho.ID);
		return body.get("iceServers").get(0).get("username").asString();
	}

	static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer realm=\"icebroker\""));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		for (String secret : TestSecrets.ALL) {
			assertThat(response.body()).doesNotContain(secret);
		}
	}

}
