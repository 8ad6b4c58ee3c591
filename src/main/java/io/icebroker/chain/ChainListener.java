package io.icebroker.chain;

/**
 * Told about every attempt and every answer of the chain: metrics, the status endpoint
 * and anything else that observes providers plug in here, as beans, without touching the
 * chain.
 */
public interface ChainListener {

	/**
	 * A provider was asked, or skipped.
	 * @param attempt what happened
	 */
	default void attempted(Attempt attempt) {
	}

	/**
	 * The chain answered a request.
	 * @param result the answer
	 */
	default void answered(ChainResult result) {
	}

}
