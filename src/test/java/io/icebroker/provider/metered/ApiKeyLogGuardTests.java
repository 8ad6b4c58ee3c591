package io.icebroker.provider.metered;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.icebroker.TestSecrets;
import io.icebroker.logging.SecretForms;
import io.icebroker.logging.SecretLogLineFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyLogGuardTests {

	private static final String KEY = TestSecrets.METERED_API_KEY + "+/=";

	private static final String ENCODED_KEY = ApiKeyQueryParameter.encode(KEY);

	// A context of its own, so that resetting it leaves the test run's logging alone.
	private final LoggerContext context = new LoggerContext();

	private final ApiKeyLogGuard.Installation installation = new ApiKeyLogGuard.Installation(this.context,
			new SecretLogLineFilter("metered-api-key", SecretForms.of(KEY)));

	private ListAppender<ILoggingEvent> appender;

	private Logger logger;

	@BeforeEach
	void logToAList() {
		this.context.start();
		attachAppender();
	}

	@Test
	void dropsEveryLineThatCarriesTheKeyInAnyForm() {
		this.installation.install();

		this.logger.debug("send http://localhost/api/v1/turn/credentials?apiKey=" + ENCODED_KEY + " GET");
		this.logger.info("calling {}", "https://myapp.metered.live/api/v1/turn/credentials?apiKey=" + KEY);
		this.logger.warn("request failed", new IOException("GET ?apiKey=" + ENCODED_KEY + " timed out"));
		this.logger.atInfo().addKeyValue("url", "?apiKey=" + KEY).log("request");
		this.logger.info("body {}", Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
		this.logger.info("[TURN] Calling Metered API to create token...");

		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("[TURN] Calling Metered API to create token...");
	}

	@Test
	void staysInstalledWhenLogbackIsReset() {
		this.installation.install();

		this.context.reset();
		attachAppender();
		this.logger.info("apiKey=" + KEY);
		this.logger.info("after reset");

		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after reset");
	}

	@Test
	void letsLinesThroughOnceUninstalled() {
		this.installation.install();
		this.installation.uninstall();

		this.logger.info("apiKey={}", KEY);

		assertThat(this.context.getTurboFilterList()).isEmpty();
		assertThat(this.appender.list).hasSize(1);
	}

	private void attachAppender() {
		this.appender = new ListAppender<>();
		this.appender.setContext(this.context);
		this.appender.start();
		this.logger = this.context.getLogger("test");
		this.logger.setLevel(Level.TRACE);
		this.logger.addAppender(this.appender);
	}

}
