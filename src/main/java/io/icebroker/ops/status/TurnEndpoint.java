package io.icebroker.ops.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.ProviderState;
import io.icebroker.chain.UpstreamGuard;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.shared.SharedState;
import io.icebroker.web.Problems;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * {@code /actuator/turn}: which provider serves and why the others do not, without a
 * video call.
 */
@Component
@Endpoint(id = "turn")
class TurnEndpoint {

	private final ProviderChain chain;

	private final ProviderActivity activity;

	private final UpstreamGuard guard;

	private final SharedState shared;

	TurnEndpoint(ProviderChain chain, ProviderActivity activity, UpstreamGuard guard, SharedState shared) {
		this.shared = shared;
		this.chain = chain;
		this.activity = activity;
		this.guard = guard;
	}

	@ReadOperation
	TurnStatus status() {
		List<IceServerProvider> providers = this.chain.providers();
		List<ProviderStatus> statuses = new ArrayList<>(providers.size());
		for (int index = 0; index < providers.size(); index++) {
			statuses.add(status(providers.get(index), index + 1));
		}
		return new TurnStatus(this.shared.replica().id(),
				new SharedStateStatus(this.shared.backend().id(), this.shared.up(), this.shared.since()), statuses);
	}

	private ProviderStatus status(IceServerProvider provider, int position) {
		ProviderConfiguration configuration = provider.configuration();
		ProviderState state = this.guard.state(provider.id());
		return new ProviderStatus(provider.id(), provider.displayName(), position, provider.premium(),
				configuration.configured(), configuration.missing(), configuration.warnings(),
				this.activity.lastSuccess(provider.id()).orElse(null),
				this.activity.lastError(provider.id()).orElse(null), state.circuit(),
				state.cachedExpiresAt().orElse(null), state.cachedAt().orElse(null),
				state.lastRefresh()
					.map((refresh) -> new ProviderStatus.Refresh(refresh.at(), refresh.outcome()))
					.orElse(null));
	}

	/**
	 * {@code POST /actuator/turn/{provider}}: replace the provider's cached credentials
	 * now, for when its credentials were revoked or rotated. The current ones are served
	 * until the new ones arrive.
	 * @param provider the provider's id
	 * @return whether a refresh started
	 */
	@WriteOperation
	RefreshStarted refresh(@Selector String provider) {
		if (this.chain.providers().stream().noneMatch((known) -> known.id().equals(provider))) {
			// The id is whatever the caller typed: name the valid ones, never it.
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
					"Unknown provider; use one of " + String.join(", ", providerIds()), null), null);
		}
		return new RefreshStarted(provider, this.guard.refreshNow(provider));
	}

	private List<String> providerIds() {
		return this.chain.providers().stream().map(IceServerProvider::id).toList();
	}

	/**
	 * The answer to a refresh request.
	 *
	 * @param provider the provider's id
	 * @param started whether a refresh started: {@code false} for a provider that holds
	 * no cached credentials
	 */
	record RefreshStarted(String provider, boolean started) {
	}

	/**
	 * The body of {@code /actuator/turn}.
	 *
	 * @param replica which replica answers: {@code RAILWAY_REPLICA_ID}, else the host
	 * name
	 * @param sharedState where rate limits and minted credentials live
	 * @param providers every provider in {@code TURN_PROVIDER_ORDER}, in that order
	 */
	record TurnStatus(String replica, SharedStateStatus sharedState, List<ProviderStatus> providers) {
	}

	/**
	 * Shared state as this replica sees it.
	 *
	 * @param backend {@code redis} when REDIS_URL is set, else {@code local}
	 * @param up whether Redis-backed state is in use right now (always {@code false} for
	 * {@code local})
	 * @param since when {@code up} last changed (or the replica started)
	 */
	record SharedStateStatus(String backend, boolean up, Instant since) {
	}

}
