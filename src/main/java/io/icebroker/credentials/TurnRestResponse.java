package io.icebroker.credentials;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of the TURN REST API (draft-uberti-behave-turn-rest-00, section 2.2), as
 * Janus's {@code turn_rest_api} client reads it.
 *
 * @param username the TURN username
 * @param password the TURN password
 * @param ttl seconds the pair remains valid from now; absent when it does not expire
 * @param uris the {@code turn:} and {@code turns:} URIs the pair works with, never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TurnRestResponse(String username, String password, @Nullable Long ttl, List<String> uris) {

	@Override
	public String toString() {
		return "TurnRestResponse[username=" + this.username + ", password=***, ttl=" + this.ttl + ", uris=" + this.uris
				+ "]";
	}

}
