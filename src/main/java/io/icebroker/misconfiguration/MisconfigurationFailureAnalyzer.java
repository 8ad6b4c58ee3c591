package io.icebroker.misconfiguration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a {@link MisconfigurationException} as Boot's failure block: the variable and
 * what is wrong as the description, the fix as the action. It comes before Boot's own
 * analyzers, so that a {@link MisconfigurationException} thrown while a
 * {@code @ConfigurationProperties} record is bound is reported in the variable's words,
 * not as a bind failure of a Spring property with the exception's text.
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
