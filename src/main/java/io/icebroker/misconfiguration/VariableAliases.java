package io.icebroker.misconfiguration;

import java.util.Map;

/**
 * Names people write for variables the service reads, declared by the feature that reads
 * them (from its provider's dashboard, or other projects' READMEs), so that startup can
 * say which variable was probably meant. Any bean may declare them.
 */
public interface VariableAliases {

	Map<String, String> aliases();

}
