package io.icebroker.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.LoopbackPorts;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What Railway reads: the application, started as the Docker image starts it (with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash}), serves through Twilio, then
 * through the fallback when Twilio fails, and stops. Every line it printed must be one
 * JSON object that Railway's search can filter on.
 */
class StructuredLogsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static TwilioApi twilio;

	private static final List<String> SERVICE_WIDE_LINES = List.of("[TURN] Generating credentials", "[TURN] Access:",
			"[TURN] ⚠️ TURN_AUTH_MODE is none", "[TURN] Credential cache", "[TURN] Client address:",
			"[TURN] ⚠️ Shared state in Redis");

	private static List<String> stdout;

	private static List<String> stderr;

	@BeforeAll
	static void runTheApplication() {
		twilio = TwilioApi.shared();
		twilio.reset();
		Map<String, String> environment = new HashMap<>(twilio.environment());
		environment.put("TWILIO_READ_TIMEOUT", "10s");
		environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash");
		environment.put("TURN_PROVIDER_ORDER", "cloudflare,twilio,free-public-turn");
		environment.put("CLOUDFLARE_API_TOKEN", TestSecrets.CLOUDFLARE_API_TOKEN);
		// The second request must reach Twilio to log its failure, not be served from
		// cache.
		environment.put("TURN_CACHE", "off");
		environment.put("TURN_CIRCUIT_COOLDOWN", "0");
		// Nothing listens there: one line says so, and the replica serves.
		environment.put("REDIS_URL", "redis://127.0.0.1:" + LoopbackPorts.free());
		try (AppProcess app = AppProcess.start(environment)) {
			LocalHttp.credentials(app.port(), "log-user-1");
			twilio.fails(401);
			LocalHttp.credentials(app.port(), "log-user-2");
			app.close();
			stdout = app.stdout();
			stderr = app.stderr();
		}
	}

	@Test
	void printsEveryStdoutLineAsOneJsonObjectWithMessageAndLevel() {
		assertThat(stdout).hasSizeGreaterThan(10);
		for (String line : stdout) {
			JsonNode event = parse(line);
			assertThat(event.isObject()).as(line).isTrue();
			assertThat(event.path("message").isString()).as(line).isTrue();
			assertThat(event.path("level").asString()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
		}
	}

	@Test
	void namesTheReplicaOnEveryLine() {
		// No RAILWAY_REPLICA_ID here: the host name.
		assertThat(stdout)
			.allSatisfy((line) -> assertThat(parse(line).path("replica").asString()).as(line).isNotBlank());
	}

	@Test
	void saysInOneLineThatSharedStateIsUnreachable() {
		List<JsonNode> sharedState = events().stream()
			.filter((event) -> event.path("step").asString("").equals("shared_state"))
			.toList();
		assertThat(sharedState).singleElement().satisfies((event) -> {
			assertThat(event.path("level").asString()).isEqualTo("WARN");
			assertThat(event.path("outcome").asString()).isEqualTo("down");
			assertThat(event.path("message").asString()).startsWith("[TURN] ⚠️ Shared state in Redis at 127.0.0.1:")
				.contains("is unreachable at startup");
			assertThat(event.path("replica").asString()).isNotBlank();
		});
	}

	@Test
	void putsTheKeyValuesOfTurnLinesAtTheTopLevel() {
		List<JsonNode> twilioLines = events().stream()
			.filter((event) -> event.path("provider").asString("").equals("twilio"))
			.toList();
		assertThat(twilioLines).extracting((event) -> event.path("message").asString())
			.contains("[TURN] ✅ Twilio credentials configured (position 2 in TURN_PROVIDER_ORDER)",
					"[TURN] ✅ Twilio credentials detected, attempting to generate TURN credentials...",
					"[TURN] Calling Twilio API to create token...", "[TURN] ✅ Twilio token created successfully!",
					"[TURN] ❌ Twilio TURN error: Authentication failed");
		JsonNode created = only(twilioLines, "created");
		assertThat(created.path("outcome").asString()).isEqualTo("success");
		assertThat(created.path("userId").asString()).isEqualTo("log-user-1");
		assertThat(created.path("durationMs").isNumber()).isTrue();
		JsonNode error = only(twilioLines, "error");
		assertThat(error.path("level").asString()).isEqualTo("WARN");
		assertThat(error.path("outcome").asString()).isEqualTo("error");
		assertThat(error.path("errorStatus").asInt()).isEqualTo(401);
		assertThat(error.path("userId").asString()).isEqualTo("log-user-2");
	}

	@Test
	void namesTheProviderOnEveryTurnLineAboutOne() {
		List<JsonNode> turnLines = events().stream()
			.filter((event) -> event.path("message").asString().startsWith("[TURN]"))
			.toList();
		assertThat(turnLines).isNotEmpty();
		// Only the line that opens a request, before any provider is asked, and the
		// startup lines about the whole service name none.
		assertThat(turnLines)
			.filteredOn((event) -> SERVICE_WIDE_LINES.stream().noneMatch(event.path("message").asString()::startsWith))
			.allSatisfy((event) -> assertThat(event.path("provider").asString("")).as(event.toString())
				.isIn("cloudflare", "twilio", "free-public-turn"));
		assertThat(turnLines).filteredOn((event) -> event.path("provider").asString("").equals("cloudflare"))
			.extracting((event) -> event.path("missing").asString())
			.containsExactly("CLOUDFLARE_TURN_KEY");
	}

	@Test
	void printsNoSecretOnStdoutOrStderr() {
		List<String> everything = new ArrayList<>(stdout);
		everything.addAll(stderr);
		assertThat(everything)
			.allSatisfy((line) -> assertThat(line).doesNotContain(TestSecrets.ALL.toArray(String[]::new)));
	}

	private static List<JsonNode> events() {
		return stdout.stream().map(StructuredLogsIntegrationTests::parse).toList();
	}

	private static JsonNode only(List<JsonNode> events, String step) {
		List<JsonNode> matching = events.stream()
			.filter((event) -> event.path("step").asString("").equals(step))
			.toList();
		assertThat(matching).as("lines with step %s", step).hasSize(1);
		return matching.get(0);
	}

	private static JsonNode parse(String line) {
		try {
			return json.readTree(line);
		}
		catch (JacksonException ex) {
			return fail("Not a JSON line: " + line, ex);
		}
	}

}
