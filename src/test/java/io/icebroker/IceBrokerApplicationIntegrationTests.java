package io.icebroker;

import java.net.http.HttpResponse;

import io.icebroker.testsupport.LocalHttp;
import io.icebroker.web.SecurityHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise: with no configuration at all the service starts and serves public
 * STUN.
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

}
