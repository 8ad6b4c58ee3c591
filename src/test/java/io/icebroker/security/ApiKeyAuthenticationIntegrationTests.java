package io.icebroker.security;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.RawHttp;
import io.icebroker.testsupport.TwilioApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

/**
 * {@code TURN_AUTH_MODE=api-key} with two client keys and an admin key. Cloudflare and
 * Twilio are configured behind the user id echo, which always serves: they never answer,
 * but their secrets are there to leak.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_AUTH_MODE=api-key",
				"TURN_API_KEYS=" + TestSecrets.TURN_API_KEY + " , " + TestSecrets.TURN_API_KEY_ROTATED,
				"TURN_PROVIDER_ORDER=" + UserIdEcho.ID + ",cloudflare,twilio,free-public-turn",
				"CLOUDFLARE_TURN_KEY=cf-key-id", "CLOUDFLARE_API_TOKEN=" + TestSecrets.CLOUDFLARE_API_TOKEN,
				"TWILIO_ACCOUNT_SID=" + TwilioApi.ACCOUNT_SID, "TWILIO_AUTH_TOKEN=" + TestSecrets.TWILIO_AUTH_TOKEN,
				"TURN_RATE_LIMIT_PER_MINUTE=1000", "TURN_ALLOWED_ORIGINS=https://app.example.test",
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

	/**
	 * Requests an attacker would send, written byte for byte on a raw socket so that no
	 * client library can tidy them up. Each must be refused with a 4xx problem body that
	 * repeats nothing dangerous, no log line may be forged by it, no secret may show
	 * anywhere, and the service must still be healthy afterwards.
	 * <p>
	 * Authentication is on and every request carries a valid key, so that bad input
	 * reaches as deep into the service as it can; paid providers are configured so that
	 * their secrets are there to leak.
	 */
	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class HostileInput {

		private static final JsonMapper json = JsonMapper.builder().build();

		private static final Pattern FORGED_TURN_MESSAGE = Pattern.compile("\\s:\\s+\\[TURN\\].*forged");

		private static final String KEY = "X-API-Key: " + TestSecrets.TURN_API_KEY + "\r\n";

		@LocalServerPort
		private int port;

		static Stream<HostileRequest> hostileRequests() {
			return Stream.of(
					// The user id: control characters, log and JSON injection,
					// look-alikes.
					get("CR LF log injection in userId",
							"/turn/credentials?userId=bob%0d%0a%5BTURN%5D%20%E2%9C%85%20forged", 400),
					get("LF log injection in userId", "/turn/credentials?userId=%0a%5BTURN%5D%20%E2%9C%85%20forged",
							400),
					get("NUL in userId", "/turn/credentials?userId=bob%00forged", 400),
					get("tab in userId", "/turn/credentials?userId=bob%09forged", 400),
					get("ANSI escape in userId", "/turn/credentials?userId=%1b%5B31mforged", 400),
					get("DEL in userId", "/turn/credentials?userId=bob%7F", 400),
					get("Unicode line separator in userId", "/turn/credentials?userId=bob%E2%80%A8forged", 400),
					get("129-character userId", "/turn/credentials?userId=" + "a".repeat(129), 400),
					get("4000-character userId", "/turn/credentials?userId=" + "a".repeat(4000), 400),
					get("empty userId", "/turn/credentials?userId=", 400),
					get("Cyrillic look-alike userId", "/turn/credentials?userId=%D0%B0dmin", 400),
					get("fullwidth look-alike userId", "/turn/credentials?userId=%EF%BD%81dmin", 400),
					get("zero-width space in userId", "/turn/credentials?userId=ad%E2%80%8Bmin", 400),
					get("right-to-left override in userId", "/turn/credentials?userId=%E2%80%AEnimda", 400),
					get("script tag in userId", "/turn/credentials?userId=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400),
					get("JSON injection in userId", "/turn/credentials?userId=x%22%2C%22provider%22%3A%22forged", 400),
					get("log placeholder and JNDI lookup in userId",
							"/turn/credentials?userId=%7B%7D%24%7Bjndi%3Aldap%3A%2F%2Fforged%7D", 400),
					get("double-encoded newline in userId", "/turn/credentials?userId=bob%250a%5BTURN%5D", 400),
					get("spaces in userId", "/turn/credentials?userId=bob%20smith", 400),
					get("repeated userId parameter", "/turn/credentials?userId=alice&userId=bob", 400),
					get("invalid percent-encoding", "/turn/credentials?userId=%zz", 400),
					get("invalid UTF-8 in userId", "/turn/credentials?userId=%C3%28", 400),
					get("path traversal as userId", "/turn/credentials?userId=..%2F..%2Fetc%2Fpasswd", 400),
					// Headers.
					get("script tag in X-User-Id", "/turn/credentials", 400, "X-User-Id: <script>alert(1)</script>"),
					get("UTF-8 log injection in X-User-Id", "/turn/credentials", 400,
							"X-User-Id: x \u2705 [TURN] forged"),
					get("NUL byte in a header", "/turn/credentials", 400, "X-User-Id: bob\u0000forged"),
					get("bare CR in a header", "/turn/credentials", 400, "X-User-Id: bob\r[TURN] forged"),
					get("repeated X-User-Id headers", "/turn/credentials", 400, "X-User-Id: alice", "X-User-Id: bob"),
					get("obsolete line folding", "/turn/credentials", 400, "X-User-Id: bob", " [TURN] forged"),
					get("oversized header", "/turn/credentials", 400, "X-Padding: " + "a".repeat(16_000)),
					get("too many headers", "/turn/credentials", 400,
							IntStream.range(0, 120)
								.mapToObj((index) -> "X-Header-" + index + ": x")
								.toArray(String[]::new)),
					get("space in a header name", "/turn/credentials", 400, "X-User Id: bob"),
					get("two Host headers", "/turn/credentials", 400, "Host: evil.example"),
					// The request line and the path.
					get("raw script tag in the request target", "/turn/credentials?userId=<script>", 400),
					get("raw log line in the request target", "/turn/credentials?userId=[TURN]forged", 400),
					get("overlong request target", "/turn/credentials?userId=" + "a".repeat(10_000), 400),
					get("too many parameters",
							"/turn/credentials?" + IntStream.range(0, 50)
								.mapToObj((index) -> "p" + index + "=1")
								.collect(Collectors.joining("&")),
							400),
					get("encoded slash in the path", "/turn%2Fcredentials", 400),
					get("encoded dot segments", "/turn/%2e%2e/actuator/env", 400),
					get("dot segments out of /turn", "/turn/../actuator/env", 400),
					get("semicolon path parameter", "/turn/credentials;jsessionid=forged", 400),
					get("double slash", "//turn/credentials", 400), get("backslash", "/turn\\credentials", 400),
					get("encoded NUL in the path", "/turn/credentials%00", 400),
					get("encoded newline in the path", "/turn/credentials%0a%5BTURN%5D%20forged", 400),
					get("look-alike path", "/turn/credentia%C5%82s", 404),
					// Methods and content types.
					request("POST with XML", "POST /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY
							+ "Content-Type: text/xml\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<a>forged</a>",
							405),
					request("PUT with JSON", "PUT /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY
							+ "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
							405),
					method("DELETE", 405), method("PATCH", 405), method("TRACE", 405),
					request("POST form",
							"POST /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY
									+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 13\r\n"
									+ "Connection: close\r\n\r\nuserId=forged",
							405),
					request("invalid method token",
							"G<T /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n",
							400),
					get("XML asked for", "/turn/credentials", 406, "Accept: application/xml"),
					get("HTML asked for", "/turn/credentials", 406, "Accept: text/html"),
					request("missing Host", "GET /turn/credentials HTTP/1.1\r\n" + KEY + "Connection: close\r\n\r\n",
							400),
					request("Content-Length with Transfer-Encoding",
							"POST /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY
									+ "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
							405),
					// Credentials.
					request("wrong API key",
							"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
									+ "X-API-Key: forged-key-0123456789abcdef\r\nConnection: close\r\n\r\n",
							401),
					request("API key with trailing junk",
							"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
									+ TestSecrets.TURN_API_KEY + "%0a[TURN]forged\r\nConnection: close\r\n\r\n",
							401),
					request("two different API keys",
							"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY
									+ "Authorization: Bearer forged-key-0123456789abcdef\r\nConnection: close\r\n\r\n",
							401),
					request("basic credentials instead of a key",
							"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
									+ "Authorization: Basic Zm9yZ2VkOmZvcmdlZA==\r\nConnection: close\r\n\r\n",
							401));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("hostileRequests")
		@Order(1)
		void isRefusedWithAProblemThatRepeatsNothingDangerous(HostileRequest hostile, CapturedOutput output)
				throws IOException {
			RawHttp.Response response = RawHttp.send(this.port, hostile.bytes());

			assertNoForgedLogLine(output);
			assertThat(response.status()).as(response.raw()).isEqualTo(hostile.expectedStatus()).isBetween(400, 499);
			assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("status").asInt()).isEqualTo(response.status());
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(response.body()).doesNotContain("<", "forged", "Exception", "\tat ");
			assertNoSecret(response.raw());
		}

		@Test
		@Order(2)
		void serviceIsStillHealthyAndServesAfterwards(CapturedOutput output) throws IOException {
			RawHttp.Response health = RawHttp.send(this.port,
					"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			RawHttp.Response credentials = RawHttp.send(this.port,
					"GET /turn/credentials?userId=alice HTTP/1.1\r\nHost: localhost\r\n" + KEY
							+ "Connection: close\r\n\r\n");

			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			assertThat(credentials.status()).isEqualTo(200);
			assertThat(credentials.body()).contains("\"username\":\"alice\"");
			assertNoForgedLogLine(output);
			assertNoSecret(output.toString());
		}

		/**
		 * A genuine log line starts with its timestamp; one that starts with
		 * {@code [TURN]} was split off by an injected line break. And no {@code [TURN]}
		 * message (what follows the logger name) may carry the payload. Tomcat may quote
		 * a rejected header inside its own message, escaped, which forges nothing.
		 */
		private static void assertNoForgedLogLine(CapturedOutput output) {
			List<String> lines = output.toString().lines().toList();
			assertThat(lines).noneMatch((line) -> line.stripLeading().startsWith("[TURN]"));
			assertThat(lines).noneMatch((line) -> FORGED_TURN_MESSAGE.matcher(line).find());
		}

		private static void assertNoSecret(String text) {
			for (String secret : TestSecrets.ALL) {
				assertThat(text).doesNotContain(secret);
			}
		}

		private static HostileRequest get(String name, String target, int expectedStatus, String... headerLines) {
			StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
			request.append(KEY);
			for (String headerLine : headerLines) {
				request.append(headerLine).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			return request(name, request.toString(), expectedStatus);
		}

		private static HostileRequest method(String method, int expectedStatus) {
			return request(method,
					method + " /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n",
					expectedStatus);
		}

		private static HostileRequest request(String name, String request, int expectedStatus) {
			return new HostileRequest(name, request.getBytes(StandardCharsets.UTF_8), expectedStatus);
		}

		/**
		 * One hostile request.
		 *
		 * @param name what it tries
		 * @param bytes exactly what is sent
		 * @param expectedStatus the status it must be refused with
		 */
		record HostileRequest(String name, byte[] bytes, int expectedStatus) {

			@Override
			public String toString() {
				return this.name;
			}

		}

	}

}
