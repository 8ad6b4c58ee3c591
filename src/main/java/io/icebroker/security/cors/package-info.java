/**
 * From which browser origins: the CORS rules of {@code /turn/credentials}.
 */
@NullMarked
package io.icebroker.security.cors;

import org.jspecify.annotations.NullMarked;
