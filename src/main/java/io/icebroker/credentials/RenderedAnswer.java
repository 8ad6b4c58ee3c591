package io.icebroker.credentials;

import java.util.List;
import java.util.Objects;

import io.icebroker.ice.IceServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serialized body of the last answer. Answers served from the credential cache repeat
 * the same entries and change only in {@code ttl}, once a second, so under load nearly
 * every request reuses the bytes instead of serializing them again; an answer that
 * differs (another provider, per-user credentials, the next second) is serialized and
 * becomes the last one.
 */
final class RenderedAnswer {

	private final JsonMapper json;

	private volatile @Nullable Rendered last;

	RenderedAnswer(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The JSON of an answer.
	 * @param answer the answer
	 * @return its serialized form; callers must not modify it
	 */
	byte[] bytes(CredentialsResponse answer) {
		Rendered rendered = this.last;
		if (rendered != null && rendered.isFor(answer)) {
			return rendered.body();
		}
		byte[] body = this.json.writeValueAsBytes(answer);
		this.last = new Rendered(answer, body);
		return body;
	}

	private record Rendered(CredentialsResponse answer, byte[] body) {

		boolean isFor(CredentialsResponse other) {
			return Objects.equals(this.answer.ttl(), other.ttl())
					&& Objects.equals(this.answer.expiresAt(), other.expiresAt())
					&& Objects.equals(this.answer.refreshAfter(), other.refreshAfter())
					&& this.answer.provider().equals(other.provider())
					&& sameEntries(this.answer.iceServers(), other.iceServers());
		}

		// The chain hands out the very same list for every answer from its cache.
		private static boolean sameEntries(List<IceServer> one, List<IceServer> other) {
			return one == other || one.equals(other);
		}

	}

}
