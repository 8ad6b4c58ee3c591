package io.icebroker.probe.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

import io.icebroker.probe.stun.ProbeOutcome.ProtocolError;
import io.icebroker.probe.stun.ProbeOutcome.Rejected;
import io.icebroker.probe.stun.ProbeOutcome.Relayed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation flow against a scripted server, for the answers a healthy coturn does
 * not give on demand: stale nonces, lost datagrams, broken responses.
 */
class StunClientScriptedTests {

	private static final String REALM = "scripted.test";

	private static final LongTermCredential CREDENTIAL = new LongTermCredential("1700000000:probe", "c2NyaXB0ZWQ=");

	private static final InetSocketAddress RELAY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 49152);

	private final StunClient client = new StunClient(
			new StunClientSettings(Duration.ofSeconds(5), Duration.ofMillis(100), 7,
					() -> (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault()),
			ForkJoinPool.commonPool());

	@Test
	void retriesOnceWithTheNewNonceAfterStaleNonce() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer((request, index) -> switch (index) {
			case 0 -> Optional.of(unauthorized(request, "nonce-1"));
			case 1 -> Optional.of(staleNonce(request, "nonce-2"));
			case 2 -> Optional.of(allocated(request, CREDENTIAL.key(REALM)));
			default -> Optional.of(success(request, CREDENTIAL.key(REALM)));
		})) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isEqualTo(new Relayed(RELAY, ((Relayed) outcome).roundTrip(), true));
			List<StunMessage> received = server.received();
			assertThat(received).hasSize(4);
			assertThat(nonceOf(received.get(1))).isEqualTo("nonce-1");
			assertThat(nonceOf(received.get(2))).isEqualTo("nonce-2");
			assertThat(received.get(2).hasValidIntegrity(CREDENTIAL.key(REALM))).isTrue();
			assertThat(received.get(2).attribute(AttributeType.USERNAME).orElseThrow().asText())
				.isEqualTo(CREDENTIAL.username());
			assertThat(received.get(3).method()).isEqualTo(Method.REFRESH);
			assertThat(
					ByteBuffer.wrap(received.get(3).attribute(AttributeType.LIFETIME).orElseThrow().value()).getInt())
				.isZero();
			assertThat(received.get(3).hasValidIntegrity(CREDENTIAL.key(REALM))).isTrue();
		}
	}

	@Test
	void givesUpAfterASecondStaleNonce() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer((request, index) -> (index == 0)
				? Optional.of(unauthorized(request, "nonce-1")) : Optional.of(staleNonce(request, "nonce-" + index)))) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("438 Stale Nonce"));
			assertThat(server.received()).hasSize(3);
		}
	}

	@Test
	void retransmitsARequestWhoseDatagramWasLost() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer((request, index) -> switch (index) {
			case 0 -> Optional.empty();
			case 1 -> Optional.of(unauthorized(request, "nonce-1"));
			case 2 -> Optional.of(allocated(request, CREDENTIAL.key(REALM)));
			default -> Optional.of(success(request, CREDENTIAL.key(REALM)));
		})) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isInstanceOf(Relayed.class);
			List<StunMessage> received = server.received();
			assertThat(received.get(1).transactionId()).isEqualTo(received.get(0).transactionId());
		}
	}

	@Test
	void retriesTheReleaseOnStaleNonce() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer((request, index) -> switch (index) {
			case 0 -> Optional.of(unauthorized(request, "nonce-1"));
			case 1 -> Optional.of(allocated(request, CREDENTIAL.key(REALM)));
			case 2 -> Optional.of(staleNonce(request, "nonce-2"));
			default -> Optional.of(success(request, CREDENTIAL.key(REALM)));
		})) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isInstanceOfSatisfying(Relayed.class,
					(relayed) -> assertThat(relayed.released()).isTrue());
			assertThat(nonceOf(server.received().get(3))).isEqualTo("nonce-2");
		}
	}

	@Test
	void refusesASuccessResponseWhoseIntegrityDoesNotMatch() throws Exception {
		byte[] otherKey = new LongTermCredential(CREDENTIAL.username(), "another password").key(REALM);
		try (ScriptedTurnServer server = new ScriptedTurnServer((request, index) -> (index == 0)
				? Optional.of(unauthorized(request, "nonce-1")) : Optional.of(allocated(request, otherKey)))) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isEqualTo(new ProtocolError("Allocate response failed the integrity check"));
		}
	}

	@Test
	void refusesASuccessResponseWithoutRelayedAddress() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer(
				(request, index) -> (index == 0) ? Optional.of(unauthorized(request, "nonce-1"))
						: Optional.of(success(request, CREDENTIAL.key(REALM))))) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isEqualTo(new ProtocolError("no XOR-RELAYED-ADDRESS in the Allocate response"));
		}
	}

	@Test
	void refusesAChallengeWithoutRealmAndNonce() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer(
				(request, index) -> Optional.of(error(request, 401, "Unauthorized", List.of())))) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isEqualTo(new ProtocolError("401 without REALM and NONCE"));
		}
	}

	@Test
	void reportsTheFirstErrorWhenItIsNotAChallenge() throws Exception {
		try (ScriptedTurnServer server = new ScriptedTurnServer(
				(request, index) -> Optional.of(error(request, 403, "Forbidden IP", List.of())))) {
			ProbeOutcome outcome = this.client.allocate(StunServer.parse(server.url()).orElseThrow(), CREDENTIAL);

			assertThat(outcome).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
				assertThat(rejected.reason()).isEqualTo("403 Forbidden");
				assertThat(rejected.errorCode()).hasValue(403);
			});
			assertThat(server.received()).hasSize(1);
		}
	}

	private static String nonceOf(StunMessage request) {
		return request.attribute(AttributeType.NONCE).orElseThrow().asText();
	}

	private static byte[] unauthorized(StunMessage request, String nonce) {
		return error(request, 401, "Unauthorized",
				List.of(Attribute.text(AttributeType.REALM, REALM), Attribute.text(AttributeType.NONCE, nonce)));
	}

	private static byte[] staleNonce(StunMessage request, String nonce) {
		return error(request, 438, "Stale Nonce",
				List.of(Attribute.text(AttributeType.REALM, REALM), Attribute.text(AttributeType.NONCE, nonce)));
	}

	private static byte[] error(StunMessage request, int code, String phrase, List<Attribute> more) {
		byte[] reason = phrase.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] value = new byte[4 + reason.length];
		value[2] = (byte) (code / 100);
		value[3] = (byte) (code % 100);
		System.arraycopy(reason, 0, value, 4, reason.length);
		List<Attribute> attributes = new ArrayList<>();
		attributes.add(new Attribute(AttributeType.ERROR_CODE, value));
		attributes.addAll(more);
		return StunMessage.of(request.method(), MessageClass.ERROR_RESPONSE, request.transactionId(), attributes)
			.encode(null, true);
	}

	private static byte[] allocated(StunMessage request, byte[] key) {
		return StunMessage.of(request.method(), MessageClass.SUCCESS_RESPONSE, request.transactionId(),
				List.of(Rfc5769.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, RELAY, request.transactionId()),
						Attribute.lifetime(600)))
			.encode(key, true);
	}

	private static byte[] success(StunMessage request, byte[] key) {
		return StunMessage.of(request.method(), MessageClass.SUCCESS_RESPONSE, request.transactionId(), List.of())
			.encode(key, true);
	}

}
