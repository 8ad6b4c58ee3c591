package io.icebroker.misconfiguration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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

	// Too short to compare by edits without flagging unrelated variables (PATH, HOME).
	private static final int MIN_FUZZY_LENGTH = 8;

	private final Set<String> environment;

	private final Set<String> read;

	private final Map<String, String> aliases;

	@Autowired
	LookAlikeVariables(ObjectProvider<VariableAliases> aliases) {
		this(System.getenv().keySet(), EnvironmentVariables.fromApplicationYaml().names(), aliases.orderedStream()
			.flatMap((declared) -> declared.aliases().entrySet().stream())
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first)));
	}

	LookAlikeVariables(Set<String> environment, Set<String> read, Map<String, String> aliases) {
		this.environment = new TreeSet<>(environment);
		this.read = Set.copyOf(read);
		this.aliases = Map.copyOf(aliases);
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

	Optional<String> meant(String name) {
		if (this.read.contains(name)) {
			return Optional.empty();
		}
		String upper = name.toUpperCase(Locale.ROOT);
		String alias = this.aliases.get(upper);
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
