package io.icebroker.probe.stun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StunServerTests {

	@Test
	void readsTurnUrlsWithTheirTransport() {
		assertThat(StunServer.parse("turn:turn.example.com:3478?transport=udp")).contains(new StunServer(
				"turn:turn.example.com:3478?transport=udp", true, "turn.example.com", 3478, Transport.UDP));
		assertThat(StunServer.parse("turn:turn.example.com:443?transport=tcp")).get()
			.extracting(StunServer::transport)
			.isEqualTo(Transport.TCP);
		assertThat(StunServer.parse("turn:turn.example.com")).get()
			.satisfies((server) -> assertThat(server.port()).isEqualTo(3478))
			.satisfies((server) -> assertThat(server.transport()).isEqualTo(Transport.UDP));
	}

	@Test
	void readsSecureSchemesAsTlsOnPort5349ByDefault() {
		assertThat(StunServer.parse("turns:turn.example.com?transport=tcp")).get()
			.satisfies((server) -> assertThat(server.port()).isEqualTo(5349))
			.satisfies((server) -> assertThat(server.transport()).isEqualTo(Transport.TLS));
		assertThat(StunServer.parse("turns:turn.example.com:443")).get()
			.extracting(StunServer::transport)
			.isEqualTo(Transport.TLS);
		assertThat(StunServer.parse("stuns:stun.example.com")).get()
			.satisfies((server) -> assertThat(server.turn()).isFalse())
			.satisfies((server) -> assertThat(server.transport()).isEqualTo(Transport.TLS));
	}

	@Test
	void readsStunUrlsAsUdpBindings() {
		assertThat(StunServer.parse("stun:stun.l.google.com:19302")).get()
			.satisfies((server) -> assertThat(server.turn()).isFalse())
			.satisfies((server) -> assertThat(server.host()).isEqualTo("stun.l.google.com"))
			.satisfies((server) -> assertThat(server.port()).isEqualTo(19302))
			.satisfies((server) -> assertThat(server.transport()).isEqualTo(Transport.UDP));
	}

	@Test
	void readsBracketedIpv6Hosts() {
		assertThat(StunServer.parse("turn:[2001:db8::1]:3478?transport=tcp")).get()
			.satisfies((server) -> assertThat(server.host()).isEqualTo("2001:db8::1"))
			.satisfies((server) -> assertThat(server.port()).isEqualTo(3478));
	}

	@Test
	void refusesWhatItCannotProbe() {
		assertThat(StunServer.parse("turns:turn.example.com?transport=udp")).as("DTLS").isEmpty();
		assertThat(StunServer.parse("turn:turn.example.com?transport=sctp")).isEmpty();
		assertThat(StunServer.parse("https://turn.example.com")).isEmpty();
		assertThat(StunServer.parse("turn:user@turn.example.com")).isEmpty();
		assertThat(StunServer.parse("turn:turn.example.com:0")).isEmpty();
		assertThat(StunServer.parse("turn:turn.example.com:70000")).isEmpty();
		assertThat(StunServer.parse("turn::3478")).isEmpty();
	}

}
