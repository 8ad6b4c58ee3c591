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
 * The budget of {@code /actuator/turnprobe}: every run may mint credentials and allocates
 * relays, so at most one run starts per {@link #WINDOW}, on the probe's own thread. The
 * request that started it waits at most {@code TURN_PROBE_TIMEOUT}; others get their
 * scope's last report while it is younger than the window, else when to come back.
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
