package io.icebroker.web;

import java.util.Arrays;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorReportValve} where Tomcat's error report valve was. Runs after
 * Spring Boot's own customizer, which installs a plain {@link ErrorReportValve}.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class TomcatProblemPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final Problems problems;

	TomcatProblemPages(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Host host = (Host) context.getParent();
			Arrays.stream(host.getPipeline().getValves())
				.filter(ErrorReportValve.class::isInstance)
				.forEach((Valve valve) -> host.getPipeline().removeValve(valve));
			if (host instanceof StandardHost standardHost) {
				// Tomcat adds a valve of this class when the host starts unless one is
				// there, as the one added below is.
				standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
			host.getPipeline().addValve(new ProblemErrorReportValve(this.problems));
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
