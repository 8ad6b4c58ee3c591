package io.icebroker.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Probes every configured provider once after startup ({@code TURN_PROBE_ON_STARTUP}) and
 * every {@code TURN_PROBE_INTERVAL}, so that {@code turn_probe_success} follows each
 * provider. Its own single-thread scheduler spares the application
 * {@code @EnableScheduling}.
 */
class ScheduledTurnProbe implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger("icebroker.turn");

	private final Runnable probe;

	private final TurnProbeProperties properties;

	private final TaskScheduler scheduler;

	private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

	private volatile boolean running;

	ScheduledTurnProbe(Runnable probe, TurnProbeProperties properties, TaskScheduler scheduler) {
		this.probe = probe;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void start() {
		Instant now = this.scheduler.getClock().instant();
		if (this.properties.onStartup()) {
			this.scheduled.add(this.scheduler.schedule(this::probeSafely, now));
		}
		if (this.properties.scheduled()) {
			this.scheduled.add(this.scheduler.scheduleWithFixedDelay(this::probeSafely,
					now.plus(this.properties.interval()), this.properties.interval()));
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.scheduled.forEach((future) -> future.cancel(true));
		this.scheduled.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// One failed run must not end the schedule; its message stays out of the log, as
	// everywhere a provider is involved.
	void probeSafely() {
		try {
			this.probe.run();
		}
		catch (RuntimeException ex) {
			logger.atError()
				.addKeyValue("step", "probe")
				.addKeyValue("outcome", "error")
				.addKeyValue("exception", ex.getClass().getName())
				.log("[TURN] ❌ Probe run failed unexpectedly ({})", ex.getClass().getName());
		}
	}

}
