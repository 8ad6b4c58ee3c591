package io.icebroker;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.icebroker.ops.PrometheusScrape;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.RawHttp;
import io.icebroker.web.SecurityHeaders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise: with no configuration at all the service starts and serves public
 * STUN. Everything else that needs the service as it runs with no configuration is a
 * {@link Nested} group here, so that all of it shares this one context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IceBrokerApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void runsEveryResponseThroughTheSuiteWideSecretsCheck() {
		assertThat(this.context.containsBean("responseSecretsFilter")).isTrue();
	}

	@Test
	void refusesWriteOperationsWhenNoOperatorIsConfigured() {
		HttpResponse<String> response = LocalHttp.send("POST", this.port, "/actuator/turn/free-public-turn");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(LocalHttp.json(response).get("detail").asString()).contains("set TURN_ADMIN_KEYS");
		assertThat(LocalHttp.get(this.port, "/actuator/prometheus").statusCode())
			.as("with authentication off, Prometheus stays open")
			.isEqualTo(200);
	}

	@Test
	void servesPublicStunWithNoConfigurationAtAll() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		JsonNode body = LocalHttp.json(response);
		assertThat(body.get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(body.get("iceServers").get(0).get("urls").isArray()).isTrue();
		assertThat(body.get("iceServers").get(0).get("urls").get(0).asString())
			.isEqualTo("stun:stun.cloudflare.com:3478");
		assertThat(body.has("ttl")).isFalse();
	}

	@Test
	void answersCredentialsWithTheSecurityHeadersAndTheirOwnCacheControl() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials");

		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
	}

	@Test
	void answersUnknownPathsWithAProblemNotAnErrorPage() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/nope");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).doesNotContain("Whitelabel").doesNotContain("at org.");
	}

	/**
	 * RFC 9110 section 4.2.4: userinfo in a request target is an error, not something to
	 * strip and serve.
	 */
	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class AbsoluteFormUserInfo {

		@LocalServerPort
		private int port;

		@Test
		void anAbsoluteFormTargetWithUserInfoIsRefusedWithAProblem(CapturedOutput output) throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET http://user:S3cret@localhost/turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
							+ "Connection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.body()).contains("userinfo").doesNotContain("iceServers").doesNotContain("S3cret");
			assertThat(output).doesNotContain("S3cret").doesNotContain(" ERROR ");
		}

		@Test
		void anAbsoluteFormTargetWithoutUserInfoIsServed() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET http://localhost/turn/credentials HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).contains("iceServers");
		}

		@Test
		void anAtSignInTheQueryOfAnOriginFormTargetIsNoUserInfo() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET /turn/credentials?userId=bob@example.com HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(200);
		}

	}

	/**
	 * A query string Tomcat cannot decode (bad percent-encoding, bytes that are not
	 * UTF-8, more parameters than allowed) is the client's mistake: a 400 problem like
	 * any other, counted as a 400, and no ERROR line or stack trace in the log.
	 */
	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class BadQueryBytes {

		private static final String TOO_MANY_PARAMETERS = IntStream.rangeClosed(1, 21)
			.mapToObj((index) -> "p" + index + "=x")
			.collect(Collectors.joining("&"));

		@LocalServerPort
		private int port;

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "userId=%zz", "userId=bob%", "userId=%u0041", "userId=%FF%FE", "userId=%C0%AE",
				"userId=alice&" + "p=%zz" })
		void aQueryStringThatCannotBeDecodedIsA400ProblemAndNotAnError(String query, CapturedOutput output)
				throws IOException {
			assertIsAQuiet400("/turn/credentials?" + query, output);
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "/turn/credentials", "/" })
		void moreParametersThanAllowedIsA400ProblemAndNotAnError(String path, CapturedOutput output)
				throws IOException {
			assertIsAQuiet400(path + "?" + TOO_MANY_PARAMETERS, output);
		}

		private void assertIsAQuiet400(String target, CapturedOutput output) throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			List<String> statuses = statusesCounted();
			assertThat(output.toString().lines()).as(response.raw()).noneMatch((line) -> line.contains(" ERROR "));
			assertThat(output).doesNotContain("\tat ", "Exception");
			assertThat(response.status()).as(response.raw()).isEqualTo(400);
			assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":400").doesNotContain("Exception");
			assertThat(statuses).contains("400").doesNotContain("500");
		}

		private List<String> statusesCounted() throws IOException {
			RawHttp.Response scrape = RawHttp.send(this.port,
					"GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			return PrometheusScrape.parse(scrape.body())
				.samples()
				.stream()
				.filter((sample) -> sample.name().equals("http_server_requests_seconds_count"))
				.map((sample) -> sample.labels().get("status"))
				.distinct()
				.toList();
		}

	}

	/**
	 * A request line without an HTTP version gets no credentials: HTTP/0.9 has no status
	 * line and no headers, so nothing could tell a cache not to keep them.
	 */
	@Nested
	class Http09 {

		@LocalServerPort
		private int port;

		@Test
		void anHttp09RequestGetsNoCredentials() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port, "GET /turn/credentials\r\n");

			assertThat(response.raw()).doesNotContain("iceServers", "credential", "username");
		}

		@Test
		void anHttp11RequestStillGetsCredentials() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).contains("iceServers");
		}

	}

	/**
	 * The default: no origin listed, so a browser on another site cannot read an answer.
	 */
	@Nested
	class CorsDisabled {

		@LocalServerPort
		private int port;

		@Test
		void preflightGetsNoCorsHeaders() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port,
					"OPTIONS /turn/credentials HTTP/1.1\r\nHost: localhost\r\nOrigin: https://app.example.test\r\n"
							+ "Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n");

			assertThat(response.headers().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
		}

		@Test
		void crossOriginRequestGetsNoCorsHeaders() throws IOException {
			RawHttp.Response response = RawHttp.send(this.port, "GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
					+ "Origin: https://app.example.test\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.headers().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
		}

	}

	/**
	 * Railway keeps at most 500 lines a second per replica: a request served without an
	 * upstream call, the first one included, writes one line.
	 */
	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class LogVolume {

		@LocalServerPort
		private int port;

		@Test
		void writesOneLinePerRequestServedWithoutAnUpstreamCall(CapturedOutput output) {
			for (int request = 0; request < 3; request++) {
				int before = output.getOut().length();
				LocalHttp.credentials(this.port, "quiet-user-" + request);
				List<String> lines = output.getOut().substring(before).lines().toList();
				assertThat(lines).as("request %d", request)
					.singleElement()
					.asString()
					.contains("[TURN] No premium TURN configured (")
					.contains(" not found), using free public TURN servers");
			}
		}

	}

	/**
	 * {@code railway.json} (kept for services created before Railway's Config as Code
	 * cutoff; {@code ops/check-railway.sh} checks that {@code .railway/railway.ts} says
	 * the same) is valid, uses only keys Railway documents, and its healthcheck answers
	 * {@code 200} on the running application.
	 */
	@Nested
	class RailwayConfig {

		// From Railway's Config as Code reference
		// (docs.railway.com/config-as-code/reference)
		// and https://railway.com/railway.schema.json.
		private static final Set<String> TOP_LEVEL_KEYS = Set.of("$schema", "build", "deploy", "environments");

		private static final Set<String> BUILD_KEYS = Set.of("builder", "watchPatterns", "buildCommand",
				"dockerfilePath", "railpackVersion", "nixpacksConfigPath", "nixpacksPlan", "nixpacksVersion");

		private static final Set<String> DEPLOY_KEYS = Set.of("startCommand", "preDeployCommand", "multiRegionConfig",
				"healthcheckPath", "healthcheckTimeout", "restartPolicyType", "restartPolicyMaxRetries", "cronSchedule",
				"overlapSeconds", "drainingSeconds");

		private static final JsonNode railway = JsonMapper.builder().build().readTree(Path.of("railway.json").toFile());

		@LocalServerPort
		private int port;

		@Test
		void usesOnlyDocumentedKeys() {
			assertThat(railway.propertyNames()).isSubsetOf(TOP_LEVEL_KEYS);
			assertThat(railway.path("build").propertyNames()).isSubsetOf(BUILD_KEYS);
			assertThat(railway.path("deploy").propertyNames()).isSubsetOf(DEPLOY_KEYS);
			assertThat(railway.path("$schema").asString()).isEqualTo("https://railway.com/railway.schema.json");
		}

		@Test
		void buildsTheDockerfile() {
			JsonNode build = railway.path("build");
			assertThat(build.path("builder").asString()).isEqualTo("DOCKERFILE");
			assertThat(Path.of(build.path("dockerfilePath").asString())).isRegularFile();
		}

		@Test
		void restartsOnFailureOnlyAFewTimes() {
			JsonNode deploy = railway.path("deploy");
			assertThat(deploy.path("restartPolicyType").asString()).isEqualTo("ON_FAILURE");
			assertThat(deploy.path("restartPolicyMaxRetries").isInt()).isTrue();
			assertThat(deploy.path("restartPolicyMaxRetries").asInt()).isPositive();
		}

		@Test
		void healthcheckPathAnswers200OnTheRunningApplication() {
			JsonNode deploy = railway.path("deploy");
			assertThat(deploy.path("healthcheckTimeout").isInt()).isTrue();
			assertThat(deploy.path("healthcheckTimeout").asInt()).isPositive();
			String healthcheckPath = deploy.path("healthcheckPath").asString();
			assertThat(healthcheckPath).isEqualTo("/readyz");
			assertThat(LocalHttp.get(this.port, healthcheckPath).statusCode()).isEqualTo(200);
		}

	}

}
