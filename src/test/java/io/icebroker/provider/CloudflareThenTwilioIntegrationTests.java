package io.icebroker.provider;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CloudflareApi;
import io.icebroker.testsupport.CloudflareThenTwilioTest;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.icebroker.testsupport.ProviderAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /turn/credentials} and health with Cloudflare first and Twilio second, both
 * WireMock stand-ins, and the free fallback last ({@link CloudflareThenTwilioTest}): one
 * context for all three groups.
 */
@CloudflareThenTwilioTest
class CloudflareThenTwilioIntegrationTests {

	/**
	 * {@code GET /turn/credentials} with Cloudflare first and Twilio second, both
	 * WireMock stand-ins: whatever goes wrong at Cloudflare, Twilio serves and the client
	 * gets a 200.
	 * <p>
	 * Read timeouts are 5 s, not the 300 ms of the unit tests: every answer here shares
	 * them, and this machine's load average has been 18 on 2 cores. The timeout case
	 * answers after 10 s.
	 */
	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class CloudflareFirst {

		static final long DEFAULT_TTL_SECONDS = 86400;

		@RegisterExtension
		static final CloudflareApi cloudflare = CloudflareApi.shared();

		@RegisterExtension
		static final TwilioApi twilio = TwilioApi.shared();

		@LocalServerPort
		int port;

		private final JsonMapper jsonMapper = JsonMapper.builder().build();

		@Test
		void servesCloudflareIceServersAndNeverCallsTwilio() {
			cloudflare.mintsCredentials();
			twilio.mintsTokens();

			Instant before = Instant.now();
			ResponseEntity<String> response = credentials();
			Instant after = Instant.now();

			Map<String, Object> body = assertServed(response, "cloudflare");
			assertExpiresIn(body, DEFAULT_TTL_SECONDS, before, after);
			assertThat(urls(body)).allSatisfy((url) -> assertThat(url).doesNotContain(":53"))
				.contains("stun:stun.cloudflare.com:3478", "turn:turn.cloudflare.com:3478?transport=udp");
			assertThat(turnEntries(body)).singleElement()
				.satisfies(
						(entry) -> assertThat(entry).containsEntry("credential", TestSecrets.UPSTREAM_TURN_CREDENTIAL)
							.containsEntry("username", CloudflareApi.USERNAME));
			cloudflare.verify(1, CloudflareApi.generateRequest()
				.withRequestBody(equalToJson("{\"ttl\": " + DEFAULT_TTL_SECONDS + "}")));
			assertThat(twilio.requests()).isZero();
		}

		@ParameterizedTest
		@EnumSource
		void fallsThroughToTwilioWhenCloudflareFails(CloudflareFailure failure, CapturedOutput output) {
			cloudflare.answers(failure.answer);
			twilio.mintsTokens();

			Instant before = Instant.now();
			ResponseEntity<String> response = credentials();
			Instant after = Instant.now();

			Map<String, Object> body = assertServed(response, "twilio");
			assertExpiresIn(body, DEFAULT_TTL_SECONDS, before, after);
			assertThat(urls(body)).contains("stun:global.stun.twilio.com:3478",
					"turn:global.turn.twilio.com:3478?transport=udp");
			assertThat(turnEntries(body)).allSatisfy(
					(entry) -> assertThat(entry).containsEntry("credential", TestSecrets.UPSTREAM_TURN_CREDENTIAL));
			assertThat(output).contains("[TURN] ❌ Cloudflare TURN error: " + failure.message)
				.contains("[TURN] ✅ Twilio token created successfully!");
			cloudflare.verify(1, CloudflareApi.generateRequest());
			twilio.verify(1, TwilioApi.tokenRequest());
		}

		@Test
		void fallsThroughToTheFreeFallbackWhenCloudflareAndTwilioFail(CapturedOutput output) {
			cloudflare.answers(CloudflareFailure.SERVER_ERROR.answer);
			twilio.fails(401, 20003, "Authenticate");

			ResponseEntity<String> response = credentials();

			Map<String, Object> body = assertServed(response, "free-public-turn");
			assertThat(body).doesNotContainKeys("ttl", "expiresAt");
			assertThat(output).contains("[TURN] ❌ Cloudflare TURN error: Server error (500)")
				.contains("[TURN] ❌ Twilio TURN error: Authentication failed")
				.contains("using free public TURN servers");
		}

		private ResponseEntity<String> credentials() {
			return RestClient.create("http://localhost:" + this.port)
				.get()
				.uri("/turn/credentials?userId=alice")
				.retrieve()
				.toEntity(String.class);
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> assertServed(ResponseEntity<String> response, String provider) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
			String text = response.getBody();
			assertThat(text).doesNotContain(TestSecrets.CLOUDFLARE_API_TOKEN, TestSecrets.TWILIO_AUTH_TOKEN,
					TestSecrets.TWILIO_API_KEY_SECRET, CloudflareApi.TURN_KEY);
			Map<String, Object> body = this.jsonMapper.readValue(text, Map.class);
			assertThat(body).containsEntry("provider", provider);
			List<Map<String, Object>> iceServers = (List<Map<String, Object>>) body.get("iceServers");
			assertThat(iceServers).isNotEmpty().allSatisfy((entry) -> {
				assertThat(entry).doesNotContainKey("url");
				assertThat(entry.get("urls")).asInstanceOf(InstanceOfAssertFactories.LIST)
					.isNotEmpty()
					.allSatisfy((url) -> assertThat(url).isInstanceOf(String.class));
			});
			return body;
		}

		private static void assertExpiresIn(Map<String, Object> body, long ttlSeconds, Instant before, Instant after) {
			Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
			assertThat(expiresAt).isBetween(before.plusSeconds(ttlSeconds - 1), after.plusSeconds(ttlSeconds));
			assertThat(((Number) body.get("ttl")).longValue()).isBetween(Duration.between(after, expiresAt).toSeconds(),
					Duration.between(before, expiresAt).toSeconds());
		}

		@SuppressWarnings("unchecked")
		private static List<String> urls(Map<String, Object> body) {
			return ((List<Map<String, Object>>) body.get("iceServers")).stream()
				.flatMap((entry) -> ((List<String>) entry.get("urls")).stream())
				.toList();
		}

		@SuppressWarnings("unchecked")
		private static List<Map<String, Object>> turnEntries(Map<String, Object> body) {
			return ((List<Map<String, Object>>) body.get("iceServers")).stream()
				.filter((entry) -> ((List<String>) entry.get("urls")).stream()
					.anyMatch((url) -> url.startsWith("turn")))
				.toList();
		}

		/**
		 * The ways Cloudflare's API lets a request down, and the phrase operators read
		 * for each.
		 */
		enum CloudflareFailure {

			UNAUTHORIZED(401, "Authentication failed"), FORBIDDEN(403, "Access denied (403)"),
			RATE_LIMITED(429, "Rate limited (429)"), SERVER_ERROR(500, "Server error (500)"),
			TIMEOUT((answer) -> answer.withFixedDelay(10000), "Timed out"),
			MALFORMED(json(201, "{\"iceServers\": [{\"urls\": "), "Malformed response"),
			EMPTY(json(201, "{\"iceServers\": []}"), "No usable ICE servers in the answer");

			final ResponseDefinitionBuilder answer;

			final String message;

			CloudflareFailure(int status, String message) {
				this(CloudflareApi.error(status, "rejected"), message);
			}

			CloudflareFailure(Function<ResponseDefinitionBuilder, ResponseDefinitionBuilder> delayed, String message) {
				this(delayed.apply(CloudflareApi.iceServers()), message);
			}

			CloudflareFailure(ResponseDefinitionBuilder answer, String message) {
				this.answer = answer;
				this.message = message;
			}

		}

	}

	/**
	 * {@code GET /turn/credentials} with a rejecting Cloudflare first and Twilio second,
	 * both WireMock stand-ins: Twilio serves through twilio-java, and whatever goes wrong
	 * at Twilio, the free fallback serves and the client still gets a 200.
	 * <p>
	 * Read timeouts are 5 s, not the 300 ms of the unit tests: every answer here shares
	 * them, and this machine's load average has been 18 on 2 cores. The timeout case
	 * answers after 10 s.
	 */
	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class TwilioSecond {

		@RegisterExtension
		static final CloudflareApi cloudflare = CloudflareApi.shared();

		@RegisterExtension
		static final TwilioApi twilio = TwilioApi.shared();

		@LocalServerPort
		int port;

		private final JsonMapper jsonMapper = JsonMapper.builder().build();

		@Test
		void servesTwilioIceServersAsArraysWithoutTheLegacyUrlWhenCloudflareRejects(CapturedOutput output) {
			rejectAtCloudflare();
			twilio.mintsTokens();

			Instant before = Instant.now();
			ResponseEntity<String> response = credentials();
			Instant after = Instant.now();

			Map<String, Object> body = assertServed(response, "twilio");
			Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
			assertThat(expiresAt).isBetween(before.plusSeconds(86400 - 1), after.plusSeconds(86400));
			assertThat(((Number) body.get("ttl")).longValue()).isBetween(Duration.between(after, expiresAt).toSeconds(),
					Duration.between(before, expiresAt).toSeconds());
			assertThat(urls(body)).containsExactlyInAnyOrder("stun:global.stun.twilio.com:3478",
					"turn:global.turn.twilio.com:3478?transport=udp", "turn:global.turn.twilio.com:3478?transport=tcp",
					"turn:global.turn.twilio.com:443?transport=tcp");
			assertThat(output).contains("[TURN] ❌ Cloudflare TURN error: Authentication failed")
				.contains("[TURN] ✅ Twilio token created successfully!")
				.contains("[TURN] ICE servers received: 4");
			twilio.verify(1,
					TwilioApi.tokenRequest()
						.withBasicAuth(new BasicCredentials(TwilioApi.ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN))
						.withFormParam("Ttl", equalTo("86400")));
		}

		@ParameterizedTest
		@EnumSource
		void fallsThroughToTheFreeFallbackWhenTwilioFailsToo(TwilioFailure failure, CapturedOutput output) {
			rejectAtCloudflare();
			twilio.answers(failure.answer);

			ResponseEntity<String> response = credentials();

			Map<String, Object> body = assertServed(response, "free-public-turn");
			assertThat(body).doesNotContainKeys("ttl", "expiresAt");
			assertThat(urls(body)).contains("stun:stun.cloudflare.com:3478");
			assertThat(output).contains("[TURN] ❌ Twilio TURN error: " + failure.message)
				.contains("[TURN] ⚠️ No premium TURN available (cloudflare: error, twilio: " + failure.outcome
						+ "), using free public TURN servers");
			twilio.verify(failure.requests, TwilioApi.tokenRequest());
		}

		@Test
		void logsErrorDetailsWithoutTheBasicCredentialsTwilioEchoes(CapturedOutput output) {
			rejectAtCloudflare();
			twilio.failsEchoingAuthorization(401);
			String basic = Base64.getEncoder()
				.encodeToString(
						(TwilioApi.ACCOUNT_SID + ":" + TestSecrets.TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

			assertServed(credentials(), "free-public-turn");

			assertThat(output.getAll()
				.lines()
				.filter((line) -> line.contains("[TURN] Error details: {\"status\":401,\"code\""))).singleElement()
				.asString()
				.contains("\"message\":\"Authenticate Basic ***\"")
				.doesNotContain(basic, basic.replace("=", ""));
			twilio.verify(1, TwilioApi.tokenRequest()
				.withBasicAuth(new BasicCredentials(TwilioApi.ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN)));
		}

		private void rejectAtCloudflare() {
			cloudflare.answers(CloudflareApi.error(401, "Authentication error"));
		}

		private ResponseEntity<String> credentials() {
			return RestClient.create("http://localhost:" + this.port)
				.get()
				.uri("/turn/credentials")
				.header("X-User-Id", "bob")
				.retrieve()
				.toEntity(String.class);
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> assertServed(ResponseEntity<String> response, String provider) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
			String text = response.getBody();
			assertThat(text).doesNotContain(TestSecrets.CLOUDFLARE_API_TOKEN, TestSecrets.TWILIO_AUTH_TOKEN,
					TestSecrets.TWILIO_API_KEY_SECRET);
			Map<String, Object> body = this.jsonMapper.readValue(text, Map.class);
			assertThat(body).containsEntry("provider", provider);
			List<Map<String, Object>> iceServers = (List<Map<String, Object>>) body.get("iceServers");
			assertThat(iceServers).isNotEmpty().allSatisfy((entry) -> {
				assertThat(entry).doesNotContainKey("url");
				assertThat(entry.get("urls")).asInstanceOf(InstanceOfAssertFactories.LIST)
					.isNotEmpty()
					.allSatisfy((url) -> assertThat(url).isInstanceOf(String.class));
				if (entry.containsKey("credential")) {
					assertThat(entry).containsEntry("credential", TestSecrets.UPSTREAM_TURN_CREDENTIAL);
				}
			});
			return body;
		}

		@SuppressWarnings("unchecked")
		private static List<String> urls(Map<String, Object> body) {
			return ((List<Map<String, Object>>) body.get("iceServers")).stream()
				.flatMap((entry) -> ((List<String>) entry.get("urls")).stream())
				.toList();
		}

		/**
		 * The ways Twilio's API lets a request down, the phrase and outcome operators
		 * read for each, and how many requests twilio-java makes.
		 */
		enum TwilioFailure {

			UNAUTHORIZED(TwilioApi.error(401, 20003, "Authenticate"), "Authentication failed", "error", 1),
			FORBIDDEN(TwilioApi.error(403, 20403, "Forbidden"), "Access denied (403)", "error", 1),
			RATE_LIMITED(TwilioApi.error(429, 20429, "Too Many Requests"), "Rate limited (429)", "error", 1),
			SERVER_ERROR(TwilioApi.error(500, 20500, "Internal Server Error"), "Server error (500)", "error", 3),
			TIMEOUT(TwilioApi.token().withFixedDelay(10000), "Timed out", "timeout", 1),
			MALFORMED(json(201, "{\"account_sid\": \"" + TwilioApi.ACCOUNT_SID + "\", \"ice_servers\": ["),
					"Malformed response", "error", 1),
			EMPTY(json(201,
					"{\"account_sid\": \"" + TwilioApi.ACCOUNT_SID + "\", \"ice_servers\": [], \"ttl\": \"86400\"}"),
					"No usable ICE servers in the answer", "error", 1);

			final ResponseDefinitionBuilder answer;

			final String message;

			final String outcome;

			final int requests;

			TwilioFailure(ResponseDefinitionBuilder answer, String message, String outcome, int requests) {
				this.answer = answer;
				this.message = message;
				this.outcome = outcome;
				this.requests = requests;
			}

		}

	}

	/**
	 * Health answers for the service, not for its providers: every premium provider
	 * failing leaves it UP, because the fallback still answers.
	 */
	@Nested
	class Health {

		@RegisterExtension
		static final TwilioApi twilio = TwilioApi.shared();

		@RegisterExtension
		static final CloudflareApi cloudflare = CloudflareApi.shared();

		@LocalServerPort
		private int port;

		@BeforeEach
		void everyPremiumProviderFails() {
			twilio.fails(500);
			cloudflare.rejects(500);
		}

		@Test
		void staysUpAndReadyWhileEveryPremiumProviderFails() {
			assertThat(LocalHttp.credentials(this.port, "health-user").get("provider").asString())
				.isEqualTo("free-public-turn");
			assertThat(cloudflare.generateRequests()).isPositive();
			assertThat(twilio.tokenRequests()).isPositive();
			assertUp("/actuator/health");
			assertUp("/actuator/health/readiness");
			assertUp("/actuator/health/liveness");
			assertUp("/readyz");
			assertUp("/livez");
		}

		@Test
		void keepsProviderStateOutOfHealth() {
			LocalHttp.credentials(this.port, "health-user");
			String health = LocalHttp.get(this.port, "/actuator/health").body();
			assertThat(health).doesNotContain("twilio", "cloudflare");
		}

		private void assertUp(String path) {
			HttpResponse<String> response = LocalHttp.get(this.port, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
		}

	}

}
