package io.icebroker.logging;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;

/**
 * Drops every log line that would carry a secret, in its message, its arguments, its
 * key-values or its exception messages. Only lines that would be written are inspected.
 */
public final class SecretLogLineFilter extends TurboFilter {

	private final List<String> secrets;

	public SecretLogLineFilter(String name, List<String> secrets) {
		this.secrets = secrets.stream().filter((secret) -> !secret.isEmpty()).distinct().toList();
		setName(name);
	}

	@Override
	public FilterReply decide(@Nullable Marker marker, Logger logger, @Nullable Level level, @Nullable String format,
			@Nullable Object @Nullable [] params, @Nullable Throwable throwable) {
		if (format == null || !enabled(logger, level)) {
			return FilterReply.NEUTRAL;
		}
		return (carries(format) || carries(params) || carries(throwable)) ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

	@Override
	public FilterReply decide(Logger logger, LoggingEvent event) {
		FilterReply reply = super.decide(logger, event);
		if (reply == FilterReply.NEUTRAL && event.getKeyValuePairs() != null) {
			for (KeyValuePair pair : event.getKeyValuePairs()) {
				if (carries(pair.key) || carries(String.valueOf(pair.value))) {
					return FilterReply.DENY;
				}
			}
		}
		return reply;
	}

	private static boolean enabled(Logger logger, @Nullable Level level) {
		// Not logger.isEnabledFor(level): that asks the turbo filters again.
		return level != null && level.isGreaterOrEqual(logger.getEffectiveLevel());
	}

	private boolean carries(@Nullable Object @Nullable [] params) {
		if (params != null) {
			for (Object param : params) {
				if (param instanceof Throwable throwable ? carries(throwable) : carries(String.valueOf(param))) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean carries(@Nullable Throwable throwable) {
		for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
			if (carries(String.valueOf(cause.getMessage()))) {
				return true;
			}
		}
		return false;
	}

	private boolean carries(String text) {
		for (String secret : this.secrets) {
			if (text.contains(secret)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "SecretLogLineFilter[" + this.secrets.size() + " secret forms]";
	}

}
