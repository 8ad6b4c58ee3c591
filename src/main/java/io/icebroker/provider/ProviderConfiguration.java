package io.icebroker.provider;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Which of a provider's environment variables are set. Names only: a value never enters
 * this type.
 *
 * @param present the names of required variables that are set
 * @param missing the names of required variables that are blank
 * @param warnings facts operators should read at startup, such as a fallback without any
 * TURN server
 */
public record ProviderConfiguration(List<String> present, List<String> missing, List<String> warnings) {

	public ProviderConfiguration {
		present = List.copyOf(present);
		missing = List.copyOf(missing);
		warnings = List.copyOf(warnings);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A configured value without surrounding white space.
	 * @param value the value as bound
	 * @return the value stripped, or {@code null} when it was
	 */
	public static @Nullable String stripped(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

	public boolean configured() {
		return this.missing.isEmpty();
	}

	/**
	 * Some variables set and others not: a misconfiguration operators must hear about.
	 * @return whether the configuration is half done
	 */
	public boolean incomplete() {
		return !this.present.isEmpty() && !this.missing.isEmpty();
	}

	/**
	 * Collects required variables in the order they should be reported.
	 */
	public static final class Builder {

		private final List<String> present = new ArrayList<>();

		private final List<String> missing = new ArrayList<>();

		private final List<String> warnings = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Require a variable.
		 * @param name the environment variable's name
		 * @param value its value, only checked for being non-blank
		 * @return this builder
		 */
		public Builder require(String name, @Nullable String value) {
			(StringUtils.hasText(value) ? this.present : this.missing).add(name);
			return this;
		}

		public Builder warn(String warning) {
			this.warnings.add(warning);
			return this;
		}

		public ProviderConfiguration build() {
			return new ProviderConfiguration(this.present, this.missing, this.warnings);
		}

	}

}
