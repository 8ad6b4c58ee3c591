/**
 * Starting from Spring AOT's bean definitions, which the image's jar carries, and
 * starting without them when a run needs beans they do not hold.
 */
@NullMarked
package io.icebroker.aot;

import org.jspecify.annotations.NullMarked;
