package io.icebroker.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.icebroker.ice.IceServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedAnswerTests {

	private static final Instant EXPIRES_AT = Instant.parse("2026-11-24T11:00:00Z");

	private final List<IceServer> entries = List.of(IceServer.stun(List.of("stun:global.stun.twilio.com:3478")),
			new IceServer(List.of("turn:global.turn.twilio.com:3478?transport=udp"), "user", "secret"));

	private final RenderedAnswer rendered = new RenderedAnswer(JsonMapper.builder().build());

	@Test
	void reusesTheBytesWhileTheAnswerIsTheSame() {
		byte[] first = this.rendered
			.bytes(new CredentialsResponse(this.entries, "twilio", 3600L, EXPIRES_AT, refreshAfter(EXPIRES_AT)));
		byte[] again = this.rendered
			.bytes(new CredentialsResponse(this.entries, "twilio", 3600L, EXPIRES_AT, refreshAfter(EXPIRES_AT)));

		assertThat(again).isSameAs(first);
		assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("{\"iceServers\":["
				+ "{\"urls\":[\"stun:global.stun.twilio.com:3478\"]},"
				+ "{\"urls\":[\"turn:global.turn.twilio.com:3478?transport=udp\"],\"username\":\"user\",\"credential\":\"secret\"}],"
				+ "\"provider\":\"twilio\",\"ttl\":3600,\"expiresAt\":\"2026-11-24T11:00:00Z\","
				+ "\"refreshAfter\":\"2026-11-24T10:30:00Z\"}");
	}

	@Test
	void equalEntriesInAnotherListAreTheSameAnswer() {
		byte[] first = this.rendered
			.bytes(new CredentialsResponse(this.entries, "twilio", 3600L, EXPIRES_AT, refreshAfter(EXPIRES_AT)));

		assertThat(this.rendered.bytes(new CredentialsResponse(new ArrayList<>(this.entries), "twilio", 3600L,
				EXPIRES_AT, refreshAfter(EXPIRES_AT))))
			.isSameAs(first);
	}

	@Test
	void anythingThatDiffersIsSerializedAgain() {
		byte[] first = this.rendered
			.bytes(new CredentialsResponse(this.entries, "twilio", 3600L, EXPIRES_AT, refreshAfter(EXPIRES_AT)));

		assertThat(text(new CredentialsResponse(this.entries, "twilio", 3599L, EXPIRES_AT, refreshAfter(EXPIRES_AT))))
			.contains("\"ttl\":3599");
		assertThat(
				text(new CredentialsResponse(this.entries, "cloudflare", 3599L, EXPIRES_AT, refreshAfter(EXPIRES_AT))))
			.contains("\"provider\":\"cloudflare\"");
		assertThat(text(new CredentialsResponse(this.entries, "cloudflare", 3599L, EXPIRES_AT.plusSeconds(1),
				refreshAfter(EXPIRES_AT.plusSeconds(1)))))
			.contains("2026-11-24T11:00:01Z");
		assertThat(text(new CredentialsResponse(
				List.of(new IceServer(List.of("turn:coturn.example:3478"), "1700000000:bob", "per-user")), "coturn",
				3599L, EXPIRES_AT.plusSeconds(1), refreshAfter(EXPIRES_AT.plusSeconds(1)))))
			.contains("1700000000:bob");
		assertThat(text(new CredentialsResponse(this.entries, "free-public-turn", null, null, null)))
			.doesNotContain("ttl")
			.doesNotContain("expiresAt");
		assertThat(this.rendered
			.bytes(new CredentialsResponse(this.entries, "twilio", 3600L, EXPIRES_AT, refreshAfter(EXPIRES_AT))))
			.isNotSameAs(first)
			.isEqualTo(first);
	}

	private String text(CredentialsResponse answer) {
		return new String(this.rendered.bytes(answer), StandardCharsets.UTF_8);
	}

	private static Instant refreshAfter(Instant expiresAt) {
		return expiresAt.minusSeconds(1800);
	}

}
