package io.icebroker.provider.coturn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.icebroker.TestSecrets;
import io.icebroker.credentials.JanusTurnRestClient;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coturn provider against a real coturn, with {@code TURN_AUTH_MODE=api-key}: what
 * the service issues allocates a relay, and what a TURN server must refuse is refused.
 * The TURN REST API and the OpenAPI contract are checked on the same running service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=coturn,free-public-turn", "TURN_AUTH_MODE=api-key",
				"TURN_API_KEYS=" + TestSecrets.TURN_API_KEY })
@ExtendWith(OutputCaptureExtension.class)
class CoturnIntegrationTests {

	// Random for each run; SecretLeakExtension still catches it because it contains
	// the TestSecrets value.
	private static final String SECRET = TestSecrets.COTURN_SECRET + "-" + UUID.randomUUID();

	private static CoturnServer coturn;

	@LocalServerPort
	private int port;

	@Autowired
	private CoturnProperties properties;

	@Autowired
	private JsonMapper jsonMapper;

	@BeforeAll
	static void startCoturn() throws IOException {
		coturn = CoturnServer.start(SECRET);
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	@DynamicPropertySource
	static void coturnProperties(DynamicPropertyRegistry registry) {
		registry.add("COTURN_SECRET", () -> SECRET);
		registry.add("COTURN_URLS",
				() -> String.join(",", coturn.stunUrl(), coturn.turnUrl("udp"), coturn.turnUrl("tcp")));
	}

	@Test
	void credentialsTheServiceIssuesForAUserAllocateARelayOverUdpAndTcp(CapturedOutput output) throws Exception {
		String body = getCredentials("alice");
		JsonNode answer = this.jsonMapper.readTree(body);
		JsonNode turn = turnEntry(answer);
		String username = turn.get("username").asString();
		String credential = turn.get("credential").asString();

		assertThat(answer.get("provider").asString()).isEqualTo("coturn");
		assertThat(username).matches("\\d+:alice");
		Instant expiresAt = Instant.parse(answer.get("expiresAt").asString());
		assertThat(expiresAt.getEpochSecond()).isEqualTo(Long.parseLong(username.substring(0, username.indexOf(':'))));
		assertThat(answer.get("ttl").asLong()).isBetween(86400L - 300, 86400L);
		assertThat(coturn.allocatesOverUdpAndTcp(username, credential)).as("UDP and TCP allocations")
			.isEqualTo(new CoturnServer.Allocations(true, true));
		assertThat(body).doesNotContain(SECRET);
		assertThat(output).contains("[TURN] ✅ coturn credentials issued for user alice (no API call)")
			.doesNotContain("Calling coturn API")
			.doesNotContain(SECRET);
	}

	@Test
	void userIdsWithColonsAllocateBecauseTheServerReadsTheExpiryUpToTheFirstColon() throws Exception {
		JsonNode turn = turnEntry(this.jsonMapper.readTree(getCredentials("bob@example.com:desk-2")));

		assertThat(turn.get("username").asString()).endsWith(":bob@example.com:desk-2");
		assertThat(coturn.allocates(turn.get("username").asString(), turn.get("credential").asString(), false))
			.isTrue();
	}

	@Test
	void credentialsWhoseExpiryHasPassedAreRefused() throws Exception {
		Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
		IceServer expired = issue(new CoturnProvider(this.properties, twoHoursAgo), "carol");
		IceServer current = issue(new CoturnProvider(this.properties, Clock.systemUTC()), "carol");

		assertThat(coturn.allocatesOverUdpAndTcp(expired.username(), expired.credential())).as("expired")
			.isEqualTo(new CoturnServer.Allocations(false, false));
		assertThat(coturn.allocates(current.username(), current.credential(), false)).as("same user, current").isTrue();
	}

	@Test
	void credentialsMadeWithAnotherSecretAreRefused() throws Exception {
		CoturnProperties forged = new CoturnProperties("another-secret-" + UUID.randomUUID(), this.properties.urls());
		IceServer credentials = issue(new CoturnProvider(forged, Clock.systemUTC()), "mallory");

		assertThat(coturn.allocatesOverUdpAndTcp(credentials.username(), credentials.credential()))
			.isEqualTo(new CoturnServer.Allocations(false, false));
	}

	private String getCredentials(String userId) {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/turn/credentials?userId={userId}", userId)
			.header("X-API-Key", TestSecrets.TURN_API_KEY)
			.retrieve()
			.body(String.class);
		assertThat(body).isNotNull();
		return body;
	}

	private static JsonNode turnEntry(JsonNode answer) {
		List<JsonNode> withCredentials = answer.get("iceServers")
			.valueStream()
			.filter((s) -> s.has("username"))
			.toList();
		assertThat(withCredentials).hasSize(1);
		return withCredentials.get(0);
	}

	private static IceServer issue(CoturnProvider provider, String userId) {
		Served served = (Served) provider.fetch(new CredentialRequest(userId, Duration.ofHours(1)));
		return served.iceServers().stream().filter((server) -> server.username() != null).findFirst().orElseThrow();
	}

	/**
	 * The TURN REST API driven exactly as Janus's {@code turn_rest_api} client drives it.
	 */
	@Nested
	class TurnRest {

		@LocalServerPort
		int port;

		private String server() {
			return "http://127.0.0.1:" + this.port + "/turn/rest";
		}

		@ParameterizedTest
		@ValueSource(strings = { "POST", "GET" })
		void givesJanusAPairThatAllocatesOnCoturn(String method) throws Exception {
			JanusTurnRestClient.Result result = JanusTurnRestClient.request(server(), TestSecrets.TURN_API_KEY, method,
					"videoroomtest-AbCdEf123456");

			assertThat(result).isInstanceOf(JanusTurnRestClient.Credentials.class);
			JanusTurnRestClient.Credentials credentials = (JanusTurnRestClient.Credentials) result;
			assertThat(credentials.status()).isEqualTo(200);
			assertThat(credentials.username()).endsWith(":videoroomtest-AbCdEf123456");
			assertThat(credentials.ttl()).isBetween(86_000L, 86_400L);
			assertThat(credentials.servers()).containsExactly(coturn.turnUrl("udp"), coturn.turnUrl("tcp"));
			if ("POST".equals(method)) {
				// Janus's default method; one allocation is enough to show the pair
				// works.
				assertThat(coturn.allocates(credentials.username(), credentials.password(), false)).isTrue();
			}
		}

		@Test
		void answersTheDraftsFieldsOnly() {
			HttpResponse<String> response = LocalHttp.get(this.port, "/turn/rest?service=turn&username=alice",
					"X-API-Key", TestSecrets.TURN_API_KEY);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(response.body()).startsWith("{\"username\":\"")
				.contains("\"password\":\"", "\"ttl\":", "\"uris\":[");
		}

		@Test
		void refusesJanusWithoutTheKeyAndSaysWhereTheKeyGoes() {
			JanusTurnRestClient.Result result = JanusTurnRestClient.request(server(), null, "POST", "alice");

			assertThat(result).isEqualTo(new JanusTurnRestClient.Failure("Invalid response: missing username", 401));
			HttpResponse<String> response = LocalHttp.get(this.port, "/turn/rest?service=turn");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("key (or api) parameter");
		}

		@Test
		void refusesAWrongKeyWithoutEchoingIt() {
			HttpResponse<String> response = LocalHttp.get(this.port,
					"/turn/rest?service=turn&key=not-the-key-0123456789");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("not-the-key");
		}

		@Test
		void refusesAServiceOtherThanTurnWithAProblem() {
			HttpResponse<String> response = LocalHttp.get(this.port,
					"/turn/rest?service=stun&key=" + TestSecrets.TURN_API_KEY);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("\"title\":\"Invalid TURN REST API request\"",
					"\"detail\":\"Only service=turn is offered\"");
		}

	}

	/**
	 * Real answers of the running service checked against the OpenAPI description it
	 * serves at {@code /openapi.yaml}: each answer's body against the schema the
	 * description gives for its path, method, status and content type (networknt's JSON
	 * Schema validator, 2020-12, the dialect of OpenAPI 3.1), and each request parameter
	 * against the declared ones.
	 */
	@Nested
	class OpenApiContract {

		private static final String DESCRIPTION = "static/openapi.yaml";

		private static final SchemaRegistry schemas = SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

		private static JsonNode openApi;

		@LocalServerPort
		int port;

		@BeforeAll
		static void readDescription() throws IOException {
			try (InputStream input = OpenApiContract.class.getClassLoader().getResourceAsStream(DESCRIPTION)) {
				openApi = YAMLMapper.builder().build().readTree(input);
			}
		}

		@Test
		void describesTheCredentialsAnswer() {
			assertConforms("GET", "/turn/credentials?userId=alice", 200);
		}

		@Test
		void describesTheProblemOfAnInvalidUserId() {
			assertConforms("GET", "/turn/credentials?userId=a%20b", 400);
		}

		@Test
		void describesTheTurnRestAnswer() {
			assertConforms("GET", "/turn/rest?service=turn&username=janus-1", 200);
			assertConforms("POST", "/turn/rest?service=turn&username=janus-1", 200);
		}

		@Test
		void describesTheTurnRestProblemForAnotherService() {
			assertConforms("GET", "/turn/rest?service=stun", 400);
		}

		@Test
		void wouldCatchAnAnswerThatBreaksTheDescription() {
			Schema schema = schemas.getSchema(SchemaLocation.of("classpath:" + DESCRIPTION
					+ "#/paths/~1turn~1credentials/get/responses/200/content/application~1json/schema"));

			assertThat(schema.validate(
					"""
							{"iceServers": [{"url": "turn:a.example"}], "provider": "nobody", "expiresAt": "2026-01-01T00:00:00Z"}
							""",
					InputFormat.JSON))
				.extracting(Error::getMessage)
				.anySatisfy((message) -> assertThat(message).contains("urls"))
				.anySatisfy((message) -> assertThat(message).contains("enumeration"))
				.anySatisfy((message) -> assertThat(message).contains("dependent required"));
		}

		@Test
		void isServedToAnyoneAsYaml() {
			HttpResponse<String> response = LocalHttp.get(this.port, "/openapi.yaml");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("openapi: 3.1.0");
		}

		private void assertConforms(String method, String pathAndQuery, int expectedStatus) {
			HttpResponse<String> response = LocalHttp.send(method, this.port, pathAndQuery, "X-API-Key",
					TestSecrets.TURN_API_KEY);
			assertThat(response.statusCode()).as("%s %s", method, pathAndQuery).isEqualTo(expectedStatus);
			URI uri = URI.create(pathAndQuery);
			JsonNode operation = openApi.path("paths").path(uri.getPath()).path(method.toLowerCase(Locale.ROOT));
			assertThat(operation.isObject()).as("%s %s is described", method, uri.getPath()).isTrue();
			assertThat(queryParameterNames(uri)).as("query parameters of %s %s", method, uri.getPath())
				.isSubsetOf(declaredQueryParameters(operation));
			String status = String.valueOf(response.statusCode());
			JsonNode described = resolve(operation.path("responses").path(status));
			assertThat(described.isObject()).as("status %s of %s %s is described", status, method, uri.getPath())
				.isTrue();
			String contentType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
			assertThat(described.path("content").has(contentType))
				.as("%s is described for status %s of %s %s", contentType, status, method, uri.getPath())
				.isTrue();
			Schema schema = schemas.getSchema(SchemaLocation.of("classpath:" + DESCRIPTION + "#"
					+ pointer(operation, method, uri.getPath(), status, described, contentType)));
			List<Error> errors = schema.validate(response.body(), InputFormat.JSON);
			assertThat(errors).as("%s %s answered %s: %s", method, pathAndQuery, status, response.body()).isEmpty();
		}

		/**
		 * The JSON pointer of the schema: in the operation's own responses or a
		 * component.
		 */
		private static String pointer(JsonNode operation, String method, String path, String status, JsonNode described,
				String contentType) {
			JsonNode response = operation.path("responses").path(status);
			String responsePointer = response.has("$ref") ? response.get("$ref").asString().substring(1)
					: "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
			return responsePointer + "/content/" + escape(contentType) + "/schema";
		}

		private static JsonNode resolve(JsonNode node) {
			if (!node.has("$ref")) {
				return node;
			}
			return openApi.at(node.get("$ref").asString().substring(1));
		}

		private static List<String> declaredQueryParameters(JsonNode operation) {
			List<String> names = new ArrayList<>();
			for (JsonNode parameter : operation.path("parameters")) {
				JsonNode resolved = resolve(parameter);
				if ("query".equals(resolved.path("in").asString())) {
					names.add(resolved.path("name").asString());
				}
			}
			return names;
		}

		private static List<String> queryParameterNames(URI uri) {
			if (uri.getRawQuery() == null) {
				return List.of();
			}
			return List.of(uri.getRawQuery().split("&")).stream().map((pair) -> pair.split("=", 2)[0]).toList();
		}

		private static String escape(String segment) {
			return segment.replace("~", "~0").replace("/", "~1");
		}

	}

}
