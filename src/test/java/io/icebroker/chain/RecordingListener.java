package io.icebroker.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.icebroker.provider.Outcome;

/**
 * Remembers every attempt, to assert on outcomes rather than timings.
 */
class RecordingListener implements ChainListener {

	private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

	@Override
	public void attempted(Attempt attempt) {
		this.attempts.add(attempt);
	}

	void clear() {
		this.attempts.clear();
	}

	List<Outcome> outcomes(String provider) {
		return this.attempts.stream()
			.filter((attempt) -> attempt.provider().equals(provider))
			.map(Attempt::outcome)
			.toList();
	}

}
