package io.icebroker.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The provider could not serve; the chain moves on to the next one.
 *
 * @param reason why, as a bounded value fit for metric tags
 * @param message a short, fixed-vocabulary explanation for log lines and the status
 * endpoint, never a secret
 * @param details structured facts for the {@code Error details} log line, never a secret
 * @param errorStatus the upstream HTTP status, when there was one
 */
public record FellThrough(FallThroughReason reason, String message, Map<String, Object> details,
		OptionalInt errorStatus) implements ProviderResult {

	public FellThrough {
		// Insertion order is the order operators read the details in.
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	public static FellThrough notConfigured() {
		return new FellThrough(FallThroughReason.NOT_CONFIGURED, "Not configured", Map.of(), OptionalInt.empty());
	}

	public static FellThrough timeout(String message) {
		return new FellThrough(FallThroughReason.TIMEOUT, message, Map.of(), OptionalInt.empty());
	}

	public static FellThrough error(String message, Map<String, Object> details) {
		return new FellThrough(FallThroughReason.ERROR, message, details, OptionalInt.empty());
	}

	public static FellThrough httpError(int status, String message, Map<String, Object> details) {
		return new FellThrough(FallThroughReason.ERROR, message, details, OptionalInt.of(status));
	}

	public static FellThrough circuitOpen() {
		return new FellThrough(FallThroughReason.CIRCUIT_OPEN, "Circuit open: cooling down after a failure", Map.of(),
				OptionalInt.empty());
	}

	public static FellThrough empty() {
		return new FellThrough(FallThroughReason.EMPTY, "No usable ICE servers in the answer", Map.of(),
				OptionalInt.empty());
	}

}
