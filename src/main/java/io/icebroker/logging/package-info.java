/**
 * Logging guards that no feature owns: the forms a secret travels in, and a Logback
 * filter that drops any line still carrying one.
 */
@NullMarked
package io.icebroker.logging;

import org.jspecify.annotations.NullMarked;
