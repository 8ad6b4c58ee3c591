package io.icebroker.clientaddress;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at startup, in one line, where client addresses come from: the rate limit keys on
 * them, so an operator behind a proxy needs to know at once whether they are real.
 */
// The --probe command runs without a web server and serves no client.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class ClientAddressReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ClientAddressReport.class);

	private final ClientAddressSource source;

	private final Environment environment;

	ClientAddressReport(ClientAddressSource source, Environment environment) {
		this.source = source;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		logger.atInfo()
			.addKeyValue("step", "startup")
			.addKeyValue("clientAddress", this.source.kind().name().toLowerCase(Locale.ROOT))
			.log("[TURN] Client address: {}", describe());
	}

	private String describe() {
		String header = this.environment.getProperty("server.tomcat.remoteip.remote-ip-header", "");
		if (!header.equals(this.source.header())) {
			return header + " from peers in " + this.environment.getProperty("server.tomcat.remoteip.internal-proxies")
					+ " (SERVER_TOMCAT_REMOTEIP_* set directly)";
		}
		return this.source.describe();
	}

}
