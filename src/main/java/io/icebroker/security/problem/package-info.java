/**
 * RFC 9457 problem bodies for every error this service answers, including the ones that
 * never reach a controller.
 */
@NullMarked
package io.icebroker.security.problem;

import org.jspecify.annotations.NullMarked;
