package io.icebroker.probe.stun;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

import io.icebroker.TestSecrets;
import io.icebroker.probe.stun.ProbeOutcome.Bound;
import io.icebroker.probe.stun.ProbeOutcome.Rejected;
import io.icebroker.probe.stun.ProbeOutcome.Relayed;
import io.icebroker.probe.stun.ProbeOutcome.TimedOut;
import io.icebroker.probe.stun.ProbeOutcome.Unreachable;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.LoopbackPorts;
import io.icebroker.testsupport.TurnRestCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client against a real coturn on loopback, with TURN REST API credentials computed
 * here from the shared secret.
 */
class StunClientTests {

	private static CoturnServer coturn;

	private final StunClient client = new StunClient(new StunClientSettings(Duration.ofSeconds(5),
			Duration.ofMillis(250), 7, () -> coturn.trustingSslContext().getSocketFactory()),
			ForkJoinPool.commonPool());

	@BeforeAll
	static void startCoturn() throws IOException {
		coturn = CoturnServer.builder(TestSecrets.COTURN_SECRET).withTls().start();
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	@Test
	void allocatesARelayOverUdpWithRestCredentials() {
		ProbeOutcome outcome = this.client.allocate(server(coturn.turnUrl("udp")),
				credential(TestSecrets.COTURN_SECRET));

		assertRelayedOnLoopback(outcome);
	}

	@Test
	void allocatesARelayOverTcp() {
		ProbeOutcome outcome = this.client.allocate(server(coturn.turnUrl("tcp")),
				credential(TestSecrets.COTURN_SECRET));

		assertRelayedOnLoopback(outcome);
	}

	@Test
	void allocatesARelayOverTlsCheckingTheCertificate() {
		ProbeOutcome outcome = this.client.allocate(server(coturn.turnsUrl()), credential(TestSecrets.COTURN_SECRET));

		assertRelayedOnLoopback(outcome);
	}

	@Test
	void refusesATlsServerWhoseCertificateIsNotTrusted() {
		StunClient trustingOnlyDefaultAuthorities = new StunClient(
				StunClientSettings.withTimeout(Duration.ofSeconds(5)), ForkJoinPool.commonPool());

		ProbeOutcome outcome = trustingOnlyDefaultAuthorities.allocate(server(coturn.turnsUrl()),
				credential(TestSecrets.COTURN_SECRET));

		assertThat(outcome).isEqualTo(new Unreachable("TLS certificate not trusted"));
	}

	@Test
	void bindsToAStunUrlAndReportsTheMappedAddress() {
		ProbeOutcome outcome = this.client.probe(server(coturn.stunUrl()), Optional.empty());

		assertThat(outcome).isInstanceOfSatisfying(Bound.class, (bound) -> {
			assertThat(bound.mappedAddress().getAddress().isLoopbackAddress()).isTrue();
			assertThat(bound.mappedAddress().getPort()).isPositive();
		});
	}

	@Test
	void reportsUnauthorizedWhenTheCredentialWasMadeWithAnotherSecret() {
		LongTermCredential wrong = credential("not-the-coturn-secret");

		ProbeOutcome overUdp = this.client.allocate(server(coturn.turnUrl("udp")), wrong);
		ProbeOutcome overTcp = this.client.allocate(server(coturn.turnUrl("tcp")), wrong);

		for (ProbeOutcome outcome : List.of(overUdp, overTcp)) {
			assertThat(outcome).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
				assertThat(rejected.reason()).isEqualTo("401 Unauthorized");
				assertThat(rejected.errorCode()).hasValue(401);
			});
		}
	}

	@Test
	void refusesExpiredCredentials() {
		TurnRestCredential expired = TurnRestCredential.expiringAt(TestSecrets.COTURN_SECRET, "probe",
				Instant.now().minusSeconds(60));

		ProbeOutcome outcome = this.client.allocate(server(coturn.turnUrl("udp")),
				new LongTermCredential(expired.username(), expired.password()));

		assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo("401 Unauthorized"));
	}

	@Test
	void reportsAClosedUdpPortAsATimeoutWithinItsBound() throws IOException {
		Duration timeout = Duration.ofSeconds(1);
		StunClient client = new StunClient(StunClientSettings.withTimeout(timeout), ForkJoinPool.commonPool());
		int closedPort;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}

		long started = System.nanoTime();
		ProbeOutcome outcome = client.allocate(server("turn:127.0.0.1:" + closedPort + "?transport=udp"),
				credential(TestSecrets.COTURN_SECRET));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(outcome).isInstanceOfSatisfying(TimedOut.class,
				(timedOut) -> assertThat(timedOut.reason()).isEqualTo("timeout"));
		// Generous slack: the machine is shared; the point is that the wait ends.
		assertThat(elapsed).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(10));
	}

	@Test
	void reportsAClosedTcpPortAsConnectionRefused() throws IOException {
		int closedPort = LoopbackPorts.free();

		ProbeOutcome outcome = this.client.allocate(server("turn:127.0.0.1:" + closedPort + "?transport=tcp"),
				credential(TestSecrets.COTURN_SECRET));

		assertThat(outcome).isEqualTo(new Unreachable("connection refused"));
	}

	@Test
	void reportsAnUnknownHost() {
		ProbeOutcome outcome = this.client.allocate(server("turn:no-such-host.invalid:3478"),
				credential(TestSecrets.COTURN_SECRET));

		assertThat(outcome).isInstanceOfAny(Unreachable.class, TimedOut.class);
		if (outcome instanceof Unreachable unreachable) {
			assertThat(unreachable.reason()).isEqualTo("unknown host");
		}
	}

	@Test
	void releasesTheAllocationSoThatTheNextOneFitsInAQuotaOfOne() throws Exception {
		try (CoturnServer quotaOfOne = CoturnServer.builder(TestSecrets.COTURN_SECRET).withUserQuota(1).start()) {
			LongTermCredential credential = credential(TestSecrets.COTURN_SECRET);
			StunServer server = server(quotaOfOne.turnUrl("udp"));

			ProbeOutcome first = this.client.allocate(server, credential);

			assertThat(first).isInstanceOfSatisfying(Relayed.class,
					(relayed) -> assertThat(relayed.released()).isTrue());
			// coturn frees released allocations on its one-second timer; an unreleased
			// one would hold the quota for its whole lifetime (600 s).
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> this.client.allocate(server, credential), Relayed.class::isInstance);
		}
	}

	@Test
	void anAllocationThatIsNotReleasedHoldsTheQuota() throws Exception {
		try (CoturnServer quotaOfOne = CoturnServer.builder(TestSecrets.COTURN_SECRET).withUserQuota(1).start();
				UdpConnection held = new UdpConnection(
						new InetSocketAddress(InetAddress.getLoopbackAddress(), quotaOfOne.port()),
						Duration.ofMillis(250), 7)) {
			LongTermCredential credential = credential(TestSecrets.COTURN_SECRET);
			allocateWithoutReleasing(held, credential);
			StunServer server = server(quotaOfOne.turnUrl("udp"));

			// coturn frees released allocations on its one-second timer: through two of
			// its ticks, the allocation held here keeps every other one out.
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(400))
				.until(() -> this.client.allocate(server, credential), (refused) -> refused instanceof Rejected);
			ProbeOutcome outcome = this.client.allocate(server, credential);

			assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("486 Allocation Quota Reached"));
		}
	}

	private static void allocateWithoutReleasing(UdpConnection connection, LongTermCredential credential)
			throws Exception {
		Deadline deadline = Deadline.after(Duration.ofSeconds(5));
		StunMessage first = StunMessage.request(Method.ALLOCATE, List.of(Attribute.requestedTransportUdp()));
		StunMessage challenge = connection.transact(first, first.encode(null, false), deadline);
		String realm = challenge.attribute(AttributeType.REALM).orElseThrow().asText();
		String nonce = challenge.attribute(AttributeType.NONCE).orElseThrow().asText();
		StunMessage allocate = StunMessage.request(Method.ALLOCATE,
				List.of(Attribute.requestedTransportUdp(),
						Attribute.text(AttributeType.USERNAME, credential.username()),
						Attribute.text(AttributeType.REALM, realm), Attribute.text(AttributeType.NONCE, nonce)));
		StunMessage response = connection.transact(allocate, allocate.encode(credential.key(realm), true), deadline);
		assertThat(response.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
	}

	private static void assertRelayedOnLoopback(ProbeOutcome outcome) {
		assertThat(outcome).isInstanceOfSatisfying(Relayed.class, (relayed) -> {
			assertThat(relayed.relayedAddress().getAddress().isLoopbackAddress()).isTrue();
			assertThat(relayed.relayedAddress().getPort()).isBetween(20000, 60200);
			assertThat(relayed.released()).isTrue();
		});
	}

	private static StunServer server(String url) {
		return StunServer.parse(url).orElseThrow();
	}

	private static LongTermCredential credential(String secret) {
		TurnRestCredential credential = TurnRestCredential.validFor(secret, "probe", Duration.ofHours(1));
		return new LongTermCredential(credential.username(), credential.password());
	}

}
