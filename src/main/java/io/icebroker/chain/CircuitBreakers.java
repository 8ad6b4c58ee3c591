package io.icebroker.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.icebroker.provider.IceServerProvider;

/**
 * The cool-down of a premium provider, as a Resilience4j circuit breaker: a single
 * failure opens it, it stays open for {@code TURN_CIRCUIT_COOLDOWN}, then lets one trial
 * call through.
 */
final class CircuitBreakers {

	private CircuitBreakers() {
	}

	/**
	 * A breaker for one provider.
	 * @param provider the provider
	 * @param cooldown how long it stays open; zero disables it
	 * @param clock when the cool-down ends
	 * @param transitions told of every change of state
	 * @return the breaker
	 */
	static CircuitBreaker create(IceServerProvider provider, Duration cooldown, Clock clock,
			Consumer<CircuitState> transitions) {
		// A window of one call, a minimum of one call and a 100 % threshold: one failure
		// opens it.
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(1)
			.minimumNumberOfCalls(1)
			.failureRateThreshold(100)
			.waitDurationInOpenState(cooldown.isZero() ? Duration.ofMillis(1) : cooldown)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.clock(clock)
			.build();
		CircuitBreaker breaker = CircuitBreaker.of(provider.id(), config);
		if (cooldown.isZero()) {
			breaker.transitionToDisabledState();
		}
		breaker.getEventPublisher()
			.onStateTransition((event) -> transitions.accept(state(event.getStateTransition().getToState())));
		return breaker;
	}

	/**
	 * The state as operators should read it: once the cool-down is over the breaker lets
	 * the next call through as a trial, although Resilience4j moves to half-open only
	 * when that call arrives.
	 * @param breaker the breaker
	 * @param openedAt when it last opened
	 * @param cooldown how long it stays open
	 * @param now the time
	 * @return the state
	 */
	static CircuitState state(CircuitBreaker breaker, Instant openedAt, Duration cooldown, Instant now) {
		CircuitState state = state(breaker.getState());
		if (state == CircuitState.OPEN && !now.isBefore(openedAt.plus(cooldown))) {
			return CircuitState.HALF_OPEN;
		}
		return state;
	}

	/**
	 * Whether calls go through without waiting for a trial.
	 * @param breaker the breaker
	 * @return {@code true} when closed or disabled
	 */
	static boolean letsCallsThrough(CircuitBreaker breaker) {
		CircuitBreaker.State state = breaker.getState();
		return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED;
	}

	private static CircuitState state(CircuitBreaker.State state) {
		return switch (state) {
			case CLOSED, METRICS_ONLY -> CircuitState.CLOSED;
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			case DISABLED -> CircuitState.DISABLED;
		};
	}

}
