package io.icebroker.ops.status;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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

	private final Clock clock;

	private final Map<String, ProviderStatus.Success> lastSuccess = new ConcurrentHashMap<>();

	private final Map<String, ProviderStatus.Failure> lastError = new ConcurrentHashMap<>();

	ProviderActivity(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void attempted(Attempt attempt) {
		if (attempt.answer() instanceof Served) {
			this.lastSuccess.put(attempt.provider(),
					new ProviderStatus.Success(this.clock.instant(), attempt.outcome()));
		}
		// Passing a provider over (not configured, cooling down, not reached) is a
		// decision, not a failure of the provider.
		else if (attempt.outcome().failed()) {
			FellThrough fellThrough = (FellThrough) attempt.answer();
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
