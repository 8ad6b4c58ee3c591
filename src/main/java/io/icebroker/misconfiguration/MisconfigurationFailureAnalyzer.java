package io.icebroker.misconfiguration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MisconfigurationException} as Boot's failure block: the variable and
 * what is wrong as the description, the fix as the action.
 */
class MisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MisconfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MisconfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
