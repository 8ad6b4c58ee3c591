package io.icebroker.misconfiguration;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the valid value closest to a mistyped one, when it is close enough to
 * be a typo.
 */
public final class Suggestions {

	private static final int MAX_EDITS = 2;

	private Suggestions() {
	}

	/**
	 * The valid value within two edits of the given one, ignoring case.
	 */
	public static Optional<String> closest(String value, Collection<String> valid) {
		String typed = value.toLowerCase(Locale.ROOT);
		// Of two equally near values, the one sharing more of its start: 'of' is 'off'.
		return valid.stream()
			.filter((candidate) -> distance(typed, candidate.toLowerCase(Locale.ROOT)) <= MAX_EDITS)
			.min(Comparator.comparingInt((String candidate) -> distance(typed, candidate.toLowerCase(Locale.ROOT)))
				.thenComparing((candidate) -> -commonPrefix(typed, candidate.toLowerCase(Locale.ROOT))));
	}

	/**
	 * " Did you mean 'x'?" for a near miss, or nothing.
	 */
	public static String didYouMean(String value, Collection<String> valid) {
		return closest(value, valid).map((candidate) -> " Did you mean '" + candidate + "'?").orElse("");
	}

	private static int commonPrefix(String left, String right) {
		int length = 0;
		while (length < left.length() && length < right.length() && left.charAt(length) == right.charAt(length)) {
			length++;
		}
		return length;
	}

	// Levenshtein distance; the strings are configuration values, a few dozen characters.
	static int distance(String left, String right) {
		int[] previous = new int[right.length() + 1];
		int[] current = new int[right.length() + 1];
		for (int column = 0; column <= right.length(); column++) {
			previous[column] = column;
		}
		for (int row = 1; row <= left.length(); row++) {
			current[0] = row;
			for (int column = 1; column <= right.length(); column++) {
				int substitution = previous[column - 1] + ((left.charAt(row - 1) == right.charAt(column - 1)) ? 0 : 1);
				current[column] = Math.min(substitution, Math.min(previous[column], current[column - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[right.length()];
	}

}
