package io.icebroker.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real answers of the running service checked against the OpenAPI description it serves
 * at {@code /openapi.yaml}: each answer's body against the schema the description gives
 * for its path, method, status and content type (networknt's JSON Schema validator,
 * 2020-12, the dialect of OpenAPI 3.1), and each request parameter against the declared
 * ones.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OpenApiContractIntegrationTests {

	private static final String DESCRIPTION = "static/openapi.yaml";

	private static final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static JsonNode openApi;

	@LocalServerPort
	int port;

	@BeforeAll
	static void readDescription() throws IOException {
		try (InputStream input = OpenApiContractIntegrationTests.class.getClassLoader()
			.getResourceAsStream(DESCRIPTION)) {
			openApi = YAMLMapper.builder().build().readTree(input);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("TURN_PROVIDER_ORDER", () -> "coturn,free-public-turn");
		registry.add("COTURN_SECRET", () -> TestSecrets.COTURN_SECRET);
		registry.add("COTURN_URLS", () -> "stun:127.0.0.1:3478,turn:127.0.0.1:3478?transport=udp");
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

		assertThat(schema.validate("""
				{"iceServers": [{"url": "turn:a.example"}], "provider": "nobody", "expiresAt": "2026-01-01T00:00:00Z"}
				""", InputFormat.JSON)).extracting(Error::getMessage)
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
		HttpResponse<String> response = LocalHttp.send(method, this.port, pathAndQuery);
		assertThat(response.statusCode()).as("%s %s", method, pathAndQuery).isEqualTo(expectedStatus);
		URI uri = URI.create(pathAndQuery);
		JsonNode operation = openApi.path("paths").path(uri.getPath()).path(method.toLowerCase(Locale.ROOT));
		assertThat(operation.isObject()).as("%s %s is described", method, uri.getPath()).isTrue();
		assertThat(queryParameterNames(uri)).as("query parameters of %s %s", method, uri.getPath())
			.isSubsetOf(declaredQueryParameters(operation));
		String status = String.valueOf(response.statusCode());
		JsonNode described = resolve(operation.path("responses").path(status));
		assertThat(described.isObject()).as("status %s of %s %s is described", status, method, uri.getPath()).isTrue();
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
	 * The JSON pointer of the schema: in the operation's own responses or a component.
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
