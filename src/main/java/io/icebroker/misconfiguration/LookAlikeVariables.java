package io.icebroker.misconfiguration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says at startup, once per variable, when the environment holds a variable the service
 * does not read but that looks like one it does ({@code TWILIO_TOKEN},
 * {@code twilio_auth_token}, {@code TWILLIO_AUTH_TOKEN}): the most common reason a
 * configured provider is "NOT found". Names only, never values.
 */
@Component
class LookAlikeVariables implements ApplicationListener<ApplicationStartedEvent> {

	private static final Logger logger = LoggerFactory.getLogger("icebroker.turn");

	/**
	 * Names people write for the ones the service reads, from provider dashboards and
	 * other projects' READMEs.
	 */
	private static final Map<String, String> KNOWN_ALIASES = Map.of("TWILIO_SID", "TWILIO_ACCOUNT_SID", "TWILIO_TOKEN",
			"TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_KEY_SID", "TWILIO_API_SECRET", "TWILIO_API_KEY_SECRET",
			"CLOUDFLARE_KEY", "CLOUDFLARE_TURN_KEY", "CLOUDFLARE_TOKEN", "CLOUDFLARE_API_TOKEN",
			"CLOUDFLARE_TURN_TOKEN", "CLOUDFLARE_API_TOKEN", "METERED_KEY", "METERED_API_KEY", "METERED_APP",
			"METERED_APP_NAME");

	// Too short to compare by edits without flagging unrelated variables (PATH, HOME).
	private static final int MIN_FUZZY_LENGTH = 8;

	private final Set<String> environment;

	private final Set<String> read;

	LookAlikeVariables() {
		this(System.getenv().keySet(), EnvironmentVariables.fromApplicationYaml().names());
	}

	LookAlikeVariables(Set<String> environment, Set<String> read) {
		this.environment = new TreeSet<>(environment);
		this.read = Set.copyOf(read);
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		for (String name : this.environment) {
			meant(name).ifPresent((meant) -> logger.atWarn()
				.addKeyValue("step", "startup")
				.addKeyValue("variable", meant)
				.log("[TURN] ⚠️ {} is set but IceBroker reads {}: rename it", name, meant));
		}
	}

	/**
	 * The variable a name was probably meant to be.
	 * @param name a variable in the environment
	 * @return the variable the service reads that it looks like, or empty when it is one
	 * of those, or like none of them
	 */
	Optional<String> meant(String name) {
		if (this.read.contains(name)) {
			return Optional.empty();
		}
		String upper = name.toUpperCase(Locale.ROOT);
		String alias = KNOWN_ALIASES.get(upper);
		if (alias != null && !this.environment.contains(alias)) {
			return Optional.of(alias);
		}
		if (this.read.contains(upper)) {
			return this.environment.contains(upper) ? Optional.empty() : Optional.of(upper);
		}
		if (upper.length() < MIN_FUZZY_LENGTH) {
			return Optional.empty();
		}
		List<String> candidates = this.read.stream().filter((known) -> known.length() >= MIN_FUZZY_LENGTH).toList();
		return Suggestions.closest(upper, candidates).filter((meant) -> !this.environment.contains(meant));
	}

}
