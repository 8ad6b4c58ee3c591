package io.icebroker.web;

import java.io.IOException;
import java.net.http.HttpResponse;

import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client reads in answers it did not expect: problems for every error, the
 * security headers, and CORS for the origins listed in {@code TURN_ALLOWED_ORIGINS}. The
 * rate limit is high enough never to answer 429 here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_ALLOWED_ORIGINS=https://app.example.test, https://staging.example.test:8443/",
				"TURN_RATE_LIMIT_PER_MINUTE=1000" })
@Import(ProblemAnswersIntegrationTests.FailingController.class)
class ProblemAnswersIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void unknownPathIsANotFoundProblemEvenForABrowser() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/nothing-here-%3Cscript%3E", "Accept",
				"text/html,application/xhtml+xml");

		JsonNode problem = assertProblem(response, 404);
		assertThat(problem.get("detail").asString()).isEqualTo("Nothing is served at this path");
		assertThat(response.body()).doesNotContain("<script");
	}

	@Test
	void wrongMethodIsAMethodNotAllowedProblemNamingTheAllowedOne() {
		HttpResponse<String> response = LocalHttp.send("DELETE", this.port, "/turn/credentials");

		assertProblem(response, 405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void unacceptableMediaTypeIsANotAcceptableProblem() {
		assertProblem(LocalHttp.get(this.port, "/turn/credentials", "Accept", "application/xml"), 406);
	}

	@Test
	void invalidUserIdIsABadRequestProblemThatDoesNotRepeatTheValue() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=%3Cb%3Ebold%3C%2Fb%3E");

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("title").asString()).isEqualTo("Invalid user id");
		assertThat(response.body()).doesNotContain("bold");
	}

	@Test
	void errorPageAskedForDirectlyIsNotFound() {
		assertProblem(LocalHttp.get(this.port, "/error", "Accept", "text/html"), 404);
	}

	@Test
	void unexpectedExceptionIsAServerErrorProblemWithoutMessageOrStackTrace() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/test/failing", "Accept", "text/html");

		JsonNode problem = assertProblem(response, 500);
		assertThat(problem.get("detail").asString()).isEqualTo("The service failed to answer this request");
		assertThat(response.body()).doesNotContain(FailingController.MESSAGE)
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void requestTomcatRejectsBeforeTheApplicationIsABadRequestProblem() throws IOException {
		RawHttp.Response invalidTarget = RawHttp.send(this.port,
				"GET /turn/credentials?userId=<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		RawHttp.Response oversizedHeader = RawHttp.send(this.port,
				"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + "X-Padding: " + "a".repeat(10_000)
						+ "\r\nConnection: close\r\n\r\n");

		for (RawHttp.Response response : new RawHttp.Response[] { invalidTarget, oversizedHeader }) {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(400);
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.body()).doesNotContain("<");
		}
	}

	@Test
	void answersCarryTheSecurityHeaders() {
		HttpResponse<String> credentials = LocalHttp.get(this.port, "/turn/credentials");
		HttpResponse<String> page = LocalHttp.get(this.port, "/security-check.html");

		for (HttpResponse<String> response : java.util.List.of(credentials, page)) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		}
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
		assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'self'")
			.contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe");
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class FailingController {

		static final String MESSAGE = "internal detail that must stay inside";

		@GetMapping("/test/failing")
		String failing() {
			throw new IllegalStateException(MESSAGE);
		}

	}

	/**
	 * Origins listed in {@code TURN_ALLOWED_ORIGINS} may read answers of
	 * {@code /turn/credentials} and import the browser module; no other origin may.
	 */
	@Nested
	class Cors {

		private static final String ALLOWED = "https://app.example.test";

		@LocalServerPort
		private int port;

		@Test
		void preflightFromAnAllowedOriginIsAnswered() throws IOException {
			RawHttp.Response response = preflight("/turn/credentials", ALLOWED, "authorization, x-user-id");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
			assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET");
			assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization")
				.containsIgnoringCase("x-user-id");
			assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
		}

		@Test
		void aPageOnAnAllowedOriginCanImportTheBrowserModule() throws IOException {
			RawHttp.Response allowed = RawHttp.send(this.port, "GET /icebroker.js HTTP/1.1\r\nHost: localhost\r\n"
					+ "Origin: " + ALLOWED + "\r\nConnection: close\r\n\r\n");
			RawHttp.Response foreign = RawHttp.send(this.port, "GET /icebroker.js HTTP/1.1\r\nHost: localhost\r\n"
					+ "Origin: https://evil.example\r\nConnection: close\r\n\r\n");

			assertThat(allowed.status()).isEqualTo(200);
			assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
			assertThat(allowed.body()).contains("export class IceBroker");
			assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
		}

		@Test
		void originsAreMatchedExactlyAsConfigured() throws IOException {
			assertThat(preflight("/turn/credentials", "https://staging.example.test:8443", "x-api-key")
				.header("Access-Control-Allow-Origin")).isEqualTo("https://staging.example.test:8443");
			assertThat(preflight("/turn/credentials", "https://staging.example.test", "x-api-key").status())
				.isEqualTo(403);
			assertThat(preflight("/turn/credentials", "http://app.example.test", "x-api-key").status()).isEqualTo(403);
			assertThat(preflight("/turn/credentials", "https://app.example.test.evil.test", "x-api-key").status())
				.isEqualTo(403);
		}

		@Test
		void preflightFromAForeignOriginGetsNoAllowOriginAndAProblem() throws IOException {
			RawHttp.Response response = preflight("/turn/credentials", "https://evil.example", "x-api-key");

			assertThat(response.status()).isEqualTo(403);
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":403");
		}

		@Test
		void preflightForAMethodOtherThanGetIsRefused() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"OPTIONS /turn/credentials HTTP/1.1\r\nHost: localhost\r\n" + "Origin: " + ALLOWED
							+ "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(403);
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
		}

		@Test
		void requestFromAnAllowedOriginMayReadTheAnswer() throws IOException {
			RawHttp.Response response = get("/turn/credentials", ALLOWED);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		}

		@Test
		void requestFromAForeignOriginIsRefused() throws IOException {
			RawHttp.Response response = get("/turn/credentials", "https://evil.example");

			assertThat(response.status()).isEqualTo(403);
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
		}

		@Test
		void otherPathsSendNoCorsHeaders() throws IOException {
			RawHttp.Response response = get("/actuator/health", ALLOWED);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.headers().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
		}

		private RawHttp.Response preflight(String path, String origin, String headers) throws IOException {
			return RawHttp.send(this.port,
					"OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
							+ "\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: " + headers
							+ "\r\nConnection: close\r\n\r\n");
		}

		private RawHttp.Response get(String path, String origin) throws IOException {
			return RawHttp.send(this.port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
					+ "\r\nConnection: close\r\n\r\n");
		}

	}

}
