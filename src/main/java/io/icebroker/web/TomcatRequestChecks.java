package io.icebroker.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Checks of the request line that only Tomcat's own request can make, before any filter
 * runs.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class TomcatRequestChecks implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final Problems problems;

	TomcatRequestChecks(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new RequestLineRefusal(this.problems));
	}

}
