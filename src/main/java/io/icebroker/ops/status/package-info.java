/**
 * The {@code /actuator/turn} endpoint: each provider's configuration, last success and
 * last error, plus facts other features contribute such as circuit state.
 */
@NullMarked
package io.icebroker.ops.status;

import org.jspecify.annotations.NullMarked;
