package io.icebroker.probe;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar icebroker.jar --probe[=all|=<id>]}: starts without a web server (so it
 * runs beside the service), probes what the chain serves, every configured provider or
 * one, prints a table, and exits 0 when a TURN URL relays, 1 when none does, 2 when the
 * probe could not run.
 */
public final class ProbeCommand {

	private static final String OPTION = "--probe";

	static final int RELAY_WORKS = 0;

	static final int NO_RELAY = 1;

	static final int NOT_RUN = 2;

	private ProbeCommand() {
	}

	public static boolean requested(String[] args) {
		return Arrays.stream(args).anyMatch((arg) -> arg.equals(OPTION) || arg.startsWith(OPTION + "="));
	}

	public static int run(Class<?> source, String[] args) {
		return run(source, args, System.out);
	}

	static int run(Class<?> source, String[] args, PrintStream out) {
		Optional<String> scope = scope(args);
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		ConfigurableApplicationContext context;
		try {
			context = application.run(args);
		}
		catch (RuntimeException ex) {
			// Spring Boot has logged why; its message may quote configuration values.
			out.println("TURN probe could not start: see the log above.");
			return NOT_RUN;
		}
		TurnProber prober = context.getBean(TurnProber.class);
		if (scope.isPresent() && !scope.get().equals("all") && !prober.providerIds().contains(scope.get())) {
			out.println("Unknown provider; use --probe, --probe=all or --probe=<id> with one of "
					+ String.join(", ", prober.providerIds()) + ".");
			return SpringApplication.exit(context, () -> NOT_RUN);
		}
		ProbeReport report = scope.isEmpty() ? prober.probeChain()
				: prober.probeProviders(scope.get().equals("all") ? Optional.empty() : scope);
		out.print(ProbeTable.render(ProbeReportView.of(report, null, true)));
		out.flush();
		int status = report.relayWorks() ? RELAY_WORKS : NO_RELAY;
		return SpringApplication.exit(context, () -> status);
	}

	/**
	 * What {@code --probe=…} asks for.
	 */
	static Optional<String> scope(String[] args) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(OPTION + "="))
			.map((arg) -> arg.substring(OPTION.length() + 1).strip())
			.filter((value) -> !value.isEmpty() && !value.equals("chain"))
			.findFirst();
	}

}
