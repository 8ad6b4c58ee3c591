/**
 * Misconfiguration: a variable the service cannot run with stops start-up with Spring
 * Boot's "APPLICATION FAILED TO START" block naming the variable and the fix, not a stack
 * trace.
 */
@NullMarked
package io.icebroker.misconfiguration;

import org.jspecify.annotations.NullMarked;
