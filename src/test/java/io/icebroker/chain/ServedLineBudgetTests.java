package io.icebroker.chain;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServedLineBudgetTests {

	private final AtomicLong nanoTime = new AtomicLong(5_000_000_000L);

	private final ServedLineBudget servedLines = new ServedLineBudget(3, this.nanoTime::get);

	@Test
	void writesUpToTheBudgetInOneSecondThenCountsTheRest() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.servedLines.admit()).isEqualTo(new ServedLineBudget.Admission(true, 0));
		}
		assertThat(this.servedLines.admit()).isEqualTo(new ServedLineBudget.Admission(false, 0));
		assertThat(this.servedLines.admit()).isEqualTo(new ServedLineBudget.Admission(false, 0));
	}

	@Test
	void reportsOnceHowManyLinesWereNotWrittenWhenTheNextSecondStarts() {
		for (int i = 0; i < 7; i++) {
			this.servedLines.admit();
		}
		this.nanoTime.addAndGet(1_000_000_000L);
		assertThat(this.servedLines.admit()).isEqualTo(new ServedLineBudget.Admission(true, 4));
		assertThat(this.servedLines.admit()).isEqualTo(new ServedLineBudget.Admission(true, 0));
	}

}
