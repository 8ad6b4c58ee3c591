package io.icebroker.ops.status;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.icebroker.provider.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * One provider's entry in {@code /actuator/turn}. Names of variables, never their values.
 *
 * @param id the provider's id
 * @param displayName the name used in log lines
 * @param position its place in {@code TURN_PROVIDER_ORDER}, from 1
 * @param premium whether it is a paid or self-hosted TURN service rather than the free
 * fallback
 * @param configured whether all of its required variables are set
 * @param missing the names of its required variables that are blank
 * @param warnings what operators should know about its configuration
 * @param lastSuccess when it last served, or {@code null}
 * @param lastError its last failure, or {@code null}
 * @param circuit the cool-down state of its API calls: {@code closed}, {@code open},
 * {@code half_open}, or {@code disabled} for providers without one
 * @param cachedUntil when its cached credentials expire, or {@code null} when none are
 * cached
 * @param cachedAt when its cached credentials were minted, or {@code null}
 * @param lastRefresh the last background refresh of its cached credentials and what came
 * of it, or {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProviderStatus(String id, String displayName, int position, boolean premium, boolean configured,
		List<String> missing, List<String> warnings, @Nullable Success lastSuccess, @Nullable Failure lastError,
		String circuit, @Nullable Instant cachedUntil, @Nullable Instant cachedAt, @Nullable Refresh lastRefresh) {

	/**
	 * A served answer.
	 *
	 * @param at when
	 * @param outcome {@code success}, or {@code cached} when it came from a cache
	 */
	record Success(Instant at, Outcome outcome) {
	}

	/**
	 * A failure.
	 *
	 * @param at when
	 * @param outcome {@code error} or {@code timeout}
	 * @param status the upstream HTTP status, or {@code null} when there was no answer
	 * @param message a short, fixed-vocabulary explanation such as
	 * {@code Authentication failed}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Failure(Instant at, Outcome outcome, @Nullable Integer status, String message) {
	}

	/**
	 * A background refresh of cached credentials.
	 *
	 * @param at when it finished
	 * @param outcome {@code success}, or why the cached credentials were kept
	 */
	record Refresh(Instant at, Outcome outcome) {
	}

}
