package io.icebroker.ops;

import java.nio.file.Path;
import java.util.Set;

import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code railway.json} (kept for services created before Railway's Config as Code cutoff;
 * {@code ops/check-railway.sh} checks that {@code .railway/railway.ts} says the same) is
 * valid, uses only keys Railway documents, and its healthcheck answers {@code 200} on the
 * running application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn")
class RailwayConfigIntegrationTests {

	// From Railway's Config as Code reference (docs.railway.com/config-as-code/reference)
	// and https://railway.com/railway.schema.json.
	private static final Set<String> TOP_LEVEL_KEYS = Set.of("$schema", "build", "deploy", "environments");

	private static final Set<String> BUILD_KEYS = Set.of("builder", "watchPatterns", "buildCommand", "dockerfilePath",
			"railpackVersion", "nixpacksConfigPath", "nixpacksPlan", "nixpacksVersion");

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
