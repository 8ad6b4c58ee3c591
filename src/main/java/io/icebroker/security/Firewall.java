package io.icebroker.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its character rules for header names,
 * values and parameter names checked without the regular expressions it would match on
 * every read; {@code FirewallTests} compares them for every code point.
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
