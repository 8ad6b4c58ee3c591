package io.icebroker.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledTurnProbeTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final RecordingScheduler scheduler = new RecordingScheduler();

	private final AtomicInteger probes = new AtomicInteger();

	@Test
	void schedulesNothingByDefault() {
		ScheduledTurnProbe schedule = schedule(Duration.ZERO, false);

		schedule.start();

		assertThat(this.scheduler.tasks).isEmpty();
	}

	@Test
	void probesOnceRightAfterStartupWhenAsked() {
		ScheduledTurnProbe schedule = schedule(Duration.ZERO, true);

		schedule.start();

		assertThat(this.scheduler.tasks).singleElement().satisfies((task) -> {
			assertThat(task.start()).isEqualTo(NOW);
			assertThat(task.delay()).isNull();
			task.runnable().run();
		});
		assertThat(this.probes).hasValue(1);
	}

	@Test
	void probesEveryIntervalStartingOneIntervalAfterStartup() {
		ScheduledTurnProbe schedule = schedule(Duration.ofMinutes(10), false);

		schedule.start();

		assertThat(this.scheduler.tasks).singleElement().satisfies((task) -> {
			assertThat(task.start()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
			assertThat(task.delay()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void probesAtStartupAndThenEveryInterval() {
		ScheduledTurnProbe schedule = schedule(Duration.ofMinutes(10), true);

		schedule.start();

		assertThat(this.scheduler.tasks).extracting(ScheduledTask::start)
			.containsExactly(NOW, NOW.plus(Duration.ofMinutes(10)));
	}

	@Test
	void stoppingCancelsWhatIsScheduled() {
		ScheduledTurnProbe schedule = schedule(Duration.ofMinutes(10), true);
		schedule.start();

		schedule.stop();

		assertThat(schedule.isRunning()).isFalse();
		assertThat(this.scheduler.tasks).allSatisfy((task) -> assertThat(task.future().isCancelled()).isTrue());
	}

	@Test
	void aFailingRunIsLoggedWithoutItsMessageAndDoesNotEndTheSchedule(CapturedOutput output) {
		ScheduledTurnProbe schedule = new ScheduledTurnProbe(() -> {
			throw new IllegalStateException("message that might carry a secret");
		}, new TurnProbeProperties(Duration.ofMinutes(10), false, Duration.ofSeconds(5)), this.scheduler);

		schedule.probeSafely();

		assertThat(output.toString())
			.contains("[TURN] ❌ Probe run failed unexpectedly (java.lang.IllegalStateException)")
			.doesNotContain("message that might carry a secret");
	}

	private ScheduledTurnProbe schedule(Duration interval, boolean onStartup) {
		return new ScheduledTurnProbe(this.probes::incrementAndGet,
				new TurnProbeProperties(interval, onStartup, Duration.ofSeconds(5)), this.scheduler);
	}

	private record ScheduledTask(Runnable runnable, Instant start, @Nullable Duration delay, StubFuture future) {
	}

	/**
	 * Records what is scheduled, and runs nothing by itself.
	 */
	private static final class RecordingScheduler implements TaskScheduler {

		private final List<ScheduledTask> tasks = new ArrayList<>();

		@Override
		public Clock getClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			return add(task, startTime, null);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
			return add(task, startTime, delay);
		}

		private ScheduledFuture<?> add(Runnable task, Instant startTime, @Nullable Duration delay) {
			StubFuture future = new StubFuture();
			this.tasks.add(new ScheduledTask(task, startTime, delay, future));
			return future;
		}

		@Override
		public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
			throw new UnsupportedOperationException();
		}

	}

	private static final class StubFuture implements ScheduledFuture<Object> {

		private volatile boolean cancelled;

		@Override
		public long getDelay(TimeUnit unit) {
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return 0;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

	}

}
