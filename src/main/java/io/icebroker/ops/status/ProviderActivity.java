package io.icebroker.ops.status;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.icebroker.chain.Attempt;
import io.icebroker.chain.ChainListener;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Served;

import org.springframework.stereotype.Component;

/**
 * Remembers each provider's last success and last error, as the chain reports them.
 */
@Component
class ProviderActivity implements ChainListener {

	// Falling through for these is a decision, not a failure of the provider.
	private static final Set<String> NOT_ERRORS = Set.of("not_configured", "circuit_open");

	private final Clock clock;

	private final Map<String, ProviderStatus.Success> lastSuccess = new ConcurrentHashMap<>();

	private final Map<String, ProviderStatus.Failure> lastError = new ConcurrentHashMap<>();

	ProviderActivity(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void attempted(Attempt attempt) {
		if (attempt.result() instanceof Served) {
			this.lastSuccess.put(attempt.provider(),
					new ProviderStatus.Success(this.clock.instant(), attempt.outcome()));
		}
		else if (!NOT_ERRORS.contains(attempt.outcome())) {
			FellThrough fellThrough = (FellThrough) attempt.result();
			Integer status = fellThrough.errorStatus().isPresent() ? fellThrough.errorStatus().getAsInt() : null;
			// The message is from a fixed vocabulary; details may quote an upstream body,
			// so they stay in the logs.
			this.lastError.put(attempt.provider(),
					new ProviderStatus.Failure(this.clock.instant(), attempt.outcome(), status, fellThrough.message()));
		}
	}

	Optional<ProviderStatus.Success> lastSuccess(String provider) {
		return Optional.ofNullable(this.lastSuccess.get(provider));
	}

	Optional<ProviderStatus.Failure> lastError(String provider) {
		return Optional.ofNullable(this.lastError.get(provider));
	}

}
