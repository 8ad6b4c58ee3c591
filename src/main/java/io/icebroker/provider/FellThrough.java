package io.icebroker.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The provider could not serve; the chain moves on to the next one.
 *
 * @param outcome why, as one of the outcomes that fall through
 * @param message a short, fixed-vocabulary explanation for log lines and the status
 * endpoint, never a secret
 * @param details structured facts for the {@code Error details} log line, never a secret
 * @param errorStatus the upstream HTTP status, when there was one
 */
public record FellThrough(Outcome outcome, String message, Map<String, Object> details,
		OptionalInt errorStatus) implements ProviderResult {

	public FellThrough {
		if (outcome.served()) {
			throw new IllegalArgumentException(outcome + " does not fall through");
		}
		// Insertion order is the order operators read the details in.
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	public static FellThrough notConfigured() {
		return new FellThrough(Outcome.NOT_CONFIGURED, "Not configured", Map.of(), OptionalInt.empty());
	}

	public static FellThrough timeout(String message) {
		return new FellThrough(Outcome.TIMEOUT, message, Map.of(), OptionalInt.empty());
	}

	public static FellThrough error(String message, Map<String, Object> details) {
		return new FellThrough(Outcome.ERROR, message, details, OptionalInt.empty());
	}

	public static FellThrough httpError(int status, String message, Map<String, Object> details) {
		return new FellThrough(Outcome.ERROR, message, details, OptionalInt.of(status));
	}

	public static FellThrough circuitOpen() {
		return new FellThrough(Outcome.CIRCUIT_OPEN, "Circuit open: cooling down after a failure", Map.of(),
				OptionalInt.empty());
	}

	public static FellThrough empty() {
		return error("No usable ICE servers in the answer", Map.of());
	}

	public static FellThrough notTried() {
		return new FellThrough(Outcome.NOT_TRIED, "Not tried: the chain deadline was used up before its turn", Map.of(),
				OptionalInt.empty());
	}

}
