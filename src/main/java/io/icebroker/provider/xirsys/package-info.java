/**
 * Xirsys: ICE servers from {@code PUT /_turn/<channel>} with HTTP Basic
 * {@code ident:secret}, whose errors arrive as {@code 200} answers saying
 * {@code "s": "error"}.
 */
@NullMarked
package io.icebroker.provider.xirsys;

import org.jspecify.annotations.NullMarked;
