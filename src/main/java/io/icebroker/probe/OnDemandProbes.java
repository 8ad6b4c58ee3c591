package io.icebroker.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The budget of {@code /actuator/turnprobe}. Every run may mint credentials and allocates
 * relays, so however many requests arrive, at most one run starts per {@link #WINDOW},
 * whatever its scope, and it runs on the probe's own thread. A request waits for the run
 * it started at most {@code TURN_PROBE_TIMEOUT}; every other request is answered at once:
 * with its scope's last report while that is younger than the window, else with when to
 * come back. No request thread ever queues behind a probe.
 */
final class OnDemandProbes {

	static final Duration WINDOW = Duration.ofSeconds(10);

	private final Executor runs;

	private final Clock clock;

	private final Duration wait;

	private final Map<String, Reply.Report> lastReports = new ConcurrentHashMap<>();

	private @Nullable Run latest;

	OnDemandProbes(Executor runs, Clock clock, Duration wait) {
		this.runs = runs;
		this.clock = clock;
		this.wait = wait;
	}

	Reply probe(String scope, Supplier<ProbeReport> run) {
		Instant now = this.clock.instant();
		Reply.Report last = this.lastReports.get(scope);
		if (last != null && now.isBefore(last.probedAt().plus(WINDOW))) {
			return last;
		}
		Run mine;
		synchronized (this) {
			Run latest = this.latest;
			if (latest != null && !latest.report().isDone()) {
				return new Reply.Later(retryAfter(latest, now), true);
			}
			if (latest != null && now.isBefore(latest.startedAt().plus(WINDOW))) {
				return new Reply.Later(retryAfter(latest, now), false);
			}
			mine = new Run(now, CompletableFuture.supplyAsync(() -> {
				Reply.Report report = new Reply.Report(run.get(), this.clock.instant());
				this.lastReports.put(scope, report);
				return report;
			}, this.runs));
			this.latest = mine;
		}
		try {
			return mine.report().get(this.wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return new Reply.Later(retryAfter(mine, this.clock.instant()), true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Reply.Later(WINDOW, true);
		}
		catch (ExecutionException ex) {
			// The prober reports every provider and network failure: this is a bug.
			throw new IllegalStateException("TURN probe failed unexpectedly", ex.getCause());
		}
	}

	private static Duration retryAfter(Run run, Instant now) {
		Duration remaining = Duration.between(now, run.startedAt().plus(WINDOW));
		return (remaining.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : remaining;
	}

	private record Run(Instant startedAt, CompletableFuture<Reply.Report> report) {
	}

	sealed interface Reply {

		record Report(ProbeReport report, Instant probedAt) implements Reply {
		}

		/**
		 * No report now: the budget is spent, or a run is still going.
		 */
		record Later(Duration retryAfter, boolean running) implements Reply {
		}

	}

}
