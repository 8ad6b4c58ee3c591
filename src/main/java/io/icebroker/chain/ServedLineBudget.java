package io.icebroker.chain;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A per-second budget for the one line written by a request that made no upstream call
 * (served from cache, computed in process, or skipping open circuits). Railway keeps at
 * most 500 lines a second per replica, and a busy replica serves far more requests than
 * that from its cache: beyond the budget such lines are counted instead of written, so
 * that upstream calls and failures, which are always written, are never the lines that
 * get dropped.
 */
final class ServedLineBudget {

	private static final long SECOND = 1_000_000_000L;

	private final int perSecond;

	private final LongSupplier nanoTime;

	private final AtomicLong window;

	private final AtomicInteger written = new AtomicInteger();

	// Every request past the budget counts here: an adder, so that busy threads do not
	// contend for one counter.
	private final LongAdder unwritten = new LongAdder();

	ServedLineBudget(int perSecond, LongSupplier nanoTime) {
		this.perSecond = perSecond;
		this.nanoTime = nanoTime;
		this.window = new AtomicLong(nanoTime.getAsLong() / SECOND);
	}

	int perSecond() {
		return this.perSecond;
	}

	/**
	 * Ask to write one line.
	 * @return whether to write it, and how many lines were left unwritten in the previous
	 * second when this is the first line of a new one
	 */
	Admission admit() {
		long now = this.nanoTime.getAsLong() / SECOND;
		long current = this.window.get();
		int unwrittenBefore = 0;
		if (now != current && this.window.compareAndSet(current, now)) {
			unwrittenBefore = (int) this.unwritten.sumThenReset();
			this.written.set(0);
		}
		if (this.written.get() < this.perSecond && this.written.incrementAndGet() <= this.perSecond) {
			return new Admission(true, unwrittenBefore);
		}
		this.unwritten.increment();
		return new Admission(false, unwrittenBefore);
	}

	/**
	 * The answer to one request to write.
	 *
	 * @param write whether to write the line
	 * @param unwrittenBefore lines not written in the previous window, to report once
	 */
	record Admission(boolean write, int unwrittenBefore) {

	}

}
