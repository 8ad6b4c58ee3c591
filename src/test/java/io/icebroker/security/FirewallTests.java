package io.icebroker.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FirewallTests {

	// StrictHttpFirewall's own patterns (private there), as of Spring Security 7.1.
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void acceptsTheNamesSpringSecuritysPatternAcceptsForEveryCodePoint() {
		assertThat(disagreements(Firewall::isAssignedAndNotControl, NAMES)).isEmpty();
	}

	@Test
	void acceptsTheValuesSpringSecuritysPatternAcceptsForEveryCodePoint() {
		assertThat(disagreements(Firewall::isAssignedAndNotControlOrTab, VALUES)).isEmpty();
	}

	@Test
	void judgesTheWholeTextNotJustItsAsciiStart() {
		for (String text : List.of("X-User-Id", "na\u00efve", "tab\there", "bell\u0007", "next-line\u0085",
				"\ud83d\ude00 face", "lone \ud800 surrogate", "", "unassigned \u0378")) {
			assertThat(Firewall.isAssignedAndNotControl(text)).as(text).isEqualTo(NAMES.matcher(text).matches());
			assertThat(Firewall.isAssignedAndNotControlOrTab(text)).as(text).isEqualTo(VALUES.matcher(text).matches());
		}
	}

	@Test
	void rejectsAControlCharacterInAHeaderAsTheDefaultFirewallDoes() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/turn/credentials");
		request.addHeader("X-User-Id", "alice\u0085");
		request.addHeader("X-Tabbed", "a\tb");

		for (StrictHttpFirewall firewall : List.of(new StrictHttpFirewall(), Firewall.strict())) {
			var firewalled = firewall.getFirewalledRequest(request);
			assertThatExceptionOfType(RequestRejectedException.class)
				.isThrownBy(() -> firewalled.getHeader("X-User-Id"));
			assertThat(firewalled.getHeader("X-Tabbed")).isEqualTo("a\tb");
		}
	}

	private static List<String> disagreements(Predicate<String> predicate, Pattern pattern) {
		List<String> disagreements = new ArrayList<>();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + new String(Character.toChars(codePoint));
			if (predicate.test(text) != pattern.matcher(text).matches()) {
				disagreements.add(Integer.toHexString(codePoint));
			}
		}
		return disagreements;
	}

}
