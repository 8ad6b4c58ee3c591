package io.icebroker.security.cors;

import java.io.IOException;

import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_ALLOWED_ORIGINS=https://app.example.test, https://staging.example.test:8443/",
				"TURN_RATE_LIMIT_PER_MINUTE=1000" })
class CorsIntegrationTests {

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
		assertThat(preflight("/turn/credentials", "https://staging.example.test", "x-api-key").status()).isEqualTo(403);
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
		RawHttp.Response response = RawHttp.send(this.port, "OPTIONS /turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
				+ "Origin: " + ALLOWED + "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");

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
		return RawHttp.send(this.port,
				"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin + "\r\nConnection: close\r\n\r\n");
	}

}
