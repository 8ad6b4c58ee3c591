/**
 * Logging guards that no feature owns: a Logback filter that drops any line still
 * carrying a secret.
 */
@NullMarked
package io.icebroker.logging;

import org.jspecify.annotations.NullMarked;
