package io.icebroker.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Whether this replica's shared state is in use right now: one line when it is lost, one
 * when it is back, never one per request; gauge {@code turn_shared_state_up}.
 */
public final class SharedState {

	static final String GAUGE = "turn.shared.state.up";

	private static final Logger logger = LoggerFactory.getLogger(SharedState.class);

	private final Backend backend;

	private final Replica replica;

	private final Clock clock;

	// Counts transitions: a failure of a call that started before the latest one says
	// nothing about the connection now.
	private final AtomicLong generation = new AtomicLong();

	private volatile boolean up;

	private volatile Instant since;

	public SharedState(Backend backend, Replica replica, Clock clock, MeterRegistry meters) {
		this.backend = backend;
		this.replica = replica;
		this.clock = clock;
		this.since = clock.instant();
		Gauge.builder(GAUGE, this, (state) -> state.up ? 1 : 0)
			.description("1 while Redis-backed shared state is in use, 0 while this replica runs on local state")
			.register(meters);
	}

	public Backend backend() {
		return this.backend;
	}

	public Replica replica() {
		return this.replica;
	}

	public boolean up() {
		return this.up;
	}

	public Instant since() {
		return this.since;
	}

	/**
	 * The generation a call starts in, to pass to {@link #lost(long, String)}.
	 */
	long generation() {
		return this.generation.get();
	}

	synchronized void reached(String where) {
		if (this.up) {
			return;
		}
		boolean first = this.generation.get() == 0;
		changeTo(true, logger.atInfo()).log(
				first ? "[TURN] ✅ Shared state in Redis at {} (replica {}): rate limits are shared"
						: "[TURN] ✅ Shared state in Redis at {} is back (replica {}): rate limits are shared again",
				where, this.replica.id());
	}

	/**
	 * A call failed: run on local state until Redis answers again.
	 */
	synchronized void lost(long generation, String why) {
		if (!this.up || generation != this.generation.get()) {
			return;
		}
		changeTo(false, logger.atWarn())
			.log("[TURN] ⚠️ Shared state in Redis lost ({}); replica {} runs on local state (rate limits per replica)"
					+ " until Redis answers again", why, this.replica.id());
	}

	/**
	 * Redis could not be reached at startup: said once, then retried quietly.
	 */
	synchronized void unreachableAtStartup(String where, String why) {
		// Any later failure belongs to a new generation; the first success is a recovery.
		changeTo(false, logger.atWarn())
			.log("[TURN] ⚠️ Shared state in Redis at {} is unreachable at startup ({}); replica {} serves on local"
					+ " state and keeps trying", where, why, this.replica.id());
	}

	public enum Backend {

		/** Everything in process. */
		LOCAL,

		REDIS;

		public String id() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private LoggingEventBuilder changeTo(boolean up, LoggingEventBuilder line) {
		this.up = up;
		this.since = this.clock.instant();
		this.generation.incrementAndGet();
		// No "replica" key: every JSON line has one already (from
		// ReplicaEnvironmentPostProcessor), and a second makes the encoder drop the line.
		return line.addKeyValue("step", "shared_state").addKeyValue("outcome", up ? "up" : "down");
	}

}
