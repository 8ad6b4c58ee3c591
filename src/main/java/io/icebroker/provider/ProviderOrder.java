package io.icebroker.provider;

import java.util.Collection;
import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;
import io.icebroker.misconfiguration.Suggestions;

/**
 * The check of {@code TURN_PROVIDER_ORDER} against the providers there are.
 */
public final class ProviderOrder {

	private ProviderOrder() {
	}

	/**
	 * Refuse an order that names an id no provider has.
	 * @param order the ids of {@code TURN_PROVIDER_ORDER}
	 * @param known every provider's id, in the order they should be listed
	 * @throws MisconfigurationException naming the first unknown id, every known one and,
	 * for a near miss, the id meant
	 */
	public static void requireKnown(List<String> order, Collection<String> known) {
		List<String> valid = List.copyOf(known);
		for (String id : order) {
			if (!valid.contains(id)) {
				throw new MisconfigurationException("TURN_PROVIDER_ORDER",
						"names '" + MisconfigurationException.printable(id) + "', which is not a provider",
						"Set TURN_PROVIDER_ORDER to comma-separated provider ids, tried in that order, from: "
								+ String.join(", ", valid) + "." + Suggestions.didYouMean(id, valid));
			}
		}
	}

}
