package io.icebroker.misconfiguration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a {@link MisconfigurationException} as Boot's failure block. Ordered before
 * Boot's analyzers, so that one thrown while a {@code @ConfigurationProperties} record
 * binds is not reported as a bind failure of a Spring property.
 */
class MisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MisconfigurationException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MisconfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
