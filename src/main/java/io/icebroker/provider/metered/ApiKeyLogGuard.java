package io.icebroker.provider.metered;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import io.icebroker.logging.SecretForms;
import io.icebroker.logging.SecretLogLineFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Keeps the Metered API key out of every log line. RestClient never sees the key
 * ({@link ApiKeyQueryParameter} adds it below), but the JDK HttpClient must, and its own
 * debug logger ({@code jdk.internal.httpclient.debug}, switched on by any DEBUG level
 * that covers it, root included) prints each request URI. So a line carrying the key, in
 * any of its {@link SecretForms}, is dropped before any appender sees it. Installed only
 * with Logback, Spring Boot's default, and re-installed if Logback is reset.
 */
@Component
class ApiKeyLogGuard implements InitializingBean, DisposableBean {

	private final @Nullable String apiKey;

	private @Nullable Installation installation;

	ApiKeyLogGuard(MeteredProperties properties) {
		this.apiKey = properties.apiKey();
	}

	@Override
	public void afterPropertiesSet() {
		if (StringUtils.hasText(this.apiKey) && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			this.installation = new Installation(context,
					new SecretLogLineFilter("metered-api-key", SecretForms.of(this.apiKey)));
			this.installation.install();
		}
	}

	@Override
	public void destroy() {
		if (this.installation != null) {
			this.installation.uninstall();
			this.installation = null;
		}
	}

	static final class Installation implements LoggerContextListener {

		private final LoggerContext context;

		private final SecretLogLineFilter filter;

		Installation(LoggerContext context, SecretLogLineFilter filter) {
			this.context = context;
			this.filter = filter;
		}

		void install() {
			this.filter.setContext(this.context);
			this.filter.start();
			this.context.addTurboFilter(this.filter);
			this.context.addListener(this);
		}

		void uninstall() {
			this.context.removeListener(this);
			this.context.getTurboFilterList().remove(this.filter);
			this.filter.stop();
		}

		@Override
		public boolean isResetResistant() {
			return true;
		}

		@Override
		public void onReset(LoggerContext context) {
			// A reset clears every turbo filter, and Spring Boot resets Logback when it
			// initializes logging again.
			if (!context.getTurboFilterList().contains(this.filter)) {
				context.addTurboFilter(this.filter);
			}
		}

		@Override
		public void onStart(LoggerContext context) {
		}

		@Override
		public void onStop(LoggerContext context) {
		}

		@Override
		public void onLevelChange(Logger logger, Level level) {
		}

	}

}
