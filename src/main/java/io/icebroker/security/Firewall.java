package io.icebroker.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its rules for header names, header
 * values and parameter names checked without a regular expression, which it would match
 * on every read of one. These predicates accept exactly what its patterns accept
 * ({@code FirewallTests} compares them for every code point), with a fast path for
 * printable ASCII.
 */
final class Firewall {

	private Firewall() {
	}

	static StrictHttpFirewall strict() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(Firewall::isAssignedAndNotControl);
		firewall.setAllowedHeaderValues(Firewall::isAssignedAndNotControlOrTab);
		firewall.setAllowedParameterNames(Firewall::isAssignedAndNotControl);
		return firewall;
	}

	/**
	 * What {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} matches.
	 */
	static boolean isAssignedAndNotControl(String text) {
		return allowed(text, false);
	}

	/**
	 * What {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} matches.
	 */
	static boolean isAssignedAndNotControlOrTab(String text) {
		return allowed(text, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int length = text.length();
		int index = 0;
		while (index < length) {
			char character = text.charAt(index);
			if (character >= 0x20 && character < 0x7f) {
				index++;
				continue;
			}
			int codePoint = text.codePointAt(index);
			if (!(tab && codePoint == '\t') && (!Character.isDefined(codePoint) || Character.isISOControl(codePoint))) {
				return false;
			}
			index += Character.charCount(codePoint);
		}
		return true;
	}

}
