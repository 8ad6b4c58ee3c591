package io.icebroker.provider.coturn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.icebroker.TestSecrets;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoturnProviderTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.750Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final List<String> URLS = List.of("stun:turn.example.com:3478",
			"turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:443?transport=tcp");

	@Test
	void issuesCredentialsThatExpireAfterTheRequestedTtlWithoutCallingAnything() {
		CoturnProvider provider = new CoturnProvider(new CoturnProperties(TestSecrets.COTURN_SECRET, URLS), CLOCK);
		ProviderResult result = provider.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(result).isInstanceOf(Served.class);
		Served served = (Served) result;
		Instant expiry = Instant.parse("2026-01-01T01:00:00Z");
		assertThat(served.source()).isEqualTo(Served.Source.LOCAL);
		assertThat(provider.longestCall()).as("no remote call to guard").isEmpty();
		assertThat(served.expiresAt()).contains(expiry);
		assertThat(served.iceServers())
			.containsExactly(new IceServer(List.of("stun:turn.example.com:3478"), null, null),
					new IceServer(
							List.of("turn:turn.example.com:3478?transport=udp",
									"turns:turn.example.com:443?transport=tcp"),
							expiry.getEpochSecond() + ":alice",
							TurnRestCredentials.sign(TestSecrets.COTURN_SECRET, expiry.getEpochSecond() + ":alice")));
	}

	@Test
	void eachUserGetsTheirOwnUsername() {
		CoturnProvider provider = new CoturnProvider(new CoturnProperties(TestSecrets.COTURN_SECRET, URLS), CLOCK);

		String alice = turnEntry(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1)))).username();
		String bob = turnEntry(provider.fetch(new CredentialRequest("bob", Duration.ofHours(1)))).username();

		assertThat(alice).endsWith(":alice");
		assertThat(bob).endsWith(":bob");
	}

	@Test
	void isConfiguredWithASecretAndUrls() {
		CoturnProvider provider = new CoturnProvider(new CoturnProperties(TestSecrets.COTURN_SECRET, URLS), CLOCK);

		assertThat(provider.configuration().configured()).isTrue();
		assertThat(provider.configuration().warnings()).isEmpty();
	}

	@Test
	void namesTheMissingSecretButNeverItsValue() {
		CoturnProvider withoutSecret = new CoturnProvider(new CoturnProperties(" ", URLS), CLOCK);
		CoturnProvider withoutUrls = new CoturnProvider(new CoturnProperties(TestSecrets.COTURN_SECRET, List.of()),
				CLOCK);

		assertThat(withoutSecret.configuration().incomplete()).isTrue();
		assertThat(withoutSecret.configuration().missing()).containsExactly("COTURN_SECRET");
		assertThat(withoutUrls.configuration().missing()).containsExactly("COTURN_URLS");
		assertThat(withoutUrls.configuration().toString()).doesNotContain(TestSecrets.COTURN_SECRET);
	}

	@Test
	void warnsWhenTheUrlsHaveNoTurnServer() {
		CoturnProvider provider = new CoturnProvider(
				new CoturnProperties(TestSecrets.COTURN_SECRET, List.of("stun:turn.example.com:3478")), CLOCK);

		ProviderConfiguration configuration = provider.configuration();
		Served served = (Served) provider.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(configuration.configured()).isTrue();
		assertThat(configuration.warnings()).singleElement().asString().contains("no turn: or turns: URL");
		assertThat(served.iceServers())
			.containsExactly(new IceServer(List.of("stun:turn.example.com:3478"), null, null));
		assertThat(served.expiresAt()).isEmpty();
	}

	@Test
	void propertiesNeverPrintTheSecret() {
		assertThat(new CoturnProperties(TestSecrets.COTURN_SECRET, URLS).toString())
			.doesNotContain(TestSecrets.COTURN_SECRET)
			.contains("turn.example.com");
	}

	private static IceServer turnEntry(ProviderResult result) {
		return ((Served) result).iceServers()
			.stream()
			.filter((server) -> server.username() != null)
			.findFirst()
			.orElseThrow();
	}

}
