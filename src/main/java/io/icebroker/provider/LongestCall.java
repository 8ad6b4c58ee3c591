package io.icebroker.provider;

import java.time.Duration;

/**
 * The longest one call to a provider's API can take before its HTTP client gives up.
 *
 * @param duration the bound, retries included
 * @param settings the variables that make it up, as operators set them, such as
 * {@code TWILIO_CONNECT_TIMEOUT + TWILIO_READ_TIMEOUT, 3 attempts}
 */
public record LongestCall(Duration duration, String settings) {

	/**
	 * A call bounded by a connect and a read timeout, made once.
	 * @param prefix the provider's variable prefix, such as {@code CLOUDFLARE}
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @return the bound
	 */
	public static LongestCall of(String prefix, Duration connectTimeout, Duration readTimeout) {
		return new LongestCall(connectTimeout.plus(readTimeout),
				prefix + "_CONNECT_TIMEOUT + " + prefix + "_READ_TIMEOUT");
	}

}
