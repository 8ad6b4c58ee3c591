package io.icebroker.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;

/**
 * Runs provider API calls on the bounded upstream executor. Each call is bounded by the
 * chain deadline, whatever the provider's HTTP client does inside it (twilio-java retries
 * a 5xx answer up to three times), and its outcome is recorded once on the provider's
 * circuit breaker.
 */
final class UpstreamCalls {

	private static final int QUEUED = 0;

	private static final int RUNNING = 1;

	private static final int SETTLED = 2;

	private final Executor executor;

	private final Duration deadline;

	private final Issuer issuer;

	private final Clock clock;

	/**
	 * Create the calls.
	 * @param executor the bounded executor calls run on ({@code TURN_UPSTREAM_THREADS})
	 * @param deadline the most one call may take before it counts as timed out
	 * @param issuer asks a provider and sanitizes what it serves
	 * @param clock when credentials were minted
	 */
	UpstreamCalls(Executor executor, Duration deadline, Issuer issuer, Clock clock) {
		this.executor = executor;
		this.deadline = deadline;
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * Ask a provider on the pool, unless its circuit is open.
	 * @param provider the provider
	 * @param breaker its circuit breaker
	 * @param request who asks; its announcer runs only while the call is still awaited
	 * @return the call, completed by the provider's answer or by the deadline, whichever
	 * comes first; never exceptionally
	 */
	CompletableFuture<Call> start(IceServerProvider provider, CircuitBreaker breaker, CredentialRequest request) {
		if (!breaker.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(Call.notMade(FellThrough.circuitOpen(), this.clock.instant()));
		}
		Flight flight = new Flight(provider, breaker, request);
		try {
			this.executor.execute(flight::run);
		}
		catch (RejectedExecutionException ex) {
			// Our own saturation says nothing about the provider: give the permission
			// back.
			breaker.releasePermission();
			return CompletableFuture.completedFuture(Call
				.notMade(FellThrough.error("Too many upstream calls in flight", Map.of()), this.clock.instant()));
		}
		CompletableFuture.delayedExecutor(this.deadline.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
			.execute(flight::expire);
		return flight.future;
	}

	/**
	 * One finished call.
	 *
	 * @param answer what the provider answered, or why it was not asked or not awaited
	 * @param upstreamCalled whether the provider announced a call to its remote API
	 * @param startedAt when the provider was asked
	 * @param duration how long it took
	 */
	record Call(ProviderResult answer, boolean upstreamCalled, Instant startedAt, Duration duration) {

		static Call notMade(FellThrough reason, Instant now) {
			return new Call(reason, false, now, Duration.ZERO);
		}

	}

	private final class Flight {

		private final CompletableFuture<Call> future = new CompletableFuture<>();

		private final AtomicInteger state = new AtomicInteger(QUEUED);

		private final IceServerProvider provider;

		private final CircuitBreaker breaker;

		private final CredentialRequest request;

		private volatile boolean announced;

		private volatile long startedNanos;

		private volatile Instant startedAt = Instant.EPOCH;

		Flight(IceServerProvider provider, CircuitBreaker breaker, CredentialRequest request) {
			this.provider = provider;
			this.breaker = breaker;
			this.request = request;
		}

		void run() {
			this.startedNanos = System.nanoTime();
			this.startedAt = UpstreamCalls.this.clock.instant();
			if (!this.state.compareAndSet(QUEUED, RUNNING)) {
				// The deadline passed while it waited in the queue: nobody awaits it.
				return;
			}
			CredentialRequest tracked = new CredentialRequest(this.request.userId(), this.request.ttl(),
					this::announce);
			ProviderResult answer = UpstreamCalls.this.issuer.issue(this.provider, tracked);
			Duration duration = Duration.ofNanos(System.nanoTime() - this.startedNanos);
			if (this.state.compareAndSet(RUNNING, SETTLED)) {
				record(answer, duration);
				this.future.complete(new Call(answer, this.announced, this.startedAt, duration));
			}
			// Otherwise the deadline came first and was recorded as a timeout; this late
			// answer is dropped.
		}

		void expire() {
			if (this.state.compareAndSet(QUEUED, SETTLED)) {
				this.breaker.releasePermission();
				this.future.complete(Call.notMade(FellThrough.timeout("Queued past the chain deadline"),
						UpstreamCalls.this.clock.instant()));
			}
			else if (this.state.compareAndSet(RUNNING, SETTLED)) {
				Duration duration = Duration.ofNanos(System.nanoTime() - this.startedNanos);
				FellThrough timeout = FellThrough.timeout("Timed out");
				record(timeout, duration);
				this.future.complete(new Call(timeout, this.announced, this.startedAt, duration));
			}
		}

		private void announce() {
			this.announced = true;
			if (this.state.get() == RUNNING) {
				this.request.announceUpstreamCall();
			}
		}

		private void record(ProviderResult answer, Duration duration) {
			if (answer instanceof Served) {
				this.breaker.onSuccess(duration.toNanos(), TimeUnit.NANOSECONDS);
				return;
			}
			Outcome outcome = answer.outcome();
			if (outcome.failed()) {
				this.breaker.onError(duration.toNanos(), TimeUnit.NANOSECONDS, new UpstreamFailure(outcome));
			}
			else {
				this.breaker.releasePermission();
			}
		}

	}

	/**
	 * What the circuit breaker records for a failed call: the reason only, no message
	 * from the provider and no stack trace.
	 */
	static final class UpstreamFailure extends RuntimeException {

		UpstreamFailure(Outcome outcome) {
			super(outcome.tag(), null, false, false);
		}

	}

}
