package io.icebroker.probe.stun;

import java.time.Duration;

/**
 * The moment a probe gives up. Every wait in this package is cut to what remains.
 */
final class Deadline {

	private final long nanos;

	private Deadline(long nanos) {
		this.nanos = nanos;
	}

	static Deadline after(Duration timeout) {
		return new Deadline(System.nanoTime() + timeout.toNanos());
	}

	Duration remaining() {
		return Duration.ofNanos(Math.max(0, this.nanos - System.nanoTime()));
	}

	boolean passed() {
		return this.nanos - System.nanoTime() <= 0;
	}

	/**
	 * What remains, as a socket timeout: at least one millisecond, because zero means
	 * "wait forever".
	 */
	int socketTimeoutMillis() {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining().toMillis()));
	}

	/**
	 * The earlier of this deadline and another wait.
	 */
	Deadline atMost(Duration wait) {
		return new Deadline(Math.min(this.nanos, System.nanoTime() + wait.toNanos()));
	}

}
