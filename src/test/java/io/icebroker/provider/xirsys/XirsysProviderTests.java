package io.icebroker.provider.xirsys;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.icebroker.TestSecrets;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.XirsysApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.icebroker.testsupport.ProviderAnswers.assertNoSecretIn;
import static io.icebroker.testsupport.ProviderAnswers.fellThrough;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Xirsys against its stand-in: each outcome the chain must tell apart.
 */
class XirsysProviderTests {

	@RegisterExtension
	static final XirsysApi xirsys = XirsysApi.shared();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Test
	void servesTheChannelsIceServersAskedForAsUrlsWithBasicAuthentication() {
		ProviderResult result = provider(TestSecrets.XIRSYS_SECRET, Duration.ofSeconds(2))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		xirsys.verify(1,
				XirsysApi.turnRequest()
					.withBasicAuth(new BasicCredentials(XirsysApi.IDENT, TestSecrets.XIRSYS_SECRET))
					.withRequestBody(equalToJson("{\"format\": \"urls\"}")));
		assertThat(result).isInstanceOfSatisfying(Served.class, (served) -> {
			assertThat(served.source()).isEqualTo(Served.Source.UPSTREAM);
			assertThat(served.expiresAt()).as("Xirsys does not say").isEmpty();
			assertThat(served.iceServers()).singleElement().satisfies((entry) -> {
				assertThat(entry.urls()).hasSize(7).startsWith("stun:bn-turn1.xirsys.com");
				assertThat(entry.credential()).isEqualTo(TestSecrets.UPSTREAM_TURN_CREDENTIAL);
			});
		});
	}

	@Test
	void aWrongSecretIsAnAuthenticationFailureThoughXirsysAnswers200() {
		ProviderResult result = provider("not-the-secret", Duration.ofSeconds(2))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		FellThrough fellThrough = fellThrough(result);
		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Authentication failed");
		assertThat(fellThrough.details()).containsEntry("status", 200).containsEntry("reason", "unauthorized");
		assertNoSecretIn(fellThrough, "not-the-secret");
	}

	@Test
	void aRefusalWithStatus200FallsThroughWithXirsysReason() {
		xirsys.answers(XirsysApi.error("no_namespace"));

		FellThrough fellThrough = fellThrough(provider(TestSecrets.XIRSYS_SECRET, Duration.ofSeconds(2))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.message()).isEqualTo("Refused by Xirsys");
		assertThat(fellThrough.details()).containsEntry("reason", "no_namespace");
	}

	@Test
	void aReasonThatIsNoPlainWordIsLeftOut() {
		xirsys.answers(XirsysApi.error("[TURN] forged line " + TestSecrets.XIRSYS_SECRET));

		FellThrough fellThrough = fellThrough(provider(TestSecrets.XIRSYS_SECRET, Duration.ofSeconds(2))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.message()).isEqualTo("Refused by Xirsys");
		assertThat(fellThrough.details()).doesNotContainKey("reason");
		assertNoSecretIn(fellThrough);
	}

	@Test
	void anHttpErrorFallsThroughWithItsStatus() {
		xirsys.answers(WireMock.aResponse().withStatus(401).withBody("Unauthorized"));

		FellThrough fellThrough = fellThrough(provider(TestSecrets.XIRSYS_SECRET, Duration.ofSeconds(2))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.message()).isEqualTo("Authentication failed");
		assertThat(fellThrough.errorStatus()).hasValue(401);
	}

	@Test
	void aMalformedAnswerFallsThroughWithoutTheSecret() {
		for (String body : List.of("not json", "{\"s\": \"ok\"}", "{\"v\": {}, \"s\": \"ok\"}",
				"{\"v\": {\"iceServers\": \"" + TestSecrets.XIRSYS_SECRET + "\"}, \"s\": \"ok\"}")) {
			xirsys.answers(WireMock.okJson(body));

			FellThrough fellThrough = fellThrough(provider(TestSecrets.XIRSYS_SECRET, Duration.ofSeconds(2))
				.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

			assertThat(fellThrough.message()).as(body).isEqualTo("Malformed response");
			assertNoSecretIn(fellThrough);
		}
	}

	@Test
	void aSlowAnswerTimesOut() {
		xirsys.answers(WireMock.okJson(XirsysApi.ICE_SERVERS).withFixedDelay(1000));

		FellThrough fellThrough = fellThrough(provider(TestSecrets.XIRSYS_SECRET, Duration.ofMillis(200))
			.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(fellThrough.message()).isEqualTo("Timed out");
	}

	@Test
	void isNotConfiguredWithoutIdentAndSecret() {
		XirsysProvider provider = new XirsysProvider(new XirsysProperties(XirsysApi.IDENT, " ", "default",
				URI.create(xirsys.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(1)), RestClient.builder(),
				this.jsonMapper);

		assertThat(provider.configuration().missing()).containsExactly("XIRSYS_SECRET");
		assertThat(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))).outcome())
			.isEqualTo(Outcome.NOT_CONFIGURED);
		assertThat(new IceServer(List.of("stun:a"), null, null).urls()).containsExactly("stun:a");
	}

	private XirsysProvider provider(String secret, Duration readTimeout) {
		return new XirsysProvider(new XirsysProperties(XirsysApi.IDENT, secret, XirsysApi.CHANNEL,
				URI.create(xirsys.baseUrl()), Duration.ofSeconds(1), readTimeout), RestClient.builder(),
				this.jsonMapper);
	}

}
